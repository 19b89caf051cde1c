"""``{% pdf_facts url as facts %}``: the size and pages of the PDF a link leads to, from its
newest copy on disk (``None`` while none has been made yet)."""

from django import template

from content.languages import current_language

from .. import store

register = template.Library()


@register.simple_tag
def pdf_facts(url: str) -> dict | None:
    """``{"bytes": …, "pages": …}`` of ``/<lang>/download/<name>.pdf`` in the visitor's
    language."""
    name = url.rsplit("/", 1)[-1].removesuffix(".pdf")
    return store.facts(current_language(), name)
