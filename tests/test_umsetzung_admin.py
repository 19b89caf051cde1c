"""Staff report the catalogue in the admin: a change of status needs its reason and becomes
a dated, public entry of the measure's history, in the measure's form and for many
measures at once; the list finds measures without a report for over a year."""

import datetime
import html

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from content.roles import EDITORS, TRANSLATORS
from handlungsfelder.models import Handlungsfeld
from tests.support import admin_url, csrf_token, form_data, in_language, staff_user, visible_text
from umsetzung.models import Fortschrittsmeldung, Massnahme, Status, Ziel

pytestmark = pytest.mark.django_db

REASON_NEEDED = "A change of status needs its reason: it is shown with the date."


@pytest.fixture
def editor(client):
    client.force_login(staff_user("redaktion", EDITORS))
    return client


def new_measure(key, **fields):
    return Massnahme.objects.create(
        key=key,
        title=f"Maßnahme {key}",
        status=Status.objects.get(key="nicht-veroeffentlicht"),
        published=True,
        **fields,
    )


def test_a_change_of_status_without_reason_is_refused_and_nothing_is_lost(editor):
    measure = new_measure("admin-a")
    url = admin_url(measure, "change", measure.pk)
    data = form_data(editor.get(url))
    data["status"] = Status.objects.get(key="in-umsetzung").pk
    data["title_de"] = "Maßnahme mit neuem Titel"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert in_language("de", REASON_NEEDED) in response.content.decode()
    assert "Maßnahme mit neuem Titel" in response.content.decode()  # what was typed stays
    measure.refresh_from_db()
    assert measure.status.key == "nicht-veroeffentlicht"
    assert not measure.reports.exists()


def test_a_change_of_status_with_reason_becomes_a_public_dated_entry(editor, client):
    measure = new_measure("admin-b")
    url = admin_url(measure, "change", measure.pk)
    data = form_data(editor.get(url))
    data["status"] = Status.objects.get(key="in-umsetzung").pk
    data["status_reason"] = "Der Träger hat im März begonnen."
    assert editor.post(url, data).status_code == 302
    entry = measure.reports.get()
    assert entry.is_status_change and entry.date == timezone.localdate()
    assert (
        entry.previous_status.key == "nicht-veroeffentlicht" and entry.status.key == "in-umsetzung"
    )
    editor.logout()
    page = visible_text(client.get(measure.get_absolute_url()).content.decode())
    assert "Der Träger hat im März begonnen." in page
    # saving again without a new status needs no reason and adds no entry
    data = form_data(editor_login(editor).get(url))
    data["title_de"] = "Maßnahme admin-b, umbenannt"
    assert editor.post(url, data).status_code == 302
    assert measure.reports.count() == 1


def editor_login(client):
    client.force_login(staff_user("redaktion2", EDITORS))
    return client


def test_the_bulk_action_asks_for_the_reason_then_sets_every_status(editor):
    first, second = new_measure("admin-c"), new_measure("admin-d")
    changelist = admin_url(Massnahme, "changelist")
    token = csrf_token(editor.get(changelist))
    selected = {
        "action": "set_status",
        ACTION_CHECKBOX_NAME: [first.pk, second.pk],
        "csrfmiddlewaretoken": token,
    }
    asked = editor.post(changelist, selected)
    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()  # asked, not yet done
    assert not Fortschrittsmeldung.objects.filter(measure__in=[first, second]).exists()
    done_status = Status.objects.get(key="umgesetzt")
    without_reason = editor.post(
        changelist, {**selected, "apply": "1", "status": done_status.pk, "reason": ""}
    )
    assert without_reason.status_code == 200
    assert not Fortschrittsmeldung.objects.filter(measure__in=[first, second]).exists()
    done = editor.post(
        changelist,
        {**selected, "apply": "1", "status": done_status.pk, "reason": "Laut Kuratorium."},
    )
    assert done.status_code == 302
    for measure in (first, second):
        measure.refresh_from_db()
        assert measure.status == done_status
        assert measure.reports.get().text == "<p>Laut Kuratorium.</p>"


def test_translators_cannot_set_a_status(client):
    client.force_login(staff_user("uebersetzung", TRANSLATORS))
    measure = new_measure("admin-e")
    changelist = admin_url(Massnahme, "changelist")
    response = client.post(
        changelist,
        {
            "csrfmiddlewaretoken": csrf_token(client.get(changelist)),
            "action": "set_status",
            ACTION_CHECKBOX_NAME: [measure.pk],
            "apply": "1",
            "status": Status.objects.get(key="umgesetzt").pk,
            "reason": "x",
        },
    )
    # The action is not offered to translators, and a forged request does nothing.
    assert response.status_code == 200
    assert 'value="set_status"' not in client.get(changelist).content.decode()
    measure.refresh_from_db()
    assert measure.status.key == "nicht-veroeffentlicht"


def test_the_list_finds_measures_without_a_report_for_over_a_year(editor):
    fresh, stale = new_measure("admin-f"), new_measure("admin-g")
    new_measure("admin-h")  # never reported
    today = timezone.localdate()
    Fortschrittsmeldung.objects.create(measure=fresh, date=today - datetime.timedelta(days=30))
    Fortschrittsmeldung.objects.create(measure=stale, date=today - datetime.timedelta(days=400))
    body = editor.get(admin_url(Massnahme, "changelist") + "?stand=stale&q=admin-").content
    body = body.decode()
    assert "Maßnahme admin-g" in body and "Maßnahme admin-h" in body
    assert "Maßnahme admin-f" not in body


def test_a_goal_lists_its_measures(editor):
    goal = Ziel.objects.create(
        key="admin-ziel",
        handlungsfeld=Handlungsfeld.objects.get(key="bildung"),
        editorial_title="Ein Ziel",
        published=True,
    )
    measure = new_measure("admin-i")
    measure.goals.add(goal)
    body = editor.get(admin_url(goal, "change", goal.pk)).content.decode()
    assert "Maßnahme admin-i" in body


def test_a_field_with_goals_and_measures_cannot_be_deleted_and_says_why(editor):
    field = Handlungsfeld.objects.get(key="wirtschaft")
    url = admin_url(field, "delete", field.pk)
    asked = editor.get(url)  # the confirmation page names what protects the field
    goal = Ziel.objects.filter(handlungsfeld=field).first()
    assert html.escape(str(goal)) in asked.content.decode()
    refused = editor.post(url, {"post": "yes", "csrfmiddlewaretoken": csrf_token(asked)})
    assert refused.status_code == 200  # the same page again: nothing deleted
    assert Handlungsfeld.objects.filter(key="wirtschaft").exists()
