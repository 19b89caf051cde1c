"""Every address a page offers leads somewhere: the same page in the other languages
(also for pages named by a query parameter, like the share view), its canonical address,
and the feed it announces. Files in the formats of the first layout still load."""

import json
import re

import pytest
from django.core.management import call_command

from exchange.backup import export_data, import_data
from portal.models import Seite
from tests.support import LANGUAGES, public_urls

pytestmark = pytest.mark.django_db

LINKS = re.compile(r'<link rel="(alternate|canonical)"([^>]*)>')


def head_links(body: str) -> list[tuple[str, dict]]:
    return [
        (rel, dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)))
        for rel, attributes in LINKS.findall(body)
    ]


def switcher_links(body: str) -> list[str]:
    switcher = body[body.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    return re.findall(r'href="([^"]+)"', switcher)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_share_view_in_other_languages_shows_the_same_link(client, language):
    body = client.get(f"/{language}/teilen/", {"link": "/l/3"}).content.decode()
    alternates = [a["href"] for rel, a in head_links(body) if a.get("hreflang")]
    canonical = [a["href"] for rel, a in head_links(body) if rel == "canonical"]
    links = switcher_links(body)
    assert len(alternates) == len(LANGUAGES) + 1 and len(links) == len(LANGUAGES)
    assert canonical == [f"http://testserver/{language}/teilen/?link=%2Fl%2F3"]
    for address in alternates + links:
        assert "link=%2Fl%2F3" in address, address
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200, address
        assert "/l/3" in response.content.decode()


def test_search_results_in_another_language_keep_the_search(client):
    body = client.get("/de/suche/", {"q": "Teilhabe"}).content.decode()
    assert "/ar/suche/?q=Teilhabe" in switcher_links(body)


def test_a_hostile_search_term_stays_out_of_the_page_addresses(client):
    body = client.get("/de/suche/", {"q": '"><script>x</script>' + "x" * 5000}).content.decode()
    assert "<script>x" not in body
    assert max(len(href) for href in switcher_links(body)) < 400


def test_every_page_announces_its_feed(client):
    for language in ("de", "fa"):
        for url in public_urls(language):
            feeds = [
                a
                for rel, a in head_links(client.get(url).content.decode())
                if a.get("type") == "application/atom+xml"
            ]
            assert len(feeds) == 1, url
            assert feeds[0]["href"] == f"/{language}/aenderungen.atom" and feeds[0]["title"]
            assert client.get(feeds[0]["href"]).status_code == 200


def test_files_of_the_first_layout_still_load(tmp_path):
    """Exports and content files named the portal's pages ``hannover_strategy.*``."""
    data = export_data()
    pages = [e for e in data["objects"] if e["model"] == "portal.seite"]
    assert pages
    for entry in pages:
        entry["model"] = "hannover_strategy.seite"
        entry["fields"]["title"] = entry["fields"]["title_de"] = "Alt: " + entry["key"]
    import_data(data)
    assert Seite.objects.get(key="impressum").title_de == "Alt: impressum"

    content_file = tmp_path / "old.pl.json"
    old_entry = {"model": "hannover_strategy.seite", "key": "leichte-sprache", "fields": {}}
    old_entry["fields"]["title"] = "Tytuł z pliku w starym formacie"
    content_file.write_text(
        json.dumps({"language": "pl", "objects": [old_entry]}), encoding="utf-8"
    )
    assert not Seite.objects.get(key="leichte-sprache").title_pl
    call_command("load_strategy", str(content_file), verbosity=0)
    assert Seite.objects.get(key="leichte-sprache").title_pl == old_entry["fields"]["title"]
