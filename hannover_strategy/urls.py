"""URLs: the admin without language prefix, every public page under /<language>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("leitlinien.urls")),
    path("", include("handlungsfelder.urls")),
    path("", include("beteiligung.urls")),
    prefix_default_language=True,
)
