"""The PostgreSQL text-search configuration of each language: how its search entries are
split into words and stemmed (index and query use the same one).

PostgreSQL's own configurations where it has one. Ukrainian and Polish use Debian's
hunspell dictionaries (packages hunspell-uk and hunspell-pl, which postgresql-common's
``pg_updatedicts`` links into PostgreSQL's ``tsearch_data``) through the configurations
``ukrainian_hunspell`` and ``polish_hunspell`` that migration 0003 creates where the
database server has those files. Without them, and for every other language: “simple”
(lower case, no stemming).
"""

from __future__ import annotations

import functools

from django.db import connection

CONFIGS = {"ar": "arabic", "de": "german", "en": "english", "ru": "russian", "tr": "turkish"}
HUNSPELL = {"pl": "polish_hunspell", "uk": "ukrainian_hunspell"}


def config(language: str) -> str:
    """The configuration for ``language`` (on PostgreSQL)."""
    if language in HUNSPELL and HUNSPELL[language] in hunspell_configs():
        return HUNSPELL[language]
    return CONFIGS.get(language, "simple")


@functools.cache
def hunspell_configs() -> frozenset[str]:
    """The hunspell configurations this database has; asked once per process (and again
    after ``migrate``, see ``forget``)."""
    if connection.vendor != "postgresql":
        return frozenset()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config"
            " WHERE cfgname = ANY(%s) AND pg_ts_config_is_visible(oid)",
            [sorted(HUNSPELL.values())],
        )
        return frozenset(name for (name,) in cursor.fetchall())


def forget(**kwargs) -> None:
    """After ``migrate`` (a post_migrate receiver): ask the database again."""
    hunspell_configs.cache_clear()
