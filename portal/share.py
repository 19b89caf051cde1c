"""Citing a section on paper: the print-friendly share view and the QR code of a short
link (SVG made on our server)."""

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import links


def _share_target(path):
    """The object behind a short link path like ``/l/3`` (published only)."""
    parts = [p for p in (path or "").split("/") if p]
    if len(parts) != 2 or len(path) > 200:
        return None
    return links.find(*parts)


def share(request):
    """Print-friendly: title, short link and its QR code."""
    obj = _share_target(request.GET.get("link", ""))
    if obj is None:
        raise Http404
    short = request.build_absolute_uri(obj.short_path())
    qr = segno.make(short, error="m")
    svg = qr.svg_inline(scale=6, dark="#1b1b1f", omitsize=True, title=short)
    return render(
        request,
        "pages/share.html",
        {
            "obj": obj,
            "short_url": short,
            "qr_svg": svg,
            "nav": "share",
            "breadcrumbs": [(_("Share"), None)],
        },
    )


def qr_svg(request, code, identifier):
    """The QR code of a short link as an SVG file."""
    obj = _share_target(f"/{code}/{identifier}")
    if obj is None:
        raise Http404
    qr = segno.make(request.build_absolute_uri(obj.short_path()), error="m")
    response = HttpResponse(qr.svg_inline(scale=8, omitsize=True), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response
