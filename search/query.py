"""Search across all published content in the visitor's language.

On PostgreSQL: full-text search with the language's text-search configuration (German
stemming, so “Migrationen” finds “Migration”), ranked, with highlighted snippets, in one
indexed query on the search entries (``search.index``). On SQLite (the embedded `make run`
database): a plain case-insensitive substring search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .configs import config as text_search_config
from .index import plain_text, searchable_models, text_fields
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
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
    config = text_search_config(language)
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


def _plain(query, language):
    results = []
    needle = query.lower()
    for model in searchable_models():
        columns = text_fields(model, language)
        condition = Q()
        for column in columns:
            condition |= Q(**{f"{column}__icontains": query})
        for obj in model.objects.published().filter(condition)[:MAX_RESULTS]:
            text = plain_text(obj, language)
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
