"""Check 4, publishing under load: a release every 5 s for a minute while 64 connections
ask for the cached pages, on the two app servers and through nginx in front of them
(deploy/nginx/proxy-cache.conf). Each release is an editor's save of Leitlinie 2 through
the admin on A: it makes every cached page obsolete at once. With stale-while-revalidate
(operations/page_cache.py: one request per page renders it, the others get the previous
copy; the lock in the shared Redis) and nginx renewing in the background, there is no
stampede. Targets: 0 errors, p99 at most 3× the p99 of the same load without releases,
every release on the page (read on B, or through nginx) within 2 s of its save."""

from __future__ import annotations

import secrets

from resilience import RunError
from resilience.config import (
    P99_FACTOR_TARGET,
    PUBLISH_CONNECTIONS,
    PUBLISH_EVERY,
    PUBLISH_SECONDS,
    VISIBLE_TARGET_SECONDS,
    now,
    sleep_until,
)
from resilience.editor import Editor, create_editor
from resilience.load import Load, Sample, get
from resilience.report import Report
from resilience.services import Cluster

PAGE = "/de/leitlinien/2/"
POLL_SECONDS = 0.05


def _p99(samples: list[Sample]) -> float:
    durations = sorted(s.end - s.start for s in samples)
    return durations[min(len(durations) - 1, int(0.99 * len(durations)))] * 1000 if durations else 0


def _errors(samples: list[Sample]) -> int:
    return sum(1 for s in samples if s.error or s.status != 200)


def _visible_after(port: int, marker: bytes, saved: float) -> float | None:
    """Seconds from the save until ``PAGE`` on ``port`` shows ``marker`` (None: not in 10 s)."""
    while now() - saved < 10:
        answer = get(port, PAGE)
        if answer.status == 200 and marker in answer.body:
            return now() - saved
        sleep_until(now() + POLL_SECONDS)
    return None


def _run(servers: dict[str, int], editor: Editor | None, change: str, read_port: int):
    """The load for PUBLISH_SECONDS, with a release every PUBLISH_EVERY s when ``editor``
    is given: (samples, seconds until each release was visible)."""
    load = Load(servers, PUBLISH_CONNECTIONS, uncached=False)
    load.start()
    visible: list[float | None] = []
    try:
        end = load.t0 + PUBLISH_SECONDS
        moment = load.t0 + PUBLISH_EVERY
        while editor is not None and moment < end:
            sleep_until(moment)
            marker = f"Freigabe unter Last {secrets.token_hex(4)}"
            editor.save(change, "editorial_title_de", marker)
            visible.append(_visible_after(read_port, marker.encode(), now()))
            moment += PUBLISH_EVERY
        sleep_until(end)
    finally:
        load.stop()
    return load.all(), visible


def publishing_under_load(cluster: Cluster, report: Report) -> None:
    password, pk = create_editor(cluster, "freigabe-last")
    editor = Editor(cluster.ports["A"])
    editor.sign_in("freigabe-last", password)
    change = f"/admin/leitlinien/leitlinie/{pk}/change/"
    proxy = cluster.start_proxy()
    rows = []
    for name, servers, read_port in (
        ("gunicorn A and B", cluster.ports, cluster.ports["B"]),
        ("nginx in front of A and B", {"proxy": proxy}, proxy),
    ):
        for path in {PAGE, "/de/"}:  # in the caches before the load
            get(read_port, path)
        quiet, _none = _run(servers, None, change, read_port)
        busy, visible = _run(servers, editor, change, read_port)
        seen = [v for v in visible if v is not None]
        ratio = _p99(busy) / _p99(quiet) if _p99(quiet) else float("inf")
        ok = (
            not _errors(quiet)
            and not _errors(busy)
            and ratio <= P99_FACTOR_TARGET
            and len(seen) == len(visible) > 0
            and max(seen) <= VISIBLE_TARGET_SECONDS
        )
        slowest = f"{max(seen):.2f} s" if seen else "never"
        report.check(
            f"Publishing under load ({name}): {PUBLISH_CONNECTIONS} connections, a release "
            f"every {PUBLISH_EVERY:.0f} s for {PUBLISH_SECONDS:.0f} s",
            ok,
            f"{len(busy)} requests, {_errors(busy)} errors; p99 {_p99(busy):.0f} ms vs "
            f"{_p99(quiet):.0f} ms without releases ({ratio:.2f}×, target ≤ "
            f"{P99_FACTOR_TARGET:.0f}×); {len(seen)}/{len(visible)} releases visible, the "
            f"slowest after {slowest} (target ≤ {VISIBLE_TARGET_SECONDS:.0f} s)",
        )
        copies = sum(1 for s in busy if s.cache == "stale-while-revalidate")
        rows.append(
            f"| {name} | {len(quiet)} / {_errors(quiet)} | {_p99(quiet):.0f} | "
            f"{len(busy)} / {_errors(busy)} | {_p99(busy):.0f} | {ratio:.2f}× | "
            f"{len(visible)} | {slowest} | {copies} |"
        )
    if not rows:
        raise RunError("publishing under load ran no load")
    report.sections += [
        "## Publishing under load",
        "",
        f"{PUBLISH_CONNECTIONS} connections ask for the cached pages for {PUBLISH_SECONDS:.0f} s, "
        f"once without releases and once with an editor's save of Leitlinie 2 through the "
        f"admin on A every {PUBLISH_EVERY:.0f} s (each makes every cached page obsolete); "
        f"after each save `{PAGE}` is read until it shows the new text.",
        "",
        "| where | requests / errors without releases | p99 ms | requests / errors with "
        "releases | p99 ms | p99 ratio | releases | slowest visible | previous copies "
        "served (`stale-while-revalidate`) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
    ]
