"""`make resilience`: a database outage and two app servers, with real servers.

Run by ``scripts/resilience`` (which makes the temporary folder, passes it as ``--tmp``
and removes it afterwards). Starts PostgreSQL 15, Redis and two gunicorn instances with
production settings on 127.0.0.1, then proves:

1. several servers: an admin edit saved through server A is on the next page from B;
2. database outage under load: PostgreSQL is stopped and started again while both
   servers are loaded; every response is checked (cached pages keep coming, the others
   get the polite 503 in the page's language with Retry-After, never a 500, a traceback
   or a refused connection) and the time until each server answers normally again;
3. soak: 64 connections for 60 s, 0 errors, worker memory growth under 10 %.

Prints a summary, writes it to resilience/results.md and exits 1 when a check failed.
Every process it started is stopped on the way out, also on failure or SIGTERM.

Environment (seconds unless said): RESILIENCE_OUTAGE_SECONDS (load during the outage
test, default 40; PostgreSQL stops at 25 % of it and starts at 62 %),
RESILIENCE_OUTAGE_CONNECTIONS (16), RESILIENCE_SOAK_SECONDS (60, measured after a
RESILIENCE_SOAK_WARMUP of 10), RESILIENCE_SOAK_CONNECTIONS (64).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import http.cookies
import importlib.metadata
import json
import os
import platform
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from servers import Processes, Started, child_pids, free_port, tail  # noqa: E402

PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
RESULTS = REPO / "resilience" / "results.md"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


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
# In the soak every cached page comes this many times per round of the uncached ones:
# public traffic is mostly cache hits, and a hit takes a few ms where a search takes 100.
SOAK_CACHED_WEIGHT = 3
WORKERS_PER_SERVER = 2
REQUEST_TIMEOUT = 30.0  # the client gives up after gunicorn's own worker timeout

# Targets.
RECOVERY_TARGET_SECONDS = 10.0
MEMORY_GROWTH_TARGET = 0.10
RETRY_AFTER = "30"

# Both servers get the same Host header, as behind a reverse proxy: they share the
# page cache entries (the cache key contains the host).
HOST = "localhost"
ACCEPT_LANGUAGE = "de-DE,de;q=0.9,en;q=0.5"  # a German browser: the URL's language wins

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


class RunError(Exception):
    """The run cannot go on (a server did not start, a setup step failed)."""


def now() -> float:
    return time.monotonic()


# --- processes (start, check and stop: scripts/servers.py) ----------------------------


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run_checked(command: list[str], env: dict[str, str], what: str, timeout: float = 120):
    try:
        result = subprocess.run(  # noqa: S603 (our own fixed command line)
            command,
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RunError(f"{what} did not finish within {timeout:.0f} s") from error
    if result.returncode != 0:
        raise RunError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


# --- PostgreSQL and Redis -------------------------------------------------------------


class Postgres:
    """A throwaway PostgreSQL 15 that can be stopped and started again on the same port."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "pg"
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.version = ""

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 (our own fixed command line)
            [*self.as_user, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def init(self) -> None:
        self.dir.mkdir()
        if self.as_user:
            subprocess.run(["chown", "postgres:postgres", str(self.dir)], check=True)  # noqa: S603, S607
        result = self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        if result.returncode != 0:
            raise RunError(f"initdb failed:\n{result.stdout}{result.stderr}")
        version = subprocess.run(  # noqa: S603
            [str(PG_BIN / "postgres"), "--version"], capture_output=True, text=True, check=False
        )
        # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        words = version.stdout.split()
        self.version = words[2] if len(words) > 2 else "?"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        if result.returncode != 0:
            raise RunError(
                f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{tail(self.log)}"
            )

    def stop(self, mode: str = "fast") -> None:
        result = self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        if result.returncode != 0:
            raise RunError(f"pg_ctl stop failed:\n{result.stdout}{result.stderr}")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def ready(self) -> bool:
        result = subprocess.run(  # noqa: S603
            [str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port), "-t", "1"],
            check=False,
        )
        return result.returncode == 0


def redis_command(port: int, *words: str) -> str:
    """One Redis command (RESP), the reply as text: enough for PING, INFO and DBSIZE."""
    payload = f"*{len(words)}\r\n" + "".join(f"${len(w)}\r\n{w}\r\n" for w in words)
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(payload.encode())
        reply = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
            if reply.startswith((b"+", b"-", b":")) and reply.endswith(b"\r\n"):
                break
            if reply.startswith(b"$"):
                header, _, rest = reply.partition(b"\r\n")
                if len(rest) >= int(header[1:]) + 2:
                    reply = rest[: int(header[1:])]
                    break
    return reply.decode(errors="replace").strip()


# --- HTTP -----------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str, default: str = "") -> str:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default


def http_request(
    port: int,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = REQUEST_TIMEOUT,
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = {"Host": HOST, "Accept-Language": ACCEPT_LANGUAGE, "User-Agent": "resilience"}
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def error_kind(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, http.client.RemoteDisconnected):
        return "closed without answer"
    if isinstance(error, TimeoutError):
        return "timeout"
    return type(error).__name__


def language(path: str) -> str:
    return path.split("/")[1]


def page_title(body: bytes) -> str:
    start = body.find(b"<title>")
    end = body.find(b"</title>", start)
    return body[start + 7 : end].decode("utf-8", "replace").strip() if 0 <= start < end else ""


def styled(body: bytes, lang: str) -> bool:
    """The portal's own page in that language (not a bare error text)."""
    return f'<html lang="{lang}"'.encode() in body and b'rel="stylesheet"' in body


# --- load -----------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    start: float
    end: float
    server: str
    kind: str  # cached, uncached
    path: str
    status: int  # 0: no HTTP answer
    cache: str
    retry_after: str
    traceback: bool
    styled: bool
    error: str
    title: str = ""  # of a 503 page: its language is checked


class Load:
    """``connections`` threads, each sending one request after the other (a new TCP
    connection each time, as gunicorn's sync workers close it) to both servers in turn."""

    def __init__(self, servers: dict[str, int], connections: int, cached_weight: int = 1):
        self.servers = list(servers.items())
        self.connections = connections
        self.targets = [("cached", path) for path in CACHED] * cached_weight + [
            ("uncached", path) for path in UNCACHED
        ]
        self.samples: list[list[Sample]] = [[] for _ in range(connections)]
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.t0 = 0.0

    def start(self) -> None:
        self.t0 = now()
        for index in range(self.connections):
            thread = threading.Thread(target=self._run, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    def count(self) -> int:
        return sum(len(samples) for samples in self.samples)

    def all(self) -> list[Sample]:
        return sorted((s for samples in self.samples for s in samples), key=lambda s: s.start)

    def _run(self, index: int) -> None:
        out = self.samples[index]
        step = index
        prefix = secrets.token_hex(3)
        while not self.stopping.is_set():
            kind, template = self.targets[step % len(self.targets)]
            name, port = self.servers[(step // len(self.targets) + index) % len(self.servers)]
            path = template.replace("{token}", f"{prefix}{index}x{step}")
            step += 1
            out.append(probe(name, port, kind, path))


def probe(name: str, port: int, kind: str, path: str) -> Sample:
    started = now()
    try:
        answer = http_request(port, path)
    except (OSError, http.client.HTTPException) as error:
        return Sample(started, now(), name, kind, path, 0, "", "", False, False, error_kind(error))
    return Sample(
        started,
        now(),
        name,
        kind,
        path,
        answer.status,
        answer.header("X-Page-Cache"),
        answer.header("Retry-After"),
        b"Traceback" in answer.body or b"OperationalError" in answer.body,
        styled(answer.body, language(path)),
        "",
        page_title(answer.body) if answer.status == 503 else "",
    )


class HealthWatch:
    """Asks /healthz on both servers every 0.25 s."""

    def __init__(self, servers: dict[str, int]) -> None:
        self.servers = servers
        self.seen: list[tuple[float, str, int, str]] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=15)

    def _run(self) -> None:
        while not self.stopping.is_set():
            for name, port in self.servers.items():
                try:
                    status, error = http_request(port, "/healthz", timeout=10).status, ""
                except (OSError, http.client.HTTPException) as exc:
                    status, error = 0, error_kind(exc)
                self.seen.append((now(), name, status, error))
            self.stopping.wait(0.25)


# --- admin session ----------------------------------------------------------------------


class FormFields(HTMLParser):
    """What a browser would send for the form with id ``form_id``."""

    SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
            self.found = self.found or self.inside
            return
        if not self.inside:
            return
        name = attributes.get("name")
        disabled = "disabled" in attributes
        if tag == "input" and name and not disabled:
            kind = (attributes.get("type") or "text").lower()
            if kind in self.SKIPPED_INPUTS:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "textarea" and name and not disabled:
            self._textarea = (name, [])
        elif tag == "select" and name and not disabled:
            self._select = {"name": name, "multiple": "multiple" in attributes, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attributes.get("value"),
                "selected": "selected" in attributes,
                "text": [],
            }

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            # Browsers drop one newline right after <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            options = self._select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0][0]]
            self.fields.extend((self._select["name"], value) for value in chosen)
            self._select = None

    def _close_option(self):
        option = self._option
        value = option["value"] if option["value"] is not None else "".join(option["text"])
        self._select["options"].append((value.strip(), option["selected"]))
        self._option = None


class Browser:
    """A signed-in editor: cookies, CSRF token, no automatic redirects."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _remember(self, answer: Answer) -> None:
        for key, value in answer.headers:
            if key.lower() != "set-cookie":
                continue
            jar = http.cookies.SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str) -> Answer:
        answer = http_request(self.port, path, headers=self._headers())
        self._remember(answer)
        return answer

    def post(self, path: str, fields: list[tuple[str, str]]) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        headers = self._headers(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://{HOST}",
                "Referer": f"http://{HOST}{path}",
            }
        )
        answer = http_request(self.port, path, method="POST", headers=headers, body=body)
        self._remember(answer)
        return answer


def form_fields(html: bytes, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html.decode("utf-8", "replace"))
    parser.close()
    if not parser.found:
        raise RunError(f"no form with id {form_id!r} in the page")
    return parser.fields


# --- the run ----------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Report:
    started: datetime.datetime
    machine: str = ""
    setup: str = ""
    checks: list[Check] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    aborted: str = ""

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(name, ok, detail))
        print(f"resilience: [{'ok' if ok else 'FAILED'}] {name}: {detail}", flush=True)

    @property
    def passed(self) -> bool:
        return not self.aborted and bool(self.checks) and all(c.ok for c in self.checks)

    def markdown(self) -> str:
        lines = [
            "# `make resilience`: results",
            "",
            f"Run {self.started:%Y-%m-%d %H:%M %Z}. {self.machine}",
            "",
            self.setup,
            "",
        ]
        failed = [c for c in self.checks if not c.ok]
        if self.aborted:
            lines += [f"**Result: ABORTED** ({self.aborted})", ""]
        elif failed:
            lines += [f"**Result: {len(failed)} of {len(self.checks)} checks FAILED**", ""]
        else:
            lines += [f"**Result: all {len(self.checks)} checks passed**", ""]
        lines += ["| check | result | detail |", "| --- | --- | --- |"]
        lines += [
            f"| {c.name} | {'ok' if c.ok else '**FAILED**'} | {c.detail} |" for c in self.checks
        ]
        lines.append("")
        lines += self.sections
        return "\n".join(lines).rstrip() + "\n"


def machine_line(postgres: Postgres) -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    load = os.getloadavg()[0]
    redis_version = subprocess.run(
        ["redis-server", "--version"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    redis_version = next(
        (w.split("=", 1)[1] for w in redis_version.split() if w.startswith("v=")), "?"
    )
    return (
        f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu})"
        f"{memory}, load average {load:.2f} at the start; Python {platform.python_version()}, "
        f"Django {importlib.metadata.version('Django')}, "
        f"gunicorn {importlib.metadata.version('gunicorn')}, PostgreSQL {postgres.version}, "
        f"Redis {redis_version}."
    )


def django_env(postgres: Postgres, redis_port: int, tmp: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    alphabet = string.ascii_letters + string.digits + "!#%+-.:=@^_~"
    env.update(
        DJANGO_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DATABASE_URL=postgres.url,
        DJANGO_CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_PAGE_CACHE_SECONDS="600",
        DJANGO_PAGE_CACHE_STAMP=str(tmp / "content-changed"),
        PYTHONUNBUFFERED="1",
    )
    return env


class Run:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.processes = Processes(error=RunError)
        self.postgres = Postgres(tmp)
        self.report = Report(started=datetime.datetime.now().astimezone())
        self.redis_port = free_port()
        self.ports = {"A": free_port(), "B": free_port()}
        self.masters: dict[str, Started] = {}
        self.env: dict[str, str] = {}
        self.postmaster_pids: set[int] = set()

    # --- setup ---

    def setup(self) -> None:
        began = now()
        self.postgres.init()
        self.postgres.start()
        self.postmaster_pids.add(self.postgres.postmaster_pid() or 0)
        self.report.machine = machine_line(self.postgres)
        redis_dir = self.tmp / "redis"
        redis_dir.mkdir()
        redis = self.processes.start(
            "redis-server",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(redis_dir),
            ],
            dict(os.environ),
            self.tmp / "redis.log",
        )
        deadline = now() + 20
        while True:
            self.processes.check(redis)
            with contextlib.suppress(OSError):
                if redis_command(self.redis_port, "PING") == "+PONG":
                    break
            if now() > deadline:
                raise RunError(f"Redis did not answer within 20 s:\n{tail(redis.log)}")
            time.sleep(0.1)

        self.env = django_env(self.postgres, self.redis_port, self.tmp)
        manage = [str(PYTHON), "manage.py"]
        run_checked([*manage, "migrate", "--noinput", "-v", "0"], self.env, "migrate", 180)
        run_checked([*manage, "load_strategy"], self.env, "load_strategy", 120)
        for name, port in self.ports.items():
            env = dict(self.env, GUNICORN_BIND=f"127.0.0.1:{port}")
            env["GUNICORN_WORKERS"] = str(WORKERS_PER_SERVER)
            # Worker recycling off (see README): the recovery must be the same workers'
            # own doing, and a recycled worker would hide memory growth in the soak.
            self.masters[name] = self.processes.start(
                f"gunicorn {name}",
                [
                    str(GUNICORN),
                    "-c",
                    "gunicorn.conf.py",
                    "--max-requests",
                    "0",
                    "hannover_strategy.wsgi:application",
                ],
                env,
                self.tmp / f"gunicorn-{name}.log",
            )
        for name, port in self.ports.items():
            self._wait_ready(name, port)
        for name in self.ports:
            self.processes.seen.update(self.workers(name))
        self.report.setup = (
            f"Setup ({now() - began:.0f} s): PostgreSQL on 127.0.0.1:{self.postgres.port}, "
            f"Redis on :{self.redis_port} (the shared cache, `DJANGO_CACHE_URL`), gunicorn A "
            f"on :{self.ports['A']} and B on :{self.ports['B']} with {WORKERS_PER_SERVER} "
            "sync workers each (`gunicorn.conf.py`, `--max-requests 0`), production settings "
            "(no `DJANGO_LOCAL`, `DJANGO_HTTPS=0`, `DJANGO_PAGE_CACHE_SECONDS=600`); every "
            f"request carries `Host: {HOST}` as behind a reverse proxy."
        )

    def _wait_ready(self, name: str, port: int) -> None:
        deadline = now() + 60
        last = "no answer"
        while now() < deadline:
            self.processes.check(self.masters[name])
            try:
                answer = http_request(port, "/healthz", timeout=5)
                if answer.status == 200 and len(self.workers(name)) == WORKERS_PER_SERVER:
                    return
                last = f"status {answer.status}"
            except (OSError, http.client.HTTPException) as error:
                last = error_kind(error)
            time.sleep(0.2)
        raise RunError(f"gunicorn {name} not ready within 60 s ({last})")

    def workers(self, name: str) -> list[int]:
        return child_pids(self.masters[name].process.pid)

    def manage_shell(self, code: str, what: str) -> str:
        result = run_checked(
            [str(PYTHON), "manage.py", "shell", "-c", code], self.env, what, timeout=60
        )
        return result.stdout.strip()

    # --- 1. several servers ---

    def several_servers(self) -> None:
        password = secrets.token_urlsafe(24)
        pk = self.manage_shell(
            "from django.contrib.auth import get_user_model\n"
            "from leitlinien.models import Leitlinie\n"
            f"get_user_model().objects.create_superuser('probe', 'probe@example.org', "
            f"{password!r})\n"
            "print(Leitlinie.objects.get(number=2).pk)",
            "creating the editor",
        ).splitlines()[-1]
        page = "/de/leitlinien/2/"
        a, b = self.ports["A"], self.ports["B"]
        first = http_request(b, page)
        second = http_request(b, page)
        before = (
            f"B before the edit: {first.status} {first.header('X-Page-Cache')}, "
            f"then {second.status} {second.header('X-Page-Cache')}"
        )
        cached_before = second.status == 200 and second.header("X-Page-Cache") == "hit"

        editor = Browser(a)
        login = editor.get("/admin/login/?next=/admin/")
        fields = form_fields(login.body, "login-form")
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", "probe"), ("password", password)]
        signed_in = editor.post("/admin/login/?next=/admin/", fields)
        if signed_in.status != 302 or "sessionid" not in editor.cookies:
            raise RunError(f"admin sign-in on A answered {signed_in.status}, no session")
        change = f"/admin/leitlinien/leitlinie/{pk}/change/"
        form = editor.get(change)
        if form.status != 200:
            raise RunError(f"GET {change} on A answered {form.status}")
        marker = f"Resilienzprobe {secrets.token_hex(4)}"
        fields = form_fields(form.body, "leitlinie_form")
        names = [k for k, _ in fields]
        if "editorial_title_de" not in names:
            raise RunError(f"no editorial_title_de in the change form (fields: {names})")
        fields = [(k, marker if k == "editorial_title_de" else v) for k, v in fields]
        fields.append(("_save", "Sichern"))
        saved = editor.post(change, fields)
        if saved.status != 302:
            errors = saved.body.decode("utf-8", "replace")
            start = errors.find("errorlist")
            raise RunError(
                f"saving the change form on A answered {saved.status}, expected 302: "
                f"{errors[max(start - 200, 0) : start + 400] if start >= 0 else ''}"
            )
        after = http_request(b, page)
        again = http_request(a, page)
        visible = after.status == 200 and marker.encode() in after.body
        fresh = after.header("X-Page-Cache") == "miss"
        shared = again.header("X-Page-Cache") == "hit" and marker.encode() in again.body
        detail = (
            f"{before}; saved on A (302); B on the next request: {after.status} "
            f"{after.header('X-Page-Cache')}, "
            f"{'shows' if visible else 'does NOT show'} “{marker}”; then A: "
            f"{again.status} {again.header('X-Page-Cache')}"
        )
        self.report.check(
            "Edit on A visible on B", cached_before and visible and fresh and shared, detail
        )
        self.report.sections += [
            "## Several servers",
            "",
            f"Editor signed in to the admin on A, changed the editorial title of Leitlinie 2 "
            f"(`{page}`) to “{marker}” through the change form.",
            "",
            f"- {before} (the page was in the shared page cache)",
            f"- B on the next request: {after.status}, `X-Page-Cache: "
            f"{after.header('X-Page-Cache')}`, marker {'present' if visible else 'MISSING'}",
            f"- A afterwards: {again.status}, `X-Page-Cache: {again.header('X-Page-Cache')}` "
            "(the copy B rendered, from the shared Redis)",
            "",
        ]

    # --- 2. outage under load ---

    def warm(self) -> None:
        a, b = self.ports["A"], self.ports["B"]
        for path in CACHED:
            first = http_request(a, path)
            check = http_request(b, path)
            if first.status != 200 or check.header("X-Page-Cache") != "hit":
                raise RunError(
                    f"warming {path}: A {first.status} {first.header('X-Page-Cache')}, "
                    f"B {check.status} {check.header('X-Page-Cache')} (expected a hit)"
                )

    def outage(self) -> None:
        self.warm()
        workers_before = {name: self.workers(name) for name in self.ports}
        load = Load(self.ports, OUTAGE_CONNECTIONS)
        health = HealthWatch(self.ports)
        events: dict[str, float] = {}
        load.start()
        health.start()
        t0 = load.t0
        try:
            self._sleep_until(t0 + STOP_AT)
            events["stop"] = now()
            self.postgres.stop("fast")
            events["stopped"] = now()
            self._sleep_until(t0 + NEW_GENERATION_AT)
            events["generation"] = now()
            self.manage_shell(
                "from hannover_strategy.page_cache import new_generation; new_generation()",
                "new content generation",
            )
            events["generation done"] = now()
            self._sleep_until(t0 + START_AT)
            events["start"] = now()
            self.postgres.start()
            self.postmaster_pids.add(self.postgres.postmaster_pid() or 0)
            while not self.postgres.ready():
                time.sleep(0.05)
            events["up"] = now()
            self._sleep_until(t0 + OUTAGE_SECONDS)
        finally:
            load.stop()
            health.stop()
        workers_after = {name: self.workers(name) for name in self.ports}
        self.analyse_outage(load, health, events, t0, workers_before, workers_after)

    @staticmethod
    def _sleep_until(moment: float) -> None:
        while (left := moment - now()) > 0:
            time.sleep(min(left, 0.5))

    def analyse_outage(self, load, health, events, t0, workers_before, workers_after) -> None:
        samples = load.all()
        up = events["up"]
        recovered: dict[str, float | None] = {}
        for name in self.ports:
            recovered[name] = next(
                (
                    s.end
                    for s in samples
                    if s.server == name
                    and s.kind == "uncached"
                    and s.start >= up
                    and s.status == 200
                ),
                None,
            )

        def phase(s: Sample) -> str:
            if s.end < events["stop"]:
                return "before"
            if s.start > events["stopped"] and s.end < events["start"]:
                return "outage"
            if s.start >= up:
                done = recovered[s.server]
                return "after" if done is not None and s.start >= done else "recovering"
            return "transition"

        def problem(s: Sample, where: str) -> str:
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
                if s.kind == "cached" and s.cache not in ("hit", "stale"):
                    return f"cached page answered 200 {s.cache!r} during the outage"
                if s.kind == "uncached" and s.status != 503:
                    return f"uncached page answered {s.status} during the outage"
            return ""

        counts: dict[tuple[str, str], Counter] = {}
        problems: list[tuple[Sample, str, str]] = []
        for s in samples:
            where = phase(s)
            outcome = s.error or f"{s.status}" + (f" {s.cache}" if s.cache else "")
            counts.setdefault((where, s.kind), Counter())[outcome] += 1
            why = problem(s, where)
            if why:
                problems.append((s, where, why))

        def rel(moment: float) -> str:
            return f"{moment - t0:.1f}"

        order = ["before", "transition", "outage", "recovering", "after"]
        rows = []
        for where in order:
            for kind in ("cached", "uncached"):
                counter = counts.get((where, kind))
                if not counter:
                    continue
                text = ", ".join(f"{outcome}: {n}" for outcome, n in sorted(counter.items()))
                rows.append(f"| {where} | {kind} | {sum(counter.values())} | {text} |")
        total = len(samples)
        by_kind = Counter(why.split(" (")[0] for _, _, why in problems)
        outage_counts = {
            kind: counts.get(("outage", kind), Counter()) for kind in ("cached", "uncached")
        }
        stale = outage_counts["cached"].get("200 stale", 0)
        hits = outage_counts["cached"].get("200 hit", 0)
        polite = outage_counts["uncached"].get("503", 0)

        if problems:
            detail = f"{total} responses, {len(problems)} problems: " + ", ".join(
                f"{kind}: {n}" for kind, n in by_kind.items()
            )
        else:
            detail = f"{total} responses: no 500, no traceback, no refused or reset connection"
        self.report.check("Every response during the outage test", not problems, detail)
        self.report.check(
            "Cached pages while PostgreSQL is down",
            hits > 0
            and stale > 0
            and not outage_counts["cached"].keys() - {"200 hit", "200 stale"},
            f"{hits} × 200 hit, then after a new content generation {stale} × 200 stale",
        )
        titles: dict[str, set[str]] = {}
        for s in samples:
            if s.status == 503 and s.title:
                titles.setdefault(language(s.path), set()).add(s.title)
        german = titles.get("de", set())
        translated = all(
            len(found) == 1 and (lang == "de" or not found & german)
            for lang, found in titles.items()
        ) and set(titles) == {language(p) for p in UNCACHED}
        self.report.check(
            "Other pages while PostgreSQL is down",
            polite > 0 and translated and not outage_counts["uncached"].keys() - {"503"},
            f"{polite} × 503 with Retry-After: {RETRY_AFTER}, the styled page in the URL's "
            "language: "
            + "; ".join(f"{lang} “{' / '.join(sorted(t))}”" for lang, t in sorted(titles.items())),
        )
        for name in self.ports:
            done = recovered[name]
            figure = f"{done - up:.2f} s" if done is not None else "never"
            late = [
                s
                for s in samples
                if s.server == name and s.start >= up and s.status != 200 and s.kind == "uncached"
            ]
            self.report.check(
                f"Recovery of server {name}",
                done is not None and done - up <= RECOVERY_TARGET_SECONDS,
                f"first rendered page {figure} after PostgreSQL accepted connections again "
                f"(target ≤ {RECOVERY_TARGET_SECONDS:.0f} s); {len(late)} non-200 answers "
                "after that moment",
            )
        same = all(set(workers_before[n]) == set(workers_after[n]) for n in self.ports)
        self.report.check(
            "No restart",
            same,
            "the same gunicorn masters and workers before and after the outage"
            if same
            else f"workers changed: before {workers_before}, after {workers_after}",
        )

        health_rows = self._health_summary(health, events, t0)
        timeline = [
            ("0.0", f"load starts: {OUTAGE_CONNECTIONS} connections, both servers"),
            (rel(events["stop"]), "`pg_ctl stop -m fast`"),
            (rel(events["stopped"]), "PostgreSQL stopped"),
            (
                rel(events["generation"]),
                "new content generation in Redis (as after a save): cached copies out of date",
            ),
            (rel(events["start"]), "`pg_ctl start`"),
            (rel(up), "PostgreSQL accepts connections (`pg_isready`)"),
        ]
        for name in self.ports:
            if recovered[name] is not None:
                timeline.append((rel(recovered[name]), f"first page rendered again by {name}"))
        timeline.append((f"{OUTAGE_SECONDS:.1f}", f"load stops; {total} requests"))
        timeline.sort(key=lambda row: float(row[0]))
        section = [
            "## Database outage under load",
            "",
            f"{OUTAGE_CONNECTIONS} connections send requests to A and B in turn: "
            f"{len(CACHED)} pages rendered beforehand ({', '.join(f'`{p}`' for p in CACHED)}) "
            f"and {len(UNCACHED)} never cached (a query string of their own each time: "
            f"{', '.join(f'`{p}`' for p in UNCACHED)}).",
            "",
            "| t (s) | event |",
            "| ---: | --- |",
            *[f"| {t} | {what} |" for t, what in timeline],
            "",
            "Responses by phase (*transition*: the request overlapped `pg_ctl stop` or `start`; "
            "*recovering*: sent after PostgreSQL was back but before that server's first "
            "rendered page):",
            "",
            "| phase | pages | responses | status, `X-Page-Cache` |",
            "| --- | --- | ---: | --- |",
            *rows,
            "",
            *health_rows,
            "",
        ]
        if problems:
            section += ["Problems (first 20):", "", "```text"]
            section += [
                f"t={rel(s.start)} {s.server} {s.path} [{where}] {why}"
                for s, where, why in problems[:20]
            ]
            section += ["```", ""]
            section += self._log_excerpts()
        self.report.sections += section

    def _health_summary(self, health: HealthWatch, events, t0) -> list[str]:
        lines = ["`/healthz`, asked every 0.25 s:", ""]
        for name in self.ports:
            seen = [(t, status, error) for t, n, status, error in health.seen if n == name]
            down = next((t for t, status, _ in seen if t >= events["stop"] and status == 503), None)
            back = next((t for t, status, _ in seen if t >= events["up"] and status == 200), None)
            other = Counter(error or str(status) for _, status, error in seen)
            lines.append(
                f"- {name}: 503 from {down - events['stop']:.2f} s after the stop, "
                f"200 again {back - events['up']:.2f} s after PostgreSQL was back; answers: "
                + ", ".join(f"{k}: {n}" for k, n in sorted(other.items()))
                if down is not None and back is not None
                else f"- {name}: answers {dict(other)} (no clear 503/200 change)"
            )
            bad = [s for _, s, e in seen if e or s not in (200, 503)]
            self.report.check(
                f"/healthz on {name}",
                down is not None and back is not None and not bad,
                "503 during the outage, 200 after" if not bad else f"unexpected answers: {bad}",
            )
        return lines

    def _log_excerpts(self) -> list[str]:
        lines = []
        for name in self.ports:
            log = self.tmp / f"gunicorn-{name}.log"
            with contextlib.suppress(OSError):
                interesting = [
                    line
                    for line in log.read_text(errors="replace").splitlines()
                    if '"ERROR"' in line or "Traceback" in line or '"status": 500' in line
                ]
                if interesting:
                    lines += [f"gunicorn {name} log (errors, first 15):", "", "```text"]
                    lines += [line[:400] for line in interesting[:15]]
                    lines += ["```", ""]
        return lines

    # --- 3. soak ---

    def soak(self) -> None:
        load = Load(self.ports, SOAK_CONNECTIONS, cached_weight=SOAK_CACHED_WEIGHT)
        load.start()
        workers = {name: self.workers(name) for name in self.ports}
        try:
            self._sleep_until(load.t0 + SOAK_WARMUP)
            begin = now()
            first = {pid: rss_kib(pid) for pids in workers.values() for pid in pids}
            counted = load.count()
            self._sleep_until(begin + SOAK_SECONDS)
            end = now()
            last = {pid: rss_kib(pid) for pids in workers.values() for pid in pids}
            measured = load.count() - counted
        finally:
            load.stop()
        after = {name: self.workers(name) for name in self.ports}
        samples = load.all()
        if not samples:
            raise RunError("the soak got no answer at all")
        errors = Counter()
        for s in samples:
            if s.error:
                errors[s.error] += 1
            elif s.traceback:
                errors["traceback"] += 1
            elif s.status != 200:
                errors[f"status {s.status}"] += 1
            elif not s.styled:
                errors["200 without the page in its language"] += 1
        statuses = Counter(
            f"{s.status} {s.cache}".strip() if s.status else s.error for s in samples
        )
        durations = sorted(s.end - s.start for s in samples)

        def pct(p: float) -> float:
            return durations[min(len(durations) - 1, int(p * len(durations)))] * 1000

        rate = measured / (end - begin)
        self.report.check(
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
        same = all(set(workers[n]) == set(after[n]) for n in self.ports)
        self.report.check(
            "Soak: worker memory",
            not missing and same and growth < MEMORY_GROWTH_TARGET,
            f"RSS of the {sum(len(p) for p in workers.values())} workers "
            f"{total_first / 1024:.1f} → {total_last / 1024:.1f} MiB ({growth * 100:+.1f} %, "
            f"target < {MEMORY_GROWTH_TARGET * 100:.0f} %)"
            + ("" if same else f"; workers changed: {workers} → {after}"),
        )
        redis_memory = ""
        with contextlib.suppress(OSError, ValueError):
            info = redis_command(self.redis_port, "INFO", "memory")
            used = next(
                line.split(":", 1)[1]
                for line in info.splitlines()
                if line.startswith("used_memory_human")
            )
            keys = redis_command(self.redis_port, "DBSIZE").lstrip(":")
            redis_memory = (
                f" Redis afterwards: {keys} keys, {used} (every unique query string "
                "is a page of its own in the cache)."
            )
        self.report.sections += [
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
            f"| all | | {total_first / 1024:.1f} | {total_last / 1024:.1f} | "
            f"{growth * 100:+.1f} % |",
            "",
            redis_memory.strip(),
            "",
        ]

    def server_logs(self) -> None:
        tracebacks = {}
        kinds: Counter = Counter()
        for name in self.ports:
            with contextlib.suppress(OSError):
                text = (self.tmp / f"gunicorn-{name}.log").read_text(errors="replace")
                tracebacks[name] = text.count("Traceback")
                for line in text.splitlines():
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        kinds["gunicorn's own lines"] += 1
                        continue
                    if isinstance(entry, dict) and entry.get("level") != "INFO":
                        kinds[f"{entry.get('logger')} {entry.get('level')}"] += 1
        self.report.sections += [
            "Server logs (A and B; one JSON line per request at INFO, not counted here): "
            + ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items()))
            + ".",
            "",
        ]
        count = sum(tracebacks.values())
        self.report.check(
            "Server logs",
            count == 0,
            "no traceback in the gunicorn logs"
            if count == 0
            else f"{count} tracebacks ({tracebacks}); see the excerpts below",
        )
        if count:
            self.report.sections += self._traceback_excerpts()

    def _traceback_excerpts(self) -> list[str]:
        lines = []
        for name in self.ports:
            with contextlib.suppress(OSError):
                text = (self.tmp / f"gunicorn-{name}.log").read_text(errors="replace")
                at = text.find("Traceback")
                if at >= 0:
                    start = text.rfind("\n", 0, max(at - 300, 0)) + 1
                    lines += [f"gunicorn {name}, first traceback:", "", "```text"]
                    lines += [text[start : at + 3000], "```", ""]
        return lines

    # --- cleanup ---

    def cleanup(self) -> None:
        for name in list(self.masters):
            with contextlib.suppress(Exception):
                self.processes.seen.update(self.workers(name))
        self.processes.stop_all()
        if self.postgres.running():
            with contextlib.suppress(Exception):
                self.postgres.stop("fast")
            if self.postgres.running():
                with contextlib.suppress(Exception):
                    self.postgres.stop("immediate")
        left = sorted(
            pid for pid in self.processes.seen | self.postmaster_pids if pid and alive(pid)
        )
        self.report.check(
            "Cleanup",
            not left,
            f"all {len(self.processes.seen) + len(self.postmaster_pids - {0})} processes this "
            "run started are gone (gunicorn masters and workers, Redis, PostgreSQL)"
            if not left
            else f"still running: {left}",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tmp", required=True, type=Path, help="an empty folder for this run")
    args = parser.parse_args()

    def terminate(signum, _frame):
        raise SystemExit(f"resilience: stopped by signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    run = Run(args.tmp)
    report = run.report
    began = now()
    try:
        try:
            print("resilience: starting PostgreSQL, Redis and two gunicorn instances", flush=True)
            run.setup()
            print("resilience: 1. an edit through A, read through B", flush=True)
            run.several_servers()
            print(
                f"resilience: 2. PostgreSQL stops and starts under load ({OUTAGE_SECONDS:.0f} s)",
                flush=True,
            )
            run.outage()
            print(
                f"resilience: 3. soak, {SOAK_CONNECTIONS} connections, "
                f"{SOAK_WARMUP + SOAK_SECONDS:.0f} s",
                flush=True,
            )
            run.soak()
            run.server_logs()
        except (RunError, OSError, SystemExit, KeyboardInterrupt) as error:
            report.aborted = str(error) or type(error).__name__
            print(f"resilience: ABORTED: {report.aborted}", file=sys.stderr, flush=True)
            for name in run.masters:
                log = tail(run.tmp / f"gunicorn-{name}.log", skip='"level": "INFO"')
                print(f"--- gunicorn {name} log: the last lines above INFO ---\n{log}")
        finally:
            run.cleanup()
    except (SystemExit, KeyboardInterrupt) as error:  # a second signal during the cleanup
        report.aborted = report.aborted or str(error)
    report.sections.append(f"Whole run: {now() - began:.0f} s.")
    text = report.markdown()
    print()
    print(text)
    if not report.aborted:
        RESULTS.write_text(text)
        print(f"resilience: written to {RESULTS.relative_to(REPO)}")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
