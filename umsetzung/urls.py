from django.urls import path

from .views import reference

app_name = "umsetzung"

urlpatterns = [
    path("stadtbezirke/", reference.DistrictListView.as_view(), name="districts"),
    path("stadtbezirke/<slug:slug>/", reference.DistrictDetailView.as_view(), name="district"),
    path("umsetzung/status/", reference.StatusListView.as_view(), name="statuses"),
    path("umsetzung/dokumente/", reference.DocumentListView.as_view(), name="documents"),
]
