"""Rich text for texts that need paragraphs, lists, links and emphasis.

The admin edits it with django-prose-editor; nh3 (Ammonia) cleans it twice: when it is saved
(the field's ``clean``) and when it is shown (``clean_html``), so that even text written
around the admin (a data import, the shell) cannot bring a script, style, event handler or
``javascript:`` link to a page.

Texts that were plain before (a content file, a field that was a plain text field) become
rich text with ``plain_to_html``: the data migrations and the content loader use it, so both
store exactly the same HTML.
"""

import html
import re

import nh3
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField, create_sanitizer

from .limits import VisibleLengthValidator
from .widgets import AdminRichTextWidget

EXTENSIONS = {
    # Headings start at h2: the page title is the h1.
    "Heading": {"levels": [2, 3]},
    "Paragraph": True,
    "HardBreak": True,
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}

_allowlist = allowlist_from_extensions(EXTENSIONS)
_allowlist["url_schemes"] = {"http", "https", "mailto"}
_allowlist["link_rel"] = "noopener noreferrer"
_allowlist["attributes"] = {tag: attrs - {"rel"} for tag, attrs in _allowlist["attributes"].items()}
_cleaner = nh3.Cleaner(**_allowlist)

#: What a rich text field stores: the field's own cleaning on save.
sanitise_for_storage = create_sanitizer(EXTENSIONS)

# A tag the editor writes (or a common one): a value with one is HTML already.
_HTML_TAG = re.compile(r"</?(?:p|br|h[1-6]|ul|ol|li|strong|em|b|i|a|div|span)\b[^<>]*>", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A web address written out in plain text; punctuation after it is not part of it.
_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]»“”'’،؛]")


def clean_html(value: str) -> str:
    """Safe HTML: only the tags and attributes the editor can produce."""
    return mark_safe(_cleaner.clean(value or ""))  # noqa: S308 - cleaned by nh3 just now


def is_html(value: str) -> bool:
    return bool(_HTML_TAG.search(value or ""))


def _text(value: str) -> str:
    """Text escaped as nh3 writes it (so the result is stored unchanged)."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\xa0", "&nbsp;")


def _line_html(line: str) -> str:
    parts, start = [], 0
    for match in _ADDRESS.finditer(line):
        address = match.group().replace("&", "&amp;").replace('"', "&quot;")
        parts += [_text(line[start : match.start()]), f'<a href="{address}">']
        parts += [_text(match.group()), "</a>"]
        start = match.end()
    parts.append(_text(line[start:]))
    return "".join(parts)


def plain_to_html(value: str) -> str:
    """Plain text as the rich text it reads as: a paragraph per blank-line-separated block,
    single line breaks kept as ``<br>``, ``<``/``&`` escaped, written-out web addresses as
    links. HTML (and empty text) stays as it is."""
    if not value or not value.strip() or is_html(value):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [
        "<p>" + "<br>".join(_line_html(line.strip()) for line in block.split("\n")) + "</p>"
        for block in _PARAGRAPH_BREAK.split(text)
    ]
    return "".join(paragraphs)


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|ul|ol)>\s*", re.I)
_LINE_END = re.compile(r"<br\s*/?>|</li>\s*", re.I)


def html_to_plain(value: str) -> str:
    """The text of rich text, paragraphs separated by blank lines (undoes ``plain_to_html``
    for text it made)."""
    if not value or not is_html(value):
        return value
    text = _LINE_END.sub("\n", _BLOCK_END.sub("\n\n", value))
    return html.unescape(strip_tags(text)).strip()


class RichTextField(ProseEditorField):
    """Rich text with the portal's toolbar, cleaned on save, at most ``max_visible``
    characters of visible text (not part of the migrations: they see a TextField). In the
    admin it is edited with ``AdminRichTextWidget`` (the editor in German)."""

    def __init__(self, *args, max_visible: int | None = None, **kwargs):
        kwargs.setdefault("config", {"extensions": EXTENSIONS})
        kwargs.setdefault("sanitize", sanitise_for_storage)
        self.max_visible = max_visible
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.max_visible:
            VisibleLengthValidator(self.max_visible)(value)

    def formfield(self, **kwargs):
        # The admin asks every text field for ``AdminTextareaWidget``; the package then
        # picks its own admin widget. Ours is a subclass of it, which the package keeps.
        widget = kwargs.get("widget")
        if widget is not None and (
            isinstance(widget, AdminTextareaWidget)
            or (isinstance(widget, type) and issubclass(widget, AdminTextareaWidget))
        ):
            kwargs["widget"] = AdminRichTextWidget
        return super().formfield(**kwargs)
