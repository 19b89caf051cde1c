"""Publishing on a set date: staff who may publish plan “veröffentlichen am” and
“zurückziehen am” in the entry's form; `manage.py publish_scheduled` does what is due,
once, with one history entry, also when two runs meet; bad plans get a German message."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone, translation
from reversion.models import Version

from content.models import Zeitplan
from content.scheduling import run_due, shown
from leitlinien.models import Begriff, Leitlinie
from tests.support import admin_url, form_data, in_language, staff_user, visible_text

pytestmark = pytest.mark.django_db

PREFIX = "content-zeitplan-content_type-object_id"


def signed_in(username, group) -> Client:
    client = Client()
    client.force_login(staff_user(username, group))
    return client


def plan(client, obj, *rows, **more):
    """Post the entry's change form with the publication dates ``rows`` (action, due)."""
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url))
    data[f"{PREFIX}-TOTAL_FORMS"] = str(len(rows))
    for number, (action, due) in enumerate(rows):
        local = timezone.localtime(due)
        data[f"{PREFIX}-{number}-action"] = action
        data[f"{PREFIX}-{number}-due_0"] = local.strftime("%d.%m.%Y")
        data[f"{PREFIX}-{number}-due_1"] = local.strftime("%H:%M:%S")
    data.update(more)
    return client.post(url, data)


@pytest.fixture
def draft():
    leitlinie = Leitlinie.objects.get(number=2)
    Leitlinie.objects.filter(pk=leitlinie.pk).update(published=False)
    leitlinie.refresh_from_db()
    return leitlinie


def test_a_draft_is_published_on_its_date_and_withdrawn_on_another(draft, client):
    editor = signed_in("redakteurin", "Redaktion")
    start = timezone.now().replace(microsecond=0)
    publish, withdraw = start + datetime.timedelta(days=2), start + datetime.timedelta(days=9)
    answer = plan(editor, draft, ("publish", publish), ("withdraw", withdraw))
    assert answer.status_code == 302, visible_text(answer.content.decode())[:2000]
    assert Zeitplan.objects.filter(object_id=draft.pk, done_at=None).count() == 2
    page = draft.get_absolute_url()
    assert client.get(page).status_code == 404
    call_command("publish_scheduled")  # nothing is due yet
    draft.refresh_from_db()
    assert not draft.published
    versions_before = Version.objects.get_for_object(draft).count()
    with time_machine.travel(publish + datetime.timedelta(seconds=30), tick=False):
        call_command("publish_scheduled")
        call_command("publish_scheduled")  # a minute later on another server: nothing twice
        assert client.get(page).status_code == 200
    versions = Version.objects.get_for_object(draft)
    assert versions.count() == versions_before + 1
    assert versions.first().revision.user.username == "redakteurin"
    with translation.override("de"):
        wanted = in_language("de", "Published as planned for %(when)s") % {"when": shown(publish)}
    assert versions.first().revision.get_comment() == wanted  # "Wie für 6. Dezember … geplant"
    with time_machine.travel(withdraw + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")
        assert client.get(page).status_code == 404
    assert not Zeitplan.objects.filter(done_at=None).exists()
    assert set(Zeitplan.objects.values_list("outcome", flat=True)) == {"done"}


def test_bad_plans_are_refused_in_german_and_nothing_is_saved(draft):
    editor = signed_in("redakteurin", "Redaktion")
    now = timezone.now()
    past = plan(editor, draft, ("publish", now - datetime.timedelta(hours=1)))
    assert past.status_code == 200
    passed = "This time has already passed. Choose a later one, or tick “published” to publish now."
    assert in_language("de", passed) in visible_text(past.content.decode())
    backwards = plan(
        editor,
        draft,
        ("publish", now + datetime.timedelta(days=3)),
        ("withdraw", now + datetime.timedelta(days=1)),
    )
    assert backwards.status_code == 200
    backwards_text = "Withdrawing is planned before publishing: choose a later date to withdraw."
    assert in_language("de", backwards_text) in visible_text(backwards.content.decode())
    twice = plan(
        editor,
        draft,
        ("publish", now + datetime.timedelta(days=3)),
        ("publish", now + datetime.timedelta(days=4)),
    )
    once = in_language("de", "Plan publishing and withdrawing once each.")
    assert once in visible_text(twice.content.decode())
    assert not Zeitplan.objects.exists()


def test_a_translator_can_see_but_not_plan(draft):
    translator = signed_in("uebersetzer", "Übersetzung")
    planned = Zeitplan.objects.create(
        target=draft, action="publish", due=timezone.now() + datetime.timedelta(days=5)
    )
    form = translator.get(admin_url(draft, "change", draft.pk)).content.decode()
    assert str(planned) in visible_text(form)  # shown, as text
    assert f'name="{PREFIX}-0-due_0"' not in form  # not as a field
    answer = plan(translator, draft, ("withdraw", timezone.now() + datetime.timedelta(days=1)))
    assert answer.status_code in (302, 200, 403)
    assert list(Zeitplan.objects.all()) == [planned]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_carry_out_each_plan_once():
    terms = [Begriff.objects.create(key=f"plan-{n}", term=f"Begriff {n}") for n in range(4)]
    due = timezone.now() - datetime.timedelta(minutes=1)
    for obj in terms:
        Zeitplan.objects.create(target=obj, action="publish", due=due)
    start = threading.Barrier(2)
    done = []

    def one_server():
        start.wait()
        try:
            done.append([plan.pk for plan in run_due()])
        finally:
            connection.close()  # this thread's own database connection

    servers = [threading.Thread(target=one_server) for _ in range(2)]
    for server in servers:
        server.start()
    for server in servers:
        server.join(60)
    taken = [pk for run in done for pk in run]
    assert sorted(taken) == sorted(Zeitplan.objects.values_list("pk", flat=True))  # each once
    assert len(taken) == 4
    for obj in terms:
        obj.refresh_from_db()
        assert obj.published
        assert Version.objects.get_for_object(obj).count() == 1  # one history entry each


@pytest.mark.django_db(transaction=True)
def test_a_plan_that_another_run_is_carrying_out_is_left_to_it():
    terms = [Begriff.objects.create(key=f"held-{n}", term=f"Begriff {n}") for n in range(2)]
    due = timezone.now() - datetime.timedelta(minutes=1)
    held, free = (Zeitplan.objects.create(target=obj, action="publish", due=due) for obj in terms)
    result = []

    def other_server():
        try:
            result.extend(plan.pk for plan in run_due())
        finally:
            connection.close()

    with transaction.atomic():  # this run holds the first plan (as if in the middle of it)
        list(Zeitplan.objects.select_for_update().filter(pk=held.pk))
        other = threading.Thread(target=other_server)
        other.start()
        other.join(30)
        assert not other.is_alive()  # it did not wait for the held plan ...
    assert result == [free.pk]  # ... and did not take it
    held.refresh_from_db()
    assert held.done_at is None
