"""bench/results.md: the table, the goals (## Targets) and the checks."""

from __future__ import annotations

import datetime

from bench.targets import Row, evaluate, percent
from bench.wrk import CONNECTIONS


def first_difference(first: bytes, second: bytes, context: int = 60) -> str:
    at = min(len(first), len(second))
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            at = index
            break
    start = max(0, at - context)
    return f"  {first[start : at + context]!r}\n  {second[start : at + context]!r}"


def render(
    rows: list[Row],
    machine: str,
    elapsed: float,
    checks_failed: bool,
    general: list[str],
    more: list[str] | None = None,
) -> str:
    """The whole report; ``more``: lines of further sections (the comparison)."""
    static, minimal = rows[0], rows[1]
    now = datetime.datetime.now(datetime.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
    lines = [
        "# Benchmark results",
        "",
        f"Run: {now} (`make bench`, {elapsed:.0f} s in all)",
        "",
        f"Machine: {machine}",
        "",
        "Cache: off = gunicorn, server page cache off · on = gunicorn, server page cache on "
        "(warmed) · proxy = nginx proxy_cache in front of the cache-on gunicorn · "
        "baseline = the start page's bytes from nginx (static file) and from a minimal "
        "Django view · disk = a PDF kept on disk, sent by the cache-off gunicorn. "
        "Latency is wrk's (from sending the request to the last byte). "
        "See bench/README.md.",
        "",
        "| target | cache | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| bytes (raw / gzip) | SQL queries | vs nginx static | vs minimal Django |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        target = f"`{row.target}`" if row.target.startswith("/") else row.target
        lines.append(
            f"| {target} | {row.cache} | {row.rps:,.0f} | {row.p50:.2f} | {row.p95:.2f} "
            f"| {row.p99:.2f} | {row.errors_text()} "
            f"| {row.raw_bytes:,} / {row.gzip_bytes:,} "
            f"| {'–' if row.queries is None else row.queries} "
            f"| {percent(row.rps, static.rps)} | {percent(row.rps, minimal.rps)} |"
        )

    lines += ["", "## Targets", "", *evaluate(rows, CONNECTIONS)]

    lines += ["", "## Checks", ""]
    lines += [f"- {note}" for note in general]
    for row in rows:
        for note in row.notes:
            lines.append(f"- {row.target} ({row.cache}): {note}")
    lines.append(
        "- **failed**: a cache phase did not hit or a warm-up saw non-2xx answers; the figures "
        "above are not what they claim"
        if checks_failed
        else "- every cache-on and proxy target answered from its cache after the warm-up; "
        "no warm-up saw a non-2xx answer"
    )
    if more:
        lines += ["", *more]
    return "\n".join(lines) + "\n"
