from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeteiligungConfig(AppConfig):
    name = "beteiligung"
    verbose_name = _("Participation and Phase 2")
