from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Content in and out as files: the idempotent loader of fixtures/, export, import
    and backup, the catalogue of measures as CSV/XLSX, and their management commands."""

    name = "exchange"
    verbose_name = _("Content files")
