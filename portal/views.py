"""The start page and the portal's own pages: Impressum, Datenschutz, Leichte Sprache, the
accessibility statement with its feedback form, and the sign-language video."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from beteiligung.views import formats_with_figures
from content.views import PageMixin, VisibleMixin, kept_visible, visible
from dokumente.models import Dokument
from leitlinien.models import FazitPunkt, Leitlinie
from operations import site_data

from .models import Gebaerdensprachvideo, Seite


class HomeView(PageMixin, TemplateView):
    template_name = "pages/home.html"
    nav = "home"

    def get_breadcrumbs(self):
        return []  # the start page is the root of every trail

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            leitlinie_1=visible(Leitlinie.objects.filter(number=1), self.request).first(),
            fazit_points=visible(FazitPunkt.objects.all(), self.request),
            formats=formats_with_figures(self.request),
            # The sign-language link appears only once a published video exists.
            # The city's own files of the paper, once uploaded to the library.
            strategy_files=kept_visible(
                self.request,
                "strategy-files",
                lambda: list(
                    visible(Dokument.objects.filter(kind=Dokument.Kind.STRATEGY), self.request)
                ),
            ),
            sign_language_video=site_data.current(
                self.request,
                "sign-language-video",
                lambda: Gebaerdensprachvideo.objects.published().exclude(video="").exists(),
            ),
            **kwargs,
        )


class PageView(VisibleMixin, DetailView):
    """Impressum, Datenschutz, Leichte Sprache: pages edited in the admin, by key."""

    model = Seite
    template_name = "pages/page.html"
    context_object_name = "page"
    slug_field = "key"

    @property
    def nav(self):
        return self.object.key


class SignLanguageView(PageMixin, TemplateView):
    template_name = "pages/sign_language.html"
    nav, crumb = "sign_language", _("Sign language")

    def get_context_data(self, **kwargs):
        videos = [
            video
            for video in visible(Gebaerdensprachvideo.objects.all(), self.request)
            if video.video
        ]
        if not videos:
            raise Http404
        return super().get_context_data(videos=videos, **kwargs)
