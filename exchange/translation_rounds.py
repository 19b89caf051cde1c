"""Translation rounds with a translation agency or tool: per language, every text that is
missing or outdated as a gettext PO file (polib), and the file back.

Each entry is one field of one entry: ``msgctxt`` is its stable id
(``leitlinien.leitlinie/leitlinie-2/text``), ``msgid`` the German text as it is now,
``msgstr`` the translation (empty where it is missing; the old one, marked fuzzy, where
the German text changed since), with where it is shown (its page) as a comment.

The import checks the whole file before it changes anything: the file's language, every
id, that the German text is still the one translated, and the markup; with one problem it
changes nothing and lists every problem. Otherwise it fills the texts, marks them
“translated, not reviewed” and records one history entry per entry changed. Empty and
fuzzy entries are skipped, so that a file exported and imported unchanged changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import polib
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reversion import create_revision, set_comment, set_user

from content import translations
from content.languages import target_languages
from content.models import content_models
from content.richtext import RichTextField, clean_html

from .serialisation import model_for

_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")
#: The script a translation into each language is written in (a wrong file is caught).
SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "uk": "CYRILLIC", "ru": "CYRILLIC"}
LATIN = "LATIN"


def text_id(obj, name: str) -> str:
    return f"{obj._meta.label_lower}/{obj.key}/{name}"


def _is_rich(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), RichTextField)


def _wanted(obj, language: str):
    """(field, outdated) of ``obj`` that a round in ``language`` should translate."""
    states = translations.states_for(obj)
    for group in translations.groups_with_text(obj):
        state = states.get((language, group))
        outdated = state is not None and state.state == translations.State.OUTDATED
        for name in translations.source_fields_with_text(obj, group):
            if outdated or not translations.has_text(obj, name, language):
                yield name, outdated


def export_po(language: str) -> polib.POFile:
    """Every missing or outdated text in ``language`` (a portal language but German)."""
    if language not in target_languages():
        raise ValueError(
            _("Not a language the portal translates into: %(code)s") % {"code": language}
        )
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "WIR SIND HANNOVER",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
    }
    source = settings.SOURCE_LANGUAGE
    for model in content_models():
        if not translations.translated_fields(model):
            continue
        for obj in model.objects.order_by("pk"):
            wanted = list(_wanted(obj, language))
            if wanted:
                with translation.override(language):
                    page = obj.get_absolute_url()  # the object's page, once for its texts
            for name, outdated in wanted:
                label = model._meta.get_field(name).verbose_name
                po.append(
                    polib.POEntry(
                        msgctxt=text_id(obj, name),
                        msgid=getattr(obj, translations.column(name, source)),
                        msgstr=(getattr(obj, translations.column(name, language)) or "")
                        if outdated
                        else "",
                        comment=f"{model._meta.verbose_name}: {label}"
                        + (" (HTML: keep the tags)" if _is_rich(model, name) else "")
                        + ("" if obj.published else " – draft, not yet public"),
                        occurrences=[(page, "")],
                        flags=["fuzzy"] if outdated else [],
                        tcomment="outdated: the German text changed" if outdated else "",
                    )
                )
    return po


@dataclass
class Outcome:
    language: str = ""
    problems: list[str] = field(default_factory=list)
    texts: int = 0
    entries: int = 0


def _script_problem(text: str, language: str) -> bool:
    scripts = {unicodedata.name(char, "").split(" ")[0] for char in text if char.isalpha()} - {""}
    return bool(scripts) and SCRIPTS.get(language, LATIN) not in scripts


def _markup_problem(model, name: str, text: str) -> str | None:
    if not _is_rich(model, name):
        return _("markup in a plain-text field") if _TAG.search(text) else None
    if sorted(_TAG.findall(str(clean_html(text)))) != sorted(_TAG.findall(text)):
        return _("markup the portal would remove")
    return None


def _check(entry: polib.POEntry, language: str):
    """(object, field, group) the entry fills, or the problem with it."""
    try:
        label, key, name = entry.msgctxt.split("/")
        model = model_for(label)
        obj = model.objects.get(key=key)
    except (AttributeError, ValueError, LookupError, ObjectDoesNotExist):
        return _("unknown id")
    if name not in translations.translated_fields(model):
        return _("unknown id")
    german = getattr(obj, translations.column(name, settings.SOURCE_LANGUAGE)) or ""
    if entry.msgid.strip() != german.strip():
        return _("the German text changed since the export: export again")
    if entry.msgstr.strip() == german.strip():
        return _("the German text, not a translation")
    if _script_problem(entry.msgstr, language):
        return _("not written in the file's language")
    problem = _markup_problem(model, name, entry.msgstr)
    if problem:
        return problem
    return obj, name, translations.group_of(model, name)


def import_po(content: str, user=None) -> Outcome:
    """Fill the translations of a PO file, all or nothing."""
    try:
        # polib reads a file when given a string that names one: a file's content never is.
        po = polib.pofile(content + "\n")
    except (OSError, ValueError) as error:
        return Outcome(problems=[_("not a PO file: %(error)s") % {"error": error}])
    language = po.metadata.get("Language", "").strip().lower().replace("_", "-")
    outcome = Outcome(language=language)
    if language not in target_languages():
        outcome.problems.append(
            _("the file's language (%(code)s) is not one the portal translates into")
            % {"code": language or "–"}
        )
        return outcome
    filled: dict = {}
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr.strip():
            continue
        checked = _check(entry, language)
        if isinstance(checked, str):
            outcome.problems.append(f"{entry.msgctxt}: {checked}")
            continue
        obj, name, group = checked
        if (getattr(obj, translations.column(name, language)) or "") == entry.msgstr:
            continue  # as it is already: nothing to change
        filled.setdefault((type(obj), obj.pk), (obj, {}))[1][name] = (entry.msgstr, group)
    if outcome.problems:
        return outcome
    with transaction.atomic():
        for obj, names in filled.values():
            with create_revision():
                for name, (text, _group) in names.items():
                    setattr(obj, translations.column(name, language), text)
                obj.save()
                if user is not None:
                    set_user(user)
                set_comment(_("Translations imported (%(code)s)") % {"code": language})
            written = {(language, group) for _text, group in names.values()}
            translations.update_states(obj, written=written)
            outcome.texts += len(names)
            outcome.entries += 1
    return outcome
