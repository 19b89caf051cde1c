"""The "Machine:" line of the harnesses' reports (bench/, resilience/)."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def tool_version(command: list[str], prefix: str) -> str:
    """The word after ``prefix`` in what ``command`` prints ("?" if none)."""
    try:
        result = subprocess.run(  # noqa: S603 (our own fixed command line)
            command, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    for line in (result.stdout + result.stderr).splitlines():
        if prefix in line:
            return line.split(prefix, 1)[1].split()[0]
    return "?"


def postgres_version() -> str:
    # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    return tool_version([str(PG_BIN / "postgres"), "--version"], "(PostgreSQL) ")


def package_version(name: str) -> str:
    return importlib.metadata.version(name)


def _first(path: str, prefix: str) -> str | None:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line
    return None


def machine_line(*more: str) -> str:
    """CPU, cores, memory, kernel, Python and Django, then ``more``, joined by " · "."""
    cpu = _first("/proc/cpuinfo", "model name")
    memory = _first("/proc/meminfo", "MemTotal:")
    parts = [
        " ".join(cpu.split(":", 1)[1].split()) if cpu else "unknown CPU",
        f"{os.cpu_count()} cores",
        f"{int(memory.split()[1]) / 1024 / 1024:.1f} GiB RAM" if memory else "? GiB RAM",
        f"{platform.system()} {platform.release()}",
        f"Python {platform.python_version()}",
        f"Django {package_version('Django')}",
        *more,
    ]
    return " · ".join(parts)
