"""Site-wide pages: the start page."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from beteiligung.models import Beteiligungsformat, Kennzahl
from leitlinien.models import Abschnitt, FazitPunkt, Leitlinie


def sections() -> dict[str, Abschnitt]:
    """Published sections of the paper by key, in one query."""
    return {s.key: s for s in Abschnitt.objects.published()}


def formats_with_figures():
    """Participation formats with their published figures (two queries)."""
    return Beteiligungsformat.objects.published().prefetch_related(
        Prefetch("figures", queryset=Kennzahl.objects.published(), to_attr="published_figures")
    )


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sections=sections(),
            leitlinie_1=Leitlinie.objects.published().filter(number=1).first(),
            fazit_points=list(FazitPunkt.objects.published()),
            formats=list(formats_with_figures()),
            nav="home",
        )
        return context
