"""Council documents (Drucksachen) of the implementation: the rows of table 5.2 of the
source as data, shown on one public page with number, kind, link and editorial box."""

import re

import pytest
from django.core import serializers
from django.urls import reverse
from django.utils import translation

from content.models import TranslationState
from exchange.loader import load_strategy
from tests.support import LANGUAGES, admin_url, in_language, state_of, visible_text
from umsetzung.models import Ratsdokument

pytestmark = pytest.mark.django_db

EG = "https://e-government.hannover-stadt.de/lhhsimwebre.nsf/DS/"
# The rows of table "5.2 Drucksachen", in its order: number as printed and the source link.
ROWS = [
    ("0993/2022", EG + "0993-2022"),
    ("0073/2023", EG + "0073-2023"),
    ("0618/2023", EG + "0618-2023"),
    ("H-0174-2021", EG + "0618-2023"),
    (
        "2337/2020",
        "https://spd-ratsfraktion-hannover.de/01-12-2020-interkulturelle-oeffnung-der-verwaltung",
    ),
    ("0233/2021", EG + "0233-2021"),
    (
        "",
        "https://www.hannover-entdecken.de/stadt-hannover-will-anteil-der-beschaeftigten-mit-migrationshintergrund-erhoehen/",
    ),
    ("H-0459-2025", EG + "H-0459-2025"),
]
PAGE = "/de/umsetzung/dokumente/"


def items(body: str) -> dict[str, str]:
    """The HTML of each document's list item, by its anchor."""
    return dict(re.findall(r'<li id="([\w-]+)" class="item">(.*?)</li>\n', body, re.S))


def test_every_row_of_table_5_2_is_a_document_in_the_tables_order():
    documents = list(Ratsdokument.objects.published())
    assert [(d.number, d.editorial_source_url) for d in documents] == ROWS
    assert all(d.editorial_text_de and not d.editorial_checked for d in documents)
    # Only 0073/2023 has a date in the source.
    assert [str(d.date) for d in documents if d.date] == ["2023-01-11"]


def test_every_row_reaches_the_german_page_with_its_number_and_link(client):
    body = client.get(PAGE).content.decode()
    shown = items(body)
    positions = []
    for document, (number, link) in zip(Ratsdokument.objects.published(), ROWS, strict=True):
        html = shown[document.key]
        assert f'href="{link}"' in html, document.key
        text = visible_text(html)
        if number:
            assert f'<span lang="de" dir="ltr">{number}</span>' in html
        else:
            assert "Nummer nicht gefunden" in text
            assert "keine Quelle nennt die Nummer dieses Dokuments" in text
        if document.url:
            assert (
                f'<a href="{document.url}" rel="noopener">Dokument im Ratsinformationssystem'
                in html
            )
        assert "Redaktionelle Ergänzung" in text and "noch nicht von der Redaktion geprüft" in text
        positions.append(body.index(f'id="{document.key}"'))
    assert positions == sorted(positions)
    assert "„Festlegung der Mittelaufteilung im WIR2.0-Förderprogramm“" in visible_text(body)


def test_a_date_is_shown_only_where_the_source_gives_one(client):
    shown = items(client.get(PAGE).content.decode())
    assert '<time datetime="2023-01-11">' in shown["ds-0073-2023"]
    assert "11. Januar 2023" in visible_text(shown["ds-0073-2023"])
    for key, html in shown.items():
        if key != "ds-0073-2023":
            assert "<time" not in html and "Datum:" not in html, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_answers_in_every_language_with_translated_notes(client, language):
    with translation.override(language):
        url = reverse("umsetzung:documents")
    assert url == f"/{language}/umsetzung/dokumente/"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    text = visible_text(body)
    assert in_language(language, "Council documents") in text
    assert in_language(language, "Number not found") in text
    assert "0993/2022" in text and "H-0459-2025" in text
    document = Ratsdokument.objects.get(key="ds-0618-2023")
    assert visible_text(getattr(document, f"editorial_text_{language}")) in text
    if language != "de":
        assert in_language(language, "Number not found") != "Nummer nicht gefunden"
        editorial = TranslationState.Group.EDITORIAL
        assert state_of(document, language, editorial).state == "unreviewed"


def test_the_page_is_in_the_sitemap_and_linked_from_the_status_page(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/de/umsetzung/dokumente/" in sitemap and "/ar/umsetzung/dokumente/" in sitemap
    assert 'href="/de/umsetzung/dokumente/"' in client.get("/de/umsetzung/status/").content.decode()


def test_a_documents_short_link_leads_to_its_anchor(client):
    response = client.get("/ds/ds-0993-2022", HTTP_ACCEPT_LANGUAGE="uk")
    assert response["Location"] == "/uk/umsetzung/dokumente/#ds-0993-2022"
    assert client.get("/ds")["Location"] == "/de/umsetzung/dokumente/"


def test_a_draft_document_is_not_public(client):
    Ratsdokument.objects.filter(key="ds-h-0459-2025").update(published=False)
    body = client.get(PAGE).content.decode()
    assert "H-0459-2025" not in body and "ds-0993-2022" in body


def test_loading_twice_changes_no_document():
    def rows():
        return serializers.serialize("json", Ratsdokument.objects.order_by("pk"))

    before = rows()
    first, second = load_strategy(), load_strategy()
    assert rows() == before
    assert (first.created, first.updated_fields) == (0, 0)
    assert (second.created, second.updated_fields) == (0, 0)


def test_the_german_admin_lists_number_title_date_and_published(admin_client):
    body = admin_client.get(admin_url(Ratsdokument, "changelist")).content.decode()
    text = visible_text(body)
    assert "Ratsdokumente" in text
    for heading in ("Nummer", "Titel", "Datum", "veröffentlicht"):
        assert f'">{heading}</a>' in body or f">{heading}<" in body, heading
    assert "0993/2022" in text and "11. Januar 2023" in text
    assert text.index("0993/2022") < text.index("H-0459-2025")
    document = Ratsdokument.objects.get(key="ds-0073-2023")
    change = admin_client.get(admin_url(document, "change", document.pk)).content.decode()
    assert "Link zum Dokument" in change and "Redaktionelle Ergänzung" in visible_text(change)
