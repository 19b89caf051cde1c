"""Translation state of content objects: what exists, what is reviewed, what is outdated.

States are kept per language and per group of fields reviewed together (``Group``): the
city's text (``official``) and the editors' own words (``editorial``). Reviewing one group
says nothing about the other.

Rules (the admin and the content loader both follow them), per language and group:

- A group without any translated text for an object is ``missing``.
- Translated text that was written or changed (by the loader or an editor) and not yet
  marked reviewed is ``unreviewed`` (shown as “machine translated, not reviewed”).
- When the German text of a group changes, its ``unreviewed`` or ``reviewed``
  translations become ``outdated`` (those of the other group stay), unless the editor
  marks the change as minor.
- Every object has an official state per language; an editorial state only while it has
  German editorial text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .languages import target_languages
from .models import TranslationState

State = TranslationState.State
Group = TranslationState.Group
OFFICIAL, EDITORIAL = Group.OFFICIAL.value, Group.EDITORIAL.value
#: (language, group): one state of an object
Key = tuple[str, str]


@functools.cache
def translated_fields(model) -> tuple[str, ...]:
    """Names of the model's translated fields (without language suffix). Fixed once the
    apps are loaded (translation.py registers them), so kept per model."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


@functools.cache
def group_fields(model, group: str) -> tuple[str, ...]:
    """The translated fields of ``model`` in ``group``."""
    editorial = set(getattr(model, "EDITORIAL_TRANSLATED_FIELDS", ()))
    return tuple(
        field for field in translated_fields(model) if (field in editorial) == (group == EDITORIAL)
    )


def group_of(model, field: str) -> str:
    return EDITORIAL if field in group_fields(model, EDITORIAL) else OFFICIAL


@functools.cache
def column(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


@functools.cache
def _columns(model) -> dict[str, tuple[str, str]]:
    """Every translation column of ``model`` → (its language, its group)."""
    return {
        column(field, code): (code, group_of(model, field))
        for field in translated_fields(model)
        for code, _name in settings.LANGUAGES
    }


def changed_text(model, columns: Iterable[str]) -> tuple[set[str], set[Key]]:
    """What the changed ``columns`` hold: the groups whose German text changed, and the
    (language, group) translations that were written."""
    source_changed, written = set(), set()
    for name in columns:
        if name not in _columns(model):
            continue
        language, group = _columns(model)[name]
        if language == settings.SOURCE_LANGUAGE:
            source_changed.add(group)
        else:
            written.add((language, group))
    return source_changed, written


def source_fields_with_text(obj, group: str = OFFICIAL) -> list[str]:
    """Translated fields of ``group`` whose German text is not empty: these need a
    translation."""
    return [
        field
        for field in group_fields(obj.__class__, group)
        if (getattr(obj, column(field, settings.SOURCE_LANGUAGE)) or "").strip()
    ]


def groups_with_text(obj) -> list[str]:
    """The groups of ``obj`` that have German text (official first)."""
    return [group for group in (OFFICIAL, EDITORIAL) if source_fields_with_text(obj, group)]


def has_text(obj, field: str, language: str) -> bool:
    return bool((getattr(obj, column(field, language)) or "").strip())


def has_any_translation(obj, language: str, group: str = OFFICIAL) -> bool:
    return any(has_text(obj, field, language) for field in source_fields_with_text(obj, group))


def states_for(obj) -> dict[Key, TranslationState]:
    """The states of ``obj`` by (language, group)."""
    content_type = ContentType.objects.get_for_model(obj)
    return {
        (state.language, state.group): state
        for state in TranslationState.objects.filter(content_type=content_type, object_id=obj.pk)
    }


def update_states(
    obj,
    *,
    written: Iterable[Key] = (),
    source_changed: Iterable[str] = (),
    keep: Iterable[Key] = (),
) -> None:
    """Bring the states of ``obj`` up to date after a save.

    ``written``: (language, group) whose translated text was just written.
    ``source_changed``: the groups whose German text changed (not as a minor change).
    ``keep``: (language, group) whose state an editor set explicitly in this save.
    """
    stale, changed = _changes(obj, states_for(obj), set(written), set(source_changed), set(keep))
    if stale:  # the German editorial text is gone: so are its states
        TranslationState.objects.filter(pk__in=stale).delete()
    for state in changed:
        state.save()


def update_states_of_many(items: Iterable[tuple[object, Iterable[Key], Iterable[str]]]) -> None:
    """``update_states`` for many saved objects of one model (a bulk import): ``items`` are
    ``(obj, written, source_changed)``; the same rules, in a few queries for all."""
    items = list(items)
    if not items:
        return
    content_type = ContentType.objects.get_for_model(items[0][0])
    existing: dict[int, dict[Key, TranslationState]] = {}
    for state in TranslationState.objects.filter(
        content_type=content_type, object_id__in=[obj.pk for obj, _w, _s in items]
    ):
        existing.setdefault(state.object_id, {})[(state.language, state.group)] = state
    stale, new, updated = [], [], []
    for obj, written, source_changed in items:
        gone, changed = _changes(obj, existing.get(obj.pk, {}), set(written), set(source_changed))
        stale += gone
        new += [state for state in changed if state.pk is None]
        updated += [state for state in changed if state.pk is not None]
    if stale:
        TranslationState.objects.filter(pk__in=stale).delete()
    TranslationState.objects.bulk_create(new)
    now = timezone.now()
    for state in updated:
        state.updated_at = now
    fields = ["state", "reviewed_by", "reviewed_at", "updated_at"]
    TranslationState.objects.bulk_update(updated, fields)


def _changes(obj, existing, written, source_changed, keep=frozenset()):
    """The states of ``obj`` the rules remove (their pks) and those they change or add
    (unsaved), given its ``existing`` states by (language, group)."""
    content_type = ContentType.objects.get_for_model(obj)
    groups = {OFFICIAL, *groups_with_text(obj)}
    stale = [state.pk for (_language, group), state in existing.items() if group not in groups]
    changed = []
    for group in sorted(groups, reverse=True):  # official first
        for language in target_languages():
            key = (language, group)
            state = existing.get(key) or TranslationState(
                content_type=content_type, object_id=obj.pk, language=language, group=group
            )
            old = (state.pk, state.state, state.reviewed_by_id)
            if key not in keep:
                if not has_any_translation(obj, language, group):
                    state.state = State.MISSING
                elif key in written or state.state == State.MISSING:
                    state.state = State.UNREVIEWED
                elif group in source_changed and state.state in (State.UNREVIEWED, State.REVIEWED):
                    state.state = State.OUTDATED
                if state.state != State.REVIEWED:
                    state.reviewed_by = None
                    state.reviewed_at = None
            if (state.pk, state.state, state.reviewed_by_id) != old or state.pk is None:
                changed.append(state)
    return stale, changed


def notice_for(
    obj, language: str, state: TranslationState | None, group: str = OFFICIAL
) -> str | None:
    """Which notice a visitor reading the ``group`` text of ``obj`` in ``language`` gets.

    ``"fallback"`` (nothing translated: German shown), ``"partial"`` (some German shown),
    ``"outdated"``, ``"unreviewed"`` or None (German page, no text, or reviewed).
    ``state``: the state of that language and group.
    """
    if language == settings.SOURCE_LANGUAGE:
        return None
    fields = source_fields_with_text(obj, group)
    if not fields:
        return None
    translated = [f for f in fields if has_text(obj, f, language)]
    if not translated:
        return "fallback"
    if len(translated) < len(fields):
        return "partial"
    current = state.state if state else State.UNREVIEWED
    if current == State.OUTDATED:
        return "outdated"
    if current == State.REVIEWED:
        return None
    return "unreviewed"
