"""Loading one target with wrk (bench/latency.lua prints the figures)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bench import BenchError
from bench.targets import Row
from scripts.harness_http import fetch

LATENCY_LUA = Path(__file__).resolve().parent / "latency.lua"
THREADS = 2
CONNECTIONS = 8
WARMUP_SECONDS = 2
# Sequential requests after the warm-up that must all be cache hits.
HIT_CHECKS = 20
PROXY_RENEWING = ("STALE", "UPDATING")
ERROR_KINDS = ("connect", "read", "write", "timeout", "status")


def find_tool(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if not found:
        raise BenchError(
            f"{name} is not installed (Debian package {name}); scripts/bench installs it as root"
        )
    return found


def run_wrk(wrk: str, url: str, seconds: int, count: bool = False) -> dict[str, float]:
    """wrk's figures (rps, p50_ms, …, errors_*; with ``count`` the count_* of the Lua
    script's response hook)."""
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(LATENCY_LUA)]
    command += [url, "--", "count"] if count else [url]
    try:
        result = subprocess.run(  # noqa: S603 (our own fixed command line)
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"wrk did not finish: {' '.join(command)}") from error
    figures = {}
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            name, _, value = line[len("BENCH ") :].partition("=")
            figures[name] = float(value)
    if result.returncode != 0 or "rps" not in figures:
        raise BenchError(
            f"wrk failed on {url} (status {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return figures


def errors(figures: dict[str, float]) -> dict[str, int]:
    return {
        kind: int(figures[f"errors_{kind}"])
        for kind in ERROR_KINDS
        if figures.get(f"errors_{kind}")
    }


def warm_up(wrk: str, url: str) -> dict[str, float]:
    """A run that is not counted; its non-2xx answers are (wrk counts only ≥ 400)."""
    return run_wrk(wrk, url, WARMUP_SECONDS, count=True)


def measure(wrk: str, row: Row, seconds: int) -> bool:
    """Warm up, check the cache (on, proxy), then measure ``row``; False when a check
    failed (a non-2xx answer in the warm-up, or no cache hit after it)."""
    ok = True
    warm = warm_up(wrk, row.url)
    if warm.get("count_non2xx", 0):
        row.notes.append(f"warm-up: {int(warm['count_non2xx'])} non-2xx answers")
        ok = False
    if row.cache in ("on", "proxy"):
        header, wanted, missed = (
            ("x-page-cache", "hit", "count_page_miss")
            if row.cache == "on"
            else ("x-proxy-cache", "HIT", "count_proxy_other")
        )
        answers = [fetch(row.port, row.path).header(header, None) for _ in range(HIT_CHECKS)]
        # nginx keeps a page a second (X-Accel-Expires): the answer that crosses a second is
        # the kept copy too, while nginx renews it in the background (STALE, UPDATING).
        hits = sum(answer in (wanted, *PROXY_RENEWING) for answer in answers)
        row.notes.append(
            f"warm-up {int(warm.get(missed, 0))} misses in {int(warm['count_seen'])}; "
            f"then {hits}/{HIT_CHECKS} {wanted}"
        )
        if hits != HIT_CHECKS:
            row.notes.append(f"NOT CACHED: {header} was {sorted(set(map(str, answers)))}")
            ok = False
    figures = run_wrk(wrk, row.url, seconds)
    row.rps = figures["rps"]
    row.p50, row.p95, row.p99 = figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]
    row.requests = int(figures["requests"])
    row.errors = errors(figures)
    return ok
