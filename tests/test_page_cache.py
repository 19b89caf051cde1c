"""Pages are cached by browsers, proxies and our own server, and an edit is visible on the
next request all the same: with the local-memory cache of one machine and with Redis shared
by several servers."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from leitlinien.models import Leitlinie, Strategiepapier
from operations import page_cache
from tests.support import (
    in_language,
    save,
    set_state,
    visible_text,
)

pytestmark = pytest.mark.django_db


ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "production-test-" + "k3y" * 20


# --- HTTP caching ------------------------------------------------------------------------


def test_public_pages_may_be_kept_by_browsers_and_proxies(client):
    response = client.get("/de/leitlinien/")
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_MAX_AGE}"
    assert "Set-Cookie" not in response.headers
    assert response["ETag"]


def test_conditional_get_answers_304_without_a_body(client, cache_backend):
    first = client.get("/ar/handlungsfelder/bildung/")
    etag = first["ETag"]
    for _ in range(2):  # rendered, then from the page cache: the same validator both times
        response = client.get("/ar/handlungsfelder/bildung/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
    changed = client.get("/ar/handlungsfelder/bildung/", HTTP_IF_NONE_MATCH='"veraltet"')
    assert changed.status_code == 200 and changed["ETag"] == etag


def test_staff_pages_and_previews_are_private(editor_client):
    response = editor_client.get("/de/leitlinien/")
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    preview = editor_client.get("/de/leitlinien/?preview=1")
    assert "no-store" in preview["Cache-Control"]


def test_health_and_admin_are_never_cached(client):
    assert client.get("/healthz")["Cache-Control"] == "no-store"
    assert "no-cache" in client.get("/admin/login/")["Cache-Control"]


# --- the server-side page cache ----------------------------------------------------------


def test_page_cache_serves_the_second_request(client, cache_backend):
    assert client.get("/de/phase-2/")["X-Page-Cache"] == "miss"
    hit = client.get("/de/phase-2/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit.status_code == 200 and hit["Content-Language"] == "de"
    # A different language, a different query: a different page.
    assert client.get("/uk/phase-2/")["X-Page-Cache"] == "miss"
    assert client.get("/de/suche/?q=Bildung")["X-Page-Cache"] == "miss"
    assert client.get("/de/suche/?q=Bildung")["X-Page-Cache"] == "hit"


def test_random_query_strings_do_not_fill_the_page_cache(client, cache_backend):
    for number in range(5):
        response = client.get(f"/de/phase-2/?utm_source=x{number}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert client.get("/de/phase-2/?utm_source=x1").status_code == 200


def test_an_admin_save_is_visible_on_the_next_request(editor_client, cache_backend):
    leitlinie = Leitlinie.objects.get(number=2)
    url = leitlinie.get_absolute_url()
    visitor = Client()
    visitor.get(url)
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    response = save(editor_client, leitlinie, editorial_title_de="Neuer Kurztitel der Redaktion")
    assert response.status_code == 302
    fresh = visitor.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Neuer Kurztitel der Redaktion" in visible_text(fresh.content.decode())
    # Lists that show the entry are renewed too.
    assert "Neuer Kurztitel der Redaktion" in visible_text(
        visitor.get("/de/leitlinien/").content.decode()
    )


def another_process_saves() -> None:
    """What a save in another worker process (or on another server) leaves here, and
    nothing else: with the local-memory cache a later time stamp on the stamp file, with a
    shared cache a new generation in it, written through a connection of its own."""
    if page_cache._shared_cache():
        other_server = caches.create_connection("default")
        other_server.incr(page_cache.GENERATION_KEY)
        other_server.close()
        return
    stamp = settings.PAGE_CACHE_STAMP
    stamp.touch()
    later = max(page_cache.generation(), time.time_ns()) + 10**9
    os.utime(stamp, ns=(later, later))


def test_a_save_in_another_process_makes_cached_pages_obsolete(client, cache_backend):
    """With the local-memory cache each worker has its own; the stamp file tells them all.
    With a shared cache the generation is kept in the cache, for every server."""
    client.get("/de/")
    assert client.get("/de/")["X-Page-Cache"] == "hit"
    before = page_cache.generation()
    another_process_saves()
    assert page_cache.generation() != before
    assert client.get("/de/")["X-Page-Cache"] == "miss"


def test_after_a_release_one_request_renders_and_the_others_get_the_previous_copy(
    client, cache_backend
):
    """Stale-while-revalidate: while one request holds a page's renewal lock (in the cache
    every server shares), the others are answered at once with the copy before the release,
    which the reverse proxy does not keep; then the renewed page is the one kept."""
    url = "/de/leitlinien/2/"
    first = client.get(url)
    # nginx keeps it to the end of this second (an absolute time: it counts whole seconds).
    assert first["X-Page-Cache"] == "miss"
    assert abs(int(first["X-Accel-Expires"].lstrip("@")) - time.time()) < 2
    Leitlinie.objects.filter(number=2).update(editorial_title_de="Nach der Freigabe")
    another_process_saves()  # the release, as another server makes it
    key = page_cache._key(RequestFactory().get(url))
    assert cache.add(page_cache._renewal(key), 1, 30)  # another request renders it now
    meanwhile = client.get(url)
    assert meanwhile["X-Page-Cache"] == "stale-while-revalidate"
    assert meanwhile["X-Accel-Expires"] == "0" and "max-age=0" in meanwhile["Cache-Control"]
    assert "Nach der Freigabe" not in visible_text(meanwhile.content.decode())
    cache.delete(page_cache._renewal(key))  # that request is done (or gave up)
    renewed = client.get(url)
    assert renewed["X-Page-Cache"] == "miss"
    assert "Nach der Freigabe" in visible_text(renewed.content.decode())
    assert cache.get(page_cache._renewal(key)) is None  # released after rendering
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_where_the_generation_lives(client, cache_backend, settings):
    """Locally the stamp file carries it; with a shared cache only the cache does (a
    server's stamp file would tell the other servers nothing)."""
    client.get("/de/")
    stamp_before = settings.PAGE_CACHE_STAMP.exists()
    page_cache.new_generation()
    if cache_backend == "redis":
        assert cache.get(page_cache.GENERATION_KEY) == page_cache.generation()
        assert not stamp_before and not settings.PAGE_CACHE_STAMP.exists()
    else:
        assert cache.get(page_cache.GENERATION_KEY) is None
        assert page_cache.generation() == settings.PAGE_CACHE_STAMP.stat().st_mtime_ns


def test_a_stale_copy_is_kept_for_an_outage_after_a_save(client, cache_backend):
    """After a save the old copy is no longer served, but kept for a database outage."""
    from django.test import RequestFactory

    first = client.get("/de/phase-2/")
    assert first["X-Page-Cache"] == "miss"
    another_process_saves()
    stale = page_cache.stale_copy(RequestFactory().get("/de/phase-2/"))
    assert stale is not None and stale["X-Page-Cache"] == "stale"
    assert stale.content == first.content and stale["Cache-Control"] == "no-cache"
    assert client.get("/de/phase-2/")["X-Page-Cache"] == "miss"
    assert page_cache.stale_copy(RequestFactory().get("/de/phase-3/")) is None


def test_page_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/de/")
    response = client.get("/de/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"].startswith("public")


def test_the_header_follows_an_admin_save_with_the_page_cache_off(
    editor_client, settings, cache_backend
):
    """The paper's title block is kept per process: a save in the admin must still show
    on the very next request of any visitor."""
    settings.PAGE_CACHE_SECONDS = 0
    visitor = Client()
    paper = Strategiepapier.objects.published().get()
    brand = '<span class="brand-title">{}</span>'
    assert brand.format(paper.title_de) in visitor.get("/de/leitlinien/1/").content.decode()
    assert save(editor_client, paper, title_de="Neuer Titel im Kopf").status_code == 302
    assert brand.format("Neuer Titel im Kopf") in visitor.get("/de/leitlinien/2/").content.decode()


def test_translation_notices_follow_a_review_with_the_page_cache_off(
    translator_client, settings, cache_backend
):
    """The translation states are kept per process too: a review shows at once."""
    settings.PAGE_CACHE_SECONDS = 0
    visitor = Client()
    notice = in_language("ar", "Machine translation, not yet reviewed.")
    assert notice in visible_text(visitor.get("/ar/leitlinien/1/").content.decode())
    leitlinie = Leitlinie.objects.get(number=1)
    _data, response = set_state(translator_client, leitlinie, "ar")
    assert response.status_code == 302
    assert notice not in visible_text(visitor.get("/ar/leitlinien/1/").content.decode())


def test_the_title_block_is_read_once_per_content_generation(client, settings, cache_backend):
    settings.PAGE_CACHE_SECONDS = 0

    def reads_paper(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return any("leitlinien_strategiepapier" in q["sql"] for q in queries)

    assert reads_paper("/de/leitlinien/1/")
    assert not reads_paper("/de/leitlinien/2/")
    assert not reads_paper("/ar/")
    another_process_saves()  # the block is read again
    assert reads_paper("/de/leitlinien/2/")


def test_error_pages_are_not_cached(client, cache_backend):
    for _ in range(2):
        response = client.get("/de/leitlinien/99/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
