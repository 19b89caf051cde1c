"""The filter of the list of measures: a plain GET form (Handlungsfeld, Leitlinie, status,
Stadtbezirk, responsible office, year) that works without JavaScript.

A value the form does not know (an old link, a typo, a hostile query string) is not an
error page: the form names the field it ignored and the list shows what the other fields
select. Every choice is a stable key, so a filtered link works in every language.
"""

from django import forms
from django.db.models import Max, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from content.views import visible

from .models import Fortschrittsmeldung, Massnahme, Stadtbezirk, Status

CITYWIDE = "stadtweit"
FIRST_YEAR, LAST_YEAR = 2021, 2030  # the catalogue's five years, with room around them


class MeasureFilterForm(forms.Form):
    """Choices are built per request from what the request may see."""

    handlungsfeld = forms.ChoiceField(label=_("Field of action"), required=False)
    leitlinie = forms.ChoiceField(label=_("Guideline"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    bezirk = forms.ChoiceField(label=_("District"), required=False)
    amt = forms.ChoiceField(label=_("Responsible office"), required=False)
    jahr = forms.ChoiceField(label=_("Year"), required=False)

    error_messages = {"invalid_choice": _("This value is not available; the filter ignores it.")}

    def __init__(self, data, *, fields, leitlinien, statuses, districts, offices):
        super().__init__(data)
        everything = [("", _("all"))]
        self.fields["handlungsfeld"].choices = everything + [(f.key, str(f)) for f in fields]
        self.fields["leitlinie"].choices = everything + [(g.key, str(g)) for g in leitlinien]
        self.fields["status"].choices = everything + [
            (s.key, f"{s.symbol} {s.name}") for s in statuses
        ]
        self.fields["bezirk"].choices = (
            everything + [(CITYWIDE, _("citywide"))] + [(d.key, d.name) for d in districts]
        )
        self.fields["amt"].choices = everything + [(o, o) for o in offices]
        self.fields["jahr"].choices = everything + [
            (str(y), str(y)) for y in range(FIRST_YEAR, LAST_YEAR + 1)
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = self.error_messages["invalid_choice"]

    def selected(self) -> dict[str, str]:
        """The valid values typed (an invalid one counts as not given)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}

    def ignored(self) -> list[str]:
        """The labels of fields whose value was not available."""
        return [str(self.fields[name].label) for name in self.errors]


def offices(queryset) -> list[str]:
    return sorted({o for o in queryset.values_list("responsible", flat=True) if o})


def measures(request, selected: dict[str, str]):
    """The measures the request may see, filtered, with all a list shows in a fixed number
    of queries (status, Handlungsfeld, districts, sub-measures, last report)."""
    queryset = visible(Massnahme.objects.all(), request)
    if value := selected.get("handlungsfeld"):
        queryset = queryset.filter(handlungsfeld__key=value)
    if value := selected.get("leitlinie"):
        queryset = queryset.filter(
            Q(leitlinien__key=value) | Q(goals__leitlinien__key=value)
        ).distinct()
    if value := selected.get("status"):
        queryset = queryset.filter(status__key=value)
    if value := selected.get("bezirk"):
        if value == CITYWIDE:
            queryset = queryset.filter(citywide=True)
        else:
            queryset = queryset.filter(districts__key=value)
    if value := selected.get("amt"):
        queryset = queryset.filter(responsible=value)
    if value := selected.get("jahr"):
        queryset = runs_in(queryset, int(value))
    reports = visible(Fortschrittsmeldung.objects.all(), request)
    return (
        queryset.select_related("status", "handlungsfeld")
        .prefetch_related(
            Prefetch("districts", queryset=visible(Stadtbezirk.objects.all(), request)),
            Prefetch(
                "children", queryset=visible(Massnahme.objects.select_related("status"), request)
            ),
        )
        .annotate(stand=Max("reports__date", filter=Q(reports__in=reports)))
    )


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
    """The bound filter form with the choices the request may see."""
    from_handlungsfelder = Massnahme._meta.get_field("handlungsfeld").related_model
    from_leitlinien = Massnahme._meta.get_field("leitlinien").related_model
    return MeasureFilterForm(
        request.GET,
        fields=list(visible(from_handlungsfelder.objects.all(), request)),
        leitlinien=list(visible(from_leitlinien.objects.all(), request)),
        statuses=list(visible(Status.objects.all(), request)),
        districts=list(visible(Stadtbezirk.objects.all(), request)),
        offices=offices(visible(Massnahme.objects.all(), request)),
    )
