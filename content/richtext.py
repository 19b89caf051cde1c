"""Rich text for texts that need paragraphs, lists, links and emphasis.

The admin edits it with django-prose-editor; nh3 (Ammonia) cleans it twice: when it is saved
(the field's ``clean``) and when it is shown (``clean_html``), so that even text written
around the admin (a data import, the shell) cannot bring a script, style, event handler or
``javascript:`` link to a page.
"""

import nh3
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions

from .widgets import RichTextEditorField

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


def clean_html(value: str) -> str:
    """Safe HTML: only the tags and attributes the editor can produce."""
    return mark_safe(_cleaner.clean(value or ""))  # noqa: S308 - cleaned by nh3 just now


def RichTextField(*args, **kwargs):  # noqa: N802 - used like a field class
    return RichTextEditorField(*args, config={"extensions": EXTENSIONS}, sanitize=True, **kwargs)
