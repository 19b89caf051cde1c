"""Search across all published content in the visitor's language.

On PostgreSQL: full-text search with the language's text-search configuration (German
stemming, so “Migrationen” finds “Migration”), ranked, with highlighted snippets. On SQLite
(the embedded `make run` database): a plain case-insensitive substring search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import translations
from .models import content_models

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


def _searchable_models():
    return [m for m in content_models() if translations.translated_fields(m)]


def _text_fields(model, language):
    return [translations.column(f, language) for f in translations.translated_fields(model)]


def _plain_text_expression(columns):
    parts = []
    for column in columns:
        parts += [Coalesce(F(column), Value(""), output_field=TextField()), Value(" ")]
    joined = Concat(*parts, output_field=TextField())
    # Rich text is HTML: search and show its text only.
    return Func(
        joined,
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


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
    results.sort(key=lambda r: -r.rank)
    return results[:MAX_RESULTS]


def _postgres(query, language):
    config = CONFIGS.get(language, "simple")
    search_query = SearchQuery(query, config=config, search_type="websearch")
    results = []
    for model in _searchable_models():
        text = _plain_text_expression(_text_fields(model, language))
        vector = SearchVector(text, config=config)
        rows = (
            model.objects.published()
            .annotate(search=vector)
            .filter(search=search_query)
            .annotate(
                rank=SearchRank(vector, search_query),
                snippet=SearchHeadline(
                    text,
                    search_query,
                    config=config,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank")[:MAX_RESULTS]
        )
        for obj in rows:
            results.append(
                Result(
                    str(obj),
                    obj.get_absolute_url(),
                    _highlight(obj.snippet),
                    str(model._meta.verbose_name),
                    obj.rank,
                )
            )
    return results


def _plain(query, language):
    results = []
    needle = query.lower()
    for model in _searchable_models():
        columns = _text_fields(model, language)
        condition = Q()
        for column in columns:
            condition |= Q(**{f"{column}__icontains": query})
        for obj in model.objects.published().filter(condition)[:MAX_RESULTS]:
            text = " ".join(strip_tags(getattr(obj, c) or "") for c in columns)
            text = " ".join(text.split())
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
