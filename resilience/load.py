"""Client threads that load both servers, and what each answer is (a Sample)."""

from __future__ import annotations

import http.client
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from resilience.config import CACHED, HEADERS, REQUEST_TIMEOUT, UNCACHED, now
from scripts.harness_http import Answer, error_kind, fetch


def get(port: int, path: str, timeout: float = REQUEST_TIMEOUT) -> Answer:
    """GET as a German browser behind the reverse proxy would (config.HEADERS)."""
    return fetch(port, path, headers=HEADERS, timeout=timeout)


def language(path: str) -> str:
    return path.split("/")[1]


def page_title(body: bytes) -> str:
    start = body.find(b"<title>")
    end = body.find(b"</title>", start)
    return body[start + 7 : end].decode("utf-8", "replace").strip() if 0 <= start < end else ""


def styled(body: bytes, lang: str) -> bool:
    """The portal's own page in that language (not a bare error text)."""
    return f'<html lang="{lang}"'.encode() in body and b'rel="stylesheet"' in body


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


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


def probe(name: str, port: int, kind: str, path: str) -> Sample:
    started = now()
    try:
        answer = get(port, path)
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


class Load:
    """``connections`` threads, each sending one request after the other (a new TCP
    connection each time, as gunicorn's sync workers close it) to both servers in turn."""

    def __init__(
        self, servers: dict[str, int], connections: int, cached_weight: int = 1, uncached=True
    ):
        self.servers = list(servers.items())
        self.connections = connections
        self.targets = [("cached", path) for path in CACHED] * cached_weight + [
            ("uncached", path) for path in (UNCACHED if uncached else [])
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
                    status, error = get(port, "/healthz", timeout=10).status, ""
                except (OSError, http.client.HTTPException) as exc:
                    status, error = 0, error_kind(exc)
                self.seen.append((now(), name, status, error))
            self.stopping.wait(0.25)
