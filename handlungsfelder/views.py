from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from hannover_strategy.views import sections, visible, visible_list

from .models import Grundsatz, Handlungsfeld, Priorisierung


class HandlungsfeldListView(ListView):
    template_name = "handlungsfelder/handlungsfeld_list.html"
    context_object_name = "fields"

    def get_queryset(self):
        return visible_list(self.request, "fields", Handlungsfeld.objects.all)

    def get_context_data(self, **kwargs):
        fields = self.object_list
        return super().get_context_data(
            action_fields=[f for f in fields if not f.is_working_group],
            working_groups=[f for f in fields if f.is_working_group],
            principles=visible_list(self.request, "principles", Grundsatz.objects.all),
            nav="handlungsfelder",
            breadcrumbs=[(_("Fields of action"), None)],
            **kwargs,
        )


class HandlungsfeldDetailView(DetailView):
    template_name = "handlungsfelder/handlungsfeld_detail.html"
    context_object_name = "field"

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible(Handlungsfeld.objects.all(), self.request), key=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        siblings = list(
            visible(Handlungsfeld.objects.all(), self.request).only("key", "title", "position")
        )
        index = [s.pk for s in siblings].index(self.object.pk)
        return super().get_context_data(
            previous_field=siblings[index - 1] if index > 0 else None,
            next_field=siblings[index + 1] if index + 1 < len(siblings) else None,
            principles=visible_list(self.request, "principles", Grundsatz.objects.all),
            nav="handlungsfelder",
            breadcrumbs=[
                (_("Fields of action"), reverse("handlungsfelder:list")),
                (self.object.title, None),
            ],
            **kwargs,
        )


class PrinciplesView(TemplateView):
    template_name = "handlungsfelder/principles.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(self.request),
            principles=visible_list(self.request, "principles", Grundsatz.objects.all),
            priorities=visible_list(self.request, "priorities", Priorisierung.objects.all),
            nav="principles",
            breadcrumbs=[(_("Principles and priorities"), None)],
            **kwargs,
        )
