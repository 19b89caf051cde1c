"""Short, language-free links for every page and section, for letters, minutes and print.

Scheme (the part after the code is the section's number or stable key; each model names its
code, see ``ContentModel.short_code``):

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

import functools

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

from content.models import content_models


@functools.cache
def schemes() -> dict[str, dict]:
    """Per short code: the model found by number or key (``"model"``), the models of pages
    that exist once, by their fixed identifier (``"single"``), and the overview's URL name."""
    table: dict[str, dict] = {}
    for model in content_models():
        if not model.short_code:
            continue
        scheme = table.setdefault(model.short_code, {"model": None, "single": {}, "list": None})
        if model.short_identifier:
            scheme["single"][model.short_identifier] = model
        else:
            scheme["model"] = model
        scheme["list"] = scheme["list"] or model.short_list_url
    return table


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
    scheme = schemes().get(code)
    if scheme is None:
        return None
    if identifier in scheme["single"]:
        return scheme["single"][identifier].objects.published().first()
    model = scheme["model"]
    if model is None:
        return None
    queryset = model.objects.published()
    if model.short_number_field and identifier.isdigit() and len(identifier) < 6:
        return queryset.filter(**{model.short_number_field: int(identifier)}).first()
    return queryset.filter(key=identifier).first()


def resolve(request, code, identifier=None):
    """Short link → the page in the visitor's language (302)."""
    if identifier is None:
        scheme = schemes().get(code)
        if scheme is None or scheme["list"] is None:
            raise Http404
        return _redirect(request, lambda: reverse(scheme["list"]))
    obj = find(code, identifier)
    if obj is None:
        raise Http404
    return _redirect(request, obj.get_absolute_url)
