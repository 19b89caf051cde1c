"""Server processes for the load harnesses (bench/, resilience/).

Each server runs in its own process group, gets SIGTERM when the harness goes away (even
by SIGKILL), and is stopped with its whole group, workers included. ``run_checked`` runs a
command that must succeed (manage.py migrate and the like).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child: SIGTERM when the harness goes away, even by SIGKILL."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_pids(parent: int) -> list[int]:
    """Processes whose parent is ``parent`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


def tail(path: Path, lines: int = 25, skip: str = "") -> str:
    """The last lines of a log (without those containing ``skip``)."""
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join([line for line in text if not skip or skip not in line][-lines:])


def run_checked(
    command: list[str],
    env: dict[str, str],
    what: str,
    timeout: float = 120,
    cwd: Path = REPO,
    error: type[Exception] = RuntimeError,
) -> subprocess.CompletedProcess:
    """Run ``command``; ``error`` with its output when it fails or takes too long."""
    try:
        result = subprocess.run(  # noqa: S603 (our own fixed command line)
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as expired:
        raise error(f"{what} did not finish within {timeout:.0f} s") from expired
    if result.returncode != 0:
        raise error(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


@dataclass
class Started:
    name: str
    process: subprocess.Popen
    log: Path


class Processes:
    """Children started by a harness; ``error`` is the exception a dead one raises."""

    def __init__(self, error: type[Exception] = RuntimeError, tail_lines: int = 25) -> None:
        self.error = error
        self.tail_lines = tail_lines
        self.started: list[Started] = []
        # Every pid seen (masters, workers, Redis, postmaster) for a final check.
        self.seen: set[int] = set()

    def start(
        self, name: str, command: list[str], env: dict[str, str], log: Path, cwd: Path = REPO
    ) -> Started:
        with log.open("ab") as out:
            process = subprocess.Popen(  # noqa: S603 (our own fixed command line)
                command,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        started = Started(name, process, log)
        self.started.append(started)
        self.seen.add(process.pid)
        return started

    def check(self, started: Started) -> None:
        """Raise ``error`` with the end of its log if the process has exited."""
        if started.process.poll() is not None:
            raise self.error(
                f"{started.name} exited with status {started.process.returncode}:\n"
                f"{tail(started.log, self.tail_lines)}"
            )

    def stop(self, started: Started, grace: float = 15) -> None:
        process = started.process
        if process.poll() is None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                print(f"{started.name} did not stop in {grace:.0f} s, killing it", file=sys.stderr)
                _signal_group(process.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=5)
        # Anything left in its process group (workers of a master that died).
        _signal_group(process.pid, signal.SIGKILL)

    def stop_all(self) -> None:
        while self.started:
            self.stop(self.started.pop())
