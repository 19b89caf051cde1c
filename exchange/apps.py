from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Content in and out as files: the idempotent loader of fixtures/, export, import
    and backup, the catalogue of measures as CSV/XLSX, and their management commands."""

    name = "exchange"
    verbose_name = _("Content files")

    def ready(self):
        import reversion

        from umsetzung.models import Fortschrittsmeldung, Massnahme

        # A catalogue import is one revision of the history. The admins register their
        # models with the history (autodiscovered before this runs); a model without an
        # admin yet is registered here, so that its import is recorded all the same.
        for model in (Massnahme, Fortschrittsmeldung):
            if not reversion.is_registered(model):
                reversion.register(model)
