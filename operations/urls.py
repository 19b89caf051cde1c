"""Language-free addresses of the machinery: health check, uploaded files, favicon."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import paths, views

urlpatterns = [
    # Browsers ask for /favicon.ico on their own.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    # Uploaded files (the sign-language video). Behind a reverse proxy, let it serve
    # MEDIA_ROOT directly (see README).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media),
    path(paths.HEALTH_PATH.lstrip("/"), views.healthz, name="healthz"),
]
