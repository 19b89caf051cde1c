from django.urls import path

from . import views

app_name = "leitlinien"

urlpatterns = [
    path("leitlinien/", views.LeitlinieListView.as_view(), name="list"),
    path("leitlinien/<int:number>/", views.LeitlinieDetailView.as_view(), name="detail"),
    path("begriffe/", views.GlossaryView.as_view(), name="glossary"),
]
