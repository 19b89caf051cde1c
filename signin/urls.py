from django.urls import path

from . import views

app_name = "signin"
urlpatterns = [
    path("zweiter-faktor/", views.verify, name="verify"),
    path("zweiter-faktor/einrichten/", views.setup, name="setup"),
    path("zweiter-faktor/ersatzcodes/", views.backup_codes, name="backup_codes"),
]
