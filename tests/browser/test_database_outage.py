"""The database goes away and comes back (a real outage of the live server's PostgreSQL
connection: its sessions are terminated and new connections are refused).

Cached pages keep being served, other pages get the polite 503 in the visitor's language,
the portal recovers by itself, and an admin save keeps every value the editor typed."""

import socket
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from django.db import connection

from leitlinien.models import Leitlinie
from operations import page_cache
from tests.sign_in import sign_in_to_admin
from tests.support import axe_violations, in_language, open_page

pytestmark = pytest.mark.browser


def _unused_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@contextmanager
def database_down():
    """Every open connection of this database is terminated; new ones are refused."""
    settings_dict = connection.settings_dict  # shared by the live server's connections
    port = settings_dict["PORT"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database()"
        )
    settings_dict["PORT"] = _unused_port()
    connection.close()
    try:
        yield
    finally:
        settings_dict["PORT"] = port


def fetch(url: str, language: str = "de") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": language})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (live server)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_pages_during_and_after_an_outage(site):
    status, headers, before = fetch(f"{site}/de/leitlinien/")
    assert status == 200 and headers["X-Page-Cache"] == "miss"

    with database_down():
        assert fetch(f"{site}/healthz")[0] == 503
        # A page rendered before: served as it was, also once it is out of date.
        status, headers, body = fetch(f"{site}/de/leitlinien/")
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
        page_cache.new_generation()
        status, headers, body = fetch(f"{site}/de/leitlinien/")
        assert (status, headers["X-Page-Cache"]) == (200, "stale")
        assert body == before
        # A page never rendered: the maintenance page, in the visitor's language.
        for language in ("ar", "de", "uk"):
            status, headers, body = fetch(f"{site}/{language}/phase-2/", language)
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert f'<html lang="{language}"' in body
            assert in_language(language, "Briefly unavailable") in body
            assert "Traceback" not in body and "OperationalError" not in body

    # Back without a restart: the next requests are answered normally.
    started = time.monotonic()
    while fetch(f"{site}/ar/phase-2/")[0] != 200:
        assert time.monotonic() - started < 10, "no recovery within 10 seconds"
        time.sleep(0.2)
    assert fetch(f"{site}/healthz")[0] == 200
    assert fetch(f"{site}/de/leitlinien/")[1]["X-Page-Cache"] == "miss"


def test_an_admin_save_during_an_outage_keeps_the_input(site, page, django_user_model):
    sign_in_to_admin(page, site, django_user_model)
    leitlinie = Leitlinie.objects.get(number=2)
    open_page(page, f"{site}/admin/leitlinien/leitlinie/{leitlinie.pk}/change/")
    new_title = "Vielfalt als Stärke – während der Wartung geschrieben"
    page.fill("#id_editorial_title_de", new_title)

    with database_down():
        page.click("input[name=_save]")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("Nicht gespeichert")
        kept = page.locator("textarea[name=editorial_title_de]")
        assert kept.input_value() == new_title
        assert page.locator("html").get_attribute("lang") == "de"
        assert axe_violations(page) == []
        # The visitors' maintenance page is accessible too (right to left here).
        visitor = page.context.new_page()
        response = visitor.goto(f"{site}/fa/phase-2/")
        assert response.status == 503
        assert axe_violations(visitor) == []
        visitor.close()

    leitlinie.refresh_from_db()
    assert leitlinie.editorial_title_de != new_title  # really not saved
    # Once the database is back, one click saves what was typed.
    started = time.monotonic()
    while fetch(f"{site}/healthz")[0] != 200:
        assert time.monotonic() - started < 10
        time.sleep(0.2)
    page.get_by_role("button", name="Erneut speichern").click()
    page.wait_for_url(f"{site}/admin/leitlinien/leitlinie/")
    leitlinie.refresh_from_db()
    assert leitlinie.editorial_title_de == new_title
