"""The portal's PDFs, under the language prefix: ``/de/download/strategie.pdf``."""

from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("download/strategie.pdf", views.strategy_pdf, name="strategy"),
    path("download/handlungsfeld-<slug:key>.pdf", views.field_pdf, name="handlungsfeld"),
    path("download/stadtbezirk-<slug:key>.pdf", views.district_pdf, name="district"),
]
