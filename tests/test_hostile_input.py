"""Hostile input, generated (hypothesis): random paths, query strings, headers and form bodies
against every public route. No answer is a 500; every 4xx answer is the styled page in one
of the portal's languages; no answer reflects markup from the request unescaped, and no
redirect leads to another host."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.support import LANGUAGES, public_urls

pytestmark = pytest.mark.django_db

# Deterministic in CI (the same examples every run), thorough enough to find real bugs.
EXAMPLES = hypothesis_settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FIXED_ROUTES = [
    "/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/daten/wir-sind-hannover.json",
    "/daten/leitlinie.csv",
    "/qr/l/3.svg",
    "/l/3",
    "/hf/bildung",
    "/de/suche/",
    "/ar/teilen/",
    "/de/aenderungen.atom",
    "/fa/phase-2.ics",
    "/de/barrierefreiheit/",
    "/de/gebaerdensprache/",
    "/de/offene-daten/",
]

HOSTILE_PIECES = [
    "..",
    "../../etc/passwd",
    "%2e%2e%2f",
    "%00",
    "\x00",
    "%c0%af",  # overlong UTF-8 for "/"
    "%c0%ae%c0%ae",
    "%ff%fe",
    "\u202e",  # right-to-left override
    "\u202egpj.exe",
    "🙂",
    "👩🏽‍💻",
    "ﷺ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "%%32%65",
    "//evil.example",
    "\\",
    "a" * 300,
    "9" * 40,
    "-1",
    " ",
]

# Markup that must never come back as it was sent: an element, and attribute breakouts
# from double- and single-quoted attribute values.
MARKERS = ["<x-hostile-123>", 'x" onmouseover="alert(123)', "x' onmouseover='alert(123)"]
REFLECTED = re.compile(r"<x-hostile-123|[\"'] ?onmouseover=", re.IGNORECASE)

texts = st.one_of(
    st.sampled_from(HOSTILE_PIECES),
    st.sampled_from(MARKERS),
    st.tuples(st.text(max_size=12), st.sampled_from(MARKERS)).map("".join),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.just("x" * 8192),  # 8 KB values
)


_ROUTES: list[str] = []


def _routes() -> list[str]:
    """Every public route (read from the database once, inside a test)."""
    if not _ROUTES:
        _ROUTES.extend(FIXED_ROUTES + public_urls("de") + public_urls("ar"))
    return _ROUTES


@st.composite
def paths(draw):
    base = draw(st.sampled_from(_routes()))
    mode = draw(st.sampled_from(["as-is", "append", "replace-last", "prefix"]))
    piece = draw(texts)
    if mode == "append":
        return base + piece
    if mode == "replace-last":
        parts = base.rstrip("/").split("/")
        parts[-1] = piece
        return "/".join(parts) + "/"
    if mode == "prefix":
        return "/" + piece + base
    return base


query_strings = st.dictionaries(
    st.one_of(st.sampled_from(["q", "link", "preview", "page", "sent", "lang"]), texts),
    texts,
    max_size=4,
)


def _as_wsgi(value: str) -> str:
    """What a WSGI server puts into the environ: the header's UTF-8 bytes, read as Latin-1."""
    return value.encode("utf-8").decode("latin-1")


raw_headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(texts, st.sampled_from(["ar", "fa;q=0.9,*", "*;q=x"])),
        "HTTP_COOKIE": texts.map(lambda v: f"sessionid={v}; django_language={v}"),
        "HTTP_REFERER": texts,
        "HTTP_USER_AGENT": texts,
        "HTTP_X_FORWARDED_FOR": texts,
        "HTTP_X_FORWARDED_PROTO": texts,
        "HTTP_IF_NONE_MATCH": texts,
        "HTTP_IF_MODIFIED_SINCE": texts,
        "HTTP_RANGE": texts,
        "HTTP_ORIGIN": texts,
    },
)
headers = raw_headers.map(lambda found: {name: _as_wsgi(v) for name, v in found.items()})


def _safe_path(path: str) -> str:
    # The test client takes a path; a real server would see these bytes percent-encoded.
    return "".join(c if c.isprintable() and c not in " #" else f"%{ord(c):02X}" for c in path)


def _assert_polite(response, method: str):
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", "replace")
    reflected = REFLECTED.search(body)
    assert not reflected, f"{response.status_code}: markup reflected: {reflected.group()!r}"
    if 300 <= response.status_code < 400:
        _assert_same_site(response["Location"])
    if 400 <= response.status_code < 500 and method != "HEAD":
        match = re.search(r'<html lang="([a-z]{2})"', body)
        assert match and match.group(1) in LANGUAGES, body[:300]
        assert "/static/css/site." in body, "unstyled error page"
        assert "Traceback" not in body


def _assert_same_site(location: str):
    """A redirect stays on this site: no other host or scheme, and no ``//host`` without a
    scheme (browsers read backslashes as slashes, skip extra slashes and drop tabs, newlines
    and leading control characters, so ``/\\evil`` and ``/<tab>/evil`` mean ``//evil``)."""
    seen = re.sub(r"[\t\n\r]", "", location).lstrip("".join(map(chr, range(33))))
    seen = seen.replace("\\", "/")
    parts = urlsplit(seen)
    assert parts.scheme in ("", "http", "https"), location
    assert parts.netloc in ("", "testserver"), location
    assert parts.netloc or not seen.startswith("//"), location


@EXAMPLES
@given(data=st.data(), query=query_strings, extra=headers, method=st.sampled_from(["GET", "HEAD"]))
def test_random_requests_never_fail(data, query, extra, method):
    path = data.draw(paths(), label="path")
    client = Client(raise_request_exception=True)
    call = client.get if method == "GET" else client.head
    response = call(_safe_path(path), query, **extra)
    _assert_polite(response, method)


@EXAMPLES
@given(
    data=st.data(),
    body=st.dictionaries(
        st.one_of(st.sampled_from(["message", "name", "email", "website", "shown_at"]), texts),
        texts,
        max_size=6,
    ),
    method=st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
    extra=headers,
)
def test_random_form_bodies_and_methods_never_fail(data, body, method, extra):
    path = data.draw(st.sampled_from(_routes()), label="path")
    client = Client(raise_request_exception=True)
    response = client.generic(
        method,
        path,
        data="&".join(f"{k}={v}" for k, v in body.items()).encode("utf-8", "surrogatepass"),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )
    _assert_polite(response, method)


def test_known_hostile_examples_are_answered_politely(client):
    for path in [
        "/de/leitlinien/..%2f..%2fetc%2fpasswd/",
        "/de/%00/",
        "/de/leitlinien/%c0%af/",
        "/de/handlungsfelder/%E2%80%AEbildung/",
        "/de/suche/?q=" + "x" * 8192,
        "/de/suche/?q=%00%ff%fe",
        "/ar/teilen/?link=" + "🙂" * 2000,
        "/%F0%9F%99%82/",
        "/de/suche/?q=%3Cx-hostile-123%3E",
        "/de/suche/?q=x%22%20onmouseover%3D%22alert(123)",
        "/de/suche/?q=x%27%20onmouseover%3D%27alert(123)",
        "/ar/teilen/?link=/l/%3Cx-hostile-123%3E",
        "/de/%3Cx-hostile-123%3E/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "/%2F%2Fevil.example/",
        "/%5C%5Cevil.example/",
        "/de//evil.example/",
        "/de/leitlinien//evil.example",
        "/l//evil.example",
        "/l/3?next=//evil.example",
    ]:
        _assert_polite(client.get(path), "GET")
    _assert_polite(client.post("/de/leitlinien/", {"x": "y"}), "POST")
    # A session cookie with a NUL byte (PostgreSQL cannot compare it) is no session.
    for method in (client.get, client.post):
        _assert_polite(method("/de/", HTTP_COOKIE="sessionid=0000000\x00"), "GET")
    _assert_polite(client.put("/ar/phase-2/"), "PUT")
