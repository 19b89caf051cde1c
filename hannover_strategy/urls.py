"""URLs: the admin without language prefix, every public page under /<language>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import pages, views
from .models import PAGE_KEYS

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on their own.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    # Uploaded files (the sign-language video). Behind a reverse proxy, let it serve
    # MEDIA_ROOT directly (see README).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("leitlinien.urls")),
    path("", include("handlungsfelder.urls")),
    path("", include("beteiligung.urls")),
    path("barrierefreiheit/", pages.accessibility, name="accessibility"),
    path("gebaerdensprache/", pages.SignLanguageView.as_view(), name="sign_language"),
    # Impressum, Datenschutz, Leichte Sprache: pages edited in the admin, by key.
    re_path(rf"^(?P<slug>{'|'.join(PAGE_KEYS)})/$", pages.PageView.as_view(), name="page"),
    prefix_default_language=True,
)
