from django.urls import path

from . import views

app_name = "umsetzung"

urlpatterns = [
    path("stadtbezirke/", views.DistrictListView.as_view(), name="districts"),
    path("stadtbezirke/<slug:slug>/", views.DistrictDetailView.as_view(), name="district"),
    path("umsetzung/status/", views.StatusListView.as_view(), name="statuses"),
    path("umsetzung/dokumente/", views.DocumentListView.as_view(), name="documents"),
]
