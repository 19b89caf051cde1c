"""The embedded SQLite database of `make run` takes several processes at once (`make serve`
beside `make run`, gunicorn workers saving together): nobody gets "database is locked"."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

WRITER = """
import sys
from django.db import transaction
from exchange.models import SeedRecord
worker = sys.argv[-1]
for number in range(40):
    # Read, then write in one transaction: the pattern of every admin save.
    with transaction.atomic():
        SeedRecord.objects.filter(model_label=worker).count()
        SeedRecord.objects.create(model_label=worker, key=str(number), values={"n": number})
print("written")
"""


def start(env, *args):
    return subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def sqlite_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_LOCAL="1",
        DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DJANGO_PAGE_CACHE_STAMP=str(tmp_path / "stamp"),
    )
    migrate = start(env, "migrate", "--noinput", "-v0")
    _out, err = migrate.communicate(timeout=300)
    assert migrate.returncode == 0, err
    return env


def test_writers_and_a_migrate_at_once_never_find_the_database_locked(sqlite_env):
    writers = [
        start(sqlite_env, "shell", "-c", WRITER.replace("sys.argv[-1]", repr(f"w{n}")))
        for n in range(3)
    ]
    # `make serve` runs migrate (and its post-migrate writes) while `make run` is up.
    migrate = start(sqlite_env, "migrate", "--noinput", "-v0")
    results = [(*p.communicate(timeout=300), p.returncode) for p in [*writers, migrate]]
    for _out, err, code in results:
        assert code == 0 and "locked" not in err, err[-2000:]
    assert all(out.strip().endswith("written") for out, _err, _code in results[:3])
