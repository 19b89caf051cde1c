"""URLs: the admin and machine addresses without language prefix, every public page under
/<language>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from content import review
from dokumente.urls import root_urlpatterns as document_urlpatterns
from exchange import catalogue_admin, translation_admin
from operations.paths import ADMIN_PREFIX
from portal import password_reset
from portal.urls import root_urlpatterns
from signin import urls as signin_urls

# Uncaught errors: a database outage gets cached pages or a polite 503 (operations.outage).
handler500 = "operations.outage.server_error"

urlpatterns = [
    # A forgotten password, before the admin (which answers every other address below it).
    path(ADMIN_PREFIX.strip("/") + "/", include(password_reset.urlpatterns)),
    # The catalogue of measures as a file (exchange.catalogue_admin), in the admin's look.
    path(ADMIN_PREFIX.strip("/") + "/", include(catalogue_admin.urlpatterns)),
    path(ADMIN_PREFIX.strip("/") + "/", include(translation_admin.urlpatterns)),
    path(ADMIN_PREFIX.strip("/") + "/", include(review.urlpatterns)),
    # The second factor of staff sign-in (signin/): before any other admin page.
    path(ADMIN_PREFIX.strip("/") + "/", include(signin_urls)),
    path(ADMIN_PREFIX.strip("/") + "/", admin.site.urls),
    path("", include("operations.urls")),
    *root_urlpatterns,
    *document_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("leitlinien.urls")),
    path("", include("handlungsfelder.urls")),
    path("", include("beteiligung.urls")),
    path("", include("dokumente.urls")),
    path("", include("umsetzung.urls")),
    path("", include("search.urls")),
    path("", include("downloads.urls")),
    prefix_default_language=True,
)
