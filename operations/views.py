"""Answers for machines and for setups without a reverse proxy: the health check and the
uploaded files."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.static import serve


def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    response["Cache-Control"] = "no-store"
    return response


def media(request, path):
    """Uploaded files (the sign-language video), for setups without a proxy serving them."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
