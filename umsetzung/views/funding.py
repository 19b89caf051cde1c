"""The WIR2.0-Förderprogramm: its funding lines with their yearly pots, the calls, the
funded projects, and the money computed from the projects (``umsetzung.figures``)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from content.views import PageMixin, is_preview, kept_visible, visible

from ..figures import funding_totals
from ..models import Foerderaufruf, Foerderlinie, Foerderprojekt, Foerdertopf, Umsetzungsfakt
from .overview import IMPLEMENTATION, facts_by_topic


def shown(obj, request):
    """``obj`` if the request may see it (a draft's name stays hidden from visitors)."""
    return obj if obj is not None and (obj.published or is_preview(request)) else None


def named(shares, objects: dict) -> list[tuple[object, object]]:
    """(the line, district or Handlungsfeld, its share); None for “ohne Angabe”."""
    return [(objects.get(share.key), share) for share in shares]


def pot_table(lines, pots) -> list[dict]:
    """The yearly pots as rows per year: one cell per line (None: no pot) and their sum."""
    years = sorted({pot.year for pot in pots})
    found = {(pot.year, pot.line_id): pot for pot in pots}
    rows = []
    for year in years:
        cells = [found.get((year, line.pk)) for line in lines]
        amounts = [pot.amount for pot in cells if pot is not None and pot.amount is not None]
        rows.append({"year": year, "cells": cells, "total": sum(amounts) if amounts else None})
    return rows


def _funding(request) -> dict:
    lines = list(visible(Foerderlinie.objects.all(), request))
    pots = list(visible(Foerdertopf.objects.select_related("line").filter(line__in=lines), request))
    calls = list(visible(Foerderaufruf.objects.select_related("line", "measure"), request))
    projects = list(
        visible(
            Foerderprojekt.objects.select_related(
                "line", "measure", "measure__handlungsfeld", "district"
            ),
            request,
        )
    )
    for call in calls:
        call.shown_measure = shown(call.measure, request)
    for project in projects:
        project.shown_measure = shown(project.measure, request)
    totals = funding_totals(visible(Foerderprojekt.objects.all(), request))
    fields = {p.measure.handlungsfeld_id: p.measure.handlungsfeld for p in projects if p.measure}
    return {
        "lines": lines,
        "pot_rows": pot_table(lines, pots),
        "calls": calls,
        "projects": projects,
        "totals": totals,
        "per_line": named(totals.per_line, {p.line_id: p.line for p in projects}),
        "per_district": named(totals.per_district, {p.district_id: p.district for p in projects}),
        "per_field": named(totals.per_field, fields),
        "fact_groups": facts_by_topic(request, [Umsetzungsfakt.Topic.FUNDING]),
    }


class FundingView(PageMixin, TemplateView):
    template_name = "umsetzung/funding.html"
    nav, crumb = "umsetzung", _("Funding programme")
    parent_crumb = (IMPLEMENTATION, "umsetzung:overview")

    def get_context_data(self, **kwargs):
        kwargs.update(
            kept_visible(self.request, "umsetzung-funding", lambda: _funding(self.request))
        )
        return super().get_context_data(**kwargs)
