"""The history of a content object in the admin (django-reversion): a readable word-level
diff between two versions, and the admin views that show it."""

import datetime
import difflib
import re
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationField
from reversion.models import Version

from .drafts import Aenderungsentwurf


def previous_version(version: Version) -> Version | None:
    return (
        Version.objects.get_for_object_reference(version._model, version.object_id)
        .filter(revision__date_created__lt=version.revision.date_created)
        .order_by("-revision__date_created")
        .first()
    )


class _Text(HTMLParser):
    """The text of rich-text HTML as a reader sees it: one line per paragraph, heading and
    list item (“• ” before each item), no tags, entities decoded."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "div", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(value: str) -> str:
    parser = _Text()
    parser.feed(value or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


BREAK = "\n"
BIDI = set(settings.LANGUAGES_BIDI)


def _tokens(text: str) -> list[str]:
    """Words, and a line break as a token of its own (so that paragraphs stay apart)."""
    return re.findall(r"\n|[^\s]+", text)


def _chunk(tokens: list[str], tag: str = "") -> str:
    if not tag:
        return format_html("{}", " ".join(tokens))
    prefix = {"del": _("deleted:"), "ins": _("inserted:")}[tag]
    # A paragraph break that was removed or added is shown as a pilcrow (an added one
    # also breaks the line).
    mark = {"del": "¶", "ins": "¶" + BREAK}[tag]
    words = " ".join(mark if word == BREAK else word for word in tokens)
    return format_html(
        '<{tag}><span class="visually-hidden" lang="{lang}">{prefix} </span>{words}</{tag}>',
        tag=tag,
        lang=translation.get_language(),
        prefix=prefix,
        words=words,
    )


def word_diff(old: str, new: str):
    """HTML of ``new`` with deleted words in <del> and inserted words in <ins>, each with a
    prefix for screen readers (“gelöscht:”, “eingefügt:”); line breaks are kept."""
    old_words, new_words = _tokens(old), _tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_chunk(old_words[a1:a2]))
            continue
        if op in ("delete", "replace"):
            parts.append(_chunk(old_words[a1:a2], "del"))
        if op in ("insert", "replace"):
            parts.append(_chunk(new_words[b1:b2], "ins"))
    # Escaped text holds no line break of its own: each one is a paragraph break.
    return mark_safe(re.sub(r" *\n *", "\n", " ".join(parts)))  # noqa: S308 - escaped parts


def replaced(old: str, new: str):
    """A value that is one thing (yes/no, a choice, an entry, a date): old out, new in."""
    parts = [_chunk([old], "del") if old else "", _chunk([new], "ins") if new else ""]
    return mark_safe(" ".join(part for part in parts if part))  # noqa: S308 - escaped parts


def _is_text(field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def readable(field, value) -> str:
    """A stored value as staff read it: the text of rich text, “Ja”/“Nein”, a choice's
    label, the related entry's name, a date in German."""
    if value is None or value == "":
        return ""
    if isinstance(field, ProseEditorField):
        return html_to_text(value)
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else gettext("(deleted entry %(id)s)") % {"id": value}
    if isinstance(value, datetime.datetime | datetime.date):
        return date_format(
            value, "DATETIME_FORMAT" if isinstance(value, datetime.datetime) else "DATE_FORMAT"
        )
    return str(value)


def _shown(model, field, value, values: dict) -> str:
    """``readable``, unless the model words the value itself: ``history_value(field, value,
    values)`` may return the text, e.g. a date only as precisely as it is known."""
    own = getattr(model, "history_value", None)
    text = own(field, value, values) if own and value is not None else None
    return readable(field, value) if text is None else text


FORMATTING_ONLY = gettext_noop(
    "Only the formatting (emphasis, paragraphs, a link's address) changed; the text reads the same."
)


def changes(model, old: dict, new: dict) -> list[dict]:
    """The fields that differ between two field dicts, with their labels and a diff.

    Each field once: a translated field's untranslated base column only mirrors the German
    one, so only the language columns are shown (labelled “… [de]”, “… [ar]”).
    """
    fields = model._meta.concrete_fields
    mirrors = {f.translated_field.name for f in fields if isinstance(f, TranslationField)}
    rows = []
    for field in fields:
        if field.name in ("updated_at", *mirrors):
            continue
        before, after = old.get(field.attname), new.get(field.attname)
        if before == after:
            continue
        before_text, after_text = (
            _shown(model, field, before, old),
            _shown(model, field, after, new),
        )
        if before_text == after_text:
            if not before_text.strip():
                continue  # empty before and after (“” and nothing): no change to read
            diff = format_html("<em>{}</em>", gettext(FORMATTING_ONLY))
        elif _is_text(field):
            diff = word_diff(before_text, after_text)
        else:
            diff = replaced(before_text, after_text)
        rows.append(
            {
                "label": field.verbose_name,
                # A translation's text is marked with its language and direction.
                "language": getattr(field, "language", None),
                "direction": "rtl" if getattr(field, "language", None) in BIDI else "ltr",
                "before": before_text,
                "after": after_text,
                "diff": diff,
            }
        )
    return rows


# django-reversion's own wording of its pages, in ours (the catalogue in locale/ says it in
# the portal's words, Fassung and Eintrag, where reversion's says Objekt and Version).
REVERSION_WORDING = (
    gettext_noop("Press the save button below to revert to this version of the object."),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Choose a date from the list below to recover a deleted version of an object."),
    gettext_noop("There are no deleted objects to recover."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("Initial version."),
)


class HistoryViewsMixin:
    """For a ``VersionAdmin``: the history with a “Changes” link per version, the page that
    shows what one version changed, word by word, and change messages in German."""

    def construct_change_message(self, request, form, formsets, add=False):
        """Django stores the changed fields' labels in English and translates them when it
        shows them; the labels of translation fields carry a language suffix (“Official
        wording [de]”) that no catalogue knows. They are stored as staff read them, in
        German, which the admin always speaks."""
        message = super().construct_change_message(request, form, formsets, add)
        with translation.override(None):
            english = {name: str(field.label) for name, field in form.fields.items()}
        german = {english[name]: str(field.label) for name, field in form.fields.items()}
        for entry in message:
            changed = entry.get("changed", {})
            if "fields" in changed:
                changed["fields"] = [german.get(label, label) for label in changed["fields"]]
        return message

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name=f"{opts.app_label}_{opts.model_name}_changes",
            ),
            *super().get_urls(),
        ]

    def changes_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id, object_id=object_id)
        if version._model is not self.model:
            raise PermissionDenied
        previous = previous_version(version)
        rows = changes(self.model, previous.field_dict if previous else {}, version.field_dict)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes in this version"),
            "opts": opts,
            "version": version,
            "previous": previous,
            "rows": rows,
            "can_restore": self.has_restore_permission(request),
            "object_repr": version.object_repr,
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]
            ),
            "revert_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_revision", args=[object_id, version.pk]
            ),
        }
        return TemplateResponse(request, "admin/content_changes.html", context)

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        drafts = Aenderungsentwurf.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=object_id
        ).select_related("author", "decided_by")
        context = {
            "changes_url_name": f"admin:{opts.app_label}_{opts.model_name}_changes",
            "can_restore": self.has_restore_permission(request),
            # Drafts, releases, rejections and withdrawals, with who and when.
            "change_drafts": drafts if object_id.isdigit() else [],
        }
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)
