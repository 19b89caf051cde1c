from django.urls import path

from . import views

app_name = "beteiligung"

urlpatterns = [
    path("wie-die-strategie-entstand/", views.ProcessView.as_view(), name="process"),
    path("phase-2/", views.TimelineView.as_view(), name="timeline"),
    path("phase-2.ics", views.milestones_ics, name="milestones_ics"),
]
