"""What `make resilience` sends, for how long, and its targets.

Environment (seconds unless said): RESILIENCE_OUTAGE_SECONDS (load during the outage
test, default 40; PostgreSQL stops at 25 % of it and starts at 62 %),
RESILIENCE_OUTAGE_CONNECTIONS (16), RESILIENCE_SOAK_SECONDS (60, measured after a
RESILIENCE_SOAK_WARMUP of 10), RESILIENCE_SOAK_CONNECTIONS (64), RESILIENCE_PUBLISH_SECONDS
(60), RESILIENCE_PUBLISH_EVERY (5), RESILIENCE_PUBLISH_CONNECTIONS (64).
"""

from __future__ import annotations

import os
import time

from scripts.servers import REPO

PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
RESULTS = REPO / "resilience" / "results.md"


def _env_number(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


OUTAGE_SECONDS = _env_number("RESILIENCE_OUTAGE_SECONDS", 40)
STOP_AT = OUTAGE_SECONDS * 0.25
# While PostgreSQL is down, a save elsewhere makes every cached page out of date: the
# outage handler must then serve the stale copies.
NEW_GENERATION_AT = OUTAGE_SECONDS * 0.42
START_AT = OUTAGE_SECONDS * 0.62
OUTAGE_CONNECTIONS = int(_env_number("RESILIENCE_OUTAGE_CONNECTIONS", 16))
SOAK_WARMUP = _env_number("RESILIENCE_SOAK_WARMUP", 10)
SOAK_SECONDS = _env_number("RESILIENCE_SOAK_SECONDS", 60)
SOAK_CONNECTIONS = int(_env_number("RESILIENCE_SOAK_CONNECTIONS", 64))
# Publishing under load: a release every PUBLISH_EVERY s for PUBLISH_SECONDS, at
# PUBLISH_CONNECTIONS, on the app servers and through nginx; and as long without releases.
PUBLISH_SECONDS = _env_number("RESILIENCE_PUBLISH_SECONDS", 60)
PUBLISH_EVERY = _env_number("RESILIENCE_PUBLISH_EVERY", 5)
PUBLISH_CONNECTIONS = int(_env_number("RESILIENCE_PUBLISH_CONNECTIONS", 64))
# In the soak every cached page comes this many times per round of the uncached ones:
# public traffic is mostly cache hits, and a hit takes a few ms where a search takes 100.
SOAK_CACHED_WEIGHT = 3
WORKERS_PER_SERVER = 2
REQUEST_TIMEOUT = 30.0  # the client gives up after gunicorn's own worker timeout

# Targets.
RECOVERY_TARGET_SECONDS = 10.0
P99_FACTOR_TARGET = 3.0  # p99 with releases at most this times the p99 without
VISIBLE_TARGET_SECONDS = 2.0  # a release is on the next pages within this
# The copies of a page before a new content generation: the outage handler's, and the one
# the others get while one request renders the page anew (operations/page_cache.py).
STALE_COPIES = ("stale", "stale-while-revalidate")
MEMORY_GROWTH_TARGET = 0.10
RETRY_AFTER = "30"

# Both servers get the same Host header, as behind a reverse proxy: they share the
# page cache entries (the cache key contains the host).
HOST = "localhost"
ACCEPT_LANGUAGE = "de-DE,de;q=0.9,en;q=0.5"  # a German browser: the URL's language wins
HEADERS = {"Host": HOST, "Accept-Language": ACCEPT_LANGUAGE, "User-Agent": "resilience"}

# Pages rendered before the load starts (they are in the shared page cache).
CACHED = [
    "/de/",
    "/de/leitlinien/",
    "/de/leitlinien/2/",
    "/ar/handlungsfelder/bildung/",
    "/en/leitlinien/3/",
    "/fa/begriffe/",
    "/tr/grundsaetze-und-priorisierungen/",
    "/pl/wie-die-strategie-entstand/",
]
# Never cached: every request has a query string of its own, so the page is rendered
# from the database each time ({token} is new per request).
UNCACHED = [
    "/de/suche/?q=Teilhabe+{token}",
    "/uk/phase-2/?probe={token}",
    "/ar/suche/?q=Bildung+{token}",
    "/ru/handlungsfelder/?probe={token}",
    "/fa/leitlinien/5/?probe={token}",
]


def now() -> float:
    return time.monotonic()


def sleep_until(moment: float) -> None:
    while (left := moment - now()) > 0:
        time.sleep(min(left, 0.5))
