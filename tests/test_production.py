"""Production readiness: settings, security headers, lean pages, bad input."""

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage

from tests.support import (
    LANGUAGES,
    in_language,
    staff_user,
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
