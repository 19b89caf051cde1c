"""Text limits that fit where a text is shown, counted as readers see it.

Rich text is counted without its tags (a link's address or a ``<strong>`` costs nothing),
plain text as typed. The error names the limit and the current length, so that the person
editing knows how much to cut.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Limits by where a text is shown (characters readers see).
LEITLINIE_WORDING = 3000  # a blockquote on the Leitlinie's page and in the list
PRIORITY = 1500  # one item of the list of Priorisierungen
SECTION_TEXT = 10000  # a section of the paper, several paragraphs
DESCRIPTION = 6000  # the description of a Handlungsfeld or a principle
DEFINITION = 3000  # a term of the glossary
EDITORIAL = 2000  # the “Redaktionelle Ergänzung” box under a text
PAGE_BODY = 50000  # one of the portal's own pages (Impressum, Datenschutz, …)
PAGE_PART = 6000  # one part of such a page (a section of the accessibility statement)
WORDMARK = 60  # the wordmark's few short lines (a plain text field: its max_length)


#: Where rich text breaks a line (a paragraph, heading or list item ends, a ``<br>``): its
#: words do not run together there.
LINE_ENDS = re.compile(r"<(?:/p|/h[1-6]|/li|br\s*/?)>", re.IGNORECASE)


def visible_text(value: str) -> str:
    """What a reader sees of rich text: its text without tags, spaces collapsed (a line or
    paragraph break counts as a space)."""
    return " ".join(html.unescape(strip_tags(LINE_ENDS.sub(" ", value or ""))).split())


class VisibleLengthValidator:
    """At most ``limit`` characters of visible text (tags stripped, spaces collapsed)."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value):
        count = len(visible_text(value))
        if count > self.limit:
            raise ValidationError(
                _(
                    "At most %(limit)s characters of text are possible here, now there are "
                    "%(count)s. Please shorten the text."
                ),
                code="too_long",
                params={"limit": self.limit, "count": count},
            )
