"""Production readiness: settings, security headers, HTTP caching, the page cache, bad input."""

import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hannover_strategy import page_cache
from hannover_strategy.models import TranslationState
from leitlinien.models import Leitlinie, Strategiepapier
from tests.support import (
    LANGUAGES,
    admin_url,
    form_data,
    in_language,
    save,
    staff_user,
    visible_text,
)

pytestmark = pytest.mark.django_db


ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "production-test-" + "k3y" * 20


def manage(*args, **env_changes):
    """manage.py in a fresh process with production settings (no DJANGO_LOCAL, no debug)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_LOCAL", "DJANGO_DEBUG")}
    env.update(
        DJANGO_SECRET_KEY=PRODUCTION_SECRET, DJANGO_ALLOWED_HOSTS="strategie.hannover.example"
    )
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- settings ----------------------------------------------------------------------------


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_or_hosts(missing):
    result = manage("check", **{missing: None})
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


# --- security headers --------------------------------------------------------------------

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        assert value in response.get(name, ""), (name, response.get(name))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part)
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    for directive in ("script-src", "style-src"):
        assert directives[directive].startswith("'self'")
        assert "unsafe" not in directives[directive]
        assert "*" not in directives[directive] and "http" not in directives[directive]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_security_headers_on_public_admin_error_and_static_responses(client):
    css = staticfiles_storage.url("css/site.css")
    for url, status in [
        ("/de/", 200),
        ("/ar/leitlinien/3/", 200),
        ("/de/suche/?q=Teilhabe", 200),
        ("/admin/login/", 200),
        ("/de/gibt-es-nicht/", 404),
        ("/sitemap.xml", 200),
        (css, 200),
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == status, url
        assert_security_headers(response)
    bad_host = client.get("/de/", secure=True, HTTP_HOST="angreifer.example")
    assert bad_host.status_code == 400
    assert_security_headers(bad_host)


def test_signed_in_staff_get_secure_httponly_samesite_cookies(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    staff_user("redaktion", "Redaktion")
    login = client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {
            "username": "redaktion",
            "password": "x-Secret-12345",
            "csrfmiddlewaretoken": login.cookies["csrftoken"].value,
        },
        secure=True,
        # over HTTPS Django also checks where the form came from, as browsers tell it
        HTTP_REFERER="https://testserver/admin/login/",
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name] if name in response.cookies else login.cookies[name]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax", name


def test_production_settings_mark_cookies_secure_and_redirect_to_https():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = manage("shell", "-v", "0", "-c", code)
    assert result.stdout.split() == ["True", "True", "True", "False"], result.stderr


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
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(translator_client.get(url))
    prefix = "hannover_strategy-translationstate-content_type-object_id"
    arabic = leitlinie.translation_states.get(language="ar")
    index = next(i for i in range(len(LANGUAGES)) if data.get(f"{prefix}-{i}-id") == arabic.pk)
    data[f"{prefix}-{index}-state"] = TranslationState.State.REVIEWED
    assert translator_client.post(url, data).status_code == 302
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


# --- lean pages --------------------------------------------------------------------------


def test_start_page_with_its_css_and_js_is_at_most_40_kb_compressed(client):
    body = client.get("/de/").content
    total = len(gzip.compress(body, 9))
    assets = re.findall(rb'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*|script[^>]*)>', body)
    urls = [re.search(rb'(?:href|src)="([^"]+)"', tag).group(1).decode() for tag in assets]
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".js") for url in urls)
    for url in urls:
        path = staticfiles_storage.path(url.removeprefix(settings.STATIC_URL))
        total += len(gzip.compress(Path(path).read_bytes(), 9))
    assert total <= 40 * 1024, f"{total} bytes"


def test_no_web_font_we_serve_is_over_30_kb():
    """Every font in the static files manifest (what pages can load) is at most 30 KB."""
    served = staticfiles_storage.hashed_files.values()
    fonts = [name for name in served if name.endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert fonts, "the admin editor's icon font is expected"
    for name in fonts:
        assert Path(staticfiles_storage.path(name)).stat().st_size <= 30 * 1024, name


def test_no_page_asks_another_host_or_downloads_a_web_font(client):
    for language in ("de", "ar"):
        for url in ("/", "/leitlinien/", "/handlungsfelder/bildung/", "/barrierefreiheit/"):
            body = client.get(f"/{language}{url}").content.decode()
            for tag in re.findall(r"<(?:link|script|img|iframe|video|source|audio)\b[^>]*>", body):
                if re.search(r'rel="(?:alternate|canonical)"', tag):
                    continue  # addresses of this page, not something the browser loads
                for address in re.findall(r'(?:src|href)="([^"]+)"', tag):
                    assert not urlsplit(address).netloc, tag
    css = Path(staticfiles_storage.path("css/site.css")).read_text()
    assert "@font-face" not in css and "@import" not in css


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "ar"])
def test_unknown_host_gets_a_polite_400_in_the_visitors_language(client, language, caplog):
    response = client.get(f"/{language}/leitlinien/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    assert in_language(language, "The request could not be processed") in body
    assert "Traceback" not in body and "evil.example" not in body
    assert not any(record.exc_info for record in caplog.records)


@pytest.mark.parametrize(
    "headers",
    [
        {"QUERY_STRING": "q=" + "ä" * 50_000},
        {"QUERY_STRING": "&".join(f"f{i}=1" for i in range(5000))},
        {"HTTP_ACCEPT_LANGUAGE": "de," * 30_000},
        {"HTTP_X_FILLER": "x" * 100_000},
        {"HTTP_COOKIE": "sessionid=" + "a" * 60_000},
        {"HTTP_IF_NONE_MATCH": '"' + "e" * 50_000 + '"'},
        {"HTTP_REFERER": "http://" + "r" * 50_000},
    ],
    ids=["huge-query", "many-fields", "accept-language", "header", "cookie", "etag", "referer"],
)
def test_huge_headers_and_query_strings_never_cause_a_500(client, headers):
    for url in ("/de/", "/de/suche/", "/ar/leitlinien/1/"):
        response = client.get(url, **headers)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code >= 400:
            assert '<html lang="' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_without_database_speak_the_visitors_language(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        for template, heading in [
            ("400.html", "The request could not be processed"),
            ("403.html", "Access denied"),
            ("403_csrf.html", "The form could not be sent"),
            ("500.html", "A technical problem occurred"),
            ("503.html", "Briefly unavailable"),
        ]:
            body = render_to_string(template)
            assert f'<html lang="{language}"' in body
            assert in_language(language, heading) in body
