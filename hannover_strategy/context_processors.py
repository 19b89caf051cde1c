"""Context available to every public template."""

from django.core.exceptions import SuspiciousOperation
from django.utils.functional import SimpleLazyObject

from leitlinien.models import Strategiepapier

from . import site_data
from .views import is_preview


def portal(request):
    """The paper's title block for header and footer (read only when a template uses it,
    then kept per content generation) and whether staff are looking at a preview."""
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
        "preview": preview,
    }
