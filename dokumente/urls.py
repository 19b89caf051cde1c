"""The library page under the language prefix (``/de/dokumente/``); the files themselves
language-free in ``root_urlpatterns`` (``/dokumente/<key>/``)."""

from django.urls import path

from . import views

app_name = "dokumente"

urlpatterns = [
    path("dokumente/", views.LibraryView.as_view(), name="library"),
]

root_urlpatterns = [
    path("dokumente/<slug:key>/", views.document_file, name="dokument_file"),
]
