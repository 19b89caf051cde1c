"""Check 2, the outage under load: PostgreSQL stops and starts while both servers are
loaded; every response is put in its phase and judged (outage_report.py reports it)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from resilience import RunError
from resilience.config import (
    CACHED,
    NEW_GENERATION_AT,
    OUTAGE_CONNECTIONS,
    OUTAGE_SECONDS,
    RETRY_AFTER,
    STALE_COPIES,
    START_AT,
    STOP_AT,
    now,
    sleep_until,
)
from resilience.load import HealthWatch, Load, Sample, get, language
from resilience.services import Cluster
from scripts.project import PROJECT_MODULES

PHASES = ["before", "transition", "outage", "recovering", "after"]


@dataclass
class Outage:
    samples: list[Sample]
    health: HealthWatch
    events: dict[str, float]  # stop, stopped, generation, generation done, start, up
    t0: float
    workers_before: dict[str, list[int]]
    workers_after: dict[str, list[int]]
    # When each server first rendered a page again after PostgreSQL was back.
    recovered: dict[str, float | None] = field(default_factory=dict)
    counts: dict[tuple[str, str], Counter] = field(default_factory=dict)
    problems: list[tuple[Sample, str, str]] = field(default_factory=list)


def warm(cluster: Cluster) -> None:
    """Every cached page rendered by A, then a hit on B."""
    a, b = cluster.ports["A"], cluster.ports["B"]
    for path in CACHED:
        first = get(a, path)
        check = get(b, path)
        if first.status != 200 or check.header("X-Page-Cache") != "hit":
            raise RunError(
                f"warming {path}: A {first.status} {first.header('X-Page-Cache')}, "
                f"B {check.status} {check.header('X-Page-Cache')} (expected a hit)"
            )


def run_outage(cluster: Cluster) -> Outage:
    warm(cluster)
    postgres = cluster.postgres
    workers_before = {name: cluster.workers(name) for name in cluster.ports}
    load = Load(cluster.ports, OUTAGE_CONNECTIONS)
    health = HealthWatch(cluster.ports)
    events: dict[str, float] = {}
    load.start()
    health.start()
    t0 = load.t0
    try:
        sleep_until(t0 + STOP_AT)
        events["stop"] = now()
        postgres.stop("fast")
        events["stopped"] = now()
        sleep_until(t0 + NEW_GENERATION_AT)
        events["generation"] = now()
        cluster.manage_shell(
            f"from {PROJECT_MODULES['page_cache']} import new_generation; new_generation()",
            "new content generation",
        )
        events["generation done"] = now()
        sleep_until(t0 + START_AT)
        events["start"] = now()
        postgres.start()
        cluster.postmaster_pids.add(postgres.postmaster_pid() or 0)
        while not postgres.ready():
            time.sleep(0.05)
        events["up"] = now()
        sleep_until(t0 + OUTAGE_SECONDS)
    finally:
        load.stop()
        health.stop()
    workers_after = {name: cluster.workers(name) for name in cluster.ports}
    outage = Outage(load.all(), health, events, t0, workers_before, workers_after)
    classify(outage, list(cluster.ports))
    return outage


def classify(outage: Outage, servers: list[str]) -> None:
    """Recovery moments, responses by phase and kind, and every problem."""
    up = outage.events["up"]
    for name in servers:
        outage.recovered[name] = next(
            (
                s.end
                for s in outage.samples
                if s.server == name and s.kind == "uncached" and s.start >= up and s.status == 200
            ),
            None,
        )
    for s in outage.samples:
        where = phase(s, outage.events, outage.recovered)
        outcome = s.error or f"{s.status}" + (f" {s.cache}" if s.cache else "")
        outage.counts.setdefault((where, s.kind), Counter())[outcome] += 1
        why = problem(s, where)
        if why:
            outage.problems.append((s, where, why))


def phase(s: Sample, events: dict[str, float], recovered: dict[str, float | None]) -> str:
    if s.end < events["stop"]:
        return "before"
    if s.start > events["stopped"] and s.end < events["start"]:
        return "outage"
    if s.start >= events["up"]:
        done = recovered[s.server]
        return "after" if done is not None and s.start >= done else "recovering"
    return "transition"


def problem(s: Sample, where: str) -> str:
    """What is wrong with this response in this phase ("" if nothing)."""
    if s.error:
        return s.error
    if s.traceback:
        return "traceback in the page"
    proper_503 = s.status == 503 and s.retry_after == RETRY_AFTER and s.styled
    if s.status == 503 and not proper_503:
        return (
            f"503 without the polite page (Retry-After {s.retry_after!r}, "
            f"styled in {language(s.path)}: {s.styled})"
        )
    if s.status == 200 and not s.styled:
        return "200 but not the portal's page in its language"
    if s.status not in (200, 503):
        return f"status {s.status}"
    if where in ("before", "after") and s.status != 200:
        return f"{s.status} while the database was up"
    if where == "outage":
        if s.kind == "cached" and s.status != 200:
            return f"cached page answered {s.status}"
        if s.kind == "cached" and s.cache not in ("hit", *STALE_COPIES):
            return f"cached page answered 200 {s.cache!r} during the outage"
        if s.kind == "uncached" and s.status != 503:
            return f"uncached page answered {s.status} during the outage"
    return ""
