"""Shared fixtures: the test database holds the real content, loaded once per session."""

import html
import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from content.roles import EDITORS, TRANSLATORS
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from portal.models import Seite

# Saves while the test database is built must not touch the stamp of a portal running
# from the same checkout (`make serve`): the tests use their own.
settings.PAGE_CACHE_STAMP = Path(tempfile.mkdtemp(prefix="wsh-test-")) / "content-changed"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_strategy", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_page_cache(settings, tmp_path):
    """Each test starts with empty caches, German active, its own generation stamp.

    Tests roll their database changes back without a signal, so pages cached by one test
    must not reach the next.
    """
    from django.core.cache import cache

    from operations import site_data

    settings.PAGE_CACHE_STAMP = tmp_path / "content-changed"
    cache.clear()
    site_data.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


LANGUAGES = [code for code, _name in settings.LANGUAGES]
RTL_LANGUAGES = {"ar", "fa"}


def in_language(language: str, text: str) -> str:
    """A UI string as the catalogue of ``language`` has it."""
    with translation.override(language):
        return translation.gettext(text)


def public_urls(language: str = "de") -> list[str]:
    """Every public page in one language: the fixed pages and one per published object."""
    with translation.override(language):
        return _public_urls()


def _public_urls() -> list[str]:
    urls = [
        reverse("home"),
        reverse("leitlinien:list"),
        reverse("leitlinien:glossary"),
        reverse("handlungsfelder:list"),
        reverse("handlungsfelder:principles"),
        reverse("beteiligung:process"),
        reverse("beteiligung:timeline"),
        reverse("accessibility"),
        reverse("open_data"),
        reverse("search"),
    ]
    urls += [obj.get_absolute_url() for obj in Seite.objects.published()]
    urls += [obj.get_absolute_url() for obj in Leitlinie.objects.published()]
    urls += [obj.get_absolute_url() for obj in Handlungsfeld.objects.published()]
    return urls


def visible_text(content: str) -> str:
    """The text a reader sees: no head, no tags, entities decoded, whitespace collapsed."""
    body = re.sub(r"(?is)<head\b.*?</head>", " ", content)
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    text = re.sub(r"<[^>]+>", "", body)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def pages_in(client, language: str) -> dict[str, str]:
    """The pages of one language as {url: visible text}; every one must answer 200."""
    pages = {}
    for url in public_urls(language):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = visible_text(response.content.decode())
    return pages


@pytest.fixture
def all_pages(client, db):
    """The German pages as {url: visible text}."""
    return pages_in(client, "de")


def staff_user(username, group):
    """A staff member in one of the roles (Redaktion, Übersetzung)."""
    user = User.objects.create_user(username, password="x-Secret-12345", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("redakteurin", EDITORS))
    return client


@pytest.fixture
def translator_client(client):
    client.force_login(staff_user("uebersetzer", TRANSLATORS))
    return client
