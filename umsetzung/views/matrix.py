"""The matrix of the catalogue: which measures serve which Leitlinie in which
Handlungsfeld (a measure's Leitlinien and its Handlungsfeld)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from content.views import PageMixin, kept_visible, visible
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie

from ..models import Massnahme
from .overview import IMPLEMENTATION


def _matrix(request) -> dict:
    leitlinien = list(visible(Leitlinie.objects.all(), request))
    fields = list(visible(Handlungsfeld.objects.all(), request))
    links = (
        Massnahme.leitlinien.through.objects.filter(
            massnahme__in=visible(Massnahme.objects.all(), request).values("pk"),
            leitlinie__in=[leitlinie.pk for leitlinie in leitlinien],
            massnahme__handlungsfeld__in=[field.pk for field in fields],
        )
        .select_related("massnahme")
        .order_by("massnahme__handlungsfeld__position", "massnahme__position", "massnahme__key")
    )
    cells = {}
    for link in links:
        measure = link.massnahme
        cells.setdefault((link.leitlinie_id, measure.handlungsfeld_id), []).append(measure)
    rows = [
        (leitlinie, [(field, cells.get((leitlinie.pk, field.pk), [])) for field in fields])
        for leitlinie in leitlinien
    ]
    return {
        "fields": fields,
        "rows": rows,
        "measure_count": len({m.pk for c in cells.values() for m in c}),
    }


class MatrixView(PageMixin, TemplateView):
    template_name = "umsetzung/matrix.html"
    nav, crumb = "umsetzung", _("Guidelines and fields of action")
    parent_crumb = (IMPLEMENTATION, "umsetzung:overview")

    def get_context_data(self, **kwargs):
        kwargs.update(kept_visible(self.request, "umsetzung-matrix", lambda: _matrix(self.request)))
        return super().get_context_data(**kwargs)
