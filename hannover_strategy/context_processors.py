"""Context available to every public template."""

from django.utils.functional import SimpleLazyObject

from leitlinien.models import Strategiepapier

from .views import is_preview


def portal(request):
    """The paper's title block for header and footer (queried once, only when a template
    uses it) and whether staff are looking at a preview."""
    return {
        "paper": SimpleLazyObject(lambda: Strategiepapier.objects.published().first()),
        "preview": is_preview(request),
    }
