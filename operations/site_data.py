"""Site-wide lookups that every page needs, kept per process for one content generation.

The paper's title block (header and footer of every page), whether a sign-language video
is published, and the translation states of a language are the same for every visitor
and change only when staff save something. Like ``django.contrib.sites`` keeps the
current ``Site`` in memory, each process keeps them here, tagged with the content
generation they were read in (see ``page_cache``). Any save starts a new generation, so
the next request reads them again: an edit is visible at once, on every server.

The generation is read once per request. When it cannot be read (a shared cache that is
down), the values are read from the database every time instead.
"""

import logging
from collections.abc import Callable
from typing import Any

from . import page_cache

logger = logging.getLogger(__name__)
_memo: dict[Any, tuple[int, Any]] = {}


def request_generation(request) -> int | None:
    """The content generation this request sees (read once, then kept on the request)."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    try:
        value = page_cache.generation()
    except Exception:  # noqa: BLE001 (a shared cache that is down: read from the database)
        logger.warning("content generation unreadable: site data read afresh")
        value = None
    if request is not None:
        request._content_generation = value
    return value


def current(request, key, load: Callable[[], Any]) -> Any:
    """``load()``'s value for ``key`` as of this request's content generation."""
    generation = request_generation(request)
    if generation is None:
        return load()
    kept = _memo.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    value = load()
    _memo[key] = (generation, value)
    return value


def clear() -> None:
    """Forget everything (tests roll back the database without a new generation)."""
    _memo.clear()
