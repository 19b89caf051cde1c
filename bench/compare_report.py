"""The section "Compared with <rev>" of bench/results.md (BENCH_COMPARE)."""

from __future__ import annotations

import statistics

from bench.compare import Checkout, Side
from bench.targets import STRATEGY_PAGES as PAGES
from bench.wrk import CONNECTIONS, THREADS, WARMUP_SECONDS, errors


def spread(values: list[float]) -> float:
    """(max − min) / median: how far rounds of the same side lie apart."""
    middle = statistics.median(values)
    return (max(values) - min(values)) / middle if middle else 0.0


def change(new: float, old: float) -> float:
    return new / old - 1 if old else 0.0


def signed(share: float) -> str:
    return f"{100 * share:+.1f} %"


def shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def verdict(rps_change: float, rps_noise: float, p95_change: float, p95_noise: float) -> str:
    """slower: fewer requests/s or a longer p95 by more than the noise of that figure."""
    if rps_change < -rps_noise or p95_change > p95_noise:
        return "slower"
    if rps_change > rps_noise and p95_change < -p95_noise:
        return "faster"
    return "within noise"


# Above this noise only large changes can show: the machine was busy.
BUSY_NOISE = 0.20


def render(checkout: Checkout, current: Side, compared: Side, rounds: int, seconds: int):
    """(lines of the section, whether the target held)."""
    rows, slower, details, noises = [], [], [], []
    for path, _label in PAGES:
        figures = {side.name: side.rounds[path] for side in (current, compared)}
        rps = {name: [f["rps"] for f in runs] for name, runs in figures.items()}
        p95 = {name: [f["p95_ms"] for f in runs] for name, runs in figures.items()}
        wrong = {name: sum(sum(errors(f).values()) for f in runs) for name, runs in figures.items()}
        now_rps, old_rps = (statistics.median(rps[s.name]) for s in (current, compared))
        now_p95, old_p95 = (statistics.median(p95[s.name]) for s in (current, compared))
        rps_noise = max(spread(values) for values in rps.values())
        p95_noise = max(spread(values) for values in p95.values())
        noises.append(rps_noise)
        rps_change, p95_change = change(now_rps, old_rps), change(now_p95, old_p95)
        found = verdict(rps_change, rps_noise, p95_change, p95_noise)
        if sum(wrong.values()):
            found = f"{found}, errors {wrong[current.name]} / {wrong[compared.name]}"
        if found != "within noise" and not found.startswith("faster"):
            slower.append(f"`{path}` ({found})")
        rows.append(
            f"| `{path}` | {now_rps:,.0f} | {old_rps:,.0f} | {signed(rps_change)} "
            f"| ±{100 * rps_noise:.1f} % | {now_p95:.2f} | {old_p95:.2f} "
            f"| {signed(p95_change)} | ±{100 * p95_noise:.1f} % | {found} |"
        )
        sizes = f"{current.sizes[path]:,} / {compared.sizes[path]:,} bytes"
        details.append(
            f"- `{path}` ({sizes}): requests/s by round "
            + "; ".join(
                f"{name} " + " / ".join(f"{value:,.0f}" for value in values)
                for name, values in rps.items()
            )
            + "; p95 ms "
            + "; ".join(
                f"{name} " + " / ".join(f"{value:.1f}" for value in values)
                for name, values in p95.items()
            )
        )
    held = not slower
    name = compared.name
    lines = [
        f"## Compared with {name}",
        "",
        f"`BENCH_COMPARE={name}`: {current.name} against `{checkout.short}` "
        f"(“{shorten(checkout.subject, 90)}”), checked out in a temporary git worktree with its "
        "own database in the same PostgreSQL server and its own gunicorn, both with "
        "production settings and the page cache off. The uncached pages were measured in "
        f"alternation: {rounds} rounds, in each every page on both sides one after the "
        f"other (the order flips each round), {seconds} s of wrk each ({THREADS} threads, "
        f"{CONNECTIONS} connections) after one {WARMUP_SECONDS} s warm-up per page and "
        "side. Figures are medians of the rounds; **noise** is the larger of the two "
        "sides' spreads between rounds ((max − min) / median); a change counts only beyond it.",
        "",
        f"| target | req/s this | req/s {name} | change | noise | p95 ms this "
        f"| p95 ms {name} | change | noise | verdict |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        f"- **{'held' if held else 'missed'}** no uncached page of this checkout is slower "
        f"than {name} by more than the noise" + ("" if held else ": " + ", ".join(slower)),
        *details,
    ]
    if max(noises) > BUSY_NOISE:
        lines.append(
            f"- note: requests/s varied by up to {100 * max(noises):.0f} % between rounds of "
            f"the same side (load average {current.load:.2f} when the comparison started): "
            "only changes larger than that can show; run it again on a quieter machine"
        )
    return lines, held
