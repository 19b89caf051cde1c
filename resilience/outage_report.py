"""The checks and the section of check 2 (the outage under load)."""

from __future__ import annotations

from collections import Counter

from resilience.config import (
    CACHED,
    OUTAGE_CONNECTIONS,
    OUTAGE_SECONDS,
    RECOVERY_TARGET_SECONDS,
    RETRY_AFTER,
    STALE_COPIES,
    UNCACHED,
)
from resilience.load import language
from resilience.outage import PHASES, Outage
from resilience.report import Report, error_lines
from resilience.services import Cluster


def report_outage(outage: Outage, cluster: Cluster, report: Report) -> None:
    samples, counts, problems = outage.samples, outage.counts, outage.problems
    up, t0 = outage.events["up"], outage.t0
    total = len(samples)
    by_kind = Counter(why.split(" (")[0] for _, _, why in problems)
    during = {kind: counts.get(("outage", kind), Counter()) for kind in ("cached", "uncached")}
    stale = sum(during["cached"].get(f"200 {copy}", 0) for copy in STALE_COPIES)
    hits = during["cached"].get("200 hit", 0)
    polite = during["uncached"].get("503", 0)

    if problems:
        detail = f"{total} responses, {len(problems)} problems: " + ", ".join(
            f"{kind}: {n}" for kind, n in by_kind.items()
        )
    else:
        detail = f"{total} responses: no 500, no traceback, no refused or reset connection"
    report.check("Every response during the outage test", not problems, detail)
    report.check(
        "Cached pages while PostgreSQL is down",
        hits > 0
        and stale > 0
        and not during["cached"].keys() - {"200 hit", *(f"200 {copy}" for copy in STALE_COPIES)},
        f"{hits} × 200 hit, then after a new content generation {stale} × 200 stale",
    )
    titles: dict[str, set[str]] = {}
    for s in samples:
        if s.status == 503 and s.title:
            titles.setdefault(language(s.path), set()).add(s.title)
    german = titles.get("de", set())
    translated = all(
        len(found) == 1 and (lang == "de" or not found & german) for lang, found in titles.items()
    ) and set(titles) == {language(p) for p in UNCACHED}
    report.check(
        "Other pages while PostgreSQL is down",
        polite > 0 and translated and not during["uncached"].keys() - {"503"},
        f"{polite} × 503 with Retry-After: {RETRY_AFTER}, the styled page in the URL's "
        "language: "
        + "; ".join(f"{lang} “{' / '.join(sorted(t))}”" for lang, t in sorted(titles.items())),
    )
    for name in cluster.ports:
        done = outage.recovered[name]
        figure = f"{done - up:.2f} s" if done is not None else "never"
        late = [
            s
            for s in samples
            if s.server == name and s.start >= up and s.status != 200 and s.kind == "uncached"
        ]
        report.check(
            f"Recovery of server {name}",
            done is not None and done - up <= RECOVERY_TARGET_SECONDS,
            f"first rendered page {figure} after PostgreSQL accepted connections again "
            f"(target ≤ {RECOVERY_TARGET_SECONDS:.0f} s); {len(late)} non-200 answers "
            "after that moment",
        )
    before, after = outage.workers_before, outage.workers_after
    same = all(set(before[n]) == set(after[n]) for n in cluster.ports)
    report.check(
        "No restart",
        same,
        "the same gunicorn masters and workers before and after the outage"
        if same
        else f"workers changed: before {before}, after {after}",
    )

    health_rows = health_summary(outage, cluster, report)
    rows = []
    for where in PHASES:
        for kind in ("cached", "uncached"):
            counter = counts.get((where, kind))
            if counter:
                text = ", ".join(f"{outcome}: {n}" for outcome, n in sorted(counter.items()))
                rows.append(f"| {where} | {kind} | {sum(counter.values())} | {text} |")
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
        *[f"| {t} | {what} |" for t, what in timeline(outage, total)],
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
            f"t={s.start - t0:.1f} {s.server} {s.path} [{where}] {why}"
            for s, where, why in problems[:20]
        ]
        section += ["```", ""]
        section += error_lines(cluster.logs)
    report.sections += section


def timeline(outage: Outage, total: int) -> list[tuple[str, str]]:
    events, t0 = outage.events, outage.t0

    def rel(moment: float) -> str:
        return f"{moment - t0:.1f}"

    rows = [
        ("0.0", f"load starts: {OUTAGE_CONNECTIONS} connections, both servers"),
        (rel(events["stop"]), "`pg_ctl stop -m fast`"),
        (rel(events["stopped"]), "PostgreSQL stopped"),
        (
            rel(events["generation"]),
            "new content generation in Redis (as after a save): cached copies out of date",
        ),
        (rel(events["start"]), "`pg_ctl start`"),
        (rel(events["up"]), "PostgreSQL accepts connections (`pg_isready`)"),
    ]
    for name, done in outage.recovered.items():
        if done is not None:
            rows.append((rel(done), f"first page rendered again by {name}"))
    rows.append((f"{OUTAGE_SECONDS:.1f}", f"load stops; {total} requests"))
    rows.sort(key=lambda row: float(row[0]))
    return rows


def health_summary(outage: Outage, cluster: Cluster, report: Report) -> list[str]:
    """Check: /healthz 503 during the outage and 200 after, on each server."""
    events = outage.events
    lines = ["`/healthz`, asked every 0.25 s:", ""]
    for name in cluster.ports:
        seen = [(t, status, error) for t, n, status, error in outage.health.seen if n == name]
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
        report.check(
            f"/healthz on {name}",
            down is not None and back is not None and not bad,
            "503 during the outage, 200 after" if not bad else f"unexpected answers: {bad}",
        )
    return lines
