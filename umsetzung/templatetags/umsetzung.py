"""Template tags of the implementation pages: a date as precisely as it is known, an
amount of money in the visitor's language, the bar chart of the measures per status; and
what the pages of other apps show of the implementation without those apps knowing it
(the goals and measures of a Handlungsfeld, a Leitlinie or a Stadtbezirk)."""

from django import template
from django.utils.translation import get_language, get_language_bidi

from content.views import in_language, kept_visible, visible
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie

from ..figures import measures_per_status
from ..filters import reaching_district, serving_leitlinie
from ..models import Foerderprojekt, Massnahme, Status, Ziel

register = template.Library()

# The bar chart's geometry, in the units of its viewBox (about CSS pixels at 320 px).
CHART_WIDTH = 320
ROW = 44  # one status: its name on one line, its bar with the count below
BAR = 14
COUNT_ROOM = 36  # room for the count after the longest bar


@register.inclusion_tag("umsetzung/includes/date.html")
def precise_date(obj, name):
    """``<time>`` with the date ``name`` of ``obj`` as precisely as it is known."""
    return {"iso": obj.date_iso(name), "shown": obj.date_shown(name)}


@register.inclusion_tag("umsetzung/includes/amount.html")
def euro(amount):
    """An amount in euros as the visitor's language writes it, e.g. “50.000 €”."""
    return {"amount": amount}


@register.inclusion_tag("umsetzung/includes/status_chart.html")
def status_chart(status_counts, chart_id="status-chart"):
    """A bar per status: its symbol and name above, the bar and the count below. Right to
    left, the bars grow from the right edge."""
    rtl = get_language_bidi()
    largest = max((row.count for row in status_counts), default=0) or 1
    room = CHART_WIDTH - COUNT_ROOM
    rows = []
    for index, row in enumerate(status_counts):
        width = round(room * row.count / largest, 1)
        top = index * ROW
        geometry = {
            "label_x": CHART_WIDTH if rtl else 0,
            "label_y": top + 15,
            "bar_x": CHART_WIDTH - width if rtl else 0,
            "bar_y": top + 21,
            "bar_width": width,
            "count_x": CHART_WIDTH - width - 4 if rtl else width + 4,
            "count_y": top + 33,
        }
        # As plain numbers: never “12,5” or “1.320” in a German page's attributes.
        rows.append({"status": row.status, "count": row.count, **_numbers(geometry)})
    return {
        "rows": rows,
        "chart_id": chart_id,
        **_numbers(width=CHART_WIDTH, height=len(rows) * ROW),
    }


def _numbers(values=None, **more) -> dict[str, str]:
    return {name: f"{value:g}" for name, value in {**(values or {}), **more}.items()}


def _measures(request):
    related = ("status", "handlungsfeld")
    return in_language(visible(Massnahme.objects.select_related(*related), request), *related)


def _kept_for(context, name, obj, load):
    """What a strategy page shows of the implementation, kept per content generation and
    language (only staff change it): ``load()``."""
    key = (name, obj._meta.label, obj.pk, get_language())
    return kept_visible(context["request"], key, load)


@register.simple_tag(takes_context=True)
def goals_of(context, obj):
    """The visible goals of a Handlungsfeld, or those linked to a Leitlinie."""
    goals = in_language(
        visible(Ziel.objects.select_related("handlungsfeld"), context["request"]), "handlungsfeld"
    )
    if isinstance(obj, Handlungsfeld):
        found = goals.filter(handlungsfeld=obj)
    else:
        found = goals.filter(leitlinien=obj)
    return _kept_for(context, "goals-of", obj, lambda: list(found))


#: A page of the strategy names this many of its measures; the list of measures has them all.
SHOWN = 12


@register.simple_tag(takes_context=True)
def measures_of(context, obj):
    """The first visible measures of a Handlungsfeld, of a Leitlinie (directly or through
    one of its goals) or of a Stadtbezirk, and how many there are in all:
    ``{"shown": [...], "count": n}``."""
    measures = _measures(context["request"])
    if isinstance(obj, Handlungsfeld):
        found = measures.filter(handlungsfeld=obj)
    elif isinstance(obj, Leitlinie):
        found = serving_leitlinie(measures, obj.key)
    else:
        found = reaching_district(measures, obj.key)

    def load():
        shown = list(found[: SHOWN + 1])
        count = len(shown) if len(shown) <= SHOWN else found.count()
        return {"shown": shown[:SHOWN], "count": count}

    return _kept_for(context, "measures-of", obj, load)


@register.simple_tag(takes_context=True)
def citywide_measures(context):
    """How many visible measures reach the whole city (shown on every district's page)."""
    citywide = _measures(context["request"]).filter(citywide=True)
    return kept_visible(context["request"], "citywide-measures", citywide.count)


@register.simple_tag(takes_context=True)
def projects_of(context, district):
    """The visible funded projects in a Stadtbezirk."""
    projects = Foerderprojekt.objects.select_related("line").filter(district=district)
    found = in_language(visible(projects, context["request"]), "line")
    return _kept_for(context, "projects-of", district, lambda: list(found))


@register.simple_tag(takes_context=True)
def implementation_glance(context):
    """For the start page: the measures per status (only the statuses some measure has)
    and their total, kept per content generation."""
    request = context["request"]

    def load():
        counts = measures_per_status(
            visible(Status.objects.all(), request), visible(Massnahme.objects.all(), request)
        )
        return {
            "counts": [row for row in counts if row.count],
            "total": sum(row.count for row in counts),
        }

    return kept_visible(request, "umsetzung-glance", load)
