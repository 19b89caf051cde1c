"""Change drafts of live entries and their four-eyes release: the public page keeps the
released version while a draft is written, previewed and compared; a second person with
the role “Freigabe” releases it (now or on a date) or rejects it; its author never
releases it and can withdraw it; each decision is in the entry's history."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from content.drafts import Aenderungsentwurf
from content.models import TranslationState
from leitlinien.models import Leitlinie
from tests.support import admin_url, form_data, in_language, staff_user, state_of, visible_text

pytestmark = pytest.mark.django_db

NEW_TEXT = "<p>Hannover lebt Vielfalt – neue Fassung aus dem Änderungsentwurf.</p>"


def signed_in(username, *groups) -> Client:
    user = staff_user(username, groups[0])
    for group in groups[1:]:
        user.groups.add(type(user.groups.first()).objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def leitlinie():
    return Leitlinie.objects.get(number=1)


@pytest.fixture
def author():
    return signed_in("autorin", "Redaktion")


@pytest.fixture
def releaser():
    return signed_in("freigeberin", "Freigabe")


def public(client, leitlinie) -> str:
    return visible_text(client.get(leitlinie.get_absolute_url()).content.decode())


def save_draft(client, leitlinie, **changes):
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(client.get(url))
    data.update(changes, _save_draft="1")
    return client.post(url, data)


def draft_of(leitlinie) -> Aenderungsentwurf:
    return Aenderungsentwurf.objects.get(object_id=leitlinie.pk, state__in=["open", "scheduled"])


def decide(client, draft, **data):
    data.setdefault("number", draft.number)
    return client.post(admin_url(draft, "change", draft.pk), data)


def test_a_draft_leaves_the_public_page_alone_until_a_second_person_releases_it(
    leitlinie, author, releaser, client
):
    before = public(client, leitlinie)
    answer = save_draft(author, leitlinie, text_de=NEW_TEXT)
    assert answer.status_code == 302
    draft = draft_of(leitlinie)
    assert answer.url == admin_url(draft, "change", draft.pk)
    assert "neue Fassung" not in public(client, leitlinie)
    assert public(client, leitlinie) == before
    # The author's form shows the draft, to go on with it.
    form = author.get(admin_url(leitlinie, "change", leitlinie.pk)).content.decode()
    assert "neue Fassung aus dem Änderungsentwurf" in form
    assert in_language("de", "This form shows a change draft.") in form

    # The draft's page compares it with the live text, word by word.
    page = releaser.get(admin_url(draft, "change", draft.pk)).content.decode()
    assert "<ins>" in page and "neue" in page
    assert in_language("de", "Release the draft") in page

    answer = decide(releaser, draft, decision="release")
    assert answer.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "released" and draft.decided_by.username == "freigeberin"
    assert "neue Fassung aus dem Änderungsentwurf" in public(client, leitlinie)
    # One revision by the releaser that names the author; the German change marks the
    # translations outdated as any save does.
    latest = Version.objects.get_for_object(leitlinie).first()
    assert latest.revision.user.username == "freigeberin"
    assert "autorin" in latest.revision.comment
    assert state_of(leitlinie, "ar").state == TranslationState.State.OUTDATED
    assert LogEntry.objects.filter(object_id=str(leitlinie.pk), user__username="freigeberin")


def test_the_author_cannot_release_their_own_draft(leitlinie, client):
    both = signed_in("beides", "Redaktion", "Freigabe")
    save_draft(both, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    page = both.get(admin_url(draft, "change", draft.pk)).content.decode()
    assert in_language("de", "Release the draft") not in page
    assert decide(both, draft, decision="release").status_code == 403
    assert "neue Fassung" not in public(client, leitlinie)
    assert draft_of(leitlinie).state == "open"


def test_translators_and_editors_without_the_role_cannot_release(leitlinie, author):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    for other in (signed_in("kollege", "Redaktion"), signed_in("uebersetzer", "Übersetzung")):
        assert decide(other, draft, decision="release").status_code == 403
    assert draft_of(leitlinie).state == "open"


def test_a_rejection_keeps_the_live_text_and_records_why(leitlinie, author, releaser, client):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    refused = decide(releaser, draft, decision="reject", comment="")
    assert refused.status_code == 200  # a rejection needs its reason
    assert draft_of(leitlinie).state == "open"
    decide(releaser, draft, decision="reject", comment="Bitte die Quelle nennen.")
    draft.refresh_from_db()
    assert draft.state == "rejected" and draft.comment == "Bitte die Quelle nennen."
    assert "neue Fassung" not in public(client, leitlinie)
    history = author.get(admin_url(leitlinie, "history", leitlinie.pk)).content.decode()
    assert "Bitte die Quelle nennen." in history


def test_the_author_withdraws_a_draft_and_others_cannot(leitlinie, author, releaser):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    assert decide(releaser, draft, decision="withdraw").status_code == 403
    decide(author, draft, decision="withdraw")
    draft.refresh_from_db()
    assert draft.state == "withdrawn"
    # The form shows the live entry again.
    form = author.get(admin_url(leitlinie, "change", leitlinie.pk)).content.decode()
    assert "neue Fassung" not in form


def test_a_draft_changed_after_the_release_page_was_opened_is_not_released(
    leitlinie, author, releaser, client
):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    seen = draft.number
    save_draft(author, leitlinie, text_de="<p>Noch einmal geändert.</p>")
    answer = decide(releaser, draft, decision="release", number=seen)
    assert answer.status_code == 302
    assert draft_of(leitlinie).state == "open"
    assert "Noch einmal" not in public(client, leitlinie)
    messages = releaser.get(admin_url(draft, "change", draft.pk)).content.decode()
    changed = "The draft was changed after you opened it. Please check it again."
    assert in_language("de", changed) in messages


def test_a_live_change_meanwhile_is_a_conflict_and_nothing_is_written(
    leitlinie, author, releaser, client
):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    Leitlinie.objects.filter(pk=leitlinie.pk).update(text_de="<p>Inzwischen live geändert.</p>")
    answer = decide(releaser, draft, decision="release")
    assert answer.status_code == 200
    refused = (
        "Not released: someone changed these fields of the live entry meanwhile: %(fields)s. "
        "Open the entry, take the draft over and save it again."
    )
    assert in_language("de", refused).split("%")[0] in answer.content.decode()
    assert "Inzwischen live geändert" in public(client, leitlinie)
    assert draft_of(leitlinie).state == "open"


def test_the_preview_shows_the_draft_in_place_marked_and_never_cached(leitlinie, author, client):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    answer = author.get(admin_url(draft, "preview", draft.pk) + "?sprache=de")
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "neue Fassung aus dem Änderungsentwurf" in body
    banner = (
        "this page shows a change draft in place. Visitors see the released version until "
        "the draft is released."
    )
    assert in_language("de", banner) in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert "no-store" in answer["Cache-Control"]
    # Nothing of the preview stays: the live entry and the public page are as before.
    leitlinie.refresh_from_db()
    assert "neue Fassung" not in leitlinie.text_de
    assert "neue Fassung" not in public(client, leitlinie)


def test_a_draft_released_for_a_date_goes_live_then_once(leitlinie, author, releaser, client):
    save_draft(author, leitlinie, text_de=NEW_TEXT)
    draft = draft_of(leitlinie)
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(
        second=0, microsecond=0
    )
    past = decide(
        releaser,
        draft,
        decision="release",
        live_from_0=(when - datetime.timedelta(days=10)).strftime("%d.%m.%Y"),
        live_from_1=when.strftime("%H:%M"),
    )
    assert past.status_code == 200  # a time that has passed: said, nothing done
    assert draft_of(leitlinie).state == "open"
    decide(
        releaser,
        draft,
        decision="release",
        live_from_0=when.strftime("%d.%m.%Y"),
        live_from_1=when.strftime("%H:%M"),
    )
    draft.refresh_from_db()
    assert draft.state == "scheduled" and draft.live_from == when
    call_command("publish_scheduled")
    assert "neue Fassung" not in public(client, leitlinie)
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.state == "released"
    assert "neue Fassung aus dem Änderungsentwurf" in public(client, leitlinie)
    comments = [v.revision.comment for v in Version.objects.get_for_object(leitlinie)]
    assert sum("freigeberin" in comment for comment in comments) == 1


def test_with_four_eyes_on_every_save_of_a_published_entry_is_a_draft(
    leitlinie, author, client, settings
):
    settings.FOUR_EYES = True
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(author.get(url))
    data["text_de"] = NEW_TEXT
    answer = author.post(url, data)  # the ordinary “Sichern”
    assert answer.status_code == 302
    assert draft_of(leitlinie).author.username == "autorin"
    assert "neue Fassung" not in public(client, leitlinie)


def test_public_pages_say_as_of_which_date_in_the_visitors_language(leitlinie, client):
    german = public(client, leitlinie)
    assert "Stand:" in german
    arabic = visible_text(client.get(f"/ar/leitlinien/{leitlinie.number}/").content.decode())
    assert in_language("ar", "As of: %(date)s").split("%")[0].strip() in arabic
