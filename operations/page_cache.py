"""Server-side page cache for anonymous visitors, made obsolete by any save.

Every rendered public page (GET, 200, no cookie, no preview) is kept in Django's cache
together with the *content generation* it was rendered in. Any save or delete of content
by staff (or by the loader) starts a new generation, at once and again when its
transaction commits, so the next request renders afresh: an edit is visible at once,
without a list of keys to purge.

Where the generation lives:

- with a shared cache (Redis, ``DJANGO_CACHE_URL``) in the cache itself, so every server
  sees a save made on any other server;
- with the local-memory cache (each process has its own) in the time stamp of a file
  (``PAGE_CACHE_STAMP``), so every worker process on this machine sees it.

Anonymous public pages also get ``Cache-Control: public, max-age=…`` so that browsers,
a reverse proxy or a CDN may keep them; pages for signed-in staff are ``private``. The
reverse proxy of ``deploy/nginx`` keeps them at most ``PROXY_CACHE_SECONDS`` (``X-Accel-Expires``,
which nginx does not pass on), so that a release reaches new visitors within a second.

A release makes every page obsolete at once. Then one request per page renders it anew
while every other request for that page gets the previous copy (``stale-while-revalidate``):
the one that takes the page's renewal lock, a key added to the shared cache, so that the
lock holds across servers. No stampede of renderings, no wait for visitors.
"""

import hashlib
import logging
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import paths

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
# Saves of these do not change what visitors see.
IGNORED_APPS = {"sessions", "axes", "admin", "auth", "contenttypes", "reversion"}
# Query parameters that change a page: search, share, “message sent”.
QUERY_PARAMETERS = {"q", "link", "sent"}
#: Set on a response by a view whose query string it checked as one of the few its own
#: links and forms make (e.g. a filter of valid keys in the form's order): kept like an
#: address with ``QUERY_PARAMETERS``. Any other query string is served, never kept.
CANONICAL_QUERY = "page_cache_canonical_query"


def mark_canonical_query(response):
    """Let the page cache keep ``response`` under its address with a query string."""
    setattr(response, CANONICAL_QUERY, True)
    return response


def _shared_cache() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def generation() -> int:
    """The current content generation (changes whenever content was saved)."""
    if _shared_cache():
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            cache.add(GENERATION_KEY, value, timeout=None)
            value = cache.get(GENERATION_KEY, value)
        return value
    try:
        return settings.PAGE_CACHE_STAMP.stat().st_mtime_ns
    except OSError:
        return 0


def new_generation() -> None:
    """Make every cached page obsolete."""
    if _shared_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not set yet (or evicted): any new value will do
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
        return
    stamp = settings.PAGE_CACHE_STAMP
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        previous = stamp.stat().st_mtime_ns if stamp.exists() else 0
        stamp.touch()
        # Strictly later than before, even within the file system's time resolution.
        now = max(time.time_ns(), previous + 1)
        os.utime(stamp, ns=(now, now))
    except OSError:
        logger.exception("Could not mark cached pages obsolete via %s", stamp)
        # At least this process shows the change.
        cache.clear()


def _content_changed(sender, using=None, **kwargs) -> None:
    meta = sender._meta
    # Models that never change a page say so (``affects_public_pages = False``).
    if meta.app_label in IGNORED_APPS or not getattr(sender, "affects_public_pages", True):
        return
    # At once, and again when the transaction commits: a page rendered from the old data
    # while the transaction was open must not outlive it.
    new_generation()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        item[1] is new_generation for item in connection.run_on_commit
    ):
        transaction.on_commit(new_generation, using=using)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{signal!r}")


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not paths.mentions_preview(request)
        and not paths.is_admin(request)
        and not request.path_info.startswith(paths.HEALTH_PATH)
    )


def _key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{digest}"


#: How long one request may hold a page's renewal lock before another takes it over.
RENEWAL_SECONDS = 10


def _renewal(key: str) -> str:
    return f"{key}:renewal"


def _response(entry, state: str) -> HttpResponse:
    _generation, _stored_at, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    response["X-Page-Cache"] = state
    if state == "hit" and "public" in response.get("Cache-Control", ""):
        _keep_in_proxy(response)
    return response


def _keep_in_proxy(response) -> None:
    """How long nginx may keep this answer: until the end of the second
    ``PROXY_CACHE_SECONDS - 1`` from now (an absolute time, ``@…``: nginx counts whole
    seconds, and “1” would mean up to 2 s). Set when the answer leaves, never stored."""
    until = int(time.time()) + max(settings.PROXY_CACHE_SECONDS, 1) - 1
    response["X-Accel-Expires"] = f"@{until}"


def stale_copy(request) -> HttpResponse | None:
    """The last rendered copy of this page, however old (for a database outage)."""
    if not _cacheable_request(request) or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    try:
        entry = cache.get(_key(request))
    except Exception:  # the cache itself may be unreachable too
        logger.warning("page cache unreachable")
        return None
    if entry is None:
        return None
    response = _response(entry, "stale")
    # Browsers and proxies should ask again soon: the database may be back.
    response["Cache-Control"] = "no-cache"
    return response


def _previous_copy(entry) -> HttpResponse:
    """The copy of the page before the release, while one request renders it anew: the
    reverse proxy does not keep it (it asks again), browsers may for a moment."""
    response = _response(entry, "stale-while-revalidate")
    response["X-Accel-Expires"] = "0"
    response["Cache-Control"] = "public, max-age=0"
    return response


def _timeout(request, response) -> int:
    """How long to keep a page: addresses with a query string are kept briefly, and only
    for the parameters our pages use, so that random query strings cannot fill the cache."""
    if not request.META.get("QUERY_STRING"):
        return max(settings.PAGE_CACHE_STALE_SECONDS, settings.PAGE_CACHE_SECONDS)
    if getattr(response, CANONICAL_QUERY, False):
        return settings.PAGE_CACHE_SECONDS
    try:
        if set(request.GET) <= QUERY_PARAMETERS:
            return settings.PAGE_CACHE_SECONDS
    except SuspiciousOperation:  # e.g. too many parameters
        pass
    return 0


class PageCacheMiddleware:
    """Serves and stores rendered pages; sets Cache-Control for browsers and proxies.

    One entry per address: (generation, time stored, status, headers, body). It is fresh
    while its generation is the current one and it is younger than PAGE_CACHE_SECONDS; an
    older entry is kept for PAGE_CACHE_STALE_SECONDS, as the copy served while the
    database is unreachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = _cacheable_request(request)
        key = current = None
        if cacheable and settings.PAGE_CACHE_SECONDS > 0:
            try:
                key = _key(request)
            except DisallowedHost:
                # Answered with 400 further in, once the visitor's language is known.
                return self.get_response(request)
            current = request._content_generation = generation()
            entry = cache.get(key)
            if entry is not None:
                if entry[0] == current and time.time() - entry[1] < settings.PAGE_CACHE_SECONDS:
                    return _response(entry, "hit")
                if not cache.add(_renewal(key), 1, RENEWAL_SECONDS):
                    return _previous_copy(entry)  # another request renders it anew
                try:
                    return self._render(request, key, current)
                finally:
                    cache.delete(_renewal(key))
        return self._render(request, key, current, cacheable)

    def _render(self, request, key, current, cacheable=True):
        response = self.get_response(request)
        if not cacheable:
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Signed-in staff: never stored by a shared cache.
                patch_cache_control(response, private=True)
            return response
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "X-Page-Cache" not in response
        ):
            control = response.get("Cache-Control", "")
            if not control:
                patch_cache_control(response, public=True, max_age=settings.HTTP_MAX_AGE)
                _keep_in_proxy(response)
            if key is not None and not any(
                word in control for word in ("private", "no-store", "no-cache")
            ):
                headers = {
                    name: value
                    for name, value in response.items()
                    if name.lower() not in ("x-page-cache", "set-cookie", "x-accel-expires")
                }
                timeout = _timeout(request, response)
                if timeout:
                    entry = (current, time.time(), response.status_code, headers, response.content)
                    cache.set(key, entry, timeout)
                    response["X-Page-Cache"] = "miss"
        return response
