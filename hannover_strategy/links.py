"""Short, language-free links for every page and section, for letters, minutes and print.

Scheme (the part after the code is the section's number or stable key):

    /l/3        Leitlinie 3                /l          all Leitlinien
    /hf/bildung Handlungsfeld or AG-Jugend  /hf         all Handlungsfelder
    /g/1        principle 1                 /g          principles and priorities
    /p/1        Priorisierung 1
    /m/2        Phase 2 milestone 2         /m          the Phase 2 timeline
    /b/i-beiraete  glossary term            /b          the glossary
    /z/anzahl-treffen  participation figure /z          how the strategy came about
    /f/fazit-jugendbeteiligung  Fazit point
    /a/funktion  section of the paper
    /s/impressum  page (Impressum, Datenschutz, Leichte Sprache, Barrierefreiheit,
                  Offene Daten, Strategiepapier = start page, Gebärdensprache)

A short link answers 302 to the page in the visitor's language (Accept-Language, German
when none fits), with the section's anchor. Numbers can be replaced by the stable key
(``/l/leitlinie-3``). A renamed key keeps its old short link working (the admin adds a 301).
"""

from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

from beteiligung.models import Beteiligungsformat, Kennzahl, Meilenstein
from handlungsfelder.models import Grundsatz, Handlungsfeld, Priorisierung
from leitlinien.models import Abschnitt, Begriff, FazitPunkt, Leitlinie, Strategiepapier

from .models import Barrierefreiheitserklaerung, Gebaerdensprachvideo, OffeneDaten, Seite


@dataclass(frozen=True)
class Scheme:
    code: str
    model: type[Model]
    number_field: str | None  # looked up when the identifier is all digits
    list_url: str | None  # URL name of the overview page


SCHEMES = [
    Scheme("l", Leitlinie, "number", "leitlinien:list"),
    Scheme("hf", Handlungsfeld, None, "handlungsfelder:list"),
    Scheme("g", Grundsatz, "number", "handlungsfelder:principles"),
    Scheme("p", Priorisierung, "position", None),
    Scheme("m", Meilenstein, "position", "beteiligung:timeline"),
    Scheme("b", Begriff, None, "leitlinien:glossary"),
    Scheme("z", Kennzahl, None, "beteiligung:process"),
    Scheme("e", Beteiligungsformat, None, None),
    Scheme("f", FazitPunkt, None, None),
    Scheme("a", Abschnitt, None, None),
    Scheme("s", Seite, None, None),
]
BY_CODE = {scheme.code: scheme for scheme in SCHEMES}
BY_MODEL = {scheme.model: scheme for scheme in SCHEMES}
# Pages that are not content objects of a scheme above.
SINGLE_PAGES = {
    "strategiepapier": (Strategiepapier, "home"),
    "barrierefreiheit": (Barrierefreiheitserklaerung, "accessibility"),
    "offene-daten": (OffeneDaten, "open_data"),
    "gebaerdensprache": (Gebaerdensprachvideo, "sign_language"),
}


def short_path(obj) -> str | None:
    """The short link of ``obj`` (e.g. ``/l/3``), or None if it has none."""
    for name, (model, _url_name) in SINGLE_PAGES.items():
        if isinstance(obj, model):
            return f"/s/{name}"
    scheme = BY_MODEL.get(type(obj))
    if scheme is None:
        return None
    identifier = getattr(obj, scheme.number_field) if scheme.number_field else obj.key
    return f"/{scheme.code}/{identifier}"


def _language(request) -> str:
    return get_language_from_request(request, check_path=False)


def _redirect(request, address):
    """302 to ``address()``, worked out in the visitor's language."""
    with translation.override(_language(request)):
        url = address()
    response = HttpResponseRedirect(url)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def find(code: str, identifier: str):
    """The published object a short link ``/<code>/<identifier>`` names, or None."""
    if code == "s" and identifier in SINGLE_PAGES:
        return SINGLE_PAGES[identifier][0].objects.published().first()
    scheme = BY_CODE.get(code)
    if scheme is None:
        return None
    queryset = scheme.model.objects.published()
    if scheme.number_field and identifier.isdigit() and len(identifier) < 6:
        return queryset.filter(**{scheme.number_field: int(identifier)}).first()
    return queryset.filter(key=identifier).first()


def resolve(request, code, identifier=None):
    """Short link → the page in the visitor's language (302)."""
    if identifier is None:
        scheme = BY_CODE.get(code)
        if scheme is None or scheme.list_url is None:
            raise Http404
        return _redirect(request, lambda: reverse(scheme.list_url))
    obj = find(code, identifier)
    if obj is None:
        raise Http404
    return _redirect(request, obj.get_absolute_url)
