"""`make bench` only: the portal's URLconf with one more route, the minimal Django view.

The cache-off gunicorn of the bench runs with ``DJANGO_ROOT_URLCONF=bench.baseline`` and
``DJANGO_BENCH_BASELINE_FILE``; ``/bench-baseline/`` then returns that file's bytes (read
once) through the whole middleware stack, without rendering: the framework's ceiling.
Production never routes it.

Django refuses ``include()`` of a URLconf that uses ``i18n_patterns``, so the portal's
patterns are taken from Django's resolver of that URLconf (named by its string) and
stand here unchanged at the top level, language prefixes included.
"""

import functools
import os

from django.http import HttpResponse
from django.urls import get_resolver, path

from scripts.project import PROJECT_MODULES


@functools.cache
def _baseline_bytes() -> bytes:
    with open(os.environ["DJANGO_BENCH_BASELINE_FILE"], "rb") as handle:
        return handle.read()


def bench_baseline(request):
    response = HttpResponse(_baseline_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("bench-baseline/", bench_baseline),
    *get_resolver(PROJECT_MODULES["urls"]).url_patterns,
]
