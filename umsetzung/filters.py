"""The filter of the list of measures: a plain GET form (Handlungsfeld, Leitlinie, status,
Stadtbezirk, responsible office, year) that works without JavaScript.

A value the form does not know (an old link, a typo, a hostile query string) is not an
error page: the form names the field it ignored and the list shows what the other fields
select. Every choice is a stable key, so a filtered link works in every language.
"""

from django import forms
from django.db.models import OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from content.views import in_language, kept_visible, visible
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie

from .links import attach_links
from .models import Fortschrittsmeldung, Massnahme, Stadtbezirk, Status

CITYWIDE = "stadtweit"
FIRST_YEAR, LAST_YEAR = 2021, 2030  # the catalogue's five years, with room around them


class MeasureFilterForm(forms.Form):
    """``choices``: per field the (key, label) pairs the request may see."""

    handlungsfeld = forms.ChoiceField(label=_("Field of action"), required=False)
    leitlinie = forms.ChoiceField(label=_("Guideline"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    bezirk = forms.ChoiceField(label=_("District"), required=False)
    amt = forms.ChoiceField(label=_("Responsible office"), required=False)
    jahr = forms.ChoiceField(label=_("Year"), required=False)

    error_messages = {"invalid_choice": _("This value is not available; the filter ignores it.")}

    def __init__(self, data, *, choices: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        for name, field in self.fields.items():
            field.choices = [("", _("all")), *choices[name]]
            field.error_messages["invalid_choice"] = self.error_messages["invalid_choice"]

    def selected(self) -> dict[str, str]:
        """The valid values typed (an invalid one counts as not given)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}

    def ignored(self) -> list[str]:
        """The labels of fields whose value was not available."""
        return [str(self.fields[name].label) for name in self.errors]


def choices(request) -> dict[str, list[tuple[str, str]]]:
    """What each filter offers, in the page's language."""
    seen = {
        name: list(visible(model.objects.all(), request))
        for name, model in (
            ("handlungsfeld", Handlungsfeld),
            ("leitlinie", Leitlinie),
            ("status", Status),
            ("bezirk", Stadtbezirk),
        )
    }
    return {
        "handlungsfeld": [(f.key, str(f)) for f in seen["handlungsfeld"]],
        "leitlinie": [(g.key, str(g)) for g in seen["leitlinie"]],
        "status": [(s.key, f"{s.symbol} {s.name}") for s in seen["status"]],
        "bezirk": [(CITYWIDE, str(_("citywide"))), *((d.key, d.name) for d in seen["bezirk"])],
        "amt": [(o, o) for o in offices(visible(Massnahme.objects.all(), request))],
        "jahr": [(str(y), str(y)) for y in range(FIRST_YEAR, LAST_YEAR + 1)],
    }


def offices(queryset) -> list[str]:
    return sorted({o for o in queryset.values_list("responsible", flat=True) if o})


# Relations are matched in subqueries, not joins: no duplicate rows, no DISTINCT.
def serving_leitlinie(queryset, key: str):
    """Measures linked to the Leitlinie ``key`` directly or through one of their goals."""
    direct = Massnahme.leitlinien.through.objects.filter(leitlinie__key=key)
    through_goals = Massnahme.goals.through.objects.filter(ziel__leitlinien__key=key)
    return queryset.filter(
        Q(pk__in=direct.values("massnahme")) | Q(pk__in=through_goals.values("massnahme"))
    )


def reaching_district(queryset, key: str):
    """Measures that name the Stadtbezirk ``key`` among their districts."""
    reaching = Massnahme.districts.through.objects.filter(stadtbezirk__key=key)
    return queryset.filter(pk__in=reaching.values("massnahme"))


def measures(request, selected: dict[str, str]):
    """The measures the request may see, filtered, with all a list shows in a fixed number
    of queries (status, Handlungsfeld, last report; districts and sub-measures: ``listed``)."""
    queryset = visible(Massnahme.objects.all(), request)
    if value := selected.get("handlungsfeld"):
        queryset = queryset.filter(handlungsfeld__key=value)
    if value := selected.get("leitlinie"):
        queryset = serving_leitlinie(queryset, value)
    if value := selected.get("status"):
        queryset = queryset.filter(status__key=value)
    if value := selected.get("bezirk"):
        if value == CITYWIDE:
            queryset = queryset.filter(citywide=True)
        else:
            queryset = reaching_district(queryset, value)
    if value := selected.get("amt"):
        queryset = queryset.filter(responsible=value)
    if value := selected.get("jahr"):
        queryset = runs_in(queryset, int(value))
    return in_language(
        queryset.select_related("status", "handlungsfeld"), "status", "handlungsfeld"
    ).annotate(stand=stand(request))


def listed(found, request) -> list:
    """``found`` (measures) as a list with their districts (``shown_districts``), the
    sub-measures read in one query for those whose progress is derived from them (and no
    query when none is)."""
    found = list(found)
    attach_links(found, request, "districts")
    deriving = [m for m in found if m.progress_from == Massnahme.Progress.CHILDREN]
    children = in_language(visible(Massnahme.objects.select_related("status"), request), "status")
    prefetch_related_objects(deriving, Prefetch("children", queryset=children))
    return found


def stand(request):
    """The date of a measure's latest report the request may see (its “Stand”)."""
    latest = visible(Fortschrittsmeldung.objects.filter(measure=OuterRef("pk")), request)
    return Subquery(latest.order_by("-date").values("date")[:1])


def runs_in(queryset, year: int):
    """Measures whose period (actual where known, else planned) touches ``year``."""
    started = Q(actual_start__year__lte=year) | Q(
        actual_start__isnull=True, planned_start__year__lte=year
    )
    not_ended = (
        Q(actual_end__year__gte=year)
        | Q(actual_end__isnull=True, planned_end__year__gte=year)
        | Q(actual_end__isnull=True, planned_end__isnull=True)
    )
    return queryset.filter(started, not_ended)


def filter_form(request):
    """The bound filter form. Its choices change only when staff save something: kept per
    content generation and language."""
    kept = kept_visible(
        request, ("measure-filter", translation.get_language()), lambda: choices(request)
    )
    return MeasureFilterForm(request.GET, choices=kept)


def canonical_query(request, form, page_number: int | None = None) -> bool:
    """The address's query string is one the portal itself makes: valid values in the
    form's order, either the chosen ones only (the portal's links) or every field (the
    form as a browser sends it), then at most the number of the page shown. Only these
    addresses may be kept by the page cache: random query strings cannot fill it."""
    if form.errors:
        return False
    selected = form.selected()
    names = list(form.fields)
    chosen = urlencode([(name, selected[name]) for name in names if name in selected])
    every = urlencode([(name, selected.get(name, "")) for name in names])
    pages = ["", f"seite={page_number}"] if page_number else [""]
    query = request.META.get("QUERY_STRING", "")
    return any(
        query == "&".join(filter(None, (base, page))) for base in (chosen, every) for page in pages
    )
