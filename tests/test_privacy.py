"""What the portal keeps about visitors: no cookie on any public answer, and request log lines
without IP address, user agent, referrer, user name or query string."""

import io
import json
import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from content.models import content_models
from leitlinien.models import Leitlinie
from operations.log import JsonFormatter
from tests.support import (
    LANGUAGES,
    NOT_HTML,
    TOO_MANY_FIELDS,
    csrf_client,
    csrf_token,
    feedback,
    fetch,
    pages,
    route_urls,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sign_language_video")]


def assert_no_cookie(response, what):
    assert not response.cookies, f"{what}: sets {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers, what


def test_no_public_page_or_page_state_sets_a_cookie():
    for language in LANGUAGES:
        for page in pages(language):
            assert_no_cookie(fetch(csrf_client(), page), page)


def test_no_feed_file_or_redirect_sets_a_cookie(sign_language_video):
    leitlinie = Leitlinie.objects.published().first()
    answers = {
        url: status
        for name in NOT_HTML
        for language in ("de", "ar")
        for url, status in ((url, 200) for url in route_urls(language)[name])
    }
    answers |= {
        reverse("sitemap"): 200,
        reverse("robots"): 200,
        reverse("healthz"): 200,
        reverse("open_data_json"): 200,
        "/favicon.ico": 301,
        leitlinie.short_path(): 302,
        f"/qr{leitlinie.short_path()}.svg": 200,
        sign_language_video.video.url: 200,
        "/": 302,
        "/de/leitlinien": 301,  # the missing slash
    }
    answers |= {
        reverse("open_data_csv", args=[model._meta.model_name]): 200 for model in content_models()
    }
    for url, status in answers.items():
        response = csrf_client().get(url)
        assert response.status_code == status, url
        assert_no_cookie(response, url)


def test_no_answer_to_a_form_or_an_error_sets_a_cookie():
    statement = reverse("accessibility")
    client = csrf_client()
    answers = [
        ("valid feedback", client.post(statement, feedback()), 302),
        ("invalid feedback", client.post(statement, feedback(message="")), 400),
        (
            "cross-site feedback",
            client.post(statement, feedback(), HTTP_ORIGIN="https://x.example"),
            403,
        ),
        ("404", client.get("/de/gibt-es-nicht/"), 404),
        ("400 bad host", client.get("/de/", HTTP_HOST="evil.example"), 400),
        ("400 too many fields", client.get(f"/de/suche/?{TOO_MANY_FIELDS}"), 400),
        ("POST without CSRF token", client.post("/de/leitlinien/", {"x": "y"}), 403),
        ("405", Client().post("/de/leitlinien/", {"x": "y"}), 405),  # (CSRF not checked)
        ("405 feed", Client().delete("/de/aenderungen.atom"), 405),
    ]
    for _number in range(4):
        client.post(statement, feedback())
    answers.append(("429 feedback", client.post(statement, feedback()), 429))
    for what, response, status in answers:
        assert response.status_code == status, what
        assert_no_cookie(response, what)


@pytest.fixture
def request_log():
    """The request log (logger operations.requests) at INFO, as JSON lines."""
    logger = logging.getLogger("operations.requests")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_request_log_lines_hold_no_personal_data(request_log, admin_user):
    admin_user.username = "redakteurin-mustermann"
    admin_user.email = "mustermann@example.org"
    admin_user.save()
    personal = {
        "REMOTE_ADDR": "198.51.100.23",
        "HTTP_X_FORWARDED_FOR": "203.0.113.99",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Leserin-Geraet 7.3)",
        "HTTP_REFERER": "https://verweis.example/geheime-seite",
    }
    visitor, staff = csrf_client(), csrf_client()
    staff.force_login(admin_user)
    for client in (visitor, staff):
        client.get("/de/suche/?q=Suchbegriff-der-Leserin", **personal)
        client.get("/ar/leitlinien/3/?utm_source=Rundbrief-Juni", **personal)
        client.post("/de/barrierefreiheit/?sent=Absende-Frage", feedback(), **personal)
        client.get("/de/gibt-es-nicht/?q=Suchbegriff-der-Leserin", **personal)
    staff.get("/admin/leitlinien/leitlinie/?q=Suchbegriff-der-Leserin", **personal)

    lines = request_log.getvalue().splitlines()
    assert len(lines) == 9, lines  # one line per request
    entries = [json.loads(line) for line in lines]
    assert {entry["path"] for entry in entries} >= {"/de/suche/", "/ar/leitlinien/3/"}
    assert {entry["status"] for entry in entries} >= {200, 302, 404}
    secrets = [
        *personal.values(),
        "198.51.100",
        "Leserin-Geraet",
        "verweis.example",
        "Suchbegriff-der-Leserin",
        "Rundbrief-Juni",
        "Absende-Frage",
        "redakteurin-mustermann",
        "mustermann@example.org",
        "sessionid",
    ]
    for line in lines:
        for secret in secrets:
            assert secret not in line, (secret, line)


def test_request_log_keeps_no_password_reset_token(request_log, admin_user):
    admin_user.email = "mustermann@example.org"
    admin_user.save()
    client = csrf_client()
    token = csrf_token(client.get("/admin/password_reset/"))
    client.post("/admin/password_reset/", {"csrfmiddlewaretoken": token, "email": admin_user.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    reset_token = link.rstrip("/").rsplit("/", 1)[1]
    assert client.get(link).status_code == 302  # on to the form, the token kept in the session
    paths = [json.loads(line)["path"] for line in request_log.getvalue().splitlines()]
    assert link.replace(reset_token, "…") in paths
    assert all(reset_token not in path for path in paths)
