"""Fixed queries of the public pages, their SQL compiled once per process.

Django compiles a queryset to SQL every time it is evaluated. Our translated models have a
column per portal language for every translated field (40–70 columns per row), and
compiling those column lists is about a third of each query's cost on the public pages
(measured: 0.35–0.45 ms of 0.9–1.1 ms). The pages run the same few queries over and over,
so each of them is compiled once under a name and then run with Django's ``raw()`` using
that SQL and its parameters. Rows, order and instances are the same as the queryset's.

The SQL is kept per language: django-modeltranslation writes the active language into it
(ordering by a translated field sorts by that language's column). Apart from the language,
only queries whose SQL never depends on the request may be prepared; the name must be
unique per query. A query that cannot be compiled (no possible result) runs as usual.
"""

from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db.models import Model, QuerySet
from django.utils.translation import get_language

_compiled: dict[tuple[str, str | None], tuple[type[Model], str, tuple]] = {}


def objects(name: str, build: Callable[[], QuerySet]) -> list:
    """The instances of ``build()``, run from SQL compiled once under ``name``."""
    key = (name, get_language())
    try:
        model, sql, params = _compiled[key]
    except KeyError:
        queryset = build()
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return list(queryset)
        model = queryset.model
        _compiled[key] = model, sql, params
    return list(model._base_manager.raw(sql, params))
