"""Translation states per group of fields: the city's text and the editorial addition are
reviewed apart, outdated apart, shown apart, backed up apart, and the overview says what
needs work first."""

import datetime
import importlib
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from content import translations
from content.languages import EASY_LANGUAGE, target_languages
from content.models import EditorialAddition, TranslationState, content_models
from exchange import backup
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from tests.support import (
    LANGUAGES,
    form_data,
    in_language,
    save,
    set_state,
    state_of,
    visible_text,
)

pytestmark = pytest.mark.django_db

State = TranslationState.State
OFFICIAL, EDITORIAL = TranslationState.Group.OFFICIAL, TranslationState.Group.EDITORIAL
UNREVIEWED = "Machine translation, not yet reviewed."
OUTDATED = "This translation may be out of date: the German text has changed since."
TARGETS = LANGUAGES[1:]


def youth_group():
    """A Handlungsfeld with both the city's title and an editorial addition."""
    return Handlungsfeld.objects.get(key="ag-jugend")


def page_parts(client, url) -> tuple[str, str]:
    """The visible text of the page outside the editorial box, and inside it."""
    body = client.get(url).content.decode()
    match = re.search(r'<div class="editorial" role="note">.*?</div>', body, re.S)
    assert match, url
    outside = body[: match.start()] + body[match.end() :]
    return visible_text(outside), visible_text(match.group(0))


def test_every_editorial_field_is_reviewed_with_the_editorial_addition():
    for model in content_models():
        for field in translations.translated_fields(model):
            group = translations.group_of(model, field)
            assert (group == EDITORIAL) == field.startswith("editorial_"), (model, field)
    assert set(translations.group_fields(Leitlinie, EDITORIAL)) == {
        "editorial_title",
        *EditorialAddition.TRANSLATED_FIELDS,
    }


def test_reviewing_the_official_arabic_text_keeps_the_editorial_notice(translator_client, client):
    field = youth_group()
    url = "/ar/handlungsfelder/ag-jugend/"
    notice = in_language("ar", UNREVIEWED)
    official, editorial = page_parts(client, url)
    assert notice in official and notice in editorial

    assert set_state(translator_client, field, "ar", OFFICIAL)[1].status_code == 302
    assert state_of(field, "ar", OFFICIAL).state == State.REVIEWED
    assert state_of(field, "ar", EDITORIAL).state == State.UNREVIEWED
    official, editorial = page_parts(client, url)
    assert notice not in official
    assert notice in editorial and visible_text(field.editorial_text_ar) in editorial

    # and the other way round: the editorial addition reviewed, the city's text not
    assert set_state(translator_client, field, "ar", OFFICIAL, "unreviewed")[1].status_code == 302
    assert set_state(translator_client, field, "ar", EDITORIAL)[1].status_code == 302
    official, editorial = page_parts(client, url)
    assert notice in official and notice not in editorial
    assert state_of(field, "ar", EDITORIAL).reviewed_by.username == "uebersetzer"


def test_a_german_change_outdates_only_the_translations_of_its_group(admin_client, client):
    field = youth_group()
    response = save(admin_client, field, editorial_text_de=field.editorial_text_de + " Neu.")
    assert response.status_code == 302
    for language in TARGETS:
        assert state_of(field, language, EDITORIAL).state == State.OUTDATED
        assert state_of(field, language, OFFICIAL).state == State.UNREVIEWED
    official, editorial = page_parts(client, "/tr/handlungsfelder/ag-jugend/")
    assert in_language("tr", OUTDATED) in editorial
    assert in_language("tr", OUTDATED) not in official

    set_state(admin_client, field, "pl", EDITORIAL)
    assert save(admin_client, field, title_de="AG Jugend (neu)").status_code == 302
    for language in TARGETS:
        assert state_of(field, language, OFFICIAL).state == State.OUTDATED
    assert state_of(field, "pl", EDITORIAL).state == State.REVIEWED
    assert state_of(field, "tr", EDITORIAL).state == State.OUTDATED


def test_a_version_from_before_the_groups_restores_its_states_as_official(editor_client):
    """The history keeps an object's translation states with it (they are restored with
    it); a version saved before the groups knows one state per language, without group."""
    field = youth_group()
    loaded = Version.objects.get_for_object(field).get()  # the loader's version
    content_type = ContentType.objects.get_for_model(TranslationState)
    for version in loaded.revision.version_set.filter(content_type=content_type):
        data = json.loads(version.serialized_data)
        if data[0]["fields"].pop("group") == EDITORIAL:
            version.delete()
        else:
            version.serialized_data = json.dumps(data)
            version.save()
    assert save(editor_client, field, title_de="AG Jugend (neu)").status_code == 302
    assert state_of(field, "ar", OFFICIAL).state == State.OUTDATED

    url = reverse("admin:handlungsfelder_handlungsfeld_revision", args=[field.pk, loaded.pk])
    assert editor_client.post(url, form_data(editor_client.get(url))).status_code == 302
    field.refresh_from_db()
    assert field.title_de == loaded.field_dict["title_de"]
    states = list(field.translation_states.all())
    assert sorted((s.language, s.group) for s in states) == sorted(
        (language, group) for language in TARGETS for group in (OFFICIAL, EDITORIAL)
    )
    # the official states as that version had them; the editorial ones made anew
    assert state_of(field, "ar", OFFICIAL).state == State.UNREVIEWED
    assert state_of(field, "ar", EDITORIAL).state == State.UNREVIEWED


def test_an_object_without_editorial_text_has_official_states_only(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    assert {s.group for s in leitlinie.translation_states.all()} == {OFFICIAL}
    field = youth_group()
    assert field.translation_states.filter(group=EDITORIAL).count() == len(TARGETS)
    # the German editorial text removed: its states go with it
    response = save(admin_client, field, editorial_text_de="", editorial_source_label_de="")
    assert response.status_code == 302
    assert not field.translation_states.filter(group=EDITORIAL).exists()
    assert field.translation_states.filter(group=OFFICIAL).count() == len(TARGETS)


# --- the migration -----------------------------------------------------------------------


def test_the_migration_keeps_every_state_and_copies_it_for_the_editorial_text():
    """As on a database from before the groups: one state per object and language."""
    migration = importlib.import_module("content.migrations.0002_translation_state_per_group")
    reviewer = User.objects.create_user("pruefer", password="x-Secret-12345")
    field, leitlinie = youth_group(), Leitlinie.objects.get(number=1)
    TranslationState.objects.filter(group=EDITORIAL).delete()
    old = state_of(field, "ar")
    reviewed_at = timezone.now() - datetime.timedelta(days=30)
    TranslationState.objects.filter(pk=old.pk).update(
        state=State.REVIEWED, reviewed_by=reviewer, reviewed_at=reviewed_at
    )
    before = {
        (s.content_type_id, s.object_id, s.language): (s.state, s.reviewed_by_id, s.updated_at)
        for s in TranslationState.objects.all()
    }

    migration.split_states(apps, None)

    official = {
        (s.content_type_id, s.object_id, s.language): (s.state, s.reviewed_by_id, s.updated_at)
        for s in TranslationState.objects.filter(group=OFFICIAL)
    }
    assert official == before  # nothing lost, nothing changed
    copy = state_of(field, "ar", EDITORIAL)
    assert (copy.state, copy.reviewed_by, copy.reviewed_at) == (
        State.REVIEWED,
        reviewer,
        reviewed_at,
    )
    assert copy.updated_at == before[(copy.content_type_id, copy.object_id, "ar")][2]
    assert not leitlinie.translation_states.filter(group=EDITORIAL).exists()
    with_editorial_text = sum(
        1
        for model in content_models()
        for obj in model.objects.all()
        if EDITORIAL in translations.groups_with_text(obj)
    )
    editorial = TranslationState.objects.filter(group=EDITORIAL)
    assert editorial.count() == with_editorial_text * len(TARGETS)
    migration.split_states(apps, None)  # twice: nothing more
    assert editorial.count() == with_editorial_text * len(TARGETS)


# --- backup ------------------------------------------------------------------------------


def test_a_backup_keeps_the_groups_apart_and_an_old_one_still_restores(tmp_path):
    field = youth_group()
    TranslationState.objects.filter(pk=state_of(field, "ar", EDITORIAL).pk).update(
        state=State.REVIEWED
    )
    data = backup.export_data()
    entry = next(o for o in data["objects"] if o["key"] == "ag-jugend")
    assert entry["translation_states"]["official"]["ar"]["state"] == State.UNREVIEWED
    assert entry["translation_states"]["editorial"]["ar"]["state"] == State.REVIEWED

    # A backup of the first format: one state per language, no group.
    old = json.loads(json.dumps(data))
    old["format"] = "wir-sind-hannover/1"
    for item in old["objects"]:
        item["translation_states"] = item["translation_states"].get("official", {})
    entry = next(o for o in old["objects"] if o["key"] == "ag-jugend")
    entry["translation_states"]["fa"] = {"state": "reviewed", "reviewed_by": "alte-pruefung"}
    for model in reversed(content_models()):  # what refers to others first
        model.objects.all().delete()
    TranslationState.objects.all().delete()

    assert backup.import_data(old) == len(old["objects"])
    field = youth_group()
    assert state_of(field, "fa", OFFICIAL).state == State.REVIEWED
    assert state_of(field, "fa", OFFICIAL).reviewed_by.username == "alte-pruefung"
    # the old state spoke for the editorial addition too
    assert state_of(field, "fa", EDITORIAL).state == State.REVIEWED
    assert state_of(field, "ar", EDITORIAL).state == State.UNREVIEWED
    leitlinie = Leitlinie.objects.get(number=1)
    assert {s.group for s in leitlinie.translation_states.all()} == {OFFICIAL}
    with pytest.raises(ValueError, match="not a wir-sind-hannover/2 file"):
        backup.import_data({**old, "format": "wir-sind-hannover/0"})


# --- the overview ------------------------------------------------------------------------


def overview_rows(admin_client, **filters):
    """(text, group, [cell states]) per row of the overview, in its order."""
    response = admin_client.get(reverse("admin:content_translationstate_changelist"), filters)
    assert response.status_code == 200
    return response, [
        (row["object"], row["group"], [cell["state"] for cell in row["cells"]])
        for row in response.context["rows"]
    ]


def test_the_overview_puts_what_needs_work_first(admin_client):
    field = youth_group()
    Leitlinie.objects.filter(number=5).update(
        editorial_text_pl="", editorial_title_pl="", editorial_source_label_pl=""
    )
    translations.update_states(Leitlinie.objects.get(number=5))  # Polish: partly missing
    save(admin_client, field, editorial_text_de=field.editorial_text_de + " Neu.")  # outdated
    for language in TARGETS:  # one text reviewed in every language
        TranslationState.objects.filter(pk=state_of(field, language).pk).update(
            state=State.REVIEWED
        )

    response, rows = overview_rows(admin_client)
    urgency = ["outdated", "missing", "unreviewed", "reviewed"]
    ranks = [min(urgency.index(state) for state in states) for _text, _group, states in rows]
    assert ranks == sorted(ranks)
    assert rows[0] == (str(field), EDITORIAL, ["outdated"] * len(TARGETS))
    assert rows[-1] == (str(field), OFFICIAL, ["reviewed"] * len(TARGETS))
    missing = [row[:2] for row, rank in zip(rows, ranks, strict=True) if rank == 1]
    assert (str(Leitlinie.objects.get(number=5)), EDITORIAL) in missing
    # among rows of the same urgency the city's text comes first
    unreviewed = [group for (_t, group, states), rank in zip(rows, ranks, strict=True) if rank == 2]
    assert unreviewed == sorted(unreviewed, key=[OFFICIAL, EDITORIAL].index)
    assert OFFICIAL in unreviewed and EDITORIAL in unreviewed
    # one row per text and group with German text: Leitlinie 2 has only an editorial one
    texts = [(text, group) for text, group, _states in rows]
    assert (str(Leitlinie.objects.get(number=2)), EDITORIAL) in texts
    assert (str(Leitlinie.objects.get(number=2)), OFFICIAL) not in texts
    addresses = [(row["url"], row["group"]) for row in response.context["rows"]]
    assert len(addresses) == len(set(addresses))

    # counts per language and state, over the rows shown
    counts = {code: numbers for code, _name, numbers in response.context["counts"]}
    assert list(counts) == TARGETS
    for index, code in enumerate(TARGETS):
        column = [states[index] for _t, _g, states in rows]
        assert counts[code] == [column.count(state) for state in urgency]
    assert counts["pl"][1] == counts["ar"][1] + 1  # Leitlinie 5
    body = visible_text(response.content.decode())
    assert "Übersetzungsstand" in body and "Polnisch" in body


def test_the_overview_filters(admin_client):
    _response, everything = overview_rows(admin_client)
    response, editorial = overview_rows(admin_client, group="editorial")
    assert editorial and {group for _t, group, _s in editorial} == {EDITORIAL}
    assert len(editorial) < len(everything)
    _response, only_pl = overview_rows(admin_client, language="pl", model="leitlinien.leitlinie")
    assert only_pl and all(len(states) == 1 for _t, _g, states in only_pl)
    assert len(only_pl) == 7  # Leitlinie 1 official, 2 to 7 editorial
    Leitlinie.objects.filter(number=5).update(
        editorial_text_pl="", editorial_title_pl="", editorial_source_label_pl=""
    )
    translations.update_states(Leitlinie.objects.get(number=5))
    response, missing = overview_rows(admin_client, state="missing", language="pl")
    assert (str(Leitlinie.objects.get(number=5)), EDITORIAL, ["missing"]) in missing
    assert all(states == ["missing"] for _t, _g, states in missing)
    body = response.content.decode()
    assert '<abbr title="Polnisch">pl</abbr>' in body and body.count("<abbr") == 1
    for nonsense in ({"state": "<script>", "language": "zz", "group": "x"}, {"model": "a.b"}):
        assert (
            admin_client.get(
                reverse("admin:content_translationstate_changelist"), nonsense
            ).status_code
            == 200
        )


def test_leichte_sprache_is_never_counted_missing(admin_client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, (EASY_LANGUAGE, "Leichte Sprache")]
    assert EASY_LANGUAGE not in target_languages()
    response, rows = overview_rows(admin_client)
    assert EASY_LANGUAGE not in [code for code, _name, _n in response.context["counts"]]
    assert all(len(states) == len(TARGETS) for _t, _g, states in rows)
    translations.update_states(youth_group())
    assert not TranslationState.objects.filter(language=EASY_LANGUAGE).exists()
    assert settings.SOURCE_LANGUAGE not in target_languages()


def test_a_list_says_once_what_all_its_texts_share(client):
    """The Leitlinien: the city's wording of one, the editorial short titles of the rest."""
    notice = in_language("ar", UNREVIEWED)
    assert visible_text(client.get("/ar/leitlinien/").content.decode()).count(notice) == 1
    state = state_of(Leitlinie.objects.get(number=3), "ar", EDITORIAL)
    state.state = State.REVIEWED
    state.save()
    text = visible_text(client.get("/ar/leitlinien/").content.decode())
    assert text.count(notice) == 6  # each of the other six says so itself
