"""Translation states per group of fields: the city's text (``official``) and the editors'
own words (``editorial``) are reviewed apart.

Nothing is lost: every existing state becomes the official state, and an object with German
editorial text gets a copy of each of its states for the editorial group (same state,
reviewer and dates), since until now one state spoke for both. Objects without editorial
text get no editorial state (as ``content.translations.update_states`` keeps it).

Runs after ``upgrade.0001_first_layout``, so that the states it carries over from the first
layout are split too.
"""

from django.conf import settings
from django.db import migrations, models

OFFICIAL, EDITORIAL = "official", "editorial"
# The editorial fields of this time (``EditorialAddition.EDITORIAL_TRANSLATED_FIELDS``).
EDITORIAL_FIELDS = ("editorial_title", "editorial_text", "editorial_source_label")


def objects_with_editorial_text(apps, content_type) -> set[int]:
    """The primary keys of the objects of ``content_type`` with German editorial text."""
    try:
        model = apps.get_model(content_type.app_label, content_type.model)
    except LookupError:  # a model that no longer exists
        return set()
    names = {field.name for field in model._meta.get_fields()}
    columns = [
        column
        for name in EDITORIAL_FIELDS
        if (column := f"{name}_{settings.SOURCE_LANGUAGE}") in names
    ]
    if not columns:
        return set()
    return {
        pk
        for pk, *texts in model._base_manager.values_list("pk", *columns)
        if any((text or "").strip() for text in texts)
    }


def split_states(apps, schema_editor):
    TranslationState = apps.get_model("content", "TranslationState")
    ContentType = apps.get_model("contenttypes", "ContentType")
    existing = set(
        TranslationState.objects.filter(group=EDITORIAL).values_list(
            "content_type_id", "object_id", "language"
        )
    )
    with_text = {
        content_type.pk: objects_with_editorial_text(apps, content_type)
        for content_type in ContentType.objects.filter(
            pk__in=TranslationState.objects.values("content_type")
        )
    }
    copies = []
    for state in TranslationState.objects.filter(group=OFFICIAL).order_by("pk"):
        key = (state.content_type_id, state.object_id, state.language)
        if state.object_id not in with_text[state.content_type_id] or key in existing:
            continue
        copies.append((key, state))
    TranslationState.objects.bulk_create(
        TranslationState(
            content_type_id=state.content_type_id,
            object_id=state.object_id,
            language=state.language,
            group=EDITORIAL,
            state=state.state,
            reviewed_by_id=state.reviewed_by_id,
            reviewed_at=state.reviewed_at,
        )
        for _key, state in copies
    )
    # bulk_create stamps ``updated_at`` (auto_now) with now; update() keeps what it is told.
    for (content_type_id, object_id, language), state in copies:
        TranslationState.objects.filter(
            content_type_id=content_type_id, object_id=object_id, language=language, group=EDITORIAL
        ).update(updated_at=state.updated_at)


def join_states(apps, schema_editor):
    """Back to one state per language: the official one stays."""
    apps.get_model("content", "TranslationState").objects.filter(group=EDITORIAL).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # the states carried over from the first layout are split too
        ('upgrade', '0001_first_layout'),
        # the models whose editorial text is looked at
        ('leitlinien', '0003_publish_permission'),
        ('handlungsfelder', '0003_publish_permission'),
        ('beteiligung', '0003_publish_permission'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='translationstate',
            options={'ordering': ['content_type', 'object_id', '-group', 'language'], 'verbose_name': 'translation state', 'verbose_name_plural': 'translation status'},
        ),
        migrations.RemoveConstraint(
            model_name='translationstate',
            name='content_one_state_per_language',
        ),
        migrations.AddField(
            model_name='translationstate',
            name='group',
            field=models.CharField(choices=[('official', 'official text'), ('editorial', 'editorial addition')], default='official', max_length=10, verbose_name='text group'),
        ),
        migrations.AddConstraint(
            model_name='translationstate',
            constraint=models.UniqueConstraint(fields=('content_type', 'object_id', 'language', 'group'), name='content_one_state_per_language_and_group'),
        ),
        migrations.RunPython(split_states, join_states),
    ]
