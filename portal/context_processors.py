"""Context available to every public template."""

from django.core.exceptions import SuspiciousOperation
from django.utils.functional import SimpleLazyObject

from content.views import is_preview
from leitlinien.models import Strategiepapier
from leitlinien.views import visible_sections
from operations import site_data


def portal(request):
    """The paper's title block for header and footer (kept per content generation), the
    paper's sections by key (headings and introductions that pages show), and whether staff
    are looking at a preview. The lookups run only when a template uses them."""
    try:
        preview = is_preview(request)
    except SuspiciousOperation:  # an unparsable query string, answered with the 400 page
        preview = False
    return {
        "paper": SimpleLazyObject(
            lambda: site_data.current(
                request, "paper", lambda: Strategiepapier.objects.published().first()
            )
        ),
        "sections": SimpleLazyObject(lambda: visible_sections(request)),
        "preview": preview,
    }
