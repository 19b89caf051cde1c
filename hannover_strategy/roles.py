"""The two editorial roles and what they may do.

- “Redaktion”: edits, publishes, unpublishes and deletes all content; restores history;
  manages redirects.
- “Übersetzung”: edits the translations (not the German text) and sets translation states;
  cannot add, publish, unpublish or delete anything.

The admin enforces the same rules on the server (read-only fields are ignored in a POST, a
publish attempt without the permission is answered with 403).
"""

EDITORS = "Redaktion"
TRANSLATORS = "Übersetzung"
CONTENT_APPS = ("leitlinien", "handlungsfelder", "beteiligung")
# The portal's own pages live in hannover_strategy beside technical models.
PORTAL_CONTENT_MODELS = (
    "seite",
    "barrierefreiheitserklaerung",
    "gebaerdensprachvideo",
    "offenedaten",
)
PUBLISH_PERMISSION = "hannover_strategy.publish_content"


def sync_groups(apps) -> None:
    """Create both groups and give them their permissions (idempotent).

    Works with the historical ``apps`` of a migration and with the real registry.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    content_types = list(ContentType.objects.filter(app_label__in=CONTENT_APPS)) + list(
        ContentType.objects.filter(app_label="hannover_strategy", model__in=PORTAL_CONTENT_MODELS)
    )
    feedback_type = ContentType.objects.filter(
        app_label="hannover_strategy", model="rueckmeldung"
    ).first()
    state_type = ContentType.objects.filter(
        app_label="hannover_strategy", model="translationstate"
    ).first()
    redirect_type = ContentType.objects.filter(app_label="redirects", model="redirect").first()

    def perms(content_type, *actions):
        if content_type is None:
            return []
        codenames = [f"{action}_{content_type.model}" for action in actions]
        return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)

    editor_perms, translator_perms = [], []
    for content_type in content_types:
        editor_perms += perms(content_type, "add", "change", "delete", "view")
        translator_perms += perms(content_type, "change", "view")
    # Deleting content deletes its translation states with it.
    editor_perms += perms(state_type, "change", "view", "delete")
    editor_perms += perms(redirect_type, "add", "change", "delete", "view")
    editor_perms += perms(feedback_type, "change", "delete", "view")
    translator_perms += perms(state_type, "change", "view")
    if state_type is not None:
        editor_perms += list(
            Permission.objects.filter(content_type=state_type, codename="publish_content")
        )
    editors.permissions.add(*editor_perms)
    translators.permissions.add(*translator_perms)


def sync_groups_after_migrate(sender, **kwargs):
    from django.apps import apps
    from django.conf import settings
    from django.contrib.sites.models import Site

    sync_groups(apps)
    # The site's public host name comes from the environment (DJANGO_SITE_DOMAIN).
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": "WIR SIND HANNOVER"}
    )
