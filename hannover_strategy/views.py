"""Site-wide pages (the start page) and what every page view shares: which content a
request may see."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.generic import TemplateView
from django.views.static import serve

from beteiligung.models import Beteiligungsformat, Kennzahl
from leitlinien.models import Abschnitt, FazitPunkt, Leitlinie

from . import prepared, site_data
from .models import Gebaerdensprachvideo

PREVIEW_PARAMETER = "preview"


def is_preview(request) -> bool:
    """A logged-in staff member asked to see drafts (``?preview=1``).

    The query string is checked first, so that ordinary visits never touch the session.
    """
    return (
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and request.user.is_authenticated
        and request.user.is_staff
    )


def visible(queryset, request):
    """Published content for visitors; drafts too for staff in preview."""
    return queryset if is_preview(request) else queryset.published()


def visible_list(request, name: str, build) -> list:
    """``visible(build(), request)`` as a list. For visitors it runs from SQL compiled once
    per process (``prepared``, under ``name``); staff previews use the ORM as usual."""
    if is_preview(request):
        return list(build())
    return prepared.objects(name, lambda: build().published())


def sections(request) -> dict[str, Abschnitt]:
    """Visible sections of the paper by key, in one query."""
    return {s.key: s for s in visible_list(request, "sections", Abschnitt.objects.all)}


def formats_with_figures(request) -> list[Beteiligungsformat]:
    """Participation formats, each with its visible figures in ``published_figures``.

    Two plain queries, grouped here: cheaper than ``prefetch_related`` with its join for
    the figures' default ordering.
    """
    formats = visible_list(request, "formats", Beteiligungsformat.objects.all)
    by_id = {}
    for format_ in formats:
        format_.published_figures = []
        by_id[format_.pk] = format_
    figures = visible_list(request, "figures", lambda: Kennzahl.objects.order_by("position", "key"))
    for figure in figures:
        if figure.format_id in by_id:  # not the figures of a format that is not shown
            by_id[figure.format_id].published_figures.append(figure)
    return formats


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leitlinie_1 = visible_list(
            self.request, "leitlinie-1", lambda: Leitlinie.objects.filter(number=1)
        )
        context.update(
            sections=sections(self.request),
            leitlinie_1=leitlinie_1[0] if leitlinie_1 else None,
            fazit_points=visible_list(self.request, "fazit", FazitPunkt.objects.all),
            formats=formats_with_figures(self.request),
            # The sign-language link appears only once a published video exists.
            sign_language_video=site_data.current(
                self.request,
                "sign-language-video",
                lambda: Gebaerdensprachvideo.objects.published().exclude(video="").exists(),
            ),
            nav="home",
        )
        return context


def media(request, path):
    """Uploaded files (the sign-language video), for setups without a proxy serving them."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    response["Cache-Control"] = "no-store"
    return response
