"""The servers of a bench run: gunicorn instances with production settings and nginx (the
start page as a static file, and a caching reverse proxy), with their environments."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bench import BenchError
from scripts.harness_http import Answer, fetch, wait_ready
from scripts.project import PROJECT_MODULES
from scripts.servers import REPO, Processes, Started, run_checked

BENCH = REPO / "bench"
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
PAGE_CACHE_ON_SECONDS = "600"
# The minimal Django view's URLconf (bench/baseline.py): the portal's plus /bench-baseline/.
BASELINE_URLCONF = "bench.baseline"
SECRET_KEY = secrets.token_urlsafe(50)


def production_env(page_cache_seconds: str, extra: dict[str, str] | None = None) -> dict:
    """Production settings on loopback: no DJANGO_LOCAL or DJANGO_DEBUG, plain HTTP, a
    per-process cache."""
    env = dict(os.environ)
    for name in (
        "DJANGO_LOCAL",
        "DJANGO_DEBUG",
        "DJANGO_CACHE_URL",
        "DJANGO_ROOT_URLCONF",
        "DJANGO_BENCH_BASELINE_FILE",
    ):
        env.pop(name, None)
    env.update(
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_PAGE_CACHE_SECONDS=page_cache_seconds,
    )
    env.update(extra or {})
    return env


def baseline_env(baseline_file: Path) -> dict[str, str]:
    return {
        "DJANGO_ROOT_URLCONF": BASELINE_URLCONF,
        "DJANGO_BENCH_BASELINE_FILE": str(baseline_file),
    }


def manage(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> None:
    """``manage.py`` of the checkout ``cwd`` with this .venv (production settings)."""
    where = "" if cwd == REPO else f" (in {cwd.name})"
    print(f"bench: manage.py {' '.join(args)}{where}", flush=True)
    run_checked(
        [str(PYTHON), "manage.py", *args],
        env or production_env("0"),
        f"manage.py {' '.join(args)}{where}",
        timeout=300,
        cwd=cwd,
        error=BenchError,
    )


def expect_ok(port: int, path: str, what: str) -> Answer:
    answer = fetch(port, path)
    if answer.status != 200:
        hint = f" (Location: {answer.headers['location']})" if "location" in answer.headers else ""
        raise BenchError(f"{what}: GET {path} answered {answer.status}{hint}, expected 200")
    return answer


def gunicorn_conf() -> Path:
    conf = Path(os.environ.get("BENCH_GUNICORN_CONF", str(REPO / "gunicorn.conf.py")))
    if not conf.exists():
        raise BenchError(f"{conf} is missing")
    return conf


def start_gunicorn(
    servers: Processes,
    tmp: Path,
    name: str,
    port: int,
    env: dict[str, str],
    cwd: Path = REPO,
    conf: Path | None = None,
) -> Started:
    """gunicorn from the checkout ``cwd`` (its own gunicorn.conf.py unless ``conf``)."""
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    if os.environ.get("BENCH_WORKERS"):
        env["GUNICORN_WORKERS"] = os.environ["BENCH_WORKERS"]
    conf = conf or cwd / "gunicorn.conf.py"
    command = [str(GUNICORN), "-c", str(conf), PROJECT_MODULES["wsgi"]]
    server = servers.start(name, command, env, tmp / f"{name}.log", cwd=cwd)
    print(f"bench: {name} on 127.0.0.1:{port}", flush=True)
    wait_ready(servers, server, port, "/healthz")
    return server


def start_nginx(
    servers: Processes, tmp: Path, nginx: str, ports: dict[str, int], upstream=None
) -> Started:
    """nginx from bench/nginx.conf.in: tmp/static/ on ``static``, a caching proxy on
    ``proxy`` to the app servers on the ports ``upstream`` (default: the cache-on gunicorn)."""
    config = (BENCH / "nginx.conf.in").read_text()
    for name, value in {
        "TMP": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "STATIC_PORT": str(ports["static"]),
        "PROXY_PORT": str(ports["proxy"]),
        "UPSTREAM": " ".join(f"server 127.0.0.1:{port};" for port in upstream or [ports["on"]]),
        "REPO": str(REPO),
    }.items():
        config = config.replace(f"@@{name}@@", value)
    (tmp / "nginx.conf").write_text(config)
    command = [nginx, "-p", str(tmp), "-e", str(tmp / "nginx-error.log")]
    command += ["-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
    server = servers.start("nginx", command, dict(os.environ), tmp / "nginx.log")
    print(
        f"bench: nginx on 127.0.0.1:{ports['static']} (static), :{ports['proxy']} (proxy)",
        flush=True,
    )
    wait_ready(servers, server, ports["static"], "/")
    return server
