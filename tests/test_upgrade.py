"""A database of the first layout (the project package held eight models of its own)
migrates to the current apps with everything intact: content, a staff edit, its version in
the history, a translation state, a redirect, a feedback message, the loader's records, the
search entries and the permissions.

The databases were made by the code of the first layout (tests/first_layout/make_dumps.sh);
here the current code migrates a copy of each, PostgreSQL and SQLite, in its own process,
and tests/first_layout/check.py reports what it finds.
"""

import gzip
import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

HERE = Path(__file__).parent / "first_layout"
# Tables of the first layout whose rows must all arrive, and where they live now.
MOVED = {
    "hannover_strategy_translationstate": "content_translationstate",
    "hannover_strategy_seite": "portal_seite",
    "hannover_strategy_rueckmeldung": "portal_rueckmeldung",
    "hannover_strategy_searchentry": "search_searchentry",
    "hannover_strategy_seedrecord": "exchange_seedrecord",
}


# Since translation states are kept per group, the old ones are the official ones.
NEW_COUNTS = {
    "content_translationstate": (
        "SELECT count(*) FROM content_translationstate WHERE \"group\" = 'official'"
    ),
}

OLD_VERSIONS = (
    "SELECT count(*) FROM reversion_version WHERE content_type_id IN "
    "(SELECT id FROM django_content_type WHERE app_label = 'hannover_strategy')"
)


def count_rows(db, tables) -> dict[str, int]:
    """Rows per table (``db``: a psycopg or sqlite3 connection), and the versions in the
    history of the old app's models."""
    query = "SELECT count(*) FROM {}"
    counts = {
        table: db.execute(NEW_COUNTS.get(table, query.format(table))).fetchone()[0]
        for table in tables
    }
    counts["versions"] = db.execute(OLD_VERSIONS).fetchone()[0]
    return counts


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def environment(tmp_path, **database) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SQLITE_PATH")}
    env.update(
        DJANGO_LOCAL="1",
        DJANGO_PLAIN_STATIC="1",
        DJANGO_PAGE_CACHE_STAMP=str(tmp_path / "stamp"),
        **database,
    )
    return env


def migrate_and_check(env: dict) -> dict:
    output = manage(env, "migrate", "--noinput")
    assert "upgrade.0001_first_layout... OK" in output
    report = manage(env, "shell", stdin=(HERE / "check.py").read_text(encoding="utf-8"))
    line = next(line for line in report.splitlines() if line.startswith("FINDINGS "))
    return json.loads(line.removeprefix("FINDINGS "))


def postgres_first_layout(tmp_path):
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("needs the PostgreSQL server of make test (DATABASE_URL)")
    name = f"first_layout_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(url, autocommit=True) as db:
        # The dump empties the search path of its session: count in a new one.
        db.execute(gzip.decompress((HERE / "first_layout.pg.sql.gz").read_bytes()).decode())
    with psycopg.connect(url) as db:
        counts = count_rows(db, MOVED)

    def count_new():
        with psycopg.connect(url) as db:
            return {t: n for t, n in count_rows(db, MOVED.values()).items() if t != "versions"}

    def drop():
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    return environment(tmp_path, DATABASE_URL=url), counts, count_new, drop


def sqlite_first_layout(tmp_path):
    path = tmp_path / "first.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            gzip.decompress((HERE / "first_layout.sqlite.sql.gz").read_bytes()).decode()
        )
        counts = count_rows(db, MOVED)

    def count_new():
        with sqlite3.connect(path) as db:
            return {t: n for t, n in count_rows(db, MOVED.values()).items() if t != "versions"}

    return environment(tmp_path, DJANGO_SQLITE_PATH=str(path)), counts, count_new, lambda: None


@pytest.mark.parametrize("make", [postgres_first_layout, sqlite_first_layout], ids=["pg", "sqlite"])
def test_a_database_of_the_first_layout_migrates_with_everything_intact(make, tmp_path):
    env, before, count_new, drop = make(tmp_path)
    try:
        found = migrate_and_check(env)
        after = count_new()
    finally:
        drop()

    # Every row arrived in its new table.
    assert before["hannover_strategy_seite"] == 3 and before["hannover_strategy_searchentry"] > 100
    assert {MOVED[t]: n for t, n in before.items() if t != "versions"} == after
    assert before["versions"] > 10 and found["moved_versions"] == before["versions"]
    # The staff edit, its author and its place in the history.
    assert found["title"] == "Impressum (redaktionell geändert)"
    assert found["versions"] == 9  # one per language file the loader read, then the edit
    assert (found["latest_author"], found["latest_comment"]) == ("redakteurin", "Titel geändert")
    assert found["version_models"] == ["portal.seite"]
    assert found["admin_pages"] == [200, 200] and found["history_shows_comment"]
    assert found["log_entries"] == 1
    # An old version can still be restored.
    assert found["restored_title"] == "Impressum"
    # Translation state, redirect, feedback message.
    assert found["state"] == ["reviewed", "redakteurin"]
    # States per group: Leitlinie 1 (the city's text only) has official ones only; the one
    # state per language of Leitlinie 2 (editorial text only) was copied for its group.
    assert found["groups_of_leitlinie_1"] == ["official"]
    (_e, editorial), (_o, official) = found["split_of_leitlinie_2"]
    assert editorial == official and len(official) == 7
    assert found["redirect"] == [301, "/de/leitlinien/3/"]
    assert found["feedback"] == [
        "Die Schrift auf dem Telefon ist zu klein.",
        "in_progress",
        "Rückruf vereinbart",
    ]
    # The loader still recognises what it wrote: staff edits kept, nothing made twice.
    assert found["reload"] == [0, ["portal.seite:impressum.title_de"]]
    assert "portal.seite" in found["seed_labels"]
    assert not any(label.startswith("hannover_strategy") for label in found["seed_labels"])
    # Permissions follow their models; the old single publish right became one per model.
    assert found["checker_publishes"]
    assert (
        "publish_seite" in found["editors_publish"]
        and "publish_leitlinie" in found["editors_publish"]
    )
    # Nothing of the old app is left behind.
    assert found["old_content_types"] == 0
    assert found["old_tables"] == []
    assert found["old_migrations"] == 0
    assert found["stale_models"] == []
    assert "hannover_strategy" not in found["installed"]
    assert found["counts"]["portal.seite"] == 3 and found["counts"]["leitlinien.leitlinie"] == 7
