"""The two editorial roles and what they may do.

- “Redaktion”: edits, publishes, unpublishes and deletes all content; restores history;
  manages redirects; answers feedback messages.
- “Übersetzung”: edits the translations (not the German text) and sets translation states;
  cannot add, publish, unpublish or delete anything.
- “Freigabe”: releases or rejects change drafts of published entries (content.drafts),
  never one they wrote; sees all content. Often given to a person beside “Redaktion”.

Every content model has its own ``publish`` permission (``ContentModel.publish_permission``).
The admin enforces the same rules on the server (read-only fields are ignored in a POST, a
publish attempt without the permission is answered with 403).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from .models import Aenderungsentwurf, ContentModel, TranslationState

EDITORS = "Redaktion"
TRANSLATORS = "Übersetzung"
RELEASERS = "Freigabe"
RELEASE_PERMISSION = "content.release_aenderungsentwurf"

EDITOR_CONTENT_ACTIONS = ("add", "change", "delete", "view", "publish")
TRANSLATOR_CONTENT_ACTIONS = ("change", "view")
# Models of Django's own apps that editors manage.
EDITOR_ACTIONS_OF_OTHER_APPS = {"redirects.redirect": ("add", "change", "delete", "view")}
# The single publish permission of the first layout (before every content model had its own).
LEGACY_PUBLISH_CODENAME = "publish_content"


def may_translate(user) -> bool:
    """Works on translations: the review queue, translation rounds (both roles)."""
    return user.has_perm("content.change_translationstate")


def _actions(model) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What editors and translators may do with ``model``."""
    if issubclass(model, ContentModel):
        return EDITOR_CONTENT_ACTIONS, TRANSLATOR_CONTENT_ACTIONS
    if model is TranslationState:
        # Deleting content deletes its translation states with it.
        return ("change", "view", "delete"), ("change", "view")
    if model is Aenderungsentwurf:
        return ("view",), ()
    other = EDITOR_ACTIONS_OF_OTHER_APPS.get(model._meta.label_lower)
    return getattr(model, "editor_actions", other or ()), ()


def _permissions(model, actions) -> list[Permission]:
    if not actions:
        return []
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def sync_groups() -> None:
    """Create both groups and give them their permissions (idempotent)."""
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    editor_perms, translator_perms = [], []
    for model in apps.get_models():
        editor_actions, translator_actions = _actions(model)
        editor_perms += _permissions(model, editor_actions)
        translator_perms += _permissions(model, translator_actions)
    editors.permissions.add(*editor_perms)
    translators.permissions.add(*translator_perms)
    releasers, _created = Group.objects.get_or_create(name=RELEASERS)
    releasers.permissions.add(*_releaser_permissions())
    _adopt_legacy_publish_grants()


def _releaser_permissions() -> list[Permission]:
    """Viewing all content and the drafts, and releasing them."""
    found = _permissions(Aenderungsentwurf, ("view", "release"))
    for model in apps.get_models():
        if issubclass(model, ContentModel) or model is TranslationState:
            found += _permissions(model, ("view",))
    return found


def _adopt_legacy_publish_grants() -> None:
    """Whoever held the old single publish permission gets every model's publish right."""
    legacy = Permission.objects.filter(codename=LEGACY_PUBLISH_CODENAME).first()
    if legacy is None:
        return
    publish = Permission.objects.filter(codename__startswith="publish_").exclude(pk=legacy.pk)
    for group in legacy.group_set.all():
        group.permissions.add(*publish)
    for user in legacy.user_set.all():
        user.user_permissions.add(*publish)
    legacy.delete()


def sync_groups_after_migrate(sender, **kwargs) -> None:
    """post_migrate: once the last app's permissions exist, bring the roles up to date."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        sync_groups()
