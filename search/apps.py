from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search across the published content: the index and the search page."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .index import connect_signals  # imports models: only once apps load

        # Every save and delete of content updates the search entries.
        connect_signals()
