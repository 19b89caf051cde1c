"""SQL queries of one request in steady state (the second request of a process), counted
with Django's test client in CaptureQueriesContext against the bench's database.

``count_queries`` starts ``python -m bench.queries PATH…`` with DJANGO_LOCAL=1 (test
client host "testserver"); that process prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench import BenchError
from bench.stack import PYTHON, baseline_env
from scripts.project import PROJECT_MODULES
from scripts.servers import REPO, run_checked


def local_env(page_cache_seconds: str, baseline_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_HTTPS", "DJANGO_DEBUG"):
        env.pop(name, None)
    env.pop("DJANGO_CACHE_URL", None)
    env.update(DJANGO_LOCAL="1", DJANGO_PAGE_CACHE_SECONDS=page_cache_seconds)
    env.update(baseline_env(baseline_file))
    return env


def count_queries(paths: list[str], page_cache_seconds: str, baseline_file: Path) -> dict:
    """{path: {"status", "queries", "page_cache"}}."""
    result = run_checked(
        [str(PYTHON), "-m", "bench.queries", *paths],
        local_env(page_cache_seconds, baseline_file),
        "counting SQL queries",
        cwd=REPO,
        error=BenchError,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(paths: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", PROJECT_MODULES["settings"])
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in paths:
        client.get(path)  # the first request of a process fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[path] = {
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "page_cache": response.get("X-Page-Cache"),
        }
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
