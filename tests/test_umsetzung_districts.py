"""The first slice of the implementation app: Hannover's 13 Stadtbezirke as data with a
page each, and the staff-defined list of statuses a measure can have."""

import pytest
from django.core import serializers
from django.urls import reverse
from django.utils import translation

from content.roles import TRANSLATORS
from content.translations import column
from exchange.loader import load_strategy
from tests.support import (
    LANGUAGES,
    admin_url,
    form_data,
    in_language,
    staff_user,
    state_of,
    visible_text,
)
from umsetzung.models import NOT_PUBLISHED, Stadtbezirk, Status

pytestmark = pytest.mark.django_db

# The city's official order, and the keys the issue fixes for them.
DISTRICTS = [
    ("mitte", "Mitte"),
    ("vahrenwald-list", "Vahrenwald-List"),
    ("bothfeld-vahrenheide", "Bothfeld-Vahrenheide"),
    ("buchholz-kleefeld", "Buchholz-Kleefeld"),
    ("misburg-anderten", "Misburg-Anderten"),
    ("kirchrode-bemerode-wuelferode", "Kirchrode-Bemerode-Wülferode"),
    ("suedstadt-bult", "Südstadt-Bult"),
    ("doehren-wuelfel", "Döhren-Wülfel"),
    ("ricklingen", "Ricklingen"),
    ("linden-limmer", "Linden-Limmer"),
    ("ahlem-badenstedt-davenstedt", "Ahlem-Badenstedt-Davenstedt"),
    ("herrenhausen-stoecken", "Herrenhausen-Stöcken"),
    ("nord", "Nord"),
]
STATUS_NAMES = [
    "Stand nicht veröffentlicht",
    "noch nicht begonnen",
    "in Vorbereitung",
    "in Umsetzung",
    "umgesetzt",
    "in den Regelbetrieb übernommen",
    "verzögert",
    "zurückgestellt",
    "entfallen",
]
# Shown while no measure names the district (the sources do not say where they take place).
NOTICE = (
    "no measure of the strategy is recorded for this district on this portal yet. This says "
    "nothing about what takes place here: the editorial team adds measures as public sources "
    "name them."
)


def test_the_13_districts_have_the_keys_of_the_issue_in_the_citys_order():
    districts = list(Stadtbezirk.objects.published())
    assert [(d.key, d.name) for d in districts] == DISTRICTS
    assert [d.number for d in districts] == list(range(1, 14))
    assert all(d.advisory_council == f"Integrationsbeirat {d.name}" for d in districts)


def test_the_district_list_links_every_district_in_order(client):
    for language in LANGUAGES:
        with translation.override(language):
            url = reverse("umsetzung:districts")
        body = client.get(url).content.decode()
        links = [f'href="/{language}/stadtbezirke/{key}/"' for key, _name in DISTRICTS]
        positions = [body.index(link) for link in links]
        assert positions == sorted(positions), language
        assert in_language(language, "Districts") in visible_text(body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_district_page_has_its_i_beirat_and_an_honest_notice(client, language):
    for key, name in DISTRICTS:
        response = client.get(f"/{language}/stadtbezirke/{key}/")
        assert response.status_code == 200, (language, key)
        body = response.content.decode()
        text = visible_text(body)
        assert name in text and f"Integrationsbeirat {name}" in text
        assert f'<h1 id="page-title" lang="de">{name}</h1>' in body
        assert in_language(language, NOTICE) in text
    # The notice is in the visitor's language, not German everywhere.
    if language != "de":
        assert in_language(language, NOTICE) != in_language("de", NOTICE)


def test_district_pages_go_through_the_districts_in_order(client):
    body = client.get("/de/stadtbezirke/linden-limmer/").content.decode()
    assert 'href="/de/stadtbezirke/ricklingen/" rel="prev"' in body
    assert 'href="/de/stadtbezirke/ahlem-badenstedt-davenstedt/" rel="next"' in body
    first = client.get("/de/stadtbezirke/mitte/").content.decode()
    assert 'rel="prev"' not in first


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_district_gets_a_polite_404_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/stadtbezirke/gibt-es-nicht/")
    assert response.status_code == 404
    assert f'lang="{language}"' in response.content.decode()
    assert in_language(language, "Page not found") in visible_text(response.content.decode())


def test_a_draft_district_is_not_public(client):
    Stadtbezirk.objects.filter(key="nord").update(published=False)
    assert client.get("/de/stadtbezirke/nord/").status_code == 404
    assert "/de/stadtbezirke/nord/" not in client.get("/de/stadtbezirke/").content.decode()


def test_district_short_link_leads_to_its_page(client):
    response = client.get("/sb/linden-limmer", HTTP_ACCEPT_LANGUAGE="tr")
    assert response["Location"] == "/tr/stadtbezirke/linden-limmer/"
    assert client.get("/sb")["Location"] == "/de/stadtbezirke/"


def test_the_statuses_are_seeded_in_order_with_status_not_published_first():
    statuses = list(Status.objects.published())
    assert [s.name_de for s in statuses] == STATUS_NAMES
    assert statuses[0].key == NOT_PUBLISHED
    assert [s.position for s in statuses] == list(range(1, 10))
    # Each has its own symbol, shown with the name (never colour alone).
    assert len({s.symbol for s in statuses}) == len(statuses)
    assert all(s.description_de for s in statuses)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_status_page_shows_every_status_with_symbol_name_and_description(client, language):
    with translation.override(language):
        url = reverse("umsetzung:statuses")
    body = client.get(url).content.decode()
    text = visible_text(body)
    for status in Status.objects.published():
        name = getattr(status, column("name", language))
        assert name and name in text, (language, status.key)
        assert getattr(status, column("description", language)) in text
        assert f'<span class="status-symbol" aria-hidden="true">{status.symbol}</span>' in body
    if language != "de":
        assert "Stand nicht veröffentlicht" not in text  # translated, not German


def test_the_translated_statuses_are_machine_translated_not_reviewed():
    status = Status.objects.get(key=NOT_PUBLISHED)
    for language in LANGUAGES[1:]:
        assert state_of(status, language).state == "unreviewed"


def test_loading_twice_changes_no_district_and_no_status():
    def rows():
        return serializers.serialize(
            "json", [*Stadtbezirk.objects.order_by("pk"), *Status.objects.order_by("pk")]
        )

    before = rows()
    first, second = load_strategy(), load_strategy()
    assert rows() == before
    assert (first.created, first.updated_fields) == (0, 0)
    assert (second.created, second.updated_fields) == (0, 0)


def test_the_admin_lists_districts_by_number_and_statuses_with_editable_position(admin_client):
    body = admin_client.get(admin_url(Stadtbezirk, "changelist")).content.decode()
    text = visible_text(body)
    assert "Stadtbezirke" in text and "Integrationsbeirat Linden-Limmer" in text
    assert text.index("Mitte") < text.index("Vahrenwald-List") < text.index("Nord")
    body = admin_client.get(admin_url(Status, "changelist")).content.decode()
    assert 'name="form-0-position"' in body


def test_the_admin_refuses_a_fourteenth_district_in_german(admin_client):
    url = admin_url(Stadtbezirk, "add")
    data = form_data(admin_client.get(url))
    data.update(key="umland", number="14", name="Umland")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Hannover hat 13 Stadtbezirke. Bitte verwenden Sie 1 bis 13." in visible_text(
        response.content.decode()
    )
    assert not Stadtbezirk.objects.filter(key="umland").exists()


def test_a_translator_may_translate_a_status_but_not_rename_it(client):
    client.force_login(staff_user("uebersetzerin", TRANSLATORS))
    status = Status.objects.get(key="in-umsetzung")
    url = admin_url(status, "change", status.pk)
    data = form_data(client.get(url))
    data.update(name_de="geändert", name_uk="виконується", position="99")
    assert client.post(url, data).status_code == 302
    status.refresh_from_db()
    assert (status.name_de, status.position) == ("in Umsetzung", 4)
    assert status.name_uk == "виконується"
