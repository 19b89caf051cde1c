"""What `make bench` measures (one Row per target) and the goals it checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.catalogue import DISTRICT_LIST_PATH, FILTERED_LIST_PATH, MEASURE_PATH

# The strategy's pages (also compared with another revision under BENCH_COMPARE).
STRATEGY_PAGES = [
    ("/de/", "start page"),
    ("/de/leitlinien/1/", "Leitlinie"),
    ("/ar/handlungsfelder/bildung/", "Handlungsfeld (ar)"),
    ("/de/suche/?q=Teilhabe", "search"),
]
# The catalogue's, with 1,000 measures, 3,000 reports and 500 projects (bench/catalogue.py).
CATALOGUE_PAGES = [
    (FILTERED_LIST_PATH, "measures, filtered"),
    (DISTRICT_LIST_PATH, "measures by district (ar)"),
    (MEASURE_PATH, "one measure"),
]
PAGES = STRATEGY_PAGES + CATALOGUE_PAGES
BASELINE_PATH = "/bench-baseline/"
# The PDF of the whole strategy: made once (cold: the first request's time), then served
# from disk by gunicorn (warm: cache "disk"; the page cache keeps no PDF).
PDF_PATH = "/de/download/strategie.pdf"

# Goals (evaluated under "## Targets").
CACHED_SHARE_OF_MINIMAL_VIEW = 0.75
UNCACHED_P95_MS = 50.0


@dataclass
class Row:
    target: str
    label: str
    cache: str  # off, on, proxy, baseline
    port: int
    path: str
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    raw_bytes: int | None = None
    gzip_bytes: int | None = None
    queries: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def errors_text(self) -> str:
        if not self.errors:
            return "0"
        return ", ".join(f"{kind} {count}" for kind, count in self.errors.items())


def build_rows(
    ports: dict[str, int],
    sizes: dict[str, tuple[int, int]],
    queries_off: dict[str, dict],
    queries_on: dict[str, dict],
) -> list[Row]:
    """The two baselines first, then every page with its cache off, on and behind the
    proxy. ``ports``: static, off, on, proxy."""
    static = Row("nginx static file", "start page bytes", "baseline", ports["static"], "/")
    minimal = Row(
        "minimal Django view", "start page bytes", "baseline", ports["off"], BASELINE_PATH
    )
    static.raw_bytes, static.gzip_bytes, static.queries = *sizes["/de/"], 0
    minimal.raw_bytes, minimal.gzip_bytes = sizes["/de/"]
    minimal.queries = queries_off[BASELINE_PATH]["queries"]
    rows = [static, minimal]
    for path, label in PAGES:
        for cache in ("off", "on", "proxy"):
            row = Row(path, label, cache, ports[cache], path)
            row.raw_bytes, row.gzip_bytes = sizes[path]
            if cache == "off":
                row.queries = queries_off[path]["queries"]
            elif cache == "on":
                row.queries = queries_on[path]["queries"]
                if queries_on[path]["page_cache"] != "hit":
                    row.notes.append("test client: no page-cache hit on the second request")
            else:
                row.queries = 0  # a proxy hit never reaches Django
            rows.append(row)
    return rows


def pdf_row(port: int, size: int) -> Row:
    row = Row(PDF_PATH, "whole strategy (PDF)", "disk", port, PDF_PATH)
    row.raw_bytes, row.gzip_bytes = size, size  # compressed already (Flate streams)
    return row


def percent(value: float, reference: float) -> str:
    if not reference:
        return "–"
    share = 100 * value / reference
    return f"{share:.1f} %" if share < 10 else f"{share:,.0f} %"


def evaluate(rows: list[Row], connections: int) -> list[str]:
    """The lines of "## Targets": held or missed, with the figures."""
    minimal = rows[1]
    lines = []
    with_errors = [row for row in rows if row.error_count]
    if with_errors:
        detail = "; ".join(
            f"{row.target} ({row.cache}): {row.errors_text()}" for row in with_errors
        )
        lines.append(f"- **missed** 0 errors everywhere: {detail}")
    else:
        total = sum(row.requests for row in rows)
        lines.append(f"- **held** 0 errors everywhere: 0 in {total:,} requests of {len(rows)} runs")

    cached = [row for row in rows if row.cache == "on"]
    floor = CACHED_SHARE_OF_MINIMAL_VIEW * minimal.rps
    verdict = "held" if all(row.rps >= floor for row in cached) else "missed"
    figures = ", ".join(
        f"`{row.target}` {percent(row.rps, minimal.rps)}"
        + ("" if row.rps >= floor else " (missed)")
        for row in cached
    )
    lines.append(
        f"- **{verdict}** cached pages ≥ {100 * CACHED_SHARE_OF_MINIMAL_VIEW:.0f} % of the "
        f"minimal Django view's {minimal.rps:,.0f} requests/s: {figures}"
    )

    uncached = [row for row in rows if row.cache == "off"]
    verdict = "held" if all(row.p95 < UNCACHED_P95_MS for row in uncached) else "missed"
    figures = ", ".join(
        f"`{row.target}` {row.p95:.1f} ms" + ("" if row.p95 < UNCACHED_P95_MS else " (missed)")
        for row in uncached
    )
    lines.append(
        f"- **{verdict}** uncached p95 < {UNCACHED_P95_MS:.0f} ms at {connections} connections: "
        f"{figures}"
    )
    return lines
