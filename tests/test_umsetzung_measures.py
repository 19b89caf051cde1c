"""The measures of the catalogue in public: the filterable list (a plain GET form, also as
CSV), one measure's page with status, planned and actual dates, history and money, and
what Handlungsfeld, Leitlinie and district pages show of them."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from tests.support import LANGUAGES, in_language, visible_text
from umsetzung.models import Fortschrittsmeldung, Massnahme, Stadtbezirk, Status

pytestmark = pytest.mark.django_db

LIST = "/de/umsetzung/massnahmen/"


def status(key):
    return Status.objects.get(key=key)


def measure(key, *, field="bildung", state="nicht-veroeffentlicht", districts=(), **fields):
    created = Massnahme.objects.create(
        key=key,
        title=fields.pop("title", f"Testmaßnahme {key}"),
        handlungsfeld=Handlungsfeld.objects.get(key=field) if field else None,
        status=status(state),
        published=fields.pop("published", True),
        **fields,
    )
    created.districts.set(Stadtbezirk.objects.filter(key__in=districts))
    return created


def listed(client, query="", language="de") -> list[str]:
    """The keys of the measures a visitor finds in the list (every page of it)."""
    body = client.get(f"/{language}/umsetzung/massnahmen/?{query}").content.decode()
    return [key for key in Massnahme.objects.values_list("key", flat=True) if f'id="{key}"' in body]


@pytest.fixture
def catalogue():
    Massnahme.objects.all().delete()
    year = datetime.date
    return {
        "a": measure(
            "test-a",
            districts=["mitte"],
            responsible="Fachbereich Schule",
            planned_start=year(2023, 1, 1),
            planned_start_precision="year",
            planned_end=year(2024, 12, 31),
            planned_end_precision="year",
        ),
        "b": measure(
            "test-b",
            field="demokratie",
            state="in-umsetzung",
            districts=["nord"],
            actual_start=year(2025, 3, 1),
            actual_start_precision="month",
        ),
        "c": measure("test-c", field=None, citywide=True, state="entfallen"),
        "draft": measure("test-draft", published=False, districts=["mitte"]),
    }


def test_the_list_shows_every_published_measure_and_counts_them(client, catalogue):
    for language in LANGUAGES:
        response = client.get(f"/{language}/umsetzung/massnahmen/")
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="test-a"' in body and 'id="test-draft"' not in body
    german = visible_text(client.get(LIST).content.decode())
    assert "3 Maßnahmen gefunden" in german
    assert "<title>Maßnahmen (3 Treffer)" in client.get(LIST).content.decode()  # read first


def test_each_filter_narrows_the_list_as_its_label_says(client, catalogue):
    catalogue["a"].leitlinien.set(Leitlinie.objects.filter(number=2))
    assert listed(client, "handlungsfeld=bildung") == ["test-a"]
    assert listed(client, "status=in-umsetzung") == ["test-b"]
    assert listed(client, "bezirk=mitte") == ["test-a"]  # the draft stays hidden
    assert listed(client, "bezirk=stadtweit") == ["test-c"]
    assert listed(client, "leitlinie=leitlinie-2") == ["test-a"]
    assert listed(client, "amt=Fachbereich+Schule") == ["test-a"]
    # a year: the period touches it (actual dates where known, planned otherwise)
    assert listed(client, "jahr=2024") == ["test-a"]
    assert listed(client, "jahr=2026") == ["test-b"]  # started, no end yet
    assert listed(client, "jahr=2022") == []
    assert sorted(listed(client, "handlungsfeld=bildung&status=in-umsetzung")) == []


@pytest.mark.parametrize(
    "query",
    [
        "status=gibt-es-nicht",
        "jahr=" + "9" * 10000,
        "handlungsfeld=%3Cx-hostile-123%3E",
        "bezirk[]=mitte&seite=-1",
        "seite=999999",
        "seite=abc",
    ],
)
def test_unknown_or_hostile_filter_values_are_ignored_politely(client, catalogue, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<x-hostile-123" not in body
    assert listed(client, query) == ["test-a", "test-b", "test-c"]
    if "=gibt" in query or "jahr=" in query:
        ignored = "Some values of this address are not available and were ignored:"
        assert in_language("de", ignored) in body


def test_the_csv_has_exactly_the_filtered_measures(client, catalogue):
    response = client.get("/de/umsetzung/massnahmen.csv?bezirk=mitte")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["key"] for row in rows] == ["test-a"]
    assert rows[0]["districts"] == "mitte" and rows[0]["planned_start"] == "2023"
    everything = client.get("/de/umsetzung/massnahmen.csv").content.decode("utf-8-sig")
    assert {row["key"] for row in csv.DictReader(io.StringIO(everything))} == {
        "test-a",
        "test-b",
        "test-c",
    }


def test_the_list_and_a_measure_page_take_a_fixed_number_of_queries(client, catalogue):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def more(number):
        extra = measure(f"test-more-{number}", districts=["mitte", "nord"])
        extra.parent = catalogue["a"]
        extra.save()
        for on, day in (
            (extra, datetime.date(2024, 1, 1)),
            (catalogue["a"], datetime.date(2024, 2, 1)),
        ):
            Fortschrittsmeldung.objects.create(measure=on, date=day, published=True)

    more(0)  # a measure with one part and one report against one with 30 of each
    few_list, few_page = queries(LIST + "?bezirk=mitte"), queries(catalogue["a"].get_absolute_url())
    for number in range(1, 31):
        more(number)
    assert queries(LIST + "?bezirk=mitte") == few_list
    assert queries(catalogue["a"].get_absolute_url()) == few_page


def test_a_list_entry_is_rendered_once_and_shows_every_edit_at_once(client, catalogue, settings):
    """Entries are kept per content generation: another filter with the same measures reads
    only the count and the page's numbers, and a save shows in every list at once."""
    settings.PAGE_CACHE_SECONDS = 0

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).content.decode()
        return len(captured), visible_text(body)

    queries(LIST + "?bezirk=mitte")
    count, text = queries(LIST + "?bezirk=mitte&handlungsfeld=bildung")
    assert count == 2 and "Testmaßnahme test-a" in text  # the count and the page's numbers
    a = catalogue["a"]
    a.title = "Neu benannte Maßnahme"
    a.districts.add(Stadtbezirk.objects.get(key="nord"))
    a.save()
    for query in ("?bezirk=mitte", "?bezirk=nord", ""):
        count, text = queries(LIST + query)
        assert "Neu benannte Maßnahme" in text and "Testmaßnahme test-a" not in text
        assert "Mitte, Nord" in text
    hidden = catalogue["b"]
    hidden.published = False
    hidden.save()
    assert "test-b" not in listed(client)


def test_a_measure_page_shows_status_dates_history_and_money(client, catalogue):
    a = catalogue["a"]
    a.actual_start, a.actual_start_precision = datetime.date(2023, 11, 1), "month"
    a.budget_approved = 10000
    a.save()
    previous = a.status
    a.status = status("in-umsetzung")
    a.save()
    a.record_status_change(previous, "Der Fachbereich hat begonnen.")
    body = client.get(a.get_absolute_url()).content.decode()
    text = visible_text(body)
    assert "Testmaßnahme test-a" in text
    assert "Stand nicht veröffentlicht → ◑ in Umsetzung" in text.replace("? ", "")
    assert "Der Fachbereich hat begonnen." in text
    assert "10.000 €" in text
    # planned “2023” (a year), actual November 2023: within the planned year, not late
    assert in_language("de", "(started later than planned)") not in text
    for anchor in ("stand", "zeitplan", "verlauf", "geld", "einordnung", "quelle"):
        assert f'id="{anchor}"' in body
    assert client.get("/mn/test-a")["Location"] == "/de/umsetzung/massnahmen/test-a/"


def test_late_start_is_shown_only_after_the_whole_planned_period(client, catalogue):
    b = catalogue["b"]  # started March 2025
    b.planned_start, b.planned_start_precision = datetime.date(2025, 3, 1), "month"
    b.save()
    late = in_language("de", "(started later than planned)")
    assert late not in visible_text(client.get(b.get_absolute_url()).content.decode())
    b.planned_start, b.planned_start_precision = datetime.date(2024, 1, 1), "year"
    b.save()
    assert late in visible_text(client.get(b.get_absolute_url()).content.decode())


def test_a_draft_measure_has_no_public_page(client, catalogue):
    assert client.get(catalogue["draft"].get_absolute_url()).status_code == 404
    assert client.get("/de/umsetzung/massnahmen/gibt-es-nicht/").status_code == 404


def test_field_guideline_and_district_pages_list_their_measures(client, catalogue):
    catalogue["b"].leitlinien.set(Leitlinie.objects.filter(number=3))
    field = visible_text(client.get("/de/handlungsfelder/bildung/").content.decode())
    assert "Testmaßnahme test-a" in field and "Testmaßnahme test-b" not in field
    guideline = visible_text(client.get("/de/leitlinien/3/").content.decode())
    assert "Testmaßnahme test-b" in guideline and "Testmaßnahme test-a" not in guideline
    district = visible_text(client.get("/de/stadtbezirke/mitte/").content.decode())
    assert "Testmaßnahme test-a" in district and "Testmaßnahme test-draft" not in district
    assert "1" in district  # one citywide measure is mentioned


def test_the_feed_lists_status_changes_of_published_measures(client, catalogue):
    a, draft = catalogue["a"], catalogue["draft"]
    for item in (a, draft):
        previous, item.status = item.status, status("umgesetzt")
        item.save()
        item.record_status_change(previous, "Abgeschlossen laut Bericht.")
    feed = client.get("/de/umsetzung/verlauf.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Testmaßnahme test-a" in body and "test-draft" not in body


def test_filtered_lists_are_kept_only_under_addresses_the_portal_makes(client, cache_backend):
    chosen = f"{LIST}?handlungsfeld=bildung&status=in-umsetzung"
    sent_by_the_form = (
        f"{LIST}?handlungsfeld=bildung&leitlinie=&status=in-umsetzung&bezirk=&amt=&jahr="
    )
    for url in (
        chosen,
        sent_by_the_form,
        f"{chosen}&seite=1",
        "/de/umsetzung/massnahmen.csv?bezirk=mitte",
    ):
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for query in (
        "status=in-umsetzung&handlungsfeld=bildung",  # not the form's order
        "handlungsfeld=gibt-es-nicht",
        "handlungsfeld=bildung&utm_source=x",
        "handlungsfeld=bildung&seite=99",  # not the page shown
        "handlungsfeld=bildung&handlungsfeld=bildung",
    ):
        for _ in range(2):
            response = client.get(f"{LIST}?{query}")
            assert response.status_code == 200 and "X-Page-Cache" not in response, query


def test_progress_derived_from_sub_measures_is_their_average_in_list_csv_and_page(
    client, catalogue
):
    parent = measure("test-parent", progress_from=Massnahme.Progress.CHILDREN)
    for key, value in (("test-child-1", 20), ("test-child-2", 60)):
        measure(key, parent=parent, progress_from=Massnahme.Progress.TYPED, progress=value)
    shown = in_language("de", "{value} %").format(value=40)
    listed_page = visible_text(client.get(f"{LIST}?handlungsfeld=bildung").content.decode())
    assert shown in listed_page
    assert shown in visible_text(client.get(parent.get_absolute_url()).content.decode())
    rows = csv.DictReader(
        io.StringIO(client.get("/de/umsetzung/massnahmen.csv").content.decode("utf-8-sig"))
    )
    assert {row["key"]: row["progress"] for row in rows}["test-parent"] == "40"


def test_a_part_links_the_measure_it_belongs_to_only_while_that_is_public(client, catalogue):
    whole = measure("test-whole", title="Die ganze Maßnahme")
    part = measure("test-part", parent=whole)
    page = visible_text(client.get(part.get_absolute_url()).content.decode())
    assert in_language("de", "Part of") in page and "Die ganze Maßnahme" in page
    assert (
        f'href="{whole.get_absolute_url()}"' in client.get(part.get_absolute_url()).content.decode()
    )
    whole.published = False
    whole.save()
    body = client.get(part.get_absolute_url()).content.decode()
    assert "Die ganze Maßnahme" not in body and whole.get_absolute_url() not in body
