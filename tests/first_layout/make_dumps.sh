#!/usr/bin/env bash
# Make the two databases of the first layout that tests/test_upgrade.py migrates: one
# PostgreSQL dump (plain SQL with INSERTs) and one SQLite dump, both gzipped.
#
# Runs the code of revision c2cb89f (the last of the first layout) from a temporary git
# worktree with this checkout's .venv: migrate, load_strategy, then fill.py (what staff
# had done). The dumps never change once made; this script says how they were made.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rev="${1:-c2cb89f}"
tmp="$(mktemp -d /tmp/wsh-first-layout.XXXXXX)"
trap 'git -C "$repo" worktree remove --force "$tmp/code" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$repo" worktree add --detach "$tmp/code" "$rev" >/dev/null
py="$repo/.venv/bin/python"
export DJANGO_LOCAL=1 DJANGO_PLAIN_STATIC=1 DJANGO_PAGE_CACHE_STAMP="$tmp/stamp"

fill() {
  (cd "$tmp/code" && "$py" manage.py migrate --noinput -v0 && "$py" manage.py load_strategy -v0 \
    && "$py" manage.py shell < "$here/fill.py")
}

# SQLite
DJANGO_SQLITE_PATH="$tmp/first.sqlite3" fill
"$py" - "$tmp/first.sqlite3" <<'PY' | gzip -9n > "$here/first_layout.sqlite.sql.gz"
import sqlite3, sys
for line in sqlite3.connect(sys.argv[1]).iterdump():
    print(line)
PY

# PostgreSQL
"$repo/scripts/with-postgres" bash -c '
  set -euo pipefail
  fill() { (cd "'"$tmp"'/code" && "'"$py"'" manage.py migrate --noinput -v0 \
    && "'"$py"'" manage.py load_strategy -v0 && "'"$py"'" manage.py shell < "'"$here"'/fill.py"); }
  fill
  # psql meta-commands (pg_dump 15.14+ writes \restrict) are not SQL; the test restores
  # the dump with psycopg.
  pg_dump --inserts --no-owner --no-privileges "$DATABASE_URL" | grep -v "^\\\\" | gzip -9n > "'"$here"'/first_layout.pg.sql.gz"
'
ls -l "$here"/*.gz
