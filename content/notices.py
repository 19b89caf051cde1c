"""Which translation notice a reader needs: for one object's text in the current language
(a machine translation not yet reviewed, German shown because none exists …), and the
notice a whole list shares, shown once above it instead of on every entry.

The translation states of a language are kept per content generation (``site_data``).
Templates use them through the ``portal`` tags; views that assemble lists from kept
parts (the list of measures) call them here.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from operations import site_data

from . import translations
from .languages import current_language
from .models import TranslationState

#: A list entry that has no German text in the group: it takes no part in the shared notice.
NO_TEXT = object()


def _states(request) -> dict:
    """All translation states of the current language by (content type, object, group)."""
    language = current_language()

    def load():
        return {
            (s.content_type_id, s.object_id, s.group): s
            for s in TranslationState.objects.filter(language=language)
        }

    return site_data.current(request, ("translation-states", language), load)


def notice(request, obj, group: str = translations.OFFICIAL):
    """The notice ``obj``'s ``group`` text needs in the current language, or None."""
    language = current_language()
    if obj is None or language == settings.SOURCE_LANGUAGE:
        return None
    content_type = ContentType.objects.get_for_model(obj)
    state = _states(request).get((content_type.id, obj.pk, group))
    return translations.notice_for(obj, language, state, group)


def list_entry(request, obj, group: str = translations.OFFICIAL):
    """What ``obj`` contributes to its list's shared notice: its notice, or NO_TEXT."""
    if not translations.source_fields_with_text(obj, group):
        return NO_TEXT
    return notice(request, obj, group)


def shared(entries: Iterable) -> str:
    """The notice every entry (of ``list_entry``) with text has, or "" when they differ."""
    notices = {entry for entry in entries if entry is not NO_TEXT}
    return notices.pop() or "" if len(notices) == 1 else ""


def shared_notice(request, objects, groups=(translations.OFFICIAL,)) -> str:
    """The notice shared by every text of ``objects`` in ``groups`` that has German text."""
    return shared(list_entry(request, obj, group) for obj in objects for group in groups)
