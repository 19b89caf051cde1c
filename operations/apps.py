from django.apps import AppConfig

from . import page_cache


class OperationsConfig(AppConfig):
    """Running the portal: page cache, site-wide lookups, outage handling, logging,
    middleware and the health check. It knows nothing of the content apps."""

    name = "operations"
    verbose_name = "Betrieb"

    def ready(self):
        # Any save of content makes the cached pages obsolete.
        page_cache.connect_signals()
