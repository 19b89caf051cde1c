"""The portal's own addresses: language-free ones (short links, QR codes, sitemap, robots,
open-data files) in ``root_urlpatterns``, pages under the language prefix in
``urlpatterns``."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path
from django.views.decorators.http import require_safe

from . import feedback, feeds, links, opendata, share, sitemaps, views
from .models import PAGE_KEYS

root_urlpatterns = [
    # Short, language-free links (see portal/links.py for the scheme).
    re_path(
        rf"^(?P<code>{'|'.join(links.schemes())})(?:/(?P<identifier>[-\w]{{1,80}}))?/?$",
        links.resolve,
        name="short_link",
    ),
    path("qr/<slug:code>/<slug:identifier>.svg", share.qr_svg, name="qr"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("daten/wir-sind-hannover.json", opendata.open_data_json, name="open_data_json"),
    path("daten/<slug:model_name>.csv", opendata.open_data_csv, name="open_data_csv"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("barrierefreiheit/", feedback.accessibility, name="accessibility"),
    path("teilen/", share.share, name="share"),
    path("offene-daten/", opendata.open_data, name="open_data"),
    # A feed is read, never written: other methods get the styled 405.
    path("aenderungen.atom", require_safe(feeds.ChangesFeed()), name="feed"),
    path("gebaerdensprache/", views.SignLanguageView.as_view(), name="sign_language"),
    # Impressum, Datenschutz, Leichte Sprache: pages edited in the admin, by key.
    re_path(rf"^(?P<slug>{'|'.join(PAGE_KEYS)})/$", views.PageView.as_view(), name="page"),
]
