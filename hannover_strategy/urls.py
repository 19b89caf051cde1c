"""URLs: the admin without language prefix, every public page under /<language>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import discovery, links, pages, views
from .models import PAGE_KEYS

# Uncaught errors: a database outage gets cached pages or a polite 503 (outage.py).
handler500 = "hannover_strategy.outage.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on their own.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    # Uploaded files (the sign-language video). Behind a reverse proxy, let it serve
    # MEDIA_ROOT directly (see README).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media),
    # Short, language-free links (see hannover_strategy/links.py for the scheme).
    re_path(
        rf"^(?P<code>{'|'.join(links.BY_CODE)})(?:/(?P<identifier>[-\w]{{1,80}}))?/?$",
        links.resolve,
        name="short_link",
    ),
    path("qr/<slug:code>/<slug:identifier>.svg", discovery.qr_svg, name="qr"),
    path("sitemap.xml", sitemap, {"sitemaps": discovery.SITEMAPS}, name="sitemap"),
    path("robots.txt", discovery.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("daten/wir-sind-hannover.json", discovery.open_data_json, name="open_data_json"),
    path("daten/<slug:model_name>.csv", discovery.open_data_csv, name="open_data_csv"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("leitlinien.urls")),
    path("", include("handlungsfelder.urls")),
    path("", include("beteiligung.urls")),
    path("barrierefreiheit/", pages.accessibility, name="accessibility"),
    path("suche/", discovery.search_view, name="search"),
    path("teilen/", discovery.share, name="share"),
    path("offene-daten/", discovery.open_data, name="open_data"),
    path("aenderungen.atom", discovery.ChangesFeed(), name="feed"),
    path("phase-2.ics", discovery.milestones_ics, name="milestones_ics"),
    path("gebaerdensprache/", pages.SignLanguageView.as_view(), name="sign_language"),
    # Impressum, Datenschutz, Leichte Sprache: pages edited in the admin, by key.
    re_path(rf"^(?P<slug>{'|'.join(PAGE_KEYS)})/$", pages.PageView.as_view(), name="page"),
    prefix_default_language=True,
)
