"""The facts on the implementation phase (fixtures/source/umsetzung.md, a copy of the
seed's umsetzung.md) as editorial additions
in the German content: every source is linked, every named measure and project is there,
nothing official is invented (no status, text or amount that no source states)."""

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers

from exchange.loader import fixture_files, load_strategy
from tests.support import LANGUAGES, visible_text
from umsetzung.models import (
    NOT_PUBLISHED,
    Bericht,
    Foerderaufruf,
    Foerderlinie,
    Foerderprojekt,
    Foerdertopf,
    Fortschrittsmeldung,
    Massnahme,
    Ratsdokument,
    Stadtbezirk,
    Umsetzungsfakt,
    Ziel,
)

pytestmark = pytest.mark.django_db

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "source" / "umsetzung.md"
MD = SOURCE.read_text(encoding="utf-8")

# The models the file's facts went into (editorial additions, one object per fact).
SEEDED = (
    Ziel,
    Massnahme,
    Fortschrittsmeldung,
    Foerderlinie,
    Foerdertopf,
    Foerderaufruf,
    Foerderprojekt,
    Bericht,
    Umsetzungsfakt,
)
UMSETZUNG = (*SEEDED, Ratsdokument, Stadtbezirk)

# The two statuses a source states (section 2.2 and 2.7 of the file).
STATED_STATUS = {
    "tiny-houses-wohnprojekt-fuer-junge-menschen": ("entfallen", "2021-11-22"),
    "a-teams-im-auftrag-gegen-diskriminierung": ("in-den-regelbetrieb-uebernommen", "2023-07-17"),
}
# The only projects whose own amount a source states.
STATED_AMOUNT = {
    "fluid-identity-2-0": (Decimal("50000"), "50.000 €"),
    "a-teams-im-auftrag-gegen-diskriminierung-2023": (Decimal("10000"), "10.000 €"),
}


def table(heading: str) -> list[list[str]]:
    """The body rows of the Markdown table under ``heading``, as lists of cells."""
    part = MD.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in part.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def names(cell: str) -> list[str]:
    return re.findall(r"„(.+?)“", cell)


def links_in(obj) -> set[str]:
    text = obj.editorial_text_de or ""
    return {html.unescape(href) for href in re.findall(r'href="([^"]+)"', text)}


def editorial_words(obj) -> str:
    return " ".join(
        [getattr(obj, "editorial_title_de", "") or "", visible_text(obj.editorial_text_de or "")]
    )


def test_every_source_link_of_the_file_is_in_the_german_content():
    wanted = set(re.findall(r"\]\(<([^>]+)>\)", MD))
    assert len(wanted) > 70
    present = set()
    for model in UMSETZUNG:
        for obj in model.objects.published():
            present.add(obj.editorial_source_url)
            present |= links_in(obj)
    assert sorted(wanted - present) == []


def test_every_fact_is_an_unchecked_editorial_addition_with_its_source():
    for model in SEEDED:
        objects = list(model.objects.all())
        assert objects, model
        for obj in objects:
            assert obj.published, obj.key
            assert visible_text(obj.editorial_text_de), obj.key
            assert not obj.editorial_checked, obj.key
            # Where the source's address does not fit the field, the text links it.
            if obj.editorial_source_label_de and not obj.editorial_source_url:
                assert links_in(obj), obj.key
    # Only the gaps (section 8, "[Not found]") have no source of their own.
    unsourced = [
        obj
        for model in SEEDED
        for obj in model.objects.all()
        if not obj.editorial_source_label_de and not links_in(obj)
    ]
    assert {type(obj) for obj in unsourced} <= {Umsetzungsfakt}
    assert {obj.topic for obj in unsourced} <= {Umsetzungsfakt.Topic.GAPS}


def test_every_row_of_table_a_is_a_measure_with_its_name():
    rows = table("## A. Measures known from sources")
    assert len(rows) == 24
    measures = list(Massnahme.objects.all())
    assert len(measures) == len(rows)
    assert {m.source for m in measures} == {Massnahme.Source.PUBLIC}
    titles = {m.title_de for m in measures}
    words = " ".join(editorial_words(m) for m in measures)
    for row in rows:
        cell = row[1]
        found = names(cell)
        if cell.startswith("„"):
            # The measure's German name as the source spells it is its title.
            assert found[0] in titles, found[0]
            found = found[1:]
        for name in found:
            assert name in titles or name in words, name
    # Rows without a name got an editorial short name, never an official title.
    unnamed = [row for row in rows if not row[1].startswith("„")]
    assert len([m for m in measures if not m.title_de]) == len(unnamed)
    assert all(m.title_de or m.editorial_title_de for m in measures)


def test_a_handlungsfeld_only_where_the_file_states_it():
    rows = table("## A. Measures known from sources")
    stated = sum(1 for row in rows if not row[0].startswith("not stated"))
    measures = Massnahme.objects.all()
    assert measures.filter(handlungsfeld__isnull=False).count() == stated
    for key in (
        "dritte-orte-fuer-kulturelle-diskussionen",
        "berufsbegleitende-deutschkurse-pflege",
        "a-teams-im-auftrag-gegen-diskriminierung",
    ):
        assert measures.get(key=key).handlungsfeld is None
    inferred = measures.get(key="dritte-orte-fuer-kulturelle-diskussionen")
    assert "Vermutung der Redaktion, nicht belegt" in editorial_words(inferred)


def test_every_row_of_table_b_is_a_funded_project_with_its_title_and_year():
    rows = table("## B. Funded projects known from sources")
    projects = list(Foerderprojekt.objects.order_by("position"))
    assert len(projects) == len(rows)
    titles = {p.title for p in projects}
    words = " ".join(p.title + " " + editorial_words(p) for p in projects)
    for row in rows:
        cell = row[0]
        found = names(cell)
        if cell.startswith("„"):
            assert found[0] in titles, found[0]
            found = found[1:]
        for name in found:
            assert name in words, name
    for row, project in zip(rows, projects, strict=True):
        year = row[3]
        if year == "not stated":
            assert project.year is None and not project.year_inferred, project.key
        else:
            first, *last = re.findall(r"\d{4}", year)
            assert project.year == int(first), project.key
            assert project.year_inferred == year.startswith("("), project.key
            assert project.end_year == (int(last[0]) if last else None), project.key
        if "an individual applicant" in row[1]:
            assert project.organisation == "Einzelperson", project.key
        if "cut off" in cell:
            assert project.title.endswith("…")
            assert "Titel in der Quelle abgeschnitten" in editorial_words(project)


def test_only_the_two_measures_a_source_gives_a_status_have_one():
    statuses = {
        m.key: m.status.key
        for m in Massnahme.objects.select_related("status")
        if m.status.key != NOT_PUBLISHED
    }
    assert statuses == {key: status for key, (status, _date) in STATED_STATUS.items()}
    changes = Fortschrittsmeldung.objects.filter(previous_status__isnull=False)
    assert {
        (c.measure.key, c.previous_status.key, c.status.key, str(c.date), c.date_precision)
        for c in changes
    } == {
        (key, NOT_PUBLISHED, status, date, "day") for key, (status, date) in STATED_STATUS.items()
    }
    # Every other entry reports an event: no status, no progress, no money, no city text.
    events = Fortschrittsmeldung.objects.filter(previous_status__isnull=True)
    assert events.count() > 10
    for entry in events:
        assert entry.status is None and entry.progress is None and entry.money_spent is None
    assert not any(e.text_de for e in Fortschrittsmeldung.objects.all())
    for measure in Massnahme.objects.all():
        assert measure.progress_from == Massnahme.Progress.NONE and measure.progress is None


def test_the_dated_events_of_the_a_teams_are_its_history():
    a_teams = Massnahme.objects.get(key="a-teams-im-auftrag-gegen-diskriminierung")
    assert [(str(r.date), r.date_precision) for r in a_teams.reports.order_by("date")] == [
        ("2021-11-01", "month"),
        ("2022-09-19", "day"),
        ("2023-07-17", "day"),
        ("2026-02-12", "day"),
    ]
    assert (str(a_teams.actual_start), a_teams.actual_start_precision) == ("2021-11-01", "month")
    assert a_teams.document.key == "ds-0618-2023"
    assert a_teams.date_shown("actual_start") == "November 2021"


def test_no_official_wording_is_invented():
    for measure in Massnahme.objects.all():
        for language in LANGUAGES:
            assert not getattr(measure, f"summary_{language}"), measure.key
            assert not getattr(measure, f"description_{language}"), measure.key
    for goal in Ziel.objects.all():
        assert not any(getattr(goal, f"text_{language}") for language in LANGUAGES), goal.key
        assert goal.editorial_title_de, goal.key
    for line in Foerderlinie.objects.all():
        assert not line.description_de
    # A measure without a name in the file has no title of its own.
    assert Massnahme.objects.get(key="konzept-politische-bildung-an-schulen").title_de == ""


def test_amounts_only_where_a_single_projects_amount_is_stated():
    with_amount = {p.key: p.amount for p in Foerderprojekt.objects.exclude(amount=None)}
    assert set(with_amount) <= set(STATED_AMOUNT)
    for key, amount in with_amount.items():
        assert amount == STATED_AMOUNT[key][0]
    for key, (_amount, shown) in STATED_AMOUNT.items():
        project = Foerderprojekt.objects.get(key=key)
        assert shown in editorial_words(project), key
    a_teams = Foerderprojekt.objects.get(key="a-teams-im-auftrag-gegen-diskriminierung-2023")
    assert "Integrationsfonds" in a_teams.amount_note_de
    assert "nicht als Geld des Förderprogramms" in a_teams.amount_note_de
    # Shared sums stay notes, never a share computed for one project.
    shared = Foerderprojekt.objects.filter(amount_note_de__contains="65.000")
    assert shared.count() == 3 and not shared.exclude(amount=None).exists()
    assert Foerderprojekt.objects.filter(amount_note_de__contains="28.000").count() == 2
    budgets = Massnahme.objects.exclude(budget_approved=None)
    assert set(budgets.values_list("key", flat=True)) <= {
        "a-teams-im-auftrag-gegen-diskriminierung"
    }
    assert not Massnahme.objects.exclude(budget_planned=None).exists()
    assert not Massnahme.objects.exclude(budget_spent=None).exists()
    assert set(Foerdertopf.objects.exclude(amount=None).values_list("amount", flat=True)) <= {
        Decimal("200000"),
        Decimal("50000"),
    }


def test_the_funding_programme_has_its_lines_pots_and_calls():
    assert set(Foerderlinie.objects.values_list("key", flat=True)) == {
        "grossprojekte",
        "kleinprojekte",
    }
    pots = {(p.line.key, p.year, p.document.key) for p in Foerdertopf.objects.all()}
    assert pots == {
        (line, year, "ds-0073-2023")
        for line in ("grossprojekte", "kleinprojekte")
        for year in (2023, 2024)
    }
    big = Foerderaufruf.objects.filter(line__key="grossprojekte")
    assert big.count() == 7
    assert all(call.measure and call.deadline and call.outcome_de for call in big)
    # Only one call has a known winner (section 8).
    decided = [c for c in big if "nicht veröffentlicht" not in c.outcome_de]
    assert [c.measure.key for c in decided] == [
        "kulturdialoge-einer-postmigrantischen-gesellschaft"
    ]
    small = Foerderaufruf.objects.filter(line__key="kleinprojekte").exclude(deadline=None)
    assert sorted(str(c.deadline) for c in small) == ["2023-03-01", "2023-06-01"]
    fluid = Foerderprojekt.objects.get(key="fluid-identity-2-0")
    assert fluid.measure.key == "kulturdialoge-einer-postmigrantischen-gesellschaft"
    assert fluid.line.key == "grossprojekte"


def test_reports_and_facts_say_what_is_not_published():
    report = Bericht.objects.get()
    assert report.url == "" and report.date_shown("date") == "Mai 2025"
    assert "nicht gefunden" in editorial_words(report)
    assert {fact.topic for fact in Umsetzungsfakt.objects.all()} == set(Umsetzungsfakt.Topic)
    assert all(fact.editorial_title_de for fact in Umsetzungsfakt.objects.all())
    context = Umsetzungsfakt.objects.filter(topic=Umsetzungsfakt.Topic.CONTEXT)
    assert any("kein Stand des WIR2.0" in editorial_words(fact) for fact in context)
    totals = " ".join(editorial_words(f) for f in Umsetzungsfakt.objects.filter(topic="funding"))
    for figure in ("80.000 €", "34.000 €", "28.000 €", "250.000 €", "65.000 €", "566.000 €"):
        assert figure in totals, figure
    assert "nicht von uns berechnet" in totals
    conflicts = [f for f in Umsetzungsfakt.objects.all() if "widersprechen" in f.editorial_title_de]
    assert {f.topic for f in conflicts} == {"kuratorium", "indicators"}


def test_parents_come_before_their_children_in_the_file():
    objects = json.loads(fixture_files()[0].read_text(encoding="utf-8"))["objects"]
    seen = set()
    for entry in objects:
        model = entry["model"]
        if model.startswith("umsetzung."):
            for name, value in entry["fields"].items():
                field = _field(model, name)
                if field is None or not field.is_relation or value is None:
                    continue
                target = field.related_model._meta.label_lower
                for key in value if isinstance(value, list) else [value]:
                    assert (target, key) in seen, (entry["key"], name, key)
        seen.add((model, entry["key"]))


def _field(label, name):
    try:
        return apps.get_model(label)._meta.get_field(name)
    except LookupError:
        return None


def test_loading_again_changes_nothing_and_keeps_no_staff_edit():
    def rows():
        return [serializers.serialize("json", m.objects.order_by("pk")) for m in UMSETZUNG]

    before = rows()
    report = load_strategy()
    assert (report.created, report.updated_fields) == (0, 0)
    assert report.kept_staff_edits == [] and report.skipped_deleted == []
    assert rows() == before
