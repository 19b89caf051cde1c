"""When the database is unreachable (maintenance, restart, network): keep answering.

Django hands every uncaught exception to ``handler500``. If the cause is the database:

- a public page that was rendered before is served from the page cache (stale copy);
- any other public request gets the 503 page in the visitor's language, with Retry-After;
- an admin save gets a German page that keeps every value the editor sent in a form, with
  a button to send it again once the database is back. Nothing typed is lost.

Connections recover by themselves: ``CONN_HEALTH_CHECKS`` makes Django test a kept
connection before using it and open a new one when the old one is dead.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from . import paths
from .page_cache import stale_copy

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Form fields of the admin that are not the editor's text.
TECHNICAL_FIELDS = ("csrfmiddlewaretoken",)
TECHNICAL_SUFFIXES = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def database_unreachable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def server_error(request):
    """handler500: an outage-aware answer; any other error gets the static 500 page."""
    exception = sys.exc_info()[1]
    if not database_unreachable(exception):
        return HttpResponseServerError(render_to_string("500.html"))
    # Answers with status 503 are logged by Django (one line, see LOGGING); a stale copy
    # is logged here.
    if paths.is_admin(request) and request.method == "POST":
        return _rescue_admin_input(request)
    stale = stale_copy(request) if request.method in ("GET", "HEAD") else None
    if stale is not None:
        logger.warning("database unreachable, stale copy served: %s", request.path)
        return stale
    return unavailable(render_to_string("503.html"))


def unavailable(body: str) -> HttpResponse:
    """503 with Retry-After, never stored by a cache."""
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _technical(name: str, value: str) -> bool:
    """Kept as a hidden field: tokens, form counters, buttons, ticks and empty fields."""
    return (
        name in TECHNICAL_FIELDS
        or name.endswith(TECHNICAL_SUFFIXES)
        or name.startswith("_")
        or value in ("", "on")
    )


def _rescue_admin_input(request) -> HttpResponse:
    """The editor's input, unchanged, in a form that sends it to the same address again."""
    try:
        fields = [
            (name, value, _technical(name, value))
            for name, values in request.POST.lists()
            for value in values
        ]
    except Exception:  # an unreadable body: nothing we could keep
        fields = []
    files = list(request.FILES) if request.FILES else []
    return unavailable(
        render_to_string(
            "admin/database_unavailable.html",
            {"action": request.get_full_path(), "fields": fields, "files": files},
        )
    )
