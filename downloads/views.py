"""Serving the PDFs: made once per content generation and language (``store``), then sent
from disk with an ETag, Last-Modified and a download name in the visitor's language. A
conditional request with the current ETag gets 304 before anything is made."""

from functools import partial

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from content.languages import current_language
from content.views import attachment
from operations import outage, site_data

from . import documents, render, store


def _html(request, document) -> str:
    changed = document.changed()
    short_url = request.build_absolute_uri(document.short_path)
    context = {
        **document.context,
        "title": document.title,
        "changed": changed,
        "short_url": short_url,
        "qr": render.qr_data_uri(short_url),
    }
    return render_to_string(document.template, context, request=request)


def _answer(request, read):
    """The PDF that ``read(public request)`` describes (404 when there is none)."""
    public = documents.public_request(request)
    generation = site_data.request_generation(public)
    document = read(public)
    language = current_language()
    tag = store.etag(generation, language, document.name)
    unchanged = get_conditional_response(request, etag=tag)
    if unchanged is not None:
        return unchanged

    if generation is None:  # a shared cache that is down: the newest copy there is
        found = store.newest(language, document.name)
    else:
        html = partial(_html, public, document)  # rendered only by the request that makes it
        found = store.stored(
            generation, language, document.name, html, request.build_absolute_uri("/")
        )
    if found is None:  # being made, and no earlier copy to give meanwhile
        return outage.unavailable(render_to_string("downloads/busy.html", request=request))
    path, made_in = found
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    tag = store.etag(made_in, language, document.name)
    response["ETag"] = tag
    response["Content-Disposition"] = attachment(f"{document.filename}.pdf", f"{document.name}.pdf")
    # The page cache keeps no streamed answer; browsers and proxies may keep it briefly.
    response["Cache-Control"] = f"public, max-age={settings.HTTP_MAX_AGE}"
    return response


@require_safe
def strategy_pdf(request):
    return _answer(request, documents.strategy)


@require_safe
def field_pdf(request, key):
    return _answer(request, lambda public: documents.handlungsfeld(public, key))


@require_safe
def district_pdf(request, key):
    return _answer(request, lambda public: documents.district(public, key))
