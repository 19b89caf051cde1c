from django.apps import AppConfig


class UpgradeConfig(AppConfig):
    """Carries a database of the first layout, where the project package held the portal's
    own models, over to the apps that own them now. It has no code but its migration."""

    name = "upgrade"
    verbose_name = "Umzug der Datenbank"
