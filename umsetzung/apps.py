from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UmsetzungConfig(AppConfig):
    """The strategy at work: the Stadtbezirke it reaches and the statuses of its measures
    (goals, measures, funding and reports follow)."""

    name = "umsetzung"
    verbose_name = _("Implementation: districts and statuses")
