from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from content.views import SeriesMixin, VisibleMixin, visible

from .models import Abschnitt, Begriff, Leitlinie


def visible_sections(request) -> dict[str, Abschnitt]:
    """The sections of the paper that the request may see, by key, in one query."""
    return {section.key: section for section in visible(Abschnitt.objects.all(), request)}


class LeitlinieListView(VisibleMixin, ListView):
    model = Leitlinie
    template_name = "leitlinien/leitlinie_list.html"
    context_object_name = "leitlinien"
    nav, crumb = "leitlinien", _("Guidelines")


class LeitlinieDetailView(SeriesMixin, DetailView):
    model = Leitlinie
    template_name = "leitlinien/leitlinie_detail.html"
    context_object_name = "leitlinie"
    slug_field = slug_url_kwarg = "number"
    series_fields = ("number",)
    nav, parent_crumb = "leitlinien", (_("Guidelines"), "leitlinien:list")


class GlossaryView(VisibleMixin, ListView):
    model = Begriff
    template_name = "leitlinien/glossary.html"
    context_object_name = "terms"
    nav, crumb = "glossary", _("Glossary")
