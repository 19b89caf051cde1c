"""`make bench`: the portal under load, next to two baselines (see bench/README.md).

Run by ``scripts/bench`` inside ``scripts/with-postgres`` (which exports DATABASE_URL).
Prepares the database, starts two gunicorn instances with production settings (server
page cache off and on), nginx (the start page as a static file, and a caching reverse
proxy in front of the cache-on gunicorn), loads every target with wrk, prints a table
and writes it to bench/results.md. Every server it started is stopped on the way out.

Environment: ``BENCH_SECONDS`` (measured seconds per target, default 10),
``BENCH_WORKERS`` (gunicorn workers; default: gunicorn.conf.py's),
``BENCH_GUNICORN_CONF`` (default ``gunicorn.conf.py``).

``run.py --count-queries PATH…`` is the helper that counts SQL queries with Django's test
client; run.py starts it with DJANGO_LOCAL=1.
"""

from __future__ import annotations

import datetime
import gzip
import http.client
import importlib.metadata
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from servers import Processes, Started, child_pids, free_port  # noqa: E402

BENCH = REPO / "bench"
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"

PAGES = [
    ("/de/", "start page"),
    ("/de/leitlinien/1/", "Leitlinie"),
    ("/ar/handlungsfelder/bildung/", "Handlungsfeld (ar)"),
    ("/de/suche/?q=Teilhabe", "search"),
]
BASELINE_PATH = "/bench-baseline/"
THREADS = 2
CONNECTIONS = 8
WARMUP_SECONDS = 2
PAGE_CACHE_ON_SECONDS = "600"
# Sequential requests after the warm-up that must all be cache hits.
HIT_CHECKS = 20

# Targets (evaluated automatically under "Targets").
CACHED_SHARE_OF_MINIMAL_VIEW = 0.75
UNCACHED_P95_MS = 50.0


class BenchError(Exception):
    """Something broke: the run cannot give meaningful figures."""


@dataclass
class Row:
    target: str
    label: str
    cache: str  # off, on, proxy, baseline
    url: str
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
    def error_count(self) -> int:
        return sum(self.errors.values())


# --- processes (start, check and stop: scripts/servers.py) ----------------------------


# --- HTTP -----------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(port: int, path: str, timeout: float = 10) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, headers, body)
    finally:
        connection.close()


def wait_until_ready(servers: Processes, server: Started, port: int, path: str) -> None:
    deadline = time.monotonic() + 60
    last = "no answer"
    while time.monotonic() < deadline:
        servers.check(server)
        try:
            answer = fetch(port, path, timeout=5)
            if answer.status == 200:
                return
            last = f"status {answer.status}"
        except OSError as error:
            last = str(error)
        time.sleep(0.3)
    raise BenchError(f"{server.name} did not answer {path} on port {port} within 60 s ({last})")


def expect_ok(port: int, path: str, what: str) -> Answer:
    answer = fetch(port, path)
    if answer.status != 200:
        hint = f" (Location: {answer.headers['location']})" if "location" in answer.headers else ""
        raise BenchError(f"{what}: GET {path} answered {answer.status}{hint}, expected 200")
    return answer


# --- wrk ------------------------------------------------------------------------------


def run_wrk(wrk: str, url: str, seconds: int, count: bool = False) -> dict[str, float]:
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "-s",
        str(BENCH / "latency.lua"),
        url,
    ]
    if count:
        command += ["--", "count"]
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


# --- environment ----------------------------------------------------------------------


def production_env(page_cache_seconds: str, baseline_file: Path | None = None) -> dict:
    env = dict(os.environ)
    for name in ("DJANGO_LOCAL", "DJANGO_DEBUG", "DJANGO_CACHE_URL", "DJANGO_BENCH_BASELINE_FILE"):
        env.pop(name, None)
    env.update(
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_PAGE_CACHE_SECONDS=page_cache_seconds,
    )
    if baseline_file is not None:
        env["DJANGO_BENCH_BASELINE_FILE"] = str(baseline_file)
    return env


def local_env(page_cache_seconds: str, baseline_file: Path) -> dict:
    """For the query counts with the test client (host "testserver")."""
    env = dict(os.environ)
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_HTTPS", "DJANGO_DEBUG"):
        env.pop(name, None)
    env.update(
        DJANGO_LOCAL="1",
        DJANGO_PAGE_CACHE_SECONDS=page_cache_seconds,
        DJANGO_BENCH_BASELINE_FILE=str(baseline_file),
    )
    env.pop("DJANGO_CACHE_URL", None)
    return env


SECRET_KEY = secrets.token_urlsafe(50)


def manage(*args: str) -> None:
    command = [str(PYTHON), "manage.py", *args]
    print(f"bench: manage.py {' '.join(args)}", flush=True)
    result = subprocess.run(  # noqa: S603 (our own fixed command line)
        command, cwd=REPO, env=production_env("0"), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def count_queries(paths: list[str], page_cache_seconds: str, baseline_file: Path) -> dict:
    """SQL queries of each path in steady state (the second request of a process)."""
    result = subprocess.run(  # noqa: S603 (our own fixed command line)
        [str(PYTHON), str(BENCH / "run.py"), "--count-queries", *paths],
        cwd=REPO,
        env=local_env(page_cache_seconds, baseline_file),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"counting SQL queries failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def count_queries_main(paths: list[str]) -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hannover_strategy.settings")
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


# --- machine --------------------------------------------------------------------------


def command_version(command: list[str], prefix: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603 (our own fixed command line)
            command, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return "?"
    for line in (result.stdout + result.stderr).splitlines():
        if prefix in line:
            return line.split(prefix, 1)[1].split()[0]
    return "?"


def machine_line(nginx: str, wrk: str, workers: int, seconds: int) -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = " ".join(line.split(":", 1)[1].split())
            break
    ram = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    postgres = command_version(
        [os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin") + "/postgres", "--version"],
        "(PostgreSQL) ",
    )
    parts = [
        cpu,
        f"{os.cpu_count()} cores",
        ram,
        f"Linux {platform.release()}",
        f"Python {platform.python_version()}",
        f"Django {importlib.metadata.version('Django')}",
        f"gunicorn {importlib.metadata.version('gunicorn')} ({workers} sync workers per instance)",
        f"nginx {command_version([nginx, '-v'], 'nginx/')}",
        f"wrk {command_version([wrk, '-v'], 'wrk ')} ({THREADS} threads, {CONNECTIONS} "
        f"connections, {seconds} s per target after a {WARMUP_SECONDS} s warm-up)",
        f"PostgreSQL {postgres}",
    ]
    return " · ".join(parts)


# --- the run --------------------------------------------------------------------------


def find_tool(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if not found:
        raise BenchError(
            f"{name} is not installed (Debian package {name}); scripts/bench installs it as root"
        )
    return found


def bench(tmp: Path, servers: Processes) -> tuple[str, bool]:
    wrk = find_tool("wrk")
    nginx = find_tool("nginx")
    if not os.environ.get("DATABASE_URL"):
        raise BenchError("DATABASE_URL is not set: run scripts/bench (it starts PostgreSQL)")
    conf = Path(os.environ.get("BENCH_GUNICORN_CONF", str(REPO / "gunicorn.conf.py")))
    if not conf.exists():
        raise BenchError(f"{conf} is missing")
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    started = time.monotonic()
    load_at_start = os.getloadavg()[0]

    manage("migrate", "--noinput", "-v", "0")
    manage("load_strategy")
    manage("collectstatic", "--noinput", "-v", "0")

    static_root = tmp / "static"
    static_root.mkdir()
    baseline_file = static_root / "index.html"

    def start_gunicorn(name: str, port: int, cache_seconds: str, baseline: Path | None):
        env = production_env(cache_seconds, baseline)
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        if os.environ.get("BENCH_WORKERS"):
            env["GUNICORN_WORKERS"] = os.environ["BENCH_WORKERS"]
        command = [str(GUNICORN), "-c", str(conf), "hannover_strategy.wsgi:application"]
        server = servers.start(name, command, env, tmp / f"{name}.log")
        print(f"bench: {name} on 127.0.0.1:{port}", flush=True)
        wait_until_ready(servers, server, port, "/healthz")
        return server

    # Cache-on instance first: it renders the start page whose bytes the baselines serve.
    ports: list[int] = []
    while len(ports) < 4:
        if (port := free_port()) not in ports:
            ports.append(port)
    on_port, off_port, static_port, proxy_port = ports
    cache_on = start_gunicorn("gunicorn-cache-on", on_port, PAGE_CACHE_ON_SECONDS, None)
    start_html = expect_ok(on_port, "/de/", "gunicorn (cache on)").body
    baseline_file.write_bytes(start_html)
    baseline_file.chmod(0o644)
    start_gunicorn("gunicorn-cache-off", off_port, "0", baseline_file)
    workers = len(child_pids(cache_on.process.pid))

    # The page names its own address (canonical link): only the port may differ.
    second_render = expect_ok(off_port, "/de/", "gunicorn (cache off)").body
    same_port = start_html.replace(f":{on_port}/".encode(), f":{off_port}/".encode())
    if second_render != same_port:
        print(
            "bench: note: the start page's bytes differ between two renders:\n"
            + first_difference(same_port, second_render),
            flush=True,
        )
    baseline_answer = fetch(off_port, BASELINE_PATH)
    if baseline_answer.status != 200 or baseline_answer.body != start_html:
        raise BenchError(
            f"the minimal Django view {BASELINE_PATH} answered {baseline_answer.status} "
            "without the baseline bytes: is DJANGO_BENCH_BASELINE_FILE supported?"
        )

    config = (BENCH / "nginx.conf.in").read_text()
    for name, value in {
        "TMP": str(tmp),
        "STATIC_ROOT": str(static_root),
        "STATIC_PORT": str(static_port),
        "PROXY_PORT": str(proxy_port),
        "UPSTREAM": f"127.0.0.1:{on_port}",
    }.items():
        config = config.replace(f"@@{name}@@", value)
    (tmp / "nginx.conf").write_text(config)
    nginx_command = [
        nginx,
        "-p",
        str(tmp),
        "-e",
        str(tmp / "nginx-error.log"),
        "-c",
        str(tmp / "nginx.conf"),
        "-g",
        "daemon off;",
    ]
    nginx_server = servers.start("nginx", nginx_command, dict(os.environ), tmp / "nginx.log")
    print(f"bench: nginx on 127.0.0.1:{static_port} (static), :{proxy_port} (proxy)", flush=True)
    wait_until_ready(servers, nginx_server, static_port, "/")
    if expect_ok(static_port, "/", "nginx static").body != start_html:
        raise BenchError("nginx serves other bytes than the start page")

    # Sizes and SQL queries per page.
    sizes = {}
    for path, _label in PAGES:
        body = expect_ok(off_port, path, "gunicorn (cache off)").body
        sizes[path] = (len(body), len(gzip.compress(body, compresslevel=6)))
    sizes[BASELINE_PATH] = sizes["/de/"]
    paths = [path for path, _label in PAGES]
    queries_off = count_queries([*paths, BASELINE_PATH], "0", baseline_file)
    queries_on = count_queries(paths, PAGE_CACHE_ON_SECONDS, baseline_file)
    for path in paths:
        for counts in (queries_off, queries_on):
            if counts[path]["status"] != 200:
                raise BenchError(f"test client: {path} answered {counts[path]['status']}")

    rows = [
        Row(
            "nginx static file", "start page bytes", "baseline", f"http://127.0.0.1:{static_port}/"
        ),
        Row(
            "minimal Django view",
            "start page bytes",
            "baseline",
            f"http://127.0.0.1:{off_port}{BASELINE_PATH}",
        ),
    ]
    rows[0].raw_bytes, rows[0].gzip_bytes, rows[0].queries = *sizes["/de/"], 0
    rows[1].raw_bytes, rows[1].gzip_bytes = sizes[BASELINE_PATH]
    rows[1].queries = queries_off[BASELINE_PATH]["queries"]
    for path, label in PAGES:
        for cache, port in (("off", off_port), ("on", on_port), ("proxy", proxy_port)):
            row = Row(path, label, cache, f"http://127.0.0.1:{port}{path}")
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

    checks_failed = False
    for number, row in enumerate(rows, 1):
        print(f"bench: [{number}/{len(rows)}] {row.target} ({row.cache})", flush=True)
        warm = run_wrk(wrk, row.url, WARMUP_SECONDS, count=True)
        if warm.get("count_non2xx", 0):
            row.notes.append(f"warm-up: {int(warm['count_non2xx'])} non-2xx answers")
            checks_failed = True
        if row.cache in ("on", "proxy"):
            port = int(row.url.split(":")[2].split("/")[0])
            path = row.url.split(str(port), 1)[1]
            header, wanted = (
                ("x-page-cache", "hit") if row.cache == "on" else ("x-proxy-cache", "HIT")
            )
            answers = [fetch(port, path).headers.get(header) for _ in range(HIT_CHECKS)]
            hits = answers.count(wanted)
            if row.cache == "on":
                misses = int(warm.get("count_page_miss", 0))
            else:
                misses = int(warm.get("count_proxy_other", 0))
            row.notes.append(
                f"warm-up {misses} misses in {int(warm['count_seen'])}; "
                f"then {hits}/{HIT_CHECKS} {wanted}"
            )
            if hits != HIT_CHECKS:
                row.notes.append(f"NOT CACHED: {header} was {sorted(set(map(str, answers)))}")
                checks_failed = True
        figures = run_wrk(wrk, row.url, seconds)
        row.rps = figures["rps"]
        row.p50, row.p95, row.p99 = figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]
        row.requests = int(figures["requests"])
        row.errors = {
            kind: int(figures[f"errors_{kind}"])
            for kind in ("connect", "read", "write", "timeout", "status")
            if figures[f"errors_{kind}"]
        }
        print(
            f"bench:     {row.rps:,.0f} requests/s, p95 {row.p95:.1f} ms, "
            f"errors {format_errors(row)}",
            flush=True,
        )
        for server in servers.started:
            servers.check(server)

    general = [
        f"load average when the run started: {load_at_start:.2f}"
        + (
            " (the machine was busy: figures are lower than on an idle one)"
            if load_at_start > 1
            else ""
        )
    ]
    for name in ("gunicorn-cache-off", "gunicorn-cache-on"):
        booted = (tmp / f"{name}.log").read_text(errors="replace").count("Booting worker")
        replaced = booted - workers if booted >= workers else "? (not in gunicorn's log)"
        general.append(
            f"{name}: {replaced} workers replaced during the run "
            "(gunicorn max_requests; a new worker starts with an empty page cache)"
        )
    elapsed = time.monotonic() - started
    report = render(
        rows, machine_line(nginx, wrk, workers, seconds), elapsed, checks_failed, general
    )
    return report, checks_failed


# --- report ---------------------------------------------------------------------------


def first_difference(first: bytes, second: bytes, context: int = 60) -> str:
    at = min(len(first), len(second))
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            at = index
            break
    start = max(0, at - context)
    return f"  {first[start : at + context]!r}\n  {second[start : at + context]!r}"


def format_errors(row: Row) -> str:
    if not row.errors:
        return "0"
    return ", ".join(f"{kind} {count}" for kind, count in row.errors.items())


def percent(value: float, reference: float) -> str:
    if not reference:
        return "–"
    share = 100 * value / reference
    return f"{share:.1f} %" if share < 10 else f"{share:,.0f} %"


def render(
    rows: list[Row], machine: str, elapsed: float, checks_failed: bool, general: list[str]
) -> str:
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
        "Django view. Latency is wrk's (from sending the request to the last byte). "
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
            f"| {row.p99:.2f} | {format_errors(row)} "
            f"| {row.raw_bytes:,} / {row.gzip_bytes:,} "
            f"| {'–' if row.queries is None else row.queries} "
            f"| {percent(row.rps, static.rps)} | {percent(row.rps, minimal.rps)} |"
        )

    lines += ["", "## Targets", ""]
    with_errors = [row for row in rows if row.error_count]
    total_requests = sum(row.requests for row in rows)
    if with_errors:
        detail = "; ".join(
            f"{row.target} ({row.cache}): {format_errors(row)}" for row in with_errors
        )
        lines.append(f"- **missed** 0 errors everywhere: {detail}")
    else:
        lines.append(
            f"- **held** 0 errors everywhere: 0 in {total_requests:,} requests of {len(rows)} runs"
        )

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
        f"- **{verdict}** uncached p95 < {UNCACHED_P95_MS:.0f} ms at {CONNECTIONS} connections: "
        f"{figures}"
    )

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
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--count-queries":
        count_queries_main(sys.argv[2:])
        return 0

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
    try:
        report, checks_failed = bench(tmp, servers)
    except BenchError as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        servers.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
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
