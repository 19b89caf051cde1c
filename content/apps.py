from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """What every content app shares: base models, translation state, rich text,
    history, roles, the shared admin and the page-view mixins."""

    name = "content"
    verbose_name = _("Editing and translation")

    def ready(self):
        from .roles import sync_groups_after_migrate  # imports models: only once apps load

        # New content models get their permissions after migrate; keep the roles complete.
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="content-roles")
