"""Search across all published content in the visitor's language.

On PostgreSQL: full-text search with the language's text-search configuration (German
stemming, so “Migrationen” finds “Migration”), ranked, with highlighted snippets. Every
object is kept as plain text per language in ``SearchEntry`` (updated on each save, rebuilt
by the loader) with a GIN-indexed vector, so a search is one indexed query. On SQLite (the
embedded `make run` database): a plain case-insensitive substring search.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import translations
from .models import SearchEntry, content_models

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
# PostgreSQL's own configurations where it has one; “simple” (no stemming) otherwise.
CONFIGS = {"de": "german", "en": "english", "ru": "russian", "tr": "turkish"}
START, STOP = "\ue000", "\ue001"  # private-use markers around hits in snippets


@dataclass
class Result:
    title: str
    url: str
    snippet: str
    kind: str
    rank: float


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched (control characters removed, length capped) and whether it
    was shortened."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", raw or "")
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


@functools.cache
def _searchable_models() -> tuple:
    """Content models with translated text (fixed once the apps are loaded; asked on every
    save, sessions included)."""
    return tuple(m for m in content_models() if translations.translated_fields(m))


def _text_fields(model, language):
    return [translations.column(f, language) for f in translations.translated_fields(model)]


def _highlight(headline: str) -> str:
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above, only <mark> added


def search(query: str, language: str) -> list[Result]:
    if not query:
        return []
    if connection.vendor == "postgresql":
        results = _postgres(query, language)
    else:
        results = _plain(query, language)
    return results[:MAX_RESULTS]


def _postgres(query, language):
    """One indexed query on the search entries of the language (see index_object)."""
    config = CONFIGS.get(language, "simple")
    search_query = SearchQuery(query, config=config, search_type="websearch")
    rows = (
        SearchEntry.objects.filter(language=language, published=True, vector=search_query)
        .annotate(
            rank=SearchRank(F("vector"), search_query),
            snippet=SearchHeadline(
                "text",
                search_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
            ),
        )
        .order_by("-rank", "path")
        .values_list("title", "path", "snippet", "kind", "rank")[:MAX_RESULTS]
    )
    return [
        Result(title, path, _highlight(snippet), kind, rank)
        for title, path, snippet, kind, rank in rows
    ]


# --- the search entries ---------------------------------------------------------------


def _plain_text(obj, language) -> str:
    parts = [getattr(obj, column) or "" for column in _text_fields(type(obj), language)]
    return " ".join(html.unescape(strip_tags(" ".join(parts))).split())


def _entries(obj, content_type) -> list[SearchEntry]:
    entries = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            entries.append(
                SearchEntry(
                    content_type=content_type,
                    object_id=obj.pk,
                    language=language,
                    published=obj.published,
                    title=str(obj),
                    path=obj.get_absolute_url(),
                    kind=str(type(obj)._meta.verbose_name),
                    text=_plain_text(obj, language),
                )
            )
    return entries


def index_object(obj) -> None:
    """Write the search entries of one object, one per language."""
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        entries = SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk)
        entries.delete()
        SearchEntry.objects.bulk_create(_entries(obj, content_type))
        if connection.vendor == "postgresql":
            _update_vectors(entries)


def _update_vectors(entries) -> None:
    for language, _name in settings.LANGUAGES:
        config = CONFIGS.get(language, "simple")
        entries.filter(language=language).update(vector=SearchVector("text", config=config))


def unindex_object(obj) -> None:
    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()


def rebuild_index() -> int:
    """All search entries afresh (after loading content or an import); returns the count."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        entries = []
        for model in _searchable_models():
            content_type = ContentType.objects.get_for_model(model)
            for obj in model._default_manager.all():
                entries += _entries(obj, content_type)
        SearchEntry.objects.bulk_create(entries)
        if connection.vendor == "postgresql":
            _update_vectors(SearchEntry.objects.all())
    return len(entries)


_suspended = contextvars.ContextVar("search_index_suspended", default=False)


@contextlib.contextmanager
def index_suspended():
    """For bulk work (the content loader): no indexing per save; rebuild afterwards."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and not _suspended.get() and sender in _searchable_models():
        index_object(instance)


def _deleted(sender, instance, **kwargs) -> None:
    if not _suspended.get() and sender in _searchable_models():
        unindex_object(instance)


def connect_signals() -> None:
    post_save.connect(_saved, dispatch_uid="search-index-save")
    post_delete.connect(_deleted, dispatch_uid="search-index-delete")


def _plain(query, language):
    results = []
    needle = query.lower()
    for model in _searchable_models():
        columns = _text_fields(model, language)
        condition = Q()
        for column in columns:
            condition |= Q(**{f"{column}__icontains": query})
        for obj in model.objects.published().filter(condition)[:MAX_RESULTS]:
            text = _plain_text(obj, language)
            at = text.lower().find(needle)
            start = max(0, at - 80)
            piece = text[start : at + len(query) + 80] if at >= 0 else text[:160]
            if at >= 0:
                offset = at - start
                piece = (
                    piece[:offset]
                    + START
                    + piece[offset : offset + len(query)]
                    + STOP
                    + piece[offset + len(query) :]
                )
            results.append(
                Result(
                    str(obj),
                    obj.get_absolute_url(),
                    _highlight(piece),
                    str(model._meta.verbose_name),
                    1.0,
                )
            )
    return results
