"""resilience/results.md: the checks (ok or FAILED, with their figures), the sections
below them, and what the gunicorn logs say."""

from __future__ import annotations

import contextlib
import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


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


def error_lines(logs: dict[str, Path]) -> list[str]:
    """The first error lines of each gunicorn log, as sections."""
    lines = []
    for name, log in logs.items():
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


def server_logs(report: Report, logs: dict[str, Path]) -> None:
    """Check: no traceback in the gunicorn logs; and the warnings and errors by logger."""
    tracebacks = {}
    kinds: Counter = Counter()
    for name, log in logs.items():
        with contextlib.suppress(OSError):
            text = log.read_text(errors="replace")
            tracebacks[name] = text.count("Traceback")
            for line in text.splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    kinds["gunicorn's own lines"] += 1
                    continue
                if isinstance(entry, dict) and entry.get("level") != "INFO":
                    kinds[f"{entry.get('logger')} {entry.get('level')}"] += 1
    report.sections += [
        "Server logs (A and B; one JSON line per request at INFO, not counted here): "
        + ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items()))
        + ".",
        "",
    ]
    count = sum(tracebacks.values())
    report.check(
        "Server logs",
        count == 0,
        "no traceback in the gunicorn logs"
        if count == 0
        else f"{count} tracebacks ({tracebacks}); see the excerpts below",
    )
    if count:
        report.sections += traceback_excerpts(logs)


def traceback_excerpts(logs: dict[str, Path]) -> list[str]:
    lines = []
    for name, log in logs.items():
        with contextlib.suppress(OSError):
            text = log.read_text(errors="replace")
            at = text.find("Traceback")
            if at >= 0:
                start = text.rfind("\n", 0, max(at - 300, 0)) + 1
                lines += [f"gunicorn {name}, first traceback:", "", "```text"]
                lines += [text[start : at + 3000], "```", ""]
    return lines
