from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeitlinienConfig(AppConfig):
    name = "leitlinien"
    verbose_name = _("Paper and Leitlinien")
