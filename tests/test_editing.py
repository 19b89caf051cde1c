"""An admin the Fachbereich Soziales can trust: roles, drafts, preview, history, conflicts,
safe rich text, lasting addresses, throttled login."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from reversion.models import Version

from content.models import content_models
from content.roles import EDITORS, TRANSLATORS
from handlungsfelder.models import Grundsatz, Handlungsfeld
from leitlinien.models import Abschnitt, Begriff, Leitlinie
from tests.support import (
    admin_url,
    csrf_client,
    form_data,
    post_form,
    save,
    set_state,
    staff_user,
    state_of,
    visible_text,
)

pytestmark = pytest.mark.django_db


# --- roles -------------------------------------------------------------------------------


def test_the_roles_exist_with_their_permissions():
    editors = Group.objects.get(name=EDITORS)
    translators = Group.objects.get(name=TRANSLATORS)
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    translator_perms = set(translators.permissions.values_list("codename", flat=True))
    publish = {f"publish_{model._meta.model_name}" for model in content_models()}
    assert {"add_leitlinie", "delete_leitlinie", "add_redirect"} | publish <= editor_perms
    assert {"change_leitlinie", "change_translationstate"} <= translator_perms
    assert not {"add_leitlinie", "delete_leitlinie"} & translator_perms
    assert not {codename for codename in translator_perms if codename.startswith("publish_")}


def test_editor_can_create_publish_and_delete(editor_client):
    response = post_form(
        editor_client,
        admin_url(Begriff, "add"),
        {"key": "teilhabe", "term_de": "Teilhabe", "published": "on", "position": "9"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    term = Begriff.objects.get(key="teilhabe")
    assert term.published
    response = post_form(editor_client, admin_url(term, "delete", term.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Begriff.objects.filter(key="teilhabe").exists()


def test_translator_cannot_publish_or_delete(translator_client):
    leitlinie = Leitlinie.objects.get(number=3)
    Leitlinie.objects.filter(pk=leitlinie.pk).update(published=False)
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(translator_client.get(url))
    data["published"] = "on"
    assert translator_client.post(url, data).status_code == 403
    assert Leitlinie.objects.get(pk=leitlinie.pk).published is False
    delete = admin_url(leitlinie, "delete", leitlinie.pk)
    # (the token from the change form: the translator may not open the delete page)
    assert post_form(translator_client, delete, {"post": "yes"}, form_url=url).status_code == 403
    assert Leitlinie.objects.filter(pk=leitlinie.pk).exists()
    assert translator_client.get(admin_url(Leitlinie, "add")).status_code == 403
    actions = {"action": "publish", "_selected_action": [leitlinie.pk]}
    post_form(translator_client, admin_url(Leitlinie, "changelist"), actions)
    assert Leitlinie.objects.get(pk=leitlinie.pk).published is False


def test_translator_edits_translations_but_not_the_german_text(translator_client):
    leitlinie = Leitlinie.objects.get(number=2)
    german = leitlinie.editorial_title_de
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(translator_client.get(url))
    assert "editorial_title_de" not in data
    data["editorial_title_de"] = "Versuch, das Deutsche zu ändern"
    data["editorial_title_ar"] = "عنوان مُراجَع"
    assert translator_client.post(url, data).status_code == 302
    leitlinie.refresh_from_db()
    assert leitlinie.editorial_title_de == german
    assert leitlinie.editorial_title_ar == "عنوان مُراجَع"


def test_translator_marks_arabic_reviewed(translator_client):
    leitlinie = Leitlinie.objects.get(number=1)
    _data, response = set_state(translator_client, leitlinie, "ar")
    assert response.status_code == 302
    state = state_of(leitlinie, "ar")
    assert state.state == "reviewed"
    assert state.reviewed_by.username == "uebersetzer"


# --- drafts and preview ------------------------------------------------------------------


def test_draft_is_404_for_visitors_and_visible_in_preview_for_staff(client, editor_client):
    Handlungsfeld.objects.filter(key="demokratie").update(published=False)
    url = "/de/handlungsfelder/demokratie/"
    visitor = client.__class__()
    assert visitor.get(url).status_code == 404
    assert visitor.get(url + "?preview=1").status_code == 404
    response = editor_client.get(url + "?preview=1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vorschau" in visible_text(body)
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # the admin's button leads to that preview
    field = Handlungsfeld.objects.get(key="demokratie")
    change = editor_client.get(admin_url(field, "change", field.pk)).content.decode()
    back = admin_url(field, "change", field.pk)
    assert f'href="{url}?preview=1&amp;edit={back}"' in change


# --- history -----------------------------------------------------------------------------


def test_restore_brings_back_an_earlier_text_exactly(editor_client):
    principle = Grundsatz.objects.get(number=1)
    first = "<p>Erste Fassung mit <strong>Betonung</strong>.</p>"
    assert (
        save(
            editor_client, principle, description_de=first, description_tr="<p>İlk</p>"
        ).status_code
        == 302
    )
    assert (
        save(editor_client, principle, description_de="<p>Zweite Fassung.</p>").status_code == 302
    )
    principle.refresh_from_db()
    assert principle.description_de == "<p>Zweite Fassung.</p>"

    versions = Version.objects.get_for_object(principle)
    history = editor_client.get(admin_url(principle, "history", principle.pk)).content.decode()
    assert "redakteurin" in history
    old = next(v for v in versions if v.field_dict["description_de"] == first)
    changes = editor_client.get(
        reverse("admin:handlungsfelder_grundsatz_changes", args=[principle.pk, old.pk])
    ).content.decode()
    assert "<ins>" in changes and "Betonung" in changes

    revision_url = reverse("admin:handlungsfelder_grundsatz_revision", args=[principle.pk, old.pk])
    response = editor_client.post(revision_url, form_data(editor_client.get(revision_url)))
    assert response.status_code == 302
    principle.refresh_from_db()
    assert principle.description_de == first
    assert principle.description_tr == "<p>İlk</p>"


def test_deleted_object_comes_back_with_its_translations(editor_client):
    # (the AG-Jugend: no goal or measure of the catalogue refers to it, see
    # tests/test_umsetzung_admin.py for a field that they protect)
    field = Handlungsfeld.objects.get(key="ag-jugend")
    before = {f"title_{code}": getattr(field, f"title_{code}") for code in ("de", "ar", "uk", "fa")}
    assert save(editor_client, field).status_code == 302  # a version made in the admin
    response = post_form(editor_client, admin_url(field, "delete", field.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Handlungsfeld.objects.filter(key="ag-jugend").exists()
    assert editor_client.get("/de/handlungsfelder/ag-jugend/").status_code == 404

    recover_list = editor_client.get(reverse("admin:handlungsfelder_handlungsfeld_recoverlist"))
    assert "AG-Jugend" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(Handlungsfeld).first()
    recover_url = reverse("admin:handlungsfelder_handlungsfeld_recover", args=[deleted.pk])
    response = editor_client.post(recover_url, form_data(editor_client.get(recover_url)))
    assert response.status_code == 302
    field = Handlungsfeld.objects.get(key="ag-jugend")
    assert {k: getattr(field, k) for k in before} == before
    assert field.translation_states.count() == 14  # official and editorial, 7 languages
    assert editor_client.get("/ar/handlungsfelder/wirtschaft/").status_code == 200


# --- two editors -------------------------------------------------------------------------


def _two_editors(client):
    first, second = client, csrf_client()
    first.force_login(staff_user("anna", EDITORS))
    second.force_login(staff_user("ben", EDITORS))
    leitlinie = Leitlinie.objects.get(number=4)
    url = admin_url(leitlinie, "change", leitlinie.pk)
    return first, second, leitlinie, url, form_data(first.get(url)), form_data(second.get(url))


def test_a_field_both_changed_is_refused_with_the_current_value_beside(client):
    first, second, leitlinie, url, data_anna, data_ben = _two_editors(client)
    data_anna["editorial_title_de"] = "Annas Titel"
    data_anna["editorial_text_de"] = "Annas Ergänzung"
    assert first.post(url, data_anna).status_code == 302
    data_ben["editorial_title_de"] = "Bens Titel"
    response = second.post(url, data_ben)
    assert response.status_code == 200
    body = response.content.decode()
    text = visible_text(body)
    assert "Anna hat diesen Eintrag am" in text
    assert "Sie haben beide geändert: Redaktioneller Kurztitel [de]" in text
    assert "Aktueller Wert: Annas Titel (aktuelle Fassung)" in text
    assert "Fehler korrigieren" not in text
    assert 'value="Bens Titel"' in body  # Ben's input is still there
    # Anna's other change was taken into Ben's form: saving again cannot undo it
    assert "Annas Ergänzung" in body
    stored = Leitlinie.objects.get(pk=leitlinie.pk)
    assert stored.editorial_title_de == "Annas Titel"
    again = form_data(response)
    assert second.post(url, again).status_code == 302
    stored = Leitlinie.objects.get(pk=leitlinie.pk)
    assert stored.editorial_title_de == "Bens Titel"
    assert stored.editorial_text_de == "Annas Ergänzung"


def test_changes_of_different_fields_are_merged(client):
    first, second, leitlinie, url, data_anna, data_ben = _two_editors(client)
    data_anna["editorial_title_de"] = "Annas Titel"
    assert first.post(url, data_anna).status_code == 302
    data_ben["editorial_text_de"] = "Bens Ergänzung"
    response = second.post(url, data_ben, follow=True)
    text = visible_text(response.content.decode())
    assert (
        "Übernommen, was jemand anderes inzwischen geändert hat: Redaktioneller Kurztitel [de]"
        in text
    )
    stored = Leitlinie.objects.get(pk=leitlinie.pk)
    assert (stored.editorial_title_de, stored.editorial_text_de) == (
        "Annas Titel",
        "Bens Ergänzung",
    )
    assert Version.objects.get_for_object(stored).first().revision.user.username == "ben"


def test_after_a_refused_save_heading_and_breadcrumb_name_the_saved_entry(client):
    client.force_login(staff_user("anna", EDITORS))
    leitlinie = Leitlinie.objects.get(number=4)
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(client.get(url))
    data["number"] = "2"  # taken by another Leitlinie: refused
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h2>Leitlinie 4</h2>" in body
    assert re.search(r'<div class="breadcrumbs">.*?Leitlinie 4\s*</div>', body, re.S)
    assert "Leitlinie 2" not in re.search(r'<div class="breadcrumbs">.*?</div>', body, re.S)[0]


# --- rich text ---------------------------------------------------------------------------

HOSTILE = (
    '<p onclick="alert(1)">Text <a href="javascript:alert(2)">Link</a></p>'
    "<script>alert(3)</script><style>body{display:none}</style>"
    '<svg onload="alert(4)"><circle r="1"/></svg><img src="x" onerror="alert(5)">'
    '<iframe src="https://evil.example"></iframe><a href="JaVaScRiPt:alert(6)">x</a>'
    '<p style="color:red">Stil</p><a href="data:text/html,<script>alert(7)</script>">d</a>'
)
FORBIDDEN = (
    "<script",
    "onclick",
    "onload",
    "onerror",
    "javascript:",
    "<style",
    "<svg",
    "<iframe",
    "style=",
    "data:text",
)

RICH_FIELDS = [
    (Abschnitt, {"key": "funktion"}, "text", "/de/"),
    (Handlungsfeld, {"key": "bildung"}, "description", "/de/handlungsfelder/bildung/"),
    (Grundsatz, {"number": 2}, "description", "/de/grundsaetze-und-priorisierungen/"),
    (Begriff, {"key": "i-beiraete"}, "definition", "/de/begriffe/"),
]


def page_body(client, url):
    body = client.get(url).content.decode()
    return body[body.index('<main id="main"') :]


@pytest.mark.parametrize(
    "model, lookup, field, url", RICH_FIELDS, ids=lambda v: getattr(v, "__name__", None)
)
def test_hostile_rich_text_from_the_admin_is_neutralised(
    editor_client, client, model, lookup, field, url
):
    obj = model.objects.get(**lookup)
    assert save(editor_client, obj, **{f"{field}_de": HOSTILE}).status_code == 302
    obj.refresh_from_db()
    assert "<script" not in getattr(obj, f"{field}_de")  # cleaned when saved
    main = page_body(client.__class__(), url)
    assert "Text" in main and "Link" in main
    for needle in FORBIDDEN:
        assert needle not in main.lower(), needle


@pytest.mark.parametrize(
    "model, lookup, field, url", RICH_FIELDS, ids=lambda v: getattr(v, "__name__", None)
)
def test_hostile_rich_text_written_around_the_admin_is_neutralised(
    client, model, lookup, field, url
):
    model.objects.filter(**lookup).update(**{f"{field}_de": HOSTILE, f"{field}_ar": HOSTILE})
    for page in (url, url.replace("/de/", "/ar/")):
        main = page_body(client, page)
        for needle in FORBIDDEN:
            assert needle not in main.lower(), (page, needle)


def test_plain_text_fields_are_escaped(client):
    Leitlinie.objects.filter(number=5).update(editorial_title_de='<script>alert("x")</script>')
    body = client.get("/de/leitlinien/5/").content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body


# --- lasting addresses -------------------------------------------------------------------


def test_changing_a_published_address_needs_confirmation_and_redirects(editor_client, client):
    field = Handlungsfeld.objects.get(key="soziales")
    response = save(editor_client, field, key="soziales-und-gesundheit")
    assert response.status_code == 200
    assert "öffentliche Adresse ändern" in response.content.decode()
    assert Handlungsfeld.objects.filter(key="soziales").exists()

    response = save(
        editor_client, field, key="soziales-und-gesundheit", confirm_address_change="on"
    )
    assert response.status_code == 302
    for code in ("de", "ar", "uk"):
        old = client.get(f"/{code}/handlungsfelder/soziales/")
        assert old.status_code == 301
        assert old["Location"] == f"/{code}/handlungsfelder/soziales-und-gesundheit/"
        assert client.get(old["Location"]).status_code == 200


def test_renumbering_a_guideline_redirects_its_old_number(editor_client, client):
    Leitlinie.objects.filter(number=7).delete()
    leitlinie = Leitlinie.objects.get(number=6)
    response = save(editor_client, leitlinie, number="7", confirm_address_change="on")
    assert response.status_code == 302
    assert client.get("/de/leitlinien/6/")["Location"] == "/de/leitlinien/7/"


# --- login -------------------------------------------------------------------------------


def test_admin_login_is_throttled(client):
    User.objects.create_user("redaktion", password="richtig-Passwort-1", is_staff=True)
    url = reverse("admin:login")
    for _attempt in range(4):
        response = post_form(client, url, {"username": "redaktion", "password": "falsch"})
        assert response.status_code == 200
    wrong = post_form(client, url, {"username": "redaktion", "password": "falsch"})
    assert wrong.status_code == 429
    # now even the right password waits
    response = post_form(client, url, {"username": "redaktion", "password": "richtig-Passwort-1"})
    assert response.status_code == 429
    assert "Anmeldung pausiert" in response.content.decode()


def test_staff_sessions_expire(client):
    User.objects.create_user("redaktion", password="richtig-Passwort-1", is_staff=True)
    response = post_form(
        client, reverse("admin:login"), {"username": "redaktion", "password": "richtig-Passwort-1"}
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 2 * 60 * 60
    client.session.set_expiry(-1)
    session = client.session
    session.set_expiry(-1)
    session.save()
    assert client.get(reverse("admin:index")).status_code == 302
