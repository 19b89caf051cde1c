"""Official wording and editorial additions are rich text: emphasis and links reach the
page, scripts do not; plain text of before becomes the HTML it reads as (migration and
loader alike); translators read the German source rendered; limits fit the page."""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from reversion.models import Version

from content.models import content_models
from content.richtext import html_to_plain, plain_to_html, sanitise_for_storage
from exchange.loader import load_strategy
from exchange.models import SeedRecord
from handlungsfelder.models import Priorisierung
from leitlinien.models import Abschnitt, Begriff, Leitlinie
from tests.support import admin_url, form_data, save, visible_text

pytestmark = pytest.mark.django_db

migration = importlib.import_module("upgrade.migrations.0002_rich_text_wording")

RICH = (
    '<p>Hannover ist <strong>offen</strong>, siehe <a href="https://www.hannover.de/">'
    "hannover.de</a>.</p><script>alert('x')</script>"
)


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


# --- the page ----------------------------------------------------------------------------


def test_emphasis_and_links_in_the_wording_reach_the_page_and_scripts_do_not(admin_client, client):
    leitlinie = Leitlinie.objects.get(number=1)
    assert save(admin_client, leitlinie, text_de=RICH).status_code == 302
    for url in ("/de/leitlinien/1/", "/de/leitlinien/", "/de/"):
        body = client.get(url).content.decode()
        assert "<strong>offen</strong>" in body, url
        assert re.search(r'<a href="https://www.hannover.de/"[^>]*>hannover.de</a>', body), url
        assert "alert(" not in body and "**" not in body, url
        assert not re.search(r"<p>\s*<p>", body), url  # no paragraph inside a paragraph


def test_a_priority_and_an_editorial_addition_are_shown_as_rich_text(admin_client, client):
    priority = Priorisierung.objects.order_by("position").first()
    term = Begriff.objects.get(key="i-beiraete")
    save(admin_client, priority, text_de="<p>Wir fördern <em>konsequent</em>.</p>")
    save(admin_client, term, editorial_text_de="<p>Erster Absatz.</p><p>Zweiter Absatz.</p>")
    principles = client.get(reverse("handlungsfelder:principles")).content.decode()
    assert "<p>Wir fördern <em>konsequent</em>.</p>" in principles
    glossary = client.get(reverse("leitlinien:glossary")).content.decode()
    assert "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>" in glossary
    assert "&lt;p&gt;" not in principles + glossary


# --- plain text becomes rich text ------------------------------------------------------------


CONVERSIONS = {
    "Ein Satz.": "<p>Ein Satz.</p>",
    "Erster Absatz.\n\nZweiter,\nmit Umbruch.": (
        "<p>Erster Absatz.</p><p>Zweiter,<br>mit Umbruch.</p>"
    ),
    "a < b & c > d": "<p>a &lt; b &amp; c &gt; d</p>",
    "Mehr: https://www.hannover.de/a?b=1&c=2.": (
        '<p>Mehr: <a href="https://www.hannover.de/a?b=1&amp;c=2">'
        "https://www.hannover.de/a?b=1&amp;c=2</a>.</p>"
    ),
    "„Zitat“ ohne\xa0Umbruch\r\n\r\n\r\nEnde": "<p>„Zitat“ ohne&nbsp;Umbruch</p><p>Ende</p>",
    "<p>Schon <strong>HTML</strong></p>": "<p>Schon <strong>HTML</strong></p>",
    "": "",
}


@pytest.mark.parametrize(("plain", "rich"), CONVERSIONS.items())
def test_plain_text_becomes_the_html_it_reads_as(plain, rich):
    assert plain_to_html(plain) == rich
    assert migration.plain_to_html(plain) == rich  # the migration's frozen copy agrees
    assert sanitise_for_storage(rich) == rich  # stored as it is: a second load changes nothing


def test_the_reverse_migration_gives_the_text_back():
    for plain in ("Ein Satz.", "Erster Absatz.\n\nZweiter,\nmit Umbruch.", "a < b & c"):
        assert html_to_plain(plain_to_html(plain)) == plain
        assert migration.html_to_plain(plain_to_html(plain)) == plain


def test_the_migration_converts_every_language_column_and_the_loader_records():
    leitlinie = Leitlinie.objects.get(number=1)
    record = SeedRecord.objects.get(model_label="leitlinien.leitlinie", key=leitlinie.key)
    german = "Erster Absatz.\n\nZweiter Absatz."
    Leitlinie.objects.filter(pk=leitlinie.pk).update(
        text_de=german, text_ar="فقرة أولى\nسطر ثانٍ", text_en="<p>Already <em>HTML</em></p>"
    )
    SeedRecord.objects.filter(pk=record.pk).update(values={**record.values, "text_de": german})

    migration.forwards(apps, None)
    leitlinie.refresh_from_db()
    record.refresh_from_db()
    assert leitlinie.text_de == "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>"
    assert leitlinie.text_ar == "<p>فقرة أولى<br>سطر ثانٍ</p>"
    assert leitlinie.text_en == "<p>Already <em>HTML</em></p>"
    assert record.values["text_de"] == leitlinie.text_de

    migration.backwards(apps, None)
    leitlinie.refresh_from_db()
    assert leitlinie.text_de == german
    assert leitlinie.text_en == "Already HTML"


def test_loading_plain_text_stores_the_migrations_html_once(tmp_path):
    source = tmp_path / "extra.de.json"
    text = "Erster Absatz.\n\nZweiter mit https://www.hannover.de/."
    source.write_text(
        json.dumps(
            {
                "language": "de",
                "objects": [
                    {
                        "model": "leitlinien.begriff",
                        "key": "neuer-begriff",
                        "fields": {"term": "Neu", "definition": text, "published": True},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert load_strategy([source]).created == 1
    assert Begriff.objects.get(key="neuer-begriff").definition_de == plain_to_html(text)
    versions = Version.objects.count()
    again = load_strategy([source])
    assert (again.created, again.updated_fields, again.kept_staff_edits) == (0, 0, [])
    assert Version.objects.count() == versions
    everything = load_strategy()
    assert (everything.updated_fields, everything.kept_staff_edits) == (0, [])


# --- the translator's form -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin_client", "translator_client"])
def test_the_german_source_is_shown_rendered_beside_each_translation(who, request):
    client = request.getfixturevalue(who)
    leitlinie = Leitlinie.objects.get(number=1)
    Leitlinie.objects.filter(pk=leitlinie.pk).update(
        text_de="<p>Hannover ist eine <strong>offene</strong> Stadt.</p>"
    )
    body = client.get(admin_url(leitlinie, "change", leitlinie.pk)).content.decode()
    arabic = re.search(r'<textarea[^>]*name="text_ar"[^>]*>', body).group()
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    # The editor's hidden textareas hold the stored HTML for its JavaScript; what is shown:
    body = re.sub(r"(?s)<textarea\b.*?</textarea>", "", body)
    assert body.count("Deutscher Ausgangstext:") >= len(settings.LANGUAGES) - 1
    assert "Hannover ist eine <strong>offene</strong> Stadt." in body
    assert "&lt;p&gt;" not in body and "&lt;strong&gt;" not in body
    assert "<p>" not in visible_text(body) and "<strong>" not in visible_text(body)


# --- limits --------------------------------------------------------------------------------


def test_too_long_wording_is_refused_with_the_limit_and_the_input_kept(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    stored = leitlinie.text_de
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(admin_client.get(url))
    data["text_de"] = "<p>" + "Wort " * 10000 + "</p>"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    error = " ".join(errors_of(response)["text_de"])
    assert "höchstens 3000 Zeichen" in error and "jetzt 49999" in error
    assert response.context["adminform"].form["text_de"].value() == data["text_de"]
    leitlinie.refresh_from_db()
    assert leitlinie.text_de == stored


def test_the_limit_counts_the_text_a_reader_sees_not_the_markup(admin_client):
    leitlinie = Leitlinie.objects.get(number=1)
    address = "https://www.hannover.de/" + "x" * 4000
    text = f'<p><strong>Kurz</strong> mit <a href="{address}">Link</a>.</p>'
    assert save(admin_client, leitlinie, text_de=text).status_code == 302
    leitlinie.refresh_from_db()
    assert address in leitlinie.text_de


def test_a_refused_priority_keeps_naming_the_stored_entry(admin_client):
    priority = Priorisierung.objects.order_by("position").first()
    stored = str(priority)
    url = admin_url(priority, "change", priority.pk)
    data = form_data(admin_client.get(url))
    data["text_de"] = "Ungespeichert " + "x" * 2000
    response = admin_client.post(url, data)
    assert "höchstens 1500 Zeichen" in " ".join(errors_of(response)["text_de"])
    body = response.content.decode()
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', body, re.S).group(1)
    assert "Ungespeichert" not in breadcrumbs
    assert stored[:40] in visible_text(breadcrumbs)


def test_every_text_of_the_content_has_a_limit():
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for model in content_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
        and not (field.max_length or getattr(field, "max_visible", None))
    ]
    assert unlimited == []


def test_a_new_priority_key_is_not_made_from_rich_text_markup(admin_client):
    body = admin_client.get(admin_url(Priorisierung, "add")).content.decode()
    assert "id_text_de" not in re.search(r'data-prepopulated-fields="([^"]*)"', body).group(1)


def test_paragraphs_do_not_run_together_in_search_and_page_descriptions(client):
    section = Abschnitt.objects.get(key="funktion")
    Abschnitt.objects.filter(pk=section.pk).update(text_de="<p>Erster Absatz.</p><p>Zweiter.</p>")
    section.refresh_from_db()
    section.save()  # the search index is written on save
    description = re.search(
        r'<meta name="description" content="([^"]*)"', client.get("/de/").content.decode()
    )
    assert description.group(1) == "Erster Absatz. Zweiter."
    found = visible_text(client.get("/de/suche/", {"q": "Zweiter"}).content.decode())
    assert "Erster Absatz. Zweiter." in found
