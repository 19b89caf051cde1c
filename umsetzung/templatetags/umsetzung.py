"""What the pages of other apps show of the implementation, without those apps knowing it:
the goals and measures of a Handlungsfeld or a Leitlinie (``{% load umsetzung %}``)."""

from django import template
from django.db.models import Q

from content.views import visible
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie

from ..models import Foerderprojekt, Massnahme, Ziel

register = template.Library()


def _measures(request):
    return visible(Massnahme.objects.select_related("status", "handlungsfeld"), request)


@register.simple_tag(takes_context=True)
def goals_of(context, obj):
    """The visible goals of a Handlungsfeld, or those linked to a Leitlinie."""
    goals = visible(Ziel.objects.select_related("handlungsfeld"), context["request"])
    if isinstance(obj, Handlungsfeld):
        return list(goals.filter(handlungsfeld=obj))
    return list(goals.filter(leitlinien=obj))


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
        direct = Massnahme.leitlinien.through.objects.filter(leitlinie=obj)
        through_goals = Massnahme.goals.through.objects.filter(ziel__leitlinien=obj)
        found = measures.filter(
            Q(pk__in=direct.values("massnahme")) | Q(pk__in=through_goals.values("massnahme"))
        )
    else:
        reaching = Massnahme.districts.through.objects.filter(stadtbezirk=obj)
        found = measures.filter(pk__in=reaching.values("massnahme"))
    shown = list(found[: SHOWN + 1])
    count = len(shown) if len(shown) <= SHOWN else found.count()
    return {"shown": shown[:SHOWN], "count": count}


@register.simple_tag(takes_context=True)
def citywide_measures(context):
    """How many visible measures reach the whole city (shown on every district's page)."""
    return _measures(context["request"]).filter(citywide=True).count()


@register.simple_tag(takes_context=True)
def projects_of(context, district):
    """The visible funded projects in a Stadtbezirk."""
    return list(
        visible(Foerderprojekt.objects.select_related("line"), context["request"]).filter(
            district=district
        )
    )
