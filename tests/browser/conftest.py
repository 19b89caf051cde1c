"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

One browser per session, a fresh context (and page) per test. The live server runs the
real content: pytest-django's ``live_server`` needs ``transactional_db``, whose teardown
flushes every table, so the content is taken as a snapshot once per session and put back
whenever a test finds the database empty (much faster than running the content loader again).
Static files come from WhiteNoise and ``collectstatic``'s output, as in production.
"""

import os
from collections import defaultdict

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from leitlinien.models import Strategiepapier
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

# Models whose rows the public pages are built from. Users, permissions, content types,
# sessions and the edit history are left out: post_migrate recreates content types and
# permissions after each flush, and content types are referenced by natural key.
_NOT_CONTENT = {"admin", "auth", "contenttypes", "sessions", "reversion", "axes"}


def _content_objects():
    for model in apps.get_models():
        if model._meta.app_label not in _NOT_CONTENT:
            yield from model._base_manager.order_by("pk")


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, minus its development static files handler.

    That handler answers /static/ from the source folders, which hold no hashed names
    (site.<hash>.css): every page would come unstyled, and contrast, focus and reflow checks
    would test the browser's defaults. WhiteNoise, in the middleware, serves STATIC_ROOT.
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = _no_static_handler
    server.start()
    yield server
    server.stop()


def _no_static_handler(application):
    return application


@pytest.fixture(scope="session")
def content_snapshot(django_db_setup, django_db_blocker):
    """The real content as JSON, loaded (again) if a transactional test flushed it before."""
    with django_db_blocker.unblock():
        if not Strategiepapier.objects.exists():
            call_command("load_strategy", verbosity=0)
        return serializers.serialize("json", _content_objects(), use_natural_foreign_keys=True)


@pytest.fixture
def site(live_server, content_snapshot):
    """The live server's base URL; the database behind it holds the real content."""
    if not Strategiepapier.objects.exists():
        rows = defaultdict(list)
        for deserialized in serializers.deserialize("json", content_snapshot):
            rows[type(deserialized.object)].append(deserialized.object)
        with transaction.atomic():
            for model, objects in rows.items():
                # post_migrate may have recreated some (the default Site): the snapshot wins.
                model._base_manager.all().delete()
                model._base_manager.bulk_create(objects)
    return live_server.url


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio loop in the test thread while the browser runs;
    # Django would take every ORM call of that thread (restoring the content, the flush of
    # transactional_db) for one from async code. These tests run no async code of their own.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page
