"""Where the implementation stands: the measures per status, the money granted per year,
the reports and the sourced facts. Every figure is computed (``umsetzung.figures``)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from content.views import PageMixin, kept_visible, visible
from dokumente.views import with_library_file

from ..figures import funding_totals, measures_per_status
from ..models import Bericht, Foerderprojekt, Massnahme, Status, Umsetzungsfakt

IMPLEMENTATION = _("Implementation")


def facts_by_topic(request, topics) -> list[tuple[str, str, list[Umsetzungsfakt]]]:
    """The visible facts of ``topics`` as (topic, its name, facts), in the topics' order;
    topics without a fact are left out. One query."""
    facts = list(visible(Umsetzungsfakt.objects.filter(topic__in=topics), request))
    return [
        (topic, Umsetzungsfakt.Topic(topic).label, found)
        for topic in topics
        if (found := [fact for fact in facts if fact.topic == topic])
    ]


def _overview(request) -> dict:
    measures = visible(Massnahme.objects.all(), request)
    topics = [topic for topic in Umsetzungsfakt.Topic if topic != Umsetzungsfakt.Topic.FUNDING]
    return {
        "status_counts": measures_per_status(visible(Status.objects.all(), request), measures),
        "funding": funding_totals(visible(Foerderprojekt.objects.all(), request)),
        "reports": list(with_library_file(visible(Bericht.objects.all(), request), request)),
        "fact_groups": facts_by_topic(request, topics),
    }


class OverviewView(PageMixin, TemplateView):
    template_name = "umsetzung/overview.html"
    nav, crumb = "umsetzung", IMPLEMENTATION

    def get_context_data(self, **kwargs):
        kwargs.update(
            kept_visible(self.request, "umsetzung-overview", lambda: _overview(self.request))
        )
        kwargs["measure_total"] = sum(row.count for row in kwargs["status_counts"])
        kwargs["statuses"] = [row.status for row in kwargs["status_counts"]]
        return super().get_context_data(**kwargs)
