"""The servers of a resilience run: PostgreSQL 15 (stopped and started again on the same
port), Redis (the shared cache) and two gunicorn instances, A and B."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import string
import subprocess
import time
from pathlib import Path

from bench.stack import start_nginx
from bench.wrk import find_tool
from resilience import RunError
from resilience.config import GUNICORN, HEADERS, HOST, PYTHON, WORKERS_PER_SERVER, now
from scripts.harness_http import wait_ready
from scripts.machine import PG_BIN
from scripts.project import PROJECT_MODULES
from scripts.servers import Processes, Started, child_pids, free_port, run_checked, tail


class Postgres:
    """A throwaway PostgreSQL 15 that can be stopped and started again on the same port."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "pg"
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 (our own fixed command line)
            [*self.as_user, *args], capture_output=True, text=True, timeout=timeout, check=False
        )

    def init(self) -> None:
        self.dir.mkdir()
        if self.as_user:
            subprocess.run(["chown", "postgres:postgres", str(self.dir)], check=True)  # noqa: S603, S607
        result = self._run(
            str(PG_BIN / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            "--locale=C.UTF-8",
        )
        if result.returncode != 0:
            raise RunError(f"initdb failed:\n{result.stdout}{result.stderr}")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = self._run(
            str(PG_BIN / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options),
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


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Cluster:
    """PostgreSQL, Redis, gunicorn A and B, and what the checks need to know of them."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.processes = Processes(error=RunError)
        self.postgres = Postgres(tmp)
        self.redis_port = free_port()
        self.ports = {"A": free_port(), "B": free_port()}
        self.masters: dict[str, Started] = {}
        self.env: dict[str, str] = {}
        self.postmaster_pids: set[int] = set()

    def django_env(self) -> dict[str, str]:
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
            DATABASE_URL=self.postgres.url,
            DJANGO_CACHE_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            DJANGO_PAGE_CACHE_SECONDS="600",
            DJANGO_PAGE_CACHE_STAMP=str(self.tmp / "content-changed"),
            DJANGO_PDF_ROOT=str(self.tmp / "pdf"),  # one folder for both servers
            PYTHONUNBUFFERED="1",
        )
        return env

    def start_redis(self) -> None:
        redis_dir = self.tmp / "redis"
        redis_dir.mkdir()
        command = ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        command += ["--dir", str(redis_dir)]
        redis = self.processes.start(
            "redis-server", command, dict(os.environ), self.tmp / "redis.log"
        )
        deadline = now() + 20
        while True:
            self.processes.check(redis)
            with contextlib.suppress(OSError):
                if redis_command(self.redis_port, "PING") == "+PONG":
                    return
            if now() > deadline:
                raise RunError(f"Redis did not answer within 20 s:\n{tail(redis.log)}")
            time.sleep(0.1)

    def setup(self) -> None:
        self.postgres.init()
        self.postgres.start()
        self.postmaster_pids.add(self.postgres.postmaster_pid() or 0)
        self.start_redis()
        self.env = self.django_env()
        manage = [str(PYTHON), "manage.py"]
        run_checked(
            [*manage, "migrate", "--noinput", "-v", "0"], self.env, "migrate", 180, error=RunError
        )
        run_checked([*manage, "load_strategy"], self.env, "load_strategy", 120, error=RunError)
        for name, port in self.ports.items():
            env = dict(self.env, GUNICORN_BIND=f"127.0.0.1:{port}")
            env["GUNICORN_WORKERS"] = str(WORKERS_PER_SERVER)
            # Worker recycling off (see README): the recovery must be the same workers'
            # own doing, and a recycled worker would hide memory growth in the soak.
            command = [str(GUNICORN), "-c", "gunicorn.conf.py", "--max-requests", "0"]
            self.masters[name] = self.processes.start(
                f"gunicorn {name}",
                [*command, PROJECT_MODULES["wsgi"]],
                env,
                self.tmp / f"gunicorn-{name}.log",
            )
        for name, port in self.ports.items():
            wait_ready(
                self.processes,
                self.masters[name],
                port,
                headers=HEADERS,
                also=lambda name=name: len(self.workers(name)) == WORKERS_PER_SERVER,
            )
        for name in self.ports:
            self.processes.seen.update(self.workers(name))

    def describe(self, seconds: float) -> str:
        return (
            f"Setup ({seconds:.0f} s): PostgreSQL on 127.0.0.1:{self.postgres.port}, "
            f"Redis on :{self.redis_port} (the shared cache, `DJANGO_CACHE_URL`), gunicorn A "
            f"on :{self.ports['A']} and B on :{self.ports['B']} with {WORKERS_PER_SERVER} "
            "sync workers each (`gunicorn.conf.py`, `--max-requests 0`), production settings "
            "(no `DJANGO_LOCAL`, `DJANGO_HTTPS=0`, `DJANGO_PAGE_CACHE_SECONDS=600`); every "
            f"request carries `Host: {HOST}` as behind a reverse proxy."
        )

    def workers(self, name: str) -> list[int]:
        return child_pids(self.masters[name].process.pid)

    def manage_shell(self, code: str, what: str) -> str:
        command = [str(PYTHON), "manage.py", "shell", "-c", code]
        return run_checked(command, self.env, what, timeout=60, error=RunError).stdout.strip()

    def start_proxy(self) -> int:
        """nginx with the production proxy cache (deploy/nginx/proxy-cache.conf, through
        bench/nginx.conf.in) in front of A and B; its port."""
        static = self.tmp / "static"
        static.mkdir(exist_ok=True)
        (static / "index.html").write_text("nginx\n")
        self.tmp.chmod(0o755)  # nginx workers (user nobody when started as root) read here
        ports = {"static": free_port(), "proxy": free_port()}
        start_nginx(self.processes, self.tmp, find_tool("nginx"), ports, self.ports.values())
        return ports["proxy"]

    @property
    def logs(self) -> dict[str, Path]:
        return {name: self.tmp / f"gunicorn-{name}.log" for name in self.ports}

    def stop(self) -> list[int]:
        """Stop everything; the pids of processes this run started that are still there."""
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
        return sorted(
            pid for pid in self.processes.seen | self.postmaster_pids if pid and alive(pid)
        )

    @property
    def started_count(self) -> int:
        return len(self.processes.seen) + len(self.postmaster_pids - {0})
