from django.urls import path

from . import views

app_name = "handlungsfelder"

urlpatterns = [
    path("handlungsfelder/", views.HandlungsfeldListView.as_view(), name="list"),
    path("handlungsfelder/<slug:slug>/", views.HandlungsfeldDetailView.as_view(), name="detail"),
    path(
        "grundsaetze-und-priorisierungen/",
        views.PrinciplesView.as_view(),
        name="principles",
    ),
]
