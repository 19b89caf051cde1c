from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from content.views import SeriesMixin, VisibleMixin
from dokumente.views import with_library_file

from ..models import Ratsdokument, Stadtbezirk, Status

DISTRICTS = _("Districts")


class DistrictListView(VisibleMixin, ListView):
    model = Stadtbezirk
    template_name = "umsetzung/district_list.html"
    context_object_name = "districts"
    crumb = DISTRICTS


class DistrictDetailView(SeriesMixin, DetailView):
    model = Stadtbezirk
    template_name = "umsetzung/district_detail.html"
    context_object_name = "district"
    slug_field = "key"
    series_fields = ("key", "name", "number")
    parent_crumb = (DISTRICTS, "umsetzung:districts")


class StatusListView(VisibleMixin, ListView):
    model = Status
    template_name = "umsetzung/status_list.html"
    context_object_name = "statuses"
    nav, crumb = "umsetzung", _("Status of measures")


class DocumentListView(VisibleMixin, ListView):
    model = Ratsdokument
    template_name = "umsetzung/document_list.html"
    context_object_name = "documents"
    nav, crumb = "umsetzung", _("Council documents")

    def get_queryset(self):
        return with_library_file(super().get_queryset(), self.request)
