from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HannoverStrategyConfig(AppConfig):
    name = "hannover_strategy"
    verbose_name = _("Portal")

    def ready(self):
        from . import page_cache, search
        from .roles import sync_groups_after_migrate

        # Any save of content makes the cached pages obsolete and updates the search.
        page_cache.connect_signals()
        search.connect_signals()

        # New content models get their permissions after migrate; keep the roles complete.
        post_migrate.connect(sync_groups_after_migrate, sender=self)
