from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from hannover_strategy.views import formats_with_figures, sections, visible_list

from .models import Meilenstein


class ProcessView(TemplateView):
    template_name = "beteiligung/process.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(self.request),
            formats=formats_with_figures(self.request),
            nav="process",
            breadcrumbs=[(_("How the strategy came about"), None)],
            **kwargs,
        )


class TimelineView(ListView):
    template_name = "beteiligung/timeline.html"
    context_object_name = "milestones"

    def get_queryset(self):
        return visible_list(self.request, "milestones", Meilenstein.objects.all)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(self.request),
            nav="timeline",
            breadcrumbs=[(_("Phase 2"), None)],
            **kwargs,
        )
