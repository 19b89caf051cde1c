from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from content.views import PageMixin, SeriesMixin, VisibleMixin, kept_visible, visible

from .models import Grundsatz, Handlungsfeld, Priorisierung


def visible_principles(request) -> list[Grundsatz]:
    """The principles the request may see. They cut across every field and are shown with
    them, so, like the paper's title, they are kept per content generation."""
    return kept_visible(
        request, "principles", lambda: list(visible(Grundsatz.objects.all(), request))
    )


class HandlungsfeldListView(VisibleMixin, ListView):
    model = Handlungsfeld
    template_name = "handlungsfelder/handlungsfeld_list.html"
    context_object_name = "fields"
    nav, crumb = "handlungsfelder", _("Fields of action")

    def get_context_data(self, **kwargs):
        fields = self.object_list
        return super().get_context_data(
            action_fields=[f for f in fields if not f.is_working_group],
            working_groups=[f for f in fields if f.is_working_group],
            principles=visible_principles(self.request),
            **kwargs,
        )


class HandlungsfeldDetailView(SeriesMixin, DetailView):
    model = Handlungsfeld
    template_name = "handlungsfelder/handlungsfeld_detail.html"
    context_object_name = "field"
    slug_field = "key"
    series_fields = ("key", "title", "position")
    nav, parent_crumb = "handlungsfelder", (_("Fields of action"), "handlungsfelder:list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(principles=visible_principles(self.request), **kwargs)


class PrinciplesView(PageMixin, TemplateView):
    template_name = "handlungsfelder/principles.html"
    nav, crumb = "principles", _("Principles and priorities")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            principles=visible_principles(self.request),
            priorities=visible(Priorisierung.objects.all(), self.request),
            **kwargs,
        )
