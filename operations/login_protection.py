"""django-axes (it pauses sign-in after repeated failed attempts), named for staff.

In its own module: a second AppConfig in apps.py would stop Django from picking
OperationsConfig for the operations app on its own."""

from axes.apps import AppConfig as AxesAppConfig


class LoginProtectionConfig(AxesAppConfig):
    verbose_name = "Anmeldeschutz"
