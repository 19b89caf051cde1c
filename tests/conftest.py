"""Shared fixtures: the test database holds the real content, loaded once per session.

Helpers (the page list, admin forms, the feedback form, axe) live in tests/support.py.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from content.roles import EDITORS, TRANSLATORS
from portal.models import Gebaerdensprachvideo
from tests.sign_in import verify_second_factor
from tests.support import csrf_client, pages_in, staff_user


@pytest.fixture(scope="session", autouse=True)
def own_page_cache_stamp(tmp_path_factory):
    """Saves while the test database is built (and in tests that use no ``settings``
    fixture) must not touch the stamp of a portal running from the same checkout
    (`make serve`): the test session uses its own. Yields the portal's stamp (path, mtime)."""
    from django.conf import settings

    portal_stamp = settings.PAGE_CACHE_STAMP
    before = portal_stamp.stat().st_mtime_ns if portal_stamp.exists() else None
    settings.PAGE_CACHE_STAMP = tmp_path_factory.mktemp("page-cache") / "content-changed"
    # The generated PDFs of the tests stay apart from the portal's too.
    portal_pdf_root = settings.PDF_ROOT
    settings.PDF_ROOT = tmp_path_factory.mktemp("pdf")
    yield portal_stamp, before
    settings.PAGE_CACHE_STAMP = portal_stamp
    settings.PDF_ROOT = portal_pdf_root


@pytest.fixture(scope="session", autouse=True)
def force_login_passes_the_second_factor():
    """``Client.force_login`` signs staff in past the second factor too: the admin's tests
    are about the admin (tests/test_second_factor.py proves the sign-in itself)."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_second_factor(self, user)

    Client.force_login = force_login
    yield
    Client.force_login = original


@pytest.fixture(scope="session")
def django_db_setup(own_page_cache_stamp, django_db_setup, django_db_blocker):
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


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Runs a test on each cache the portal supports: each process's local memory (the
    generation in a stamp file) and a shared Redis server (the generation in the cache).

    Redis comes from scripts/with-redis (TEST_REDIS_URL), which `make test` uses; without
    it the Redis run is skipped, unless WSH_REQUIRE_REDIS is set (then it fails).
    """
    from django.core.cache import cache

    from operations import site_data

    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        if not url:
            if os.environ.get("WSH_REQUIRE_REDIS"):
                pytest.fail("TEST_REDIS_URL is not set: run the tests under scripts/with-redis")
            pytest.skip("no Redis server: run under scripts/with-redis (make test does)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "wsh-test",
            }
        }
        cache.clear()
        site_data.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def client():
    """Django's test client with CSRF checks enforced, as the real server does."""
    return csrf_client()


@pytest.fixture
def admin_client(db, admin_user):
    client = csrf_client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def all_pages(client, db):
    """The German pages as {url: visible text}."""
    return pages_in(client, "de")


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("redakteurin", EDITORS))
    return client


@pytest.fixture
def translator_client(client):
    client.force_login(staff_user("uebersetzer", TRANSLATORS))
    return client


@pytest.fixture
def sign_language_video(settings, tmp_path, db):
    """A published sign-language video (the shipped content has none), so that its page is
    checked with all the others. Its file lives in this test's own MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Gebaerdensprachvideo.objects.create(
        key="einfuehrung",
        title="Das Strategiepapier in Gebärdensprache",
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4"),
        description="<p>Im Video erklärt eine Dolmetscherin das Papier.</p>",
        published=True,
    )
