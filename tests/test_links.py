"""Links that last: anchors, short links, QR codes, search, sitemap, feeds, open data."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from content.models import TranslationState, content_models
from exchange import backup
from leitlinien.models import Leitlinie
from tests.support import LANGUAGES, public_urls, save

pytestmark = pytest.mark.django_db


def published_objects():
    return [obj for model in content_models() for obj in model.objects.published()]


def test_every_published_object_has_its_anchor_in_every_language_and_a_short_link(client):
    checked = 0
    for obj in published_objects():
        short = obj.short_path()
        assert short, obj
        for language in LANGUAGES:
            response = client.get(short, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 302, (short, language)
            with translation.override(language):
                expected = obj.get_absolute_url()
            assert response["Location"] == expected
            page, _hash, anchor = expected.partition("#")
            body = client.get(page).content.decode()
            if anchor:
                assert f'id="{anchor}"' in body, (obj, language)
            checked += 1
    assert checked >= 60 * len(LANGUAGES)


def test_short_links_default_to_german_and_keep_the_anchor(client):
    assert client.get("/l/3")["Location"] == "/de/leitlinien/3/"
    assert client.get("/m/2", HTTP_ACCEPT_LANGUAGE="xx")["Location"] == "/de/phase-2/#aktionswoche"
    assert (
        client.get("/hf/bildung/", HTTP_ACCEPT_LANGUAGE="ar")["Location"]
        == "/ar/handlungsfelder/bildung/"
    )
    assert client.get("/l/leitlinie-3")["Location"] == "/de/leitlinien/3/"
    assert client.get("/l")["Location"] == "/de/leitlinien/"
    assert client.get("/s/impressum")["Location"] == "/de/impressum/"


@pytest.mark.parametrize(
    "path", ["/l/99", "/l/0", "/hf/gibt-es-nicht", "/m/99999999999999999", "/x/1", "/s/nix"]
)
def test_unknown_short_links_get_a_helpful_404_with_search(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert 'role="search"' in body and 'action="/de/suche/"' in body


def test_a_renamed_key_keeps_its_short_link(admin_client, client):
    from handlungsfelder.models import Handlungsfeld

    field = Handlungsfeld.objects.get(key="wirtschaft")
    response = save(admin_client, field, key="wirtschaft-und-arbeit", confirm_address_change="on")
    assert response.status_code == 302
    old = client.get("/hf/wirtschaft")
    assert old.status_code == 301 and old["Location"] == "/hf/wirtschaft-und-arbeit"
    assert client.get(old["Location"])["Location"] == "/de/handlungsfelder/wirtschaft-und-arbeit/"


def test_share_view_has_a_qr_code_of_the_short_link(client):
    body = client.get("/de/teilen/", {"link": "/l/3"}).content.decode()
    assert "http://testserver/l/3" in body
    assert "<svg" in body
    svg = client.get("/qr/l/3.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    # decode the QR code's data: segno encodes the same URL again to the same matrix
    import segno

    assert (
        segno.make("http://testserver/l/3", error="m").svg_inline(scale=8, omitsize=True)
        == svg.content.decode()
    )
    assert client.get("/de/teilen/", {"link": "/l/99"}).status_code == 404
    assert client.get("/de/teilen/", {"link": "../../etc/passwd"}).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_search_finds_a_guideline_by_an_inflected_german_word(client):
    body = client.get("/de/suche/", {"q": "Migrationen"}).content.decode()
    assert 'href="/de/leitlinien/1/"' in body
    assert "<mark>Migration</mark>" in body


def test_search_follows_edits_and_publishing(client):
    """The search index is updated on every save: a new word is found at once, a draft
    disappears from the results, a deleted entry too."""
    leitlinie = Leitlinie.objects.get(number=4)
    leitlinie.editorial_title_de = "Quartiersbegegnungsfest"
    leitlinie.save()
    body = client.get("/de/suche/", {"q": "Quartiersbegegnungsfest"}).content.decode()
    assert 'href="/de/leitlinien/4/"' in body
    leitlinie.published = False
    leitlinie.save()
    body = client.get("/de/suche/", {"q": "Quartiersbegegnungsfest"}).content.decode()
    assert 'href="/de/leitlinien/4/"' not in body
    leitlinie.published = True
    leitlinie.save()
    leitlinie.delete()
    body = client.get("/de/suche/", {"q": "Quartiersbegegnungsfest"}).content.decode()
    assert 'href="/de/leitlinien/4/"' not in body


def test_search_in_another_language(client):
    leitlinie = Leitlinie.objects.get(number=1)
    word = max(re.findall(r"\w+", leitlinie.text_uk), key=len)
    body = client.get("/uk/suche/", {"q": word}).content.decode()
    assert 'href="/uk/leitlinien/1/"' in body


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a" * 10000,
        "'; DROP TABLE leitlinien_leitlinie; --",
        "<script>alert(1)</script>",
        "Migration مهاجرت Міграція",
        "der die das und",
        "\x00abc",
        "%",
        "\\",
        "(",
        "!!!",
        "\u202e",
    ],
)
def test_search_answers_any_query_clearly(client, query):
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert Leitlinie.objects.count() == 7


def test_sitemap_lists_every_page_in_every_language_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = {url.find("s:loc", ns).text for url in root.findall("s:url", ns)}
    domain = Site.objects.get_current().domain
    for language in LANGUAGES:
        for path in public_urls(language):
            assert f"http://{domain}{path}" in locations, path
    first = root.find("s:url", ns)
    hreflangs = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert set(LANGUAGES) | {"x-default"} <= hreflangs
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_atom_feed_per_language_and_calendar(client):
    feed = client.get("/ar/aenderungen.atom")
    assert feed.status_code == 200
    root = ET.fromstring(feed.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) >= 20
    assert all("/ar/" in e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in entries)
    ics = client.get("/de/phase-2.ics").content.decode()
    assert ics.count("BEGIN:VEVENT") == 5
    assert "DTSTART;VALUE=DATE:20210208" in ics
    assert "Aktionswoche" in ics


def test_open_data_page_json_and_csv(client):
    page = client.get("/de/offene-daten/").content.decode()
    assert "/daten/wir-sind-hannover.json" in page
    data = json.loads(client.get("/daten/wir-sind-hannover.json").content)
    keys = {(o["model"], o["key"]) for o in data["objects"]}
    assert ("leitlinien.leitlinie", "leitlinie-1") in keys
    leitlinie = next(o for o in data["objects"] if o["key"] == "leitlinie-1")
    assert (
        leitlinie["fields"]["text_ar"]
        and leitlinie["translation_states"]["official"]["ar"]["state"] == "unreviewed"
    )
    assert "reviewed_by" not in json.dumps(data)
    csv_text = client.get("/daten/leitlinie.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("key,")
    assert len(csv_text.splitlines()) == 8


def test_backup_round_trips_through_an_empty_database_byte_for_byte(tmp_path):
    """export_content → empty database → import_content → export_content: the same bytes,
    with staff edits, reviews (and who did them) and old addresses."""
    from django.contrib.auth.models import User
    from django.contrib.redirects.models import Redirect

    reviewer = User.objects.create_user("pruefer", password="x-Secret-12345")
    state = TranslationState.objects.filter(language="ar").first()
    state.state = "reviewed"
    state.reviewed_by = reviewer
    state.reviewed_at = timezone.now()
    state.save()
    leitlinie = Leitlinie.objects.get(number=3)
    leitlinie.editorial_title_uk = "Змінено редакцією"
    leitlinie.save()
    Redirect.objects.create(
        site=Site.objects.get_current(), old_path="/de/leitlinien/9/", new_path="/de/leitlinien/3/"
    )
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export_content", str(first))

    for model in reversed(content_models()):  # what refers to others first
        model.objects.all().delete()
    TranslationState.objects.all().delete()
    Redirect.objects.all().delete()
    User.objects.all().delete()
    assert backup.export_data()["objects"] == []

    call_command("import_content", str(first))
    call_command("export_content", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert '"reviewed_by": "pruefer"' in first.read_text()
    assert "Змінено редакцією" in first.read_text()
    assert not User.objects.get(username="pruefer").has_usable_password()
