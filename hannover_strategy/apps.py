from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HannoverStrategyConfig(AppConfig):
    name = "hannover_strategy"
    verbose_name = _("Portal")
