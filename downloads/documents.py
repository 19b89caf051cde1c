"""What each PDF shows, read like its pages read it (published content only, never a
preview's drafts): the template, its context, the document's title and file name in the
visitor's language, and its "Stand" (when the content it shows last changed)."""

import copy
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from beteiligung.models import Meilenstein
from beteiligung.views import formats_with_figures
from content.views import visible
from handlungsfelder.models import Handlungsfeld, Priorisierung
from handlungsfelder.views import visible_principles
from leitlinien.models import Abschnitt, Begriff, FazitPunkt, Leitlinie, Strategiepapier
from umsetzung.filters import reaching_district
from umsetzung.models import Foerderprojekt, Massnahme, Stadtbezirk, Ziel


@dataclass
class Document:
    name: str  # in the address and the stored file: "strategie", "handlungsfeld-bildung"
    template: str
    title: str
    filename: str  # in the visitor's language, without ".pdf"
    short_path: str
    context: dict = field(default_factory=dict)
    shown: list = field(default_factory=list)  # querysets and objects whose dates count

    def changed(self) -> datetime | None:
        """The "Stand": the latest change of anything the document shows."""
        dates = []
        for item in self.shown:
            if hasattr(item, "aggregate"):
                dates.append(item.aggregate(latest=Max("updated_at"))["latest"])
            else:
                dates.append(item.updated_at)
        dates = [date for date in dates if date is not None]
        return max(dates) if dates else None


def public_request(request):
    """``request`` as an anonymous visitor's: a PDF is kept for everyone, so it never shows
    a preview's drafts (the generation it was read in stays the same)."""
    public = copy.copy(request)
    public.GET = QueryDict()
    public.user = AnonymousUser()
    return public


def _paper():
    return Strategiepapier.objects.published().first()


def strategy(request) -> Document:
    paper = _paper()
    leitlinien = list(visible(Leitlinie.objects.all(), request))
    fields = list(visible(Handlungsfeld.objects.all(), request))
    principles = visible_principles(request)
    priorities = list(visible(Priorisierung.objects.all(), request))
    formats = formats_with_figures(request)
    fazit_points = list(visible(FazitPunkt.objects.all(), request))
    milestones = list(visible(Meilenstein.objects.all(), request))
    terms = list(visible(Begriff.objects.all(), request))
    figures = [figure for format_ in formats for figure in format_.published_figures]
    title = f"{paper.title}: {paper.tagline}" if paper else _("Strategy portal")
    return Document(
        name="strategie",
        template="downloads/strategy.html",
        title=title,
        filename=_("Strategy-Migration-and-Participation"),
        short_path=paper.short_path() if paper else "/",
        context={
            "leitlinien": leitlinien,
            "fields": fields,
            "principles": principles,
            "priorities": priorities,
            "formats": formats,
            "fazit_points": fazit_points,
            "milestones": milestones,
            "terms": terms,
        },
        shown=[
            *filter(None, [paper]),
            *chain(leitlinien, fields, principles, priorities, formats, figures),
            *chain(fazit_points, milestones, terms),
            visible(Abschnitt.objects.all(), request),
            visible(Ziel.objects.filter(handlungsfeld__in=fields), request),
            visible(Massnahme.objects.filter(handlungsfeld__in=fields), request),
        ],
    )


def handlungsfeld(request, key: str) -> Document:
    found = visible(Handlungsfeld.objects.filter(key=key), request).first()
    if found is None:
        raise Http404
    principles = visible_principles(request)
    return Document(
        name=f"handlungsfeld-{found.key}",
        template="downloads/handlungsfeld.html",
        title=found.title,
        filename=_("Field-of-action-%(name)s") % {"name": found.key},
        short_path=found.short_path() or "/",
        context={"field": found, "principles": principles},
        shown=[
            found,
            *principles,
            visible(Ziel.objects.filter(handlungsfeld=found), request),
            visible(Massnahme.objects.filter(handlungsfeld=found), request),
        ],
    )


def district(request, key: str) -> Document:
    found = visible(Stadtbezirk.objects.filter(key=key), request).first()
    if found is None:
        raise Http404
    return Document(
        name=f"stadtbezirk-{found.key}",
        template="downloads/district.html",
        title=found.name,
        filename=_("District-%(name)s") % {"name": found.key},
        short_path=found.short_path() or "/",
        context={"district": found},
        shown=[
            found,
            reaching_district(visible(Massnahme.objects.all(), request), found.key),
            visible(Massnahme.objects.filter(citywide=True), request),
            visible(Foerderprojekt.objects.filter(district=found), request),
        ],
    )
