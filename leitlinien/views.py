from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from hannover_strategy.views import sections, visible, visible_list

from .models import Begriff, Leitlinie


class LeitlinieListView(ListView):
    template_name = "leitlinien/leitlinie_list.html"
    context_object_name = "leitlinien"

    def get_queryset(self):
        return visible_list(self.request, "leitlinien", Leitlinie.objects.all)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(self.request),
            nav="leitlinien",
            breadcrumbs=[(_("Guidelines"), None)],
            **kwargs,
        )


class LeitlinieDetailView(DetailView):
    template_name = "leitlinien/leitlinie_detail.html"
    context_object_name = "leitlinie"

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible(Leitlinie.objects.all(), self.request), number=self.kwargs["number"]
        )

    def get_context_data(self, **kwargs):
        numbers = list(
            visible(Leitlinie.objects.all(), self.request).values_list("number", flat=True)
        )
        index = numbers.index(self.object.number)
        return super().get_context_data(
            previous_number=numbers[index - 1] if index > 0 else None,
            next_number=numbers[index + 1] if index + 1 < len(numbers) else None,
            nav="leitlinien",
            breadcrumbs=[
                (_("Guidelines"), reverse("leitlinien:list")),
                (str(self.object), None),
            ],
            **kwargs,
        )


class GlossaryView(ListView):
    template_name = "leitlinien/glossary.html"
    context_object_name = "terms"

    def get_queryset(self):
        return visible_list(self.request, "glossary", Begriff.objects.all)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(self.request),
            nav="glossary",
            breadcrumbs=[(_("Glossary"), None)],
            **kwargs,
        )
