"""Context available to every public template."""

from django.utils.functional import SimpleLazyObject

from leitlinien.models import Strategiepapier


def portal(request):
    """The paper's title block for header and footer: queried once, only when a template
    uses it."""
    return {"paper": SimpleLazyObject(lambda: Strategiepapier.objects.published().first())}
