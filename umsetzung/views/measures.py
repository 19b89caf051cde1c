"""The measures of the catalogue: the filterable list (also as CSV) and one measure's page
with its status, dates, progress, history, money and links."""

import csv

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from content.views import PageMixin, VisibleMixin, in_language, visible
from handlungsfelder.models import Handlungsfeld
from operations.page_cache import mark_canonical_query

from .. import items
from ..filters import canonical_query, filter_form, listed, measures
from ..links import OPTIONAL, attach_links, attach_reference, optional_relations
from ..models import (
    Foerderaufruf,
    Foerderprojekt,
    Fortschrittsmeldung,
    Massnahme,
    Ratsdokument,
    Status,
)

MEASURES = _("Measures")
MEASURE_REFERENCES = {"status": Status, "handlungsfeld": Handlungsfeld, "document": Ratsdokument}
PER_PAGE = 20


class MeasureListView(PageMixin, TemplateView):
    template_name = "umsetzung/measure_list.html"
    nav, crumb = "umsetzung", MEASURES
    parent_crumb = (_("Implementation"), "umsetzung:overview")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        context = response.context_data
        if canonical_query(request, context["form"], context["page"].number):
            mark_canonical_query(response)
        return response

    def get_context_data(self, **kwargs):
        form = filter_form(self.request)
        selected = form.selected()
        found = measures(self.request, selected)
        # The page reads the numbers of its measures; their entries are kept (items.py).
        paginator = Paginator(found.values_list("pk", flat=True), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("seite"))
        page.object_list = items.entries(self.request, found, list(page.object_list))
        return super().get_context_data(
            form=form,
            selected=selected,
            ignored=form.ignored(),
            page=page,
            list_notice_key=items.shared_notice(page.object_list),
            count=paginator.count,
            query=_clean_query(selected),
            **kwargs,
        )


def _clean_query(selected: dict[str, str]) -> str:
    """The query string of the valid filter values only."""
    query = QueryDict(mutable=True)
    query.update(selected)
    return query.urlencode()


CSV_COLUMNS = (
    "key",
    "code",
    "title",
    "handlungsfeld",
    "status",
    "progress",
    "stand",
    "districts",
    "citywide",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "responsible",
    "budget_planned",
    "budget_approved",
    "budget_spent",
    "url",
)


def measure_csv(request):
    """The filtered list as CSV (UTF-8 with BOM, so that spreadsheet programs read the
    umlauts): one row per measure, titles in the page's language."""
    form = filter_form(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="massnahmen.csv"'
    response.write("\ufeff")
    if canonical_query(request, form):
        mark_canonical_query(response)
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for measure in listed(measures(request, form.selected()), request):
        progress = measure.progress_shown()
        writer.writerow(
            [
                measure.key,
                measure.code,
                measure.name,
                measure.handlungsfeld.key if measure.handlungsfeld else "",
                measure.status.key,
                "" if progress is None else progress,
                measure.stand.isoformat() if measure.stand else "",
                ";".join(d.key for d in measure.shown_districts),
                "ja" if measure.citywide else "",
                *(measure.date_iso(name) for name in Massnahme.DATES),
                measure.responsible,
                *(
                    "" if value is None else value
                    for value in (
                        measure.budget_planned,
                        measure.budget_approved,
                        measure.budget_spent,
                    )
                ),
                request.build_absolute_uri(measure.get_absolute_url()),
            ]
        )
    return response


class MeasureDetailView(VisibleMixin, DetailView):
    model = Massnahme
    template_name = "umsetzung/measure_detail.html"
    context_object_name = "measure"
    slug_field = "key"
    nav, parent_crumb = "umsetzung", (MEASURES, "umsetzung:measures")

    def get_queryset(self):
        request = self.request

        def shown(queryset, *related):
            return in_language(visible(queryset.select_related(*related), request), *related)

        optional = {
            "projects": lambda: shown(Foerderprojekt.objects.all(), "line", "district"),
            "calls": lambda: shown(Foerderaufruf.objects.all(), "line"),
            "children": lambda: shown(Massnahme.objects.all(), "status"),
        }
        present = optional_relations(request, self.kwargs.get(self.slug_url_kwarg))
        # Statuses, Handlungsfeld and council document come from kept small tables
        # (links.reference), not joined in: fewer columns to compile and read.
        reports = shown(Fortschrittsmeldung.objects.all())
        measure = in_language(super().get_queryset().order_by())  # one by key: no order
        wanted = [Prefetch(name, queryset=qs()) for name, qs in optional.items() if name in present]
        return measure.prefetch_related(Prefetch("reports", queryset=reports), *wanted)

    def get_object(self, queryset=None):
        measure = super().get_object(queryset)
        present = optional_relations(self.request, measure.key)
        for name in OPTIONAL:
            if name not in present:  # known to have none: no query, not even compiled
                nothing = getattr(measure, name).none()
                nothing._result_cache, nothing._prefetch_done = [], True
                measure._prefetched_objects_cache[name] = nothing
        attach_links([measure], self.request)
        attach_reference(self.request, measure, **MEASURE_REFERENCES)
        for report in measure.reports.all():
            attach_reference(self.request, report, status=Status, previous_status=Status)
        # The measure it is part of (one query, only for parts; joining it into every
        # measure's query would read a second measure's columns each time), if public.
        if measure.parent_id:
            parents = in_language(visible(Massnahme.objects.all(), self.request))
            measure.parent = parents.filter(pk=measure.parent_id).first()
        # Its Stand: the latest of the reports just read (those the request may see).
        measure.stand = max((report.date for report in measure.reports.all()), default=None)
        return measure
