from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from hannover_strategy.views import formats_with_figures, sections

from .models import Meilenstein


class ProcessView(TemplateView):
    template_name = "beteiligung/process.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(),
            formats=list(formats_with_figures()),
            nav="process",
            breadcrumbs=[(_("How the strategy came about"), None)],
            **kwargs,
        )


class TimelineView(ListView):
    template_name = "beteiligung/timeline.html"
    context_object_name = "milestones"

    def get_queryset(self):
        return Meilenstein.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=sections(),
            nav="timeline",
            breadcrumbs=[(_("Phase 2"), None)],
            **kwargs,
        )
