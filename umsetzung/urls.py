from django.urls import path
from django.views.decorators.http import require_safe

from .feeds import HistoryFeed
from .views import funding, matrix, measures, overview, reference

app_name = "umsetzung"

urlpatterns = [
    path("umsetzung/", overview.OverviewView.as_view(), name="overview"),
    path("umsetzung/foerderprogramm/", funding.FundingView.as_view(), name="funding"),
    path("umsetzung/matrix/", matrix.MatrixView.as_view(), name="matrix"),
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
