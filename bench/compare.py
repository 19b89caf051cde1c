"""``BENCH_COMPARE=<rev>``: the uncached pages of this checkout next to those of an
earlier revision, measured in alternation in the same run (see bench/README.md).

The revision is checked out in a temporary git worktree (removed afterwards, also on
failure), gets its own database in the bench's PostgreSQL server and its own
``manage.py migrate``, ``load_strategy``, ``compilemessages`` and ``collectstatic``
with this .venv, and is served by its own gunicorn with production settings and the page
cache off. Environment: ``BENCH_COMPARE_ROUNDS`` (3), ``BENCH_COMPARE_SECONDS`` (5).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from bench import BenchError
from bench.stack import expect_ok, manage, production_env, start_gunicorn
from bench.targets import STRATEGY_PAGES as PAGES
from bench.wrk import run_wrk, warm_up
from scripts.servers import Processes, run_checked

DATABASE = "bench_compare"
ROUNDS = int(os.environ.get("BENCH_COMPARE_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_COMPARE_SECONDS", "5"))


def git(*args: str) -> str:
    result = run_checked(
        ["git", *args], dict(os.environ), f"git {' '.join(args)}", 60, error=BenchError
    )
    return result.stdout.strip()


@dataclass
class Side:
    """One gunicorn (page cache off) whose uncached pages are measured."""

    name: str
    port: int
    database_url: str
    # Per path: wrk's figures of every round, the page's size.
    rounds: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    load: float = 0.0  # the load average when the measurements began

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def this_checkout() -> str:
    """This side's name: HEAD, and whether tracked files differ from it."""
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"this checkout ({git('rev-parse', '--short', 'HEAD')}{' + changes' if dirty else ''})"


class Checkout:
    """``git worktree add --detach`` of ``rev`` below ``tmp``; ``close()`` removes it."""

    def __init__(self, rev: str, tmp: Path) -> None:
        try:
            self.sha = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        except BenchError as error:
            raise BenchError(f"BENCH_COMPARE={rev}: no such revision") from error
        self.rev = rev
        self.short = self.sha[:7]
        self.subject = git("log", "-1", "--format=%s", self.sha)
        self.path = tmp / f"compare-{self.short}"
        self.added = False

    def open(self) -> None:
        print(f"bench: git worktree of {self.rev} ({self.short}) in {self.path}", flush=True)
        git("worktree", "add", "--detach", "--quiet", str(self.path), self.sha)
        self.added = True

    def close(self) -> None:
        """Remove the worktree (and git's note of it), whatever state it is in."""
        if self.added:
            try:
                git("worktree", "remove", "--force", str(self.path))
            except BenchError as error:
                print(f"bench: {error}", flush=True)
        shutil.rmtree(self.path, ignore_errors=True)
        try:
            git("worktree", "prune")
        except BenchError as error:
            print(f"bench: {error}", flush=True)
        self.added = False


def create_database(url: str, name: str) -> str:
    """A new database ``name`` in the server of ``url``; its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{url.rsplit('/', 1)[0]}/{name}"


def vacuum_analyze(url: str) -> None:
    """Planner statistics for a freshly loaded database, as autovacuum would make them
    sooner or later: both sides are measured with the same kind of plans."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def start(checkout: Checkout, tmp: Path, servers: Processes, port: int) -> Side:
    """Prepare the checkout like `make bench` prepares this one and start its gunicorn."""
    database_url = create_database(os.environ["DATABASE_URL"], DATABASE)
    env = production_env(
        "0",
        {
            "DATABASE_URL": database_url,
            # Its own generation stamp: its load_strategy must not touch this run's caches.
            "DJANGO_PAGE_CACHE_STAMP": str(tmp / "compare-content-changed"),
        },
    )
    # Static files first: with production settings the URLconf needs their manifest.
    for args in (
        ("compilemessages", "--ignore=.venv", "-v", "0"),
        ("collectstatic", "--noinput", "-v", "0"),
        ("migrate", "--noinput", "-v", "0"),
        ("load_strategy",),
    ):
        manage(*args, env=env, cwd=checkout.path)
    start_gunicorn(servers, tmp, f"gunicorn-{checkout.short}", port, env, cwd=checkout.path)
    return Side(checkout.rev, port, database_url)


def measure(wrk: str, sides: list[Side], rounds: int = ROUNDS, seconds: int = SECONDS) -> bool:
    """Every uncached page on every side: fresh planner statistics, a warm-up each, then
    ``rounds`` rounds in which the sides take turns per page (the order flips each round).
    False when a warm-up saw a non-2xx answer."""
    ok = True
    for side in sides:
        vacuum_analyze(side.database_url)
        side.load = os.getloadavg()[0]
    for side in sides:
        for path, _label in PAGES:
            side.sizes[path] = len(expect_ok(side.port, path, side.name).body)
            side.rounds[path] = []
            if warm_up(wrk, side.url(path)).get("count_non2xx", 0):
                print(f"bench: compare: {side.name} {path}: non-2xx in the warm-up", flush=True)
                ok = False
    for number in range(rounds):
        order = sides if number % 2 == 0 else sides[::-1]
        for path, _label in PAGES:
            for side in order:
                side.rounds[path].append(run_wrk(wrk, side.url(path), seconds))
            figures = ", ".join(
                f"{side.name} {side.rounds[path][-1]['rps']:,.0f}/s" for side in sides
            )
            print(f"bench: compare round {number + 1}/{rounds} {path}: {figures}", flush=True)
    return ok
