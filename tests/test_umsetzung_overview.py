"""The three public pages of the implementation: where it stands (measures per status,
money per year, reports, facts), the funding programme (lines, pots, calls, projects and
the sums counted from them) and the matrix of Leitlinien × Handlungsfelder.

Every figure is computed from the records: the tests create their own measures and
projects (after removing those of the real content) and read the figures off the pages.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from operations import site_data
from search.index import index_suspended
from tests.support import LANGUAGES, RTL_LANGUAGES, in_language, visible_text
from umsetzung.models import (
    Bericht,
    Foerderaufruf,
    Foerderlinie,
    Foerderprojekt,
    Foerdertopf,
    Massnahme,
    Stadtbezirk,
    Status,
    Umsetzungsfakt,
)

pytestmark = pytest.mark.django_db

PAGES = ["umsetzung:overview", "umsetzung:funding", "umsetzung:matrix"]


@pytest.fixture
def empty(settings):
    """No measures, projects, calls, pots, lines, reports or facts: only the tests' own."""
    settings.PAGE_CACHE_SECONDS = 0
    for model in (
        Foerderprojekt,
        Foerderaufruf,
        Foerdertopf,
        Foerderlinie,
        Bericht,
        Umsetzungsfakt,
    ):
        model.objects.all().delete()
    Massnahme.objects.all().delete()


def url(name, language="de"):
    with translation.override(language):
        return reverse(name)


def page(client, name, language="de") -> str:
    response = client.get(url(name, language))
    assert response.status_code == 200, (name, language)
    return response.content.decode()


def measure(key, status, published=True, field=None, leitlinien=(), **fields):
    # Not indexed for the search: the measure's own page comes with the list of measures.
    with index_suspended():
        created = Massnahme.objects.create(
            key=key,
            title=fields.pop("title", f"Maßnahme {key}"),
            status=status,
            handlungsfeld=field,
            published=published,
            **fields,
        )
        created.leitlinien.set(leitlinien)
    return created


def line(key="gross", name="Großprojekte", position=1):
    return Foerderlinie.objects.create(key=key, name=name, position=position, published=True)


def project(key, amount=None, published=True, **fields):
    return Foerderprojekt.objects.create(
        key=key, title=f"Projekt {key}", amount=amount, published=published, **fields
    )


def section(body: str, anchor: str) -> str:
    """The HTML of the ``<section id=anchor>``."""
    match = re.search(rf'<section id="{anchor}".*?</section>', body, re.S)
    assert match, anchor
    return match.group(0)


def table_rows(html: str, table_id: str | None = None) -> list[list[str]]:
    """The visible text of each body row of a table (the first one, or ``table_id``)."""
    pattern = rf'<table[^>]*id="{table_id}".*?</table>' if table_id else r"<table.*?</table>"
    table = re.search(pattern, html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        [visible_text(cell) for cell in re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr\b.*?</tr>", body, re.S)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_every_language_with_its_direction(client, empty, language):
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    for name in PAGES:
        body = page(client, name, language)
        assert f'<html lang="{language}" dir="{direction}">' in body, name
        assert body.count("<h1") == 1, name
        assert 'aria-current="page"' in body  # the breadcrumb ends at the page


def test_the_measures_per_status_count_every_published_measure_in_status_order(client, empty):
    statuses = list(Status.objects.published())
    running, done = statuses[3], statuses[4]
    for i in range(3):
        measure(f"laeuft-{i}", running)
    measure("fertig", done)
    measure("entwurf", done, published=False)  # a draft is not counted
    body = page(client, "umsetzung:overview")
    shown = section(body, "status")
    expected = [[f"{s.symbol} {s.name}", str({running: 3, done: 1}.get(s, 0))] for s in statuses]
    assert table_rows(shown, "status-table") == expected
    # The chart shows the same figures: each status's symbol, name and count as text.
    chart = re.search(r"<svg.*?</svg>", shown, re.S).group(0)
    labels = re.findall(r'<text class="bar-label"[^>]*>(.*?)</text>', chart)
    counts = re.findall(r'<text class="bar-count"[^>]*>(.*?)</text>', chart)
    assert [[label, count] for label, count in zip(labels, counts, strict=True)] == expected
    assert 'role="img" aria-labelledby="status-chart-title status-chart-desc"' in chart
    # The longest bar is the most frequent status; a status without measures has none.
    widths = [float(w) for w in re.findall(r'<rect class="bar"[^>]*width="([\d.]+)"', chart)]
    assert widths[3] == max(widths) and widths[4] == pytest.approx(widths[3] / 3, abs=0.1)
    assert widths[0] == 0
    assert "Auf diesem Portal sind 4 Maßnahmen erfasst." in visible_text(shown)


def test_the_chart_grows_from_the_right_in_arabic(client, empty):
    status = Status.objects.published()[3]
    measure("laeuft", status)
    chart = re.search(r"<svg.*?</svg>", page(client, "umsetzung:overview", "ar"), re.S).group(0)
    bars = re.findall(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', chart)
    assert [float(x) + float(w) for x, w in bars] == [320.0] * len(bars)
    assert "١" in chart  # the count in Arabic digits


def test_the_money_per_year_is_counted_from_the_projects_with_a_known_amount(client, empty):
    gross = line()
    project("a", Decimal("50000"), year=2023, line=gross)
    project("b", Decimal("15000.50"), year=2023, line=gross)
    project("c", Decimal("20000"), year=2024, line=gross)
    project("entwurf", Decimal("999999"), year=2024, published=False)
    rows = table_rows(section(page(client, "umsetzung:overview"), "money"))
    assert rows == [["2023", "2", "65.000,50 €"], ["2024", "1", "20.000 €"]]
    assert "85.000,50 €" in visible_text(section(page(client, "umsetzung:overview"), "money"))

    project("ohne-betrag", None, year=2024, line=gross, amount_note="Anteil an gut 65.000 €")
    shown = section(page(client, "umsetzung:overview"), "money")
    assert table_rows(shown) == rows  # unchanged
    assert "1 Projekt ohne bekannten Betrag ist nicht mitgezählt." in visible_text(shown)
    english = visible_text(section(page(client, "umsetzung:overview", "en"), "money"))
    assert "€65,000.50" in english and "1 project without a known amount" in english


def test_the_funding_page_sums_per_year_field_district_and_line(client, empty):
    gross, small = line(), line("klein", "Kleinprojekte", 2)
    bildung, arbeit = Handlungsfeld.objects.published()[:2]
    status = Status.objects.published().first()
    m_bildung = measure("bildung", status, field=bildung)
    m_arbeit = measure("arbeit", status, field=arbeit)
    mitte, nord = Stadtbezirk.objects.get(number=1), Stadtbezirk.objects.get(number=13)
    project("a", Decimal("40000"), year=2023, line=gross, measure=m_bildung, district=mitte)
    project("b", Decimal("10000"), year=2024, line=small, measure=m_arbeit, district=mitte)
    project("c", Decimal("5000"), year=2024, line=small, district=nord, year_inferred=True)
    project("d", None, year=2024, line=small, measure=m_bildung)
    body = page(client, "umsetzung:funding")
    totals = section(body, "totals")
    assert table_rows(totals, "total-per-year") == [
        ["2023", "1", "40.000 €"],
        ["2024", "2", "15.000 €"],
    ]
    assert table_rows(totals, "total-per-field") == [
        [bildung.title, "1", "40.000 €"],
        [arbeit.title, "1", "10.000 €"],
        ["ohne Angabe", "1", "5.000 €"],
    ]
    assert table_rows(totals, "total-per-district") == [
        ["Mitte", "2", "50.000 €"],
        ["Nord", "1", "5.000 €"],
    ]
    assert table_rows(totals, "total-per-line") == [
        ["Großprojekte", "1", "40.000 €"],
        ["Kleinprojekte", "2", "15.000 €"],
    ]
    text = visible_text(totals)
    assert "Zusammen 55.000 € für 3 Projekte mit bekanntem Betrag." in text
    assert "1 Projekt ohne bekannten Betrag ist nicht mitgezählt." in text
    projects = {row[0]: row for row in table_rows(section(body, "projects"))}
    assert projects["Projekt c"][5] == "2024 (erschlossen)"
    assert projects["Projekt d"][6] == "nicht bekannt"
    assert projects["Projekt a"][3:5] == ["Maßnahme bildung", "Mitte"]


def test_the_funding_page_shows_lines_pots_calls_and_funding_facts(client, empty):
    gross, small = line(), line("klein", "Kleinprojekte", 2)
    gross.limit_text = "bis zu 50.000 € je Maßnahme"
    gross.save()
    Foerdertopf.objects.create(key="t-g-23", line=gross, year=2023, amount=300000, published=True)
    Foerdertopf.objects.create(key="t-k-23", line=small, year=2023, amount=65000, published=True)
    Foerdertopf.objects.create(key="t-k-24", line=small, year=2024, published=True)
    Foerderaufruf.objects.create(
        key="aufruf",
        line=gross,
        title="Aufruf Sprachcafés",
        published=True,
        deadline="2023-09-01",
        deadline_precision="month",
    )
    Umsetzungsfakt.objects.create(
        key="f-fund",
        topic="funding",
        editorial_title="Der Topf",
        published=True,
        editorial_text="<p>Geld aus dem Haushalt.</p>",
        editorial_source_label="Quelle X",
    )
    Umsetzungsfakt.objects.create(
        key="f-frame",
        topic="frame",
        editorial_title="Der Rahmen",
        published=True,
        editorial_text="<p>Seit 2022.</p>",
    )
    body = page(client, "umsetzung:funding")
    assert "bis zu 50.000 € je Maßnahme" in visible_text(section(body, "lines"))
    assert table_rows(section(body, "pots")) == [
        ["2023", "300.000 €", "65.000 €", "365.000 €"],
        ["2024", "– kein Topf", "Betrag nicht veröffentlicht", "– nicht bekannt"],
    ]
    calls = visible_text(section(body, "calls"))
    assert "Aufruf Sprachcafés" in calls and "September 2023" in calls
    assert "Ergebnis nicht veröffentlicht" in calls
    facts = visible_text(section(body, "facts-funding"))
    assert "Der Topf" in facts and "Geld aus dem Haushalt." in facts and "Quelle X" in facts
    assert "Der Rahmen" not in body
    overview = page(client, "umsetzung:overview")
    assert "Der Rahmen" in visible_text(section(overview, "facts-frame"))
    assert "Der Topf" not in overview


def test_the_reports_show_their_date_as_precisely_as_known(client, empty):
    Bericht.objects.create(
        key="zwischenbericht",
        title="Zwischenbericht",
        date="2025-05-01",
        date_precision="month",
        published=True,
        editorial_text="<p>Vorgestellt im Ausschuss.</p>",
        editorial_source_label="Quelle Y",
    )
    reports = section(page(client, "umsetzung:overview"), "reports")
    text = visible_text(reports)
    assert '<time datetime="2025-05">' in reports and "Mai 2025" in text
    assert "Der Bericht selbst ist nicht veröffentlicht." in text
    assert "Vorgestellt im Ausschuss." in text and "Quelle Y" in text


def test_a_matrix_cell_lists_exactly_the_measures_of_its_guideline_and_field(client, empty):
    status = Status.objects.published().first()
    first, second = Leitlinie.objects.published()[:2]
    bildung, arbeit = Handlungsfeld.objects.published()[:2]
    measure("beide", status, field=bildung, leitlinien=[first, second])
    measure("nur-eins", status, field=bildung, leitlinien=[first])
    measure("arbeit", status, field=arbeit, leitlinien=[second])
    measure("ohne-feld", status, leitlinien=[first])
    measure("entwurf", status, published=False, field=bildung, leitlinien=[first])
    body = page(client, "umsetzung:matrix")
    fields = list(Handlungsfeld.objects.published())
    rows = table_rows(body)
    assert len(rows) == Leitlinie.objects.published().count()
    assert all(len(row) == len(fields) + 1 for row in rows)
    column = {field.pk: index + 1 for index, field in enumerate(fields)}
    assert rows[0][column[bildung.pk]] == "Maßnahme beide Maßnahme nur-eins"
    assert rows[1][column[bildung.pk]] == "Maßnahme beide"
    assert rows[1][column[arbeit.pk]] == "Maßnahme arbeit"
    assert rows[0][column[arbeit.pk]] == "– keine Maßnahme"
    assert "Maßnahme ohne-feld" not in body and "Maßnahme entwurf" not in body
    assert 'role="region" aria-labelledby="matrix-caption" tabindex="0"' in body


def add(n: int) -> None:
    """``n`` more of everything the three pages show."""
    status = Status.objects.published().first()
    leitlinie, field = Leitlinie.objects.published().first(), Handlungsfeld.objects.first()
    gross = Foerderlinie.objects.get_or_create(
        key="gross", defaults={"name": "G", "published": True}
    )[0]
    district = Stadtbezirk.objects.first()
    start = Massnahme.objects.count()
    for i in range(start, start + n):
        created = measure(f"m-{i}", status, field=field, leitlinien=[leitlinie])
        project(
            f"p-{i}", Decimal(i), year=2020 + i % 5, line=gross, measure=created, district=district
        )
        Foerderaufruf.objects.create(
            key=f"a-{i}", line=gross, measure=created, title=f"A {i}", published=True
        )
        Bericht.objects.create(key=f"b-{i}", title=f"B {i}", published=True)
        Umsetzungsfakt.objects.create(
            key=f"f-{i}", topic="frame", editorial_title=f"F {i}", published=True
        )
        Umsetzungsfakt.objects.create(
            key=f"g-{i}", topic="funding", editorial_title=f"G {i}", published=True
        )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pages_need_the_same_queries_for_5_and_for_50_records(client, empty, language):
    def queries() -> dict[str, int]:
        counted = {}
        for name in PAGES:
            site_data.clear()  # computed afresh, not kept from the last request
            with CaptureQueriesContext(connection) as captured:
                page(client, name, language)
            counted[name] = len(captured)
        return counted

    add(5)
    few = queries()
    add(45)
    assert queries() == few
    assert Massnahme.objects.count() == 50


def test_unreviewed_translations_are_marked_once_for_a_whole_list(client, empty):
    notice = in_language("ar", "Machine translation, not yet reviewed.")
    statuses_page = page(client, "umsetzung:statuses", "ar")
    assert statuses_page.count(notice) == 1  # the seeded statuses: machine-translated
    assert section(page(client, "umsetzung:overview", "ar"), "status").count(notice) == 1
    assert notice not in section(page(client, "umsetzung:overview"), "status")
    gross = line()
    gross.name_ar = "مشاريع كبيرة"
    gross.save()
    lines = section(page(client, "umsetzung:funding", "ar"), "lines")
    assert "مشاريع كبيرة" in lines and 'lang="de"' not in lines
