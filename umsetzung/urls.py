from django.urls import path
from django.views.decorators.http import require_safe

from .feeds import HistoryFeed
from .views import measures, reference

app_name = "umsetzung"

urlpatterns = [
    path("stadtbezirke/", reference.DistrictListView.as_view(), name="districts"),
    path("stadtbezirke/<slug:slug>/", reference.DistrictDetailView.as_view(), name="district"),
    path("umsetzung/massnahmen/", measures.MeasureListView.as_view(), name="measures"),
    path("umsetzung/massnahmen.csv", measures.measure_csv, name="measures_csv"),
    path(
        "umsetzung/massnahmen/<slug:slug>/",
        measures.MeasureDetailView.as_view(),
        name="measure",
    ),
    # A feed is read, never written: other methods get the styled 405.
    path("umsetzung/verlauf.atom", require_safe(HistoryFeed()), name="history_feed"),
    path("umsetzung/status/", reference.StatusListView.as_view(), name="statuses"),
    path("umsetzung/dokumente/", reference.DocumentListView.as_view(), name="documents"),
]
