"""Translation state of content objects: what exists, what is reviewed, what is outdated.

Rules (the admin and the content loader both follow them):

- A language without any translated text for an object is ``missing``.
- Translated text that was written or changed (by the loader or an editor) and not yet
  marked reviewed is ``unreviewed`` (shown as “machine translated, not reviewed”).
- When the German text changes, every ``unreviewed`` or ``reviewed`` translation becomes
  ``outdated``, unless the editor marks the change as minor.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .languages import target_languages
from .models import TranslationState

State = TranslationState.State


@functools.cache
def translated_fields(model) -> tuple[str, ...]:
    """Names of the model's translated fields (without language suffix). Fixed once the
    apps are loaded (translation.py registers them), so kept per model."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


@functools.cache
def column(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def source_fields_with_text(obj) -> list[str]:
    """Translated fields whose German text is not empty: these need a translation."""
    return [
        field
        for field in translated_fields(obj.__class__)
        if (getattr(obj, column(field, settings.SOURCE_LANGUAGE)) or "").strip()
    ]


def has_text(obj, field: str, language: str) -> bool:
    return bool((getattr(obj, column(field, language)) or "").strip())


def has_any_translation(obj, language: str) -> bool:
    return any(has_text(obj, field, language) for field in source_fields_with_text(obj))


def states_for(obj) -> dict[str, TranslationState]:
    content_type = ContentType.objects.get_for_model(obj)
    return {
        state.language: state
        for state in TranslationState.objects.filter(content_type=content_type, object_id=obj.pk)
    }


def update_states(
    obj,
    *,
    changed_languages: Iterable[str] = (),
    source_changed: bool = False,
    keep: Iterable[str] = (),
) -> None:
    """Bring the states of ``obj`` up to date after a save.

    ``changed_languages``: languages whose translated text was just written.
    ``source_changed``: the German text changed (and it was not a minor change).
    ``keep``: languages whose state an editor set explicitly in this save.
    """
    changed_languages, keep = set(changed_languages), set(keep)
    content_type = ContentType.objects.get_for_model(obj)
    existing = states_for(obj)
    for language in target_languages():
        state = existing.get(language) or TranslationState(
            content_type=content_type, object_id=obj.pk, language=language
        )
        old = (state.pk, state.state, state.reviewed_by_id)
        if language not in keep:
            if not has_any_translation(obj, language):
                state.state = State.MISSING
            elif language in changed_languages or state.state == State.MISSING:
                state.state = State.UNREVIEWED
            elif source_changed and state.state in (State.UNREVIEWED, State.REVIEWED):
                state.state = State.OUTDATED
            if state.state != State.REVIEWED:
                state.reviewed_by = None
                state.reviewed_at = None
        if (state.pk, state.state, state.reviewed_by_id) != old or state.pk is None:
            state.save()


def notice_for(obj, language: str, state: TranslationState | None) -> str | None:
    """Which notice a visitor reading ``obj`` in ``language`` gets, if any.

    ``"fallback"`` (nothing translated: German shown), ``"partial"`` (some German shown),
    ``"outdated"``, ``"unreviewed"`` or None (German page, or reviewed translation).
    """
    if language == settings.SOURCE_LANGUAGE:
        return None
    fields = source_fields_with_text(obj)
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
