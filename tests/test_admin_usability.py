"""Small things that keep staff from tripping: the key fills itself, drafts say so, a save
without changes leaves no trace in the history, a preview leads back to its form, and a
refused admin page leads back to the admin."""

import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from content.roles import TRANSLATORS
from leitlinien.models import Begriff, Leitlinie
from tests.support import admin_url, csrf_client, form_data, staff_user

pytestmark = pytest.mark.django_db


def prepopulated(body: str) -> list[tuple[str, list[str]]]:
    """Which fields the admin's script fills from which as staff type."""
    constants = re.search(r'data-prepopulated-fields="([^"]*)"', body)
    fields = json.loads(constants.group(1).replace("&quot;", '"'))
    return [(field["id"], field["dependency_ids"]) for field in fields]


def test_a_new_entrys_key_is_filled_from_its_german_title(admin_client):
    body = admin_client.get(admin_url(Begriff, "add")).content.decode()
    assert prepopulated(body) == [("#id_key", ["#id_term_de"])]
    term = Begriff.objects.first()
    change = admin_client.get(admin_url(term, "change", term.pk)).content.decode()
    assert prepopulated(change) == []  # a saved key is not overwritten by typing


def test_drafts_are_marked_as_drafts_in_their_list(admin_client):
    Begriff.objects.create(key="entwurf-begriff", term="Entwurfsbegriff", published=False)
    body = admin_client.get(admin_url(Begriff, "changelist")).content.decode()
    row = body[body.index("Entwurfsbegriff") :]
    row = row[: row.index("</tr>")]
    assert "Entwurf" in row
    assert "Veröffentlichung" in body  # the column says what it shows


def test_a_save_without_changes_adds_no_history_entry(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    url = admin_url(leitlinie, "change", leitlinie.pk)
    versions = Version.objects.get_for_object(leitlinie).count()
    stamp = leitlinie.updated_at
    response = admin_client.post(url, form_data(admin_client.get(url)), follow=True)
    assert "Nichts geändert" in response.content.decode()
    assert Version.objects.get_for_object(leitlinie).count() == versions
    assert not LogEntry.objects.filter(object_id=str(leitlinie.pk)).exists()
    leitlinie.refresh_from_db()
    assert leitlinie.updated_at == stamp

    data = form_data(admin_client.get(url))
    data["editorial_title_de"] = data.get("editorial_title_de", "") + " (ergänzt)"
    admin_client.post(url, data)
    assert Version.objects.get_for_object(leitlinie).count() == versions + 1


def test_the_preview_of_a_draft_leads_back_to_its_form(admin_client):
    draft = Begriff.objects.create(key="vorschau", term="Vorschaubegriff", published=False)
    change = admin_url(draft, "change", draft.pk)
    body = admin_client.get(change).content.decode()
    preview = re.search(r'href="([^"]+)" class="viewsitelink"', body).group(1).replace("&amp;", "&")
    assert "preview=1" in preview and f"edit={change}" in preview
    page = admin_client.get(preview).content.decode()
    assert f'<a href="{change}">Zurück zum Bearbeiten</a>' in page
    # Only an address of our admin's forms is offered as the way back.
    for hostile in ("//evil.example/admin/x/y/1/change/", "https://evil.example/", "/de/"):
        page = admin_client.get(preview.split("&edit=")[0], {"edit": hostile}).content.decode()
        assert "Zurück zum Bearbeiten" not in page and "evil.example" not in page


def test_a_refused_admin_page_leads_back_to_the_admin():
    translator = csrf_client()
    translator.force_login(staff_user("uebersetzerin", TRANSLATORS))
    response = translator.get(admin_url(Begriff, "add"))
    assert response.status_code == 403
    assert f'href="{reverse("admin:index")}"' in response.content.decode()
    public = translator.get("/de/teilen/?link=/l/99")
    assert f'href="{reverse("admin:index")}"' not in public.content.decode()


def test_the_admin_start_page_offers_to_change_not_a_change(admin_client):
    body = admin_client.get(reverse("admin:index")).content.decode()
    assert re.search(r'class="changelink"[^>]*>Ändern</a>', body)
    assert ">Änderung<" not in body
    # Every section has a German name staff understand, the app of the sign-in pause too.
    assert "Anmeldeschutz" in body and ">Axes<" not in body


def test_translation_fields_are_written_in_their_language_and_direction(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    body = admin_client.get(admin_url(leitlinie, "change", leitlinie.pk)).content.decode()
    for column, language, direction in [
        ("text_ar", "ar", "rtl"),  # rich text
        ("editorial_title_fa", "fa", "rtl"),  # plain text
        ("editorial_title_uk", "uk", "ltr"),
        ("text_de", "de", "ltr"),
    ]:
        tag = re.search(rf'<(?:textarea|input)[^>]*name="{column}"[^>]*>', body).group(0)
        assert f'lang="{language}"' in tag and f'dir="{direction}"' in tag, tag
    assert "css/admin-forms" in body


def test_restore_and_recover_pages_speak_of_versions_and_entries(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    version = Version.objects.get_for_object(leitlinie).first()
    pages = [
        admin_client.get(admin_url(leitlinie, "revision", leitlinie.pk, version.pk)),
        admin_client.get(admin_url(Leitlinie, "recoverlist")),
    ]
    texts = [page.content.decode() for page in pages]
    assert all(page.status_code == 200 for page in pages)
    assert "diese Fassung wieder" in texts[0] and "frühere Fassung wiederherstellen" in texts[0]
    assert "gelöschten Einträge" in texts[1]
    for text in texts:
        assert "Objekt" not in text and "Django-Verwaltung" not in text


def test_a_failed_sign_in_speaks_of_the_editorial_office_not_a_staff_account():
    browser = csrf_client()
    form = browser.get(reverse("admin:login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    response = browser.post(
        reverse("admin:login"),
        {"username": "niemand", "password": "falsch", "csrfmiddlewaretoken": token.group(1)},
    )
    body = response.content.decode()
    assert "Zugangs zur Redaktion" in body
    assert "Staff-Account" not in body and "Django-Verwaltung" not in body


def test_the_history_names_changed_fields_in_german(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(admin_client.get(url))
    data["text_de"] = data["text_de"] + " (ergänzt)"
    data["editorial_title_ar"] = "عنوان"
    admin_client.post(url, data)
    history = admin_client.get(admin_url(leitlinie, "history", leitlinie.pk)).content.decode()
    assert "Offizieller Wortlaut [de]" in history, history[-3000:]
    assert "Official wording" not in history
