from django.urls import path

from .views import funding, matrix, overview, reference

app_name = "umsetzung"

urlpatterns = [
    path("umsetzung/", overview.OverviewView.as_view(), name="overview"),
    path("umsetzung/foerderprogramm/", funding.FundingView.as_view(), name="funding"),
    path("umsetzung/matrix/", matrix.MatrixView.as_view(), name="matrix"),
    path("stadtbezirke/", reference.DistrictListView.as_view(), name="districts"),
    path("stadtbezirke/<slug:slug>/", reference.DistrictDetailView.as_view(), name="district"),
    path("umsetzung/status/", reference.StatusListView.as_view(), name="statuses"),
    path("umsetzung/dokumente/", reference.DocumentListView.as_view(), name="documents"),
]
