"""Check 3, the soak: many connections for a minute, 0 errors, no worker memory growth."""

from __future__ import annotations

import contextlib
from collections import Counter

from resilience import RunError
from resilience.config import (
    MEMORY_GROWTH_TARGET,
    SOAK_CACHED_WEIGHT,
    SOAK_CONNECTIONS,
    SOAK_SECONDS,
    SOAK_WARMUP,
    WORKERS_PER_SERVER,
    now,
    sleep_until,
)
from resilience.load import Load, Sample, rss_kib
from resilience.report import Report
from resilience.services import Cluster, redis_command


def soak(cluster: Cluster, report: Report) -> None:
    load = Load(cluster.ports, SOAK_CONNECTIONS, cached_weight=SOAK_CACHED_WEIGHT)
    load.start()
    workers = {name: cluster.workers(name) for name in cluster.ports}
    try:
        sleep_until(load.t0 + SOAK_WARMUP)
        begin = now()
        first = {pid: rss_kib(pid) for pids in workers.values() for pid in pids}
        counted = load.count()
        sleep_until(begin + SOAK_SECONDS)
        end = now()
        last = {pid: rss_kib(pid) for pids in workers.values() for pid in pids}
        measured = load.count() - counted
    finally:
        load.stop()
    after = {name: cluster.workers(name) for name in cluster.ports}
    samples = load.all()
    if not samples:
        raise RunError("the soak got no answer at all")
    errors = soak_errors(samples)
    statuses = Counter(f"{s.status} {s.cache}".strip() if s.status else s.error for s in samples)
    durations = sorted(s.end - s.start for s in samples)

    def pct(p: float) -> float:
        return durations[min(len(durations) - 1, int(p * len(durations)))] * 1000

    rate = measured / (end - begin)
    report.check(
        f"Soak: {SOAK_CONNECTIONS} connections, {SOAK_SECONDS:.0f} s",
        not errors,
        f"{len(samples)} requests ({rate:.0f}/s measured), "
        + (
            "0 errors"
            if not errors
            else "errors: " + ", ".join(f"{k}: {n}" for k, n in errors.items())
        ),
    )
    rows = []
    total_first = total_last = 0
    missing = False
    for name, pids in workers.items():
        for pid in pids:
            start_kib, end_kib = first.get(pid), last.get(pid)
            if start_kib is None or end_kib is None:
                missing = True
                rows.append(f"| {name} | {pid} | {start_kib} | {end_kib} | worker gone |")
                continue
            total_first += start_kib
            total_last += end_kib
            growth = (end_kib - start_kib) / start_kib
            rows.append(
                f"| {name} | {pid} | {start_kib / 1024:.1f} | {end_kib / 1024:.1f} | "
                f"{growth * 100:+.1f} % |"
            )
    growth = (total_last - total_first) / total_first if total_first else float("inf")
    same = all(set(workers[n]) == set(after[n]) for n in cluster.ports)
    report.check(
        "Soak: worker memory",
        not missing and same and growth < MEMORY_GROWTH_TARGET,
        f"RSS of the {sum(len(p) for p in workers.values())} workers "
        f"{total_first / 1024:.1f} → {total_last / 1024:.1f} MiB ({growth * 100:+.1f} %, "
        f"target < {MEMORY_GROWTH_TARGET * 100:.0f} %)"
        + ("" if same else f"; workers changed: {workers} → {after}"),
    )
    report.sections += [
        "## Soak",
        "",
        f"{SOAK_CONNECTIONS} connections, the pages above (each cached one "
        f"{SOAK_CACHED_WEIGHT} times per round), PostgreSQL up: "
        f"{SOAK_WARMUP:.0f} s warm-up, then {SOAK_SECONDS:.0f} s measured. {len(samples)} "
        f"requests in all, {rate:.0f} requests/s in the measured part; latency p50 "
        f"{pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, max "
        f"{durations[-1] * 1000:.0f} ms (requests queue for the {2 * WORKERS_PER_SERVER} "
        "workers; none is refused).",
        "",
        "Answers: " + ", ".join(f"{k}: {n}" for k, n in sorted(statuses.items())) + ".",
        "",
        "Worker memory (RSS from `/proc/<pid>/status`) after the warm-up and at the end:",
        "",
        "| server | worker pid | start (MiB) | end (MiB) | growth |",
        "| --- | ---: | ---: | ---: | ---: |",
        *rows,
        f"| all | | {total_first / 1024:.1f} | {total_last / 1024:.1f} | {growth * 100:+.1f} % |",
        "",
        redis_memory(cluster.redis_port),
        "",
    ]


def soak_errors(samples: list[Sample]) -> Counter:
    errors: Counter = Counter()
    for s in samples:
        if s.error:
            errors[s.error] += 1
        elif s.traceback:
            errors["traceback"] += 1
        elif s.status != 200:
            errors[f"status {s.status}"] += 1
        elif not s.styled:
            errors["200 without the page in its language"] += 1
    return errors


def redis_memory(port: int) -> str:
    with contextlib.suppress(OSError, ValueError, StopIteration):
        info = redis_command(port, "INFO", "memory")
        used = next(
            line.split(":", 1)[1]
            for line in info.splitlines()
            if line.startswith("used_memory_human")
        )
        keys = redis_command(port, "DBSIZE").lstrip(":")
        return (
            f"Redis afterwards: {keys} keys, {used} (every unique query string "
            "is a page of its own in the cache)."
        )
    return ""
