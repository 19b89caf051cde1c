import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView
from icalendar import Calendar, Event

from content.views import PageMixin, VisibleMixin, kept_visible, visible

from .models import Beteiligungsformat, Kennzahl, Meilenstein


def formats_with_figures(request) -> list[Beteiligungsformat]:
    """Participation formats, each with its visible figures in ``published_figures``.

    The paper's record of how it came about, shown on the start page and the process page:
    kept per content generation like the paper's title (``operations.site_data``).
    """
    return kept_visible(request, "formats", lambda: _formats_with_figures(request))


def _formats_with_figures(request) -> list[Beteiligungsformat]:
    # Two plain queries, grouped here: cheaper than ``prefetch_related`` with its join for
    # the figures' default ordering.
    formats = list(visible(Beteiligungsformat.objects.all(), request))
    by_id = {}
    for format_ in formats:
        format_.published_figures = []
        by_id[format_.pk] = format_
    for figure in visible(Kennzahl.objects.order_by("position", "key"), request):
        if figure.format_id in by_id:  # not the figures of a format that is not shown
            by_id[figure.format_id].published_figures.append(figure)
    return formats


class ProcessView(PageMixin, TemplateView):
    template_name = "beteiligung/process.html"
    nav, crumb = "process", gettext_lazy("How the strategy came about")

    def get_context_data(self, **kwargs):
        return super().get_context_data(formats=formats_with_figures(self.request), **kwargs)


class TimelineView(VisibleMixin, ListView):
    model = Meilenstein
    template_name = "beteiligung/timeline.html"
    context_object_name = "milestones"
    nav, crumb = "timeline", gettext_lazy("Phase 2")


def milestones_ics(request):
    """The Phase 2 milestones as an iCalendar file: all-day events over the planned days.

    A date known only to its month or year is an all-day event over that whole month or
    year (“September 2022”: 1 to 30 September), never a made-up day; the summary starts
    with the paper's own wording of the date."""
    calendar = Calendar()
    calendar.add("prodid", "-//Landeshauptstadt Hannover//WIR SIND HANNOVER//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Phase 2 of the strategy for migration and participation"))
    for milestone in visible(Meilenstein.objects.all(), request):
        event = Event()
        event.add("uid", f"{milestone.key}@wir-sind-hannover")
        event.add("summary", f"{milestone.date_text}: {milestone.text}")
        first, last = milestone.period()
        event.add("dtstart", first)
        event.add("dtend", last + datetime.timedelta(days=1))
        event.add("dtstamp", milestone.updated_at.astimezone(datetime.UTC))
        event.add("url", request.build_absolute_uri(milestone.get_absolute_url()))
        event.add("description", str(milestone.get_status_display()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="phase-2.ics"'
    return response
