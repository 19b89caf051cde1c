"""Plain HTTP GETs to a server of the harness on 127.0.0.1 (bench/, resilience/).

One request per connection, no redirects followed, no cookies: what a load client or a
probe sends. (resilience/editor.py signs in to the admin with a requests Session.)
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass

from scripts.servers import Processes, Started


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def header(self, name: str, default: str | None = "") -> str | None:
        return self.headers.get(name.lower(), default)


def fetch(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10
) -> Answer:
    """GET ``path`` from 127.0.0.1:``port``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        names = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, names, body)
    finally:
        connection.close()


def error_kind(error: BaseException) -> str:
    """A short name for a failed request."""
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, http.client.RemoteDisconnected):
        return "closed without answer"
    if isinstance(error, TimeoutError):
        return "timeout"
    return type(error).__name__


def wait_ready(
    processes: Processes,
    server: Started,
    port: int,
    path: str = "/healthz",
    headers: dict[str, str] | None = None,
    also: Callable[[], bool] = lambda: True,
    seconds: float = 60,
) -> None:
    """Until ``path`` answers 200 (and ``also()`` holds); ``processes.error`` when the
    server exits or is not ready within ``seconds``."""
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        processes.check(server)
        try:
            answer = fetch(port, path, headers=headers, timeout=5)
            if answer.status == 200 and also():
                return
            last = f"status {answer.status}"
        except (OSError, http.client.HTTPException) as error:
            last = error_kind(error)
        time.sleep(0.2)
    raise processes.error(
        f"{server.name} did not answer {path} on port {port} within {seconds:.0f} s ({last})"
    )
