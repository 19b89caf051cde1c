"""`make bench`: the portal under load, next to two baselines (see bench/README.md).

``python -m bench.run``, started by ``scripts/bench`` inside ``scripts/with-postgres``
(which exports DATABASE_URL). Prepares the database, starts two gunicorn instances with
production settings (server page cache off and on), nginx (the start page as a static
file, and a caching reverse proxy in front of the cache-on gunicorn), loads every target
with wrk, prints a table and writes it to bench/results.md. With ``BENCH_COMPARE=<rev>``
it also measures the uncached pages of that revision (bench/compare.py). Every server it
started is stopped on the way out, and the compared checkout removed.

Environment: ``BENCH_SECONDS`` (measured seconds per target, default 10),
``BENCH_WORKERS`` (gunicorn workers; default: gunicorn.conf.py's),
``BENCH_GUNICORN_CONF`` (default ``gunicorn.conf.py``), ``BENCH_COMPARE`` (a git rev).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench import BenchError, compare, compare_report
from bench.queries import count_queries
from bench.report import first_difference, render
from bench.stack import (
    BENCH,
    PAGE_CACHE_ON_SECONDS,
    PYTHON,
    baseline_env,
    expect_ok,
    gunicorn_conf,
    manage,
    production_env,
    start_gunicorn,
    start_nginx,
)
from bench.targets import BASELINE_PATH, PAGES, PDF_PATH, Row, build_rows, pdf_row
from bench.wrk import CONNECTIONS, THREADS, WARMUP_SECONDS, find_tool, measure
from scripts.harness_http import fetch
from scripts.machine import machine_line, package_version, postgres_version, tool_version
from scripts.servers import REPO, Processes, child_pids, free_port, run_checked


def build_catalogue() -> str:
    """1,000 measures, 3,000 reports, 500 projects (bench/catalogue.py); what it says."""
    print("bench: python -m bench.catalogue", flush=True)
    result = run_checked(
        [str(PYTHON), "-m", "bench.catalogue"],
        production_env("0"),
        "building the bench catalogue",
        timeout=600,
        cwd=REPO,
        error=BenchError,
    )
    said = result.stdout.strip().splitlines()[-1]
    print("bench: " + said, flush=True)
    return said


def make_pdf(port: int) -> tuple[str, Row]:
    """The PDF of the whole strategy, cold: the first request's time (it starts the process
    that makes the PDF and waits for it); then the row that measures it warm."""
    began = time.monotonic()
    answer = fetch(port, PDF_PATH, timeout=60)
    cold = time.monotonic() - began
    if answer.status != 200 or not answer.body.startswith(b"%PDF"):
        raise BenchError(f"{PDF_PATH} answered {answer.status} without a PDF")
    note = (
        f"PDF of the whole strategy ({PDF_PATH}, {len(answer.body):,} bytes): cold "
        f"{cold:.1f} s (the first request: made in a process of its own); warm in the "
        "table (cache disk: the kept file, sent by gunicorn)"
    )
    print(f"bench: {note}", flush=True)
    return note, pdf_row(port, len(answer.body))


def free_ports(names: list[str]) -> dict[str, int]:
    ports: dict[str, int] = {}
    while len(ports) < len(names):
        if (port := free_port()) not in ports.values():
            ports[names[len(ports)]] = port
    return ports


def bench(tmp: Path, servers: Processes, cleanup: contextlib.ExitStack) -> tuple[str, bool]:
    wrk = find_tool("wrk")
    nginx = find_tool("nginx")
    if not os.environ.get("DATABASE_URL"):
        raise BenchError("DATABASE_URL is not set: run scripts/bench (it starts PostgreSQL)")
    conf = gunicorn_conf()
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    compare_rev = os.environ.get("BENCH_COMPARE", "").strip()
    checkout = compare.Checkout(compare_rev, tmp) if compare_rev else None
    started = time.monotonic()
    load_at_start = os.getloadavg()[0]

    manage("migrate", "--noinput", "-v", "0")
    manage("load_strategy")
    catalogue = build_catalogue()
    manage("collectstatic", "--noinput", "-v", "0")

    static_root = tmp / "static"
    static_root.mkdir()
    baseline_file = static_root / "index.html"
    ports = free_ports(["on", "off", "static", "proxy", "compare"])

    # Cache-on instance first: it renders the start page whose bytes the baselines serve.
    on_env = production_env(PAGE_CACHE_ON_SECONDS)
    cache_on = start_gunicorn(servers, tmp, "gunicorn-cache-on", ports["on"], on_env, conf=conf)
    start_html = expect_ok(ports["on"], "/de/", "gunicorn (cache on)").body
    baseline_file.write_bytes(start_html)
    baseline_file.chmod(0o644)
    off_env = production_env("0", baseline_env(baseline_file))
    start_gunicorn(servers, tmp, "gunicorn-cache-off", ports["off"], off_env, conf=conf)
    workers = len(child_pids(cache_on.process.pid))

    # The page names its own address (canonical link): only the port may differ.
    second_render = expect_ok(ports["off"], "/de/", "gunicorn (cache off)").body
    same_port = start_html.replace(f":{ports['on']}/".encode(), f":{ports['off']}/".encode())
    if second_render != same_port:
        print(
            "bench: note: the start page's bytes differ between two renders:\n"
            + first_difference(same_port, second_render),
            flush=True,
        )
    baseline_answer = fetch(ports["off"], BASELINE_PATH)
    if baseline_answer.status != 200 or baseline_answer.body != start_html:
        raise BenchError(
            f"the minimal Django view {BASELINE_PATH} answered {baseline_answer.status} "
            "without the baseline bytes: is DJANGO_ROOT_URLCONF=bench.baseline supported?"
        )

    start_nginx(servers, tmp, nginx, ports)
    if expect_ok(ports["static"], "/", "nginx static").body != start_html:
        raise BenchError("nginx serves other bytes than the start page")

    compared = None
    if checkout:
        cleanup.callback(checkout.close)
        cleanup.callback(servers.stop_all)  # runs first: its gunicorn goes before its files
        checkout.open()
        compared = compare.start(checkout, tmp, servers, ports["compare"])

    # Sizes and SQL queries per page.
    sizes = {}
    for path, _label in PAGES:
        body = expect_ok(ports["off"], path, "gunicorn (cache off)").body
        sizes[path] = (len(body), len(gzip.compress(body, compresslevel=6)))
    paths = [path for path, _label in PAGES]
    queries_off = count_queries([*paths, BASELINE_PATH], "0", baseline_file)
    queries_on = count_queries(paths, PAGE_CACHE_ON_SECONDS, baseline_file)
    for path in paths:
        for counts in (queries_off, queries_on):
            if counts[path]["status"] != 200:
                raise BenchError(f"test client: {path} answered {counts[path]['status']}")
    rows = build_rows(ports, sizes, queries_off, queries_on)
    pdf_note, pdf = make_pdf(ports["off"])
    rows.append(pdf)

    checks_failed = False
    for number, row in enumerate(rows, 1):
        print(f"bench: [{number}/{len(rows)}] {row.target} ({row.cache})", flush=True)
        checks_failed |= not measure(wrk, row, seconds)
        print(
            f"bench:     {row.rps:,.0f} requests/s, p95 {row.p95:.1f} ms, "
            f"errors {row.errors_text()}",
            flush=True,
        )
        for server in servers.started:
            servers.check(server)

    more: list[str] = []
    if checkout and compared:
        current = compare.Side(compare.this_checkout(), ports["off"], os.environ["DATABASE_URL"])
        print(f"bench: compare {current.name} with {checkout.rev}", flush=True)
        checks_failed |= not compare.measure(wrk, [current, compared])
        for server in servers.started:
            servers.check(server)
        more, _held = compare_report.render(
            checkout, current, compared, compare.ROUNDS, compare.SECONDS
        )

    general = [
        f"load average when the run started: {load_at_start:.2f}"
        + (
            " (the machine was busy: figures are lower than on an idle one)"
            if load_at_start > 1
            else ""
        )
    ]
    general.append(catalogue)
    general.append(pdf_note)
    for name in ("gunicorn-cache-off", "gunicorn-cache-on"):
        booted = (tmp / f"{name}.log").read_text(errors="replace").count("Booting worker")
        replaced = booted - workers if booted >= workers else "? (not in gunicorn's log)"
        general.append(
            f"{name}: {replaced} workers replaced during the run "
            "(gunicorn max_requests; a new worker starts with an empty page cache)"
        )
    machine = machine_line(
        f"gunicorn {package_version('gunicorn')} ({workers} sync workers per instance)",
        f"nginx {tool_version([nginx, '-v'], 'nginx/')}",
        f"wrk {tool_version([wrk, '-v'], 'wrk ')} ({THREADS} threads, {CONNECTIONS} "
        f"connections, {seconds} s per target after a {WARMUP_SECONDS} s warm-up)",
        f"PostgreSQL {postgres_version()}",
    )
    elapsed = time.monotonic() - started
    return render(rows, machine, elapsed, checks_failed, general, more), checks_failed


def main() -> int:
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    servers = Processes(error=BenchError, tail_lines=30)
    tmp = Path(tempfile.mkdtemp(prefix="wsh-bench-"))
    # nginx workers (user nobody when started as root) read the static file from here.
    tmp.chmod(0o755)
    # The page cache's generation stamp of this run only: a save elsewhere on the machine
    # (make run, make test in the same checkout) must not empty the caches under load.
    os.environ["DJANGO_PAGE_CACHE_STAMP"] = str(tmp / "content-changed")
    os.environ["DJANGO_PDF_ROOT"] = str(tmp / "pdf")  # made anew in every run
    try:
        with contextlib.ExitStack() as cleanup:
            # Last in, first out: the servers stop before their checkout is removed.
            cleanup.callback(shutil.rmtree, tmp, ignore_errors=True)
            cleanup.callback(servers.stop_all)
            report, checks_failed = bench(tmp, servers, cleanup)
    except BenchError as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        return 1
    (BENCH / "results.md").write_text(report)
    print()
    print(report)
    print("bench: written to bench/results.md")
    if checks_failed:
        print(
            "bench: FAILED: a cache did not hit or a warm-up saw non-2xx answers", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
