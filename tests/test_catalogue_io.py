"""The catalogue of measures in and out as CSV and XLSX: what the export writes, the import
reads back unchanged; a bad file changes nothing and gets every problem named in German;
an import is one revision, its translations are unreviewed, its status changes are dated
public entries."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook
from reversion.models import Revision, Version

from content.models import TranslationState
from exchange.catalogue import export, import_file
from exchange.catalogue_files import columns
from handlungsfelder.models import Handlungsfeld
from umsetzung.models import Fortschrittsmeldung, Massnahme, Ziel

pytestmark = pytest.mark.django_db

State = TranslationState.State

ROWS = [
    {
        "key": "beispiel-sprachcafe",
        "code": "B-1",
        "handlungsfeld": "bildung",
        "goals": "beispiel-ziel-a;beispiel-ziel-b",
        "title_de": "Beispielmaßnahme Sprachcafé",
        "title_en": "Example measure language café",
        "title_ar": "مثال",
        "summary_de": "Ein erfundenes Beispiel.",
        "description_de": "Erster Absatz, <Zeichen> & mehr.\n\nZweiter Absatz\nmit Umbruch.",
        "description_uk": "Приклад.",
        "status": "in-umsetzung",
        "progress": "40",
        "planned_start": "2023",
        "planned_end": "2025-06",
        "actual_start": "2023-02-15",
        "responsible": "Beispielamt",
        "districts": "mitte;linden-limmer",
        "leitlinien": "leitlinie-1;leitlinie-3",
        "budget_planned": "50000",
        "budget_approved": "1234.50",
        "source_url": "https://example.org/beispiel",
    },
    {
        "key": "beispiel-beratung",
        "title_de": "Beispielmaßnahme Beratung; mit Semikolon, und Komma",
        "status": "",
        "budget_spent": "0",
    },
    {
        "key": "beispiel-netzwerk",
        "handlungsfeld": "soziales",
        "title_de": "Beispielmaßnahme Netzwerk",
        "status": "noch-nicht-begonnen",
        "planned_end": "2030",
    },
]


@pytest.fixture(autouse=True)
def empty_catalogue():
    """The examples here are the whole catalogue: the measures the sources name go."""
    Massnahme.objects.all().delete()


@pytest.fixture(autouse=True)
def goals():
    bildung = Handlungsfeld.objects.get(key="bildung")
    for key in ("beispiel-ziel-a", "beispiel-ziel-b"):
        Ziel.objects.create(key=key, handlungsfeld=bildung, editorial_title=f"Ziel {key}")


def csv_file(rows, header=None, delimiter=",", encoding="utf-8") -> bytes:
    header = header or [
        "key",
        "title_de",
        *sorted({c for r in rows for c in r} - {"key", "title_de"}),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows, header) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name) for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def snapshot():
    return sorted(Massnahme.objects.values_list("key", "updated_at", "title_de", "status__key"))


def test_export_then_import_into_an_empty_catalogue_gives_the_same_file():
    assert not import_file("beispiel.csv", csv_file(ROWS)).problems
    # Rich text with formatting (written in the admin) is exported as its HTML.
    Massnahme.objects.filter(key="beispiel-netzwerk").update(
        description_de='<p>Mit <strong>fett</strong> und <a href="https://example.org">Link</a></p>'
    )
    first_csv, first_xlsx = export("csv"), export("xlsx")
    assert first_csv.startswith(
        b"\xef\xbb\xbfkey,code,handlungsfeld,goals,title_de,title_en,title_ar"
    )
    lines = first_csv.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:4]] == [
        "beispiel-beratung",
        "beispiel-netzwerk",
        "beispiel-sprachcafe",
    ]
    for data, name, kind in (
        (first_csv, "katalog.csv", "csv"),
        (first_xlsx, "katalog.xlsx", "xlsx"),
    ):
        Massnahme.objects.all().delete()
        result = import_file(name, data)
        assert messages(result) == [] and len(result.new) == 3
        again = export(kind)
        if kind == "csv":
            assert again == first_csv
        else:
            assert cell_values(again) == cell_values(first_xlsx)
    measure = Massnahme.objects.get(key="beispiel-sprachcafe")
    assert measure.description_de == (
        "<p>Erster Absatz, &lt;Zeichen&gt; &amp; mehr.</p><p>Zweiter Absatz<br>mit Umbruch.</p>"
    )
    assert (
        measure.planned_end.isoformat() == "2025-06-30" and measure.planned_end_precision == "month"
    )
    assert measure.progress_from == "typed" and measure.progress == 40
    assert sorted(measure.districts.values_list("key", flat=True)) == ["linden-limmer", "mitte"]
    assert Massnahme.objects.get(key="beispiel-beratung").status.key == "nicht-veroeffentlicht"
    assert Massnahme.objects.get(key="beispiel-beratung").progress_from == "none"


def cell_values(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_xlsx_export_has_every_column_and_keeps_text_as_text():
    import_file("beispiel.csv", csv_file(ROWS))
    Massnahme.objects.filter(key="beispiel-netzwerk").update(title_en="=HYPERLINK(1)")
    values = cell_values(export("xlsx"))
    assert values[0] == columns() and len(columns()) == 41
    netzwerk = dict(zip(columns(), values[2], strict=True))
    assert netzwerk["title_en"] == "=HYPERLINK(1)" and netzwerk["planned_end"] == "2030"
    sprachcafe = dict(zip(columns(), values[3], strict=True))
    assert sprachcafe["budget_planned"] == 50000 and sprachcafe["progress"] == 40


def test_a_dry_run_and_a_second_import_change_nothing():
    before = snapshot()
    result = import_file("beispiel.csv", csv_file(ROWS), dry_run=True)
    assert len(result.new) == 3 and snapshot() == before
    import_file("beispiel.csv", csv_file(ROWS))
    imported, revisions = snapshot(), Revision.objects.count()
    again = import_file("beispiel.csv", csv_file(ROWS))
    assert len(again.unchanged) == 3 and not again.new and not again.changed
    assert snapshot() == imported and Revision.objects.count() == revisions


def test_an_import_is_one_revision_with_translations_unreviewed(django_user_model):
    user = django_user_model.objects.create_user("importeurin")
    import_file("beispiel.csv", csv_file(ROWS), user=user)
    revision = Revision.objects.latest("pk")
    assert revision.comment == "Katalog importiert aus beispiel.csv" and revision.user == user
    keys = {v.object_repr for v in Version.objects.filter(revision=revision)}
    assert {"Beispielmaßnahme Sprachcafé", "Beispielmaßnahme Netzwerk"} <= keys
    measure = Massnahme.objects.get(key="beispiel-sprachcafe")
    states = {
        s.language: s.state
        for s in TranslationState.objects.filter(
            content_type=ContentType.objects.get_for_model(Massnahme), object_id=measure.pk
        )
    }
    assert states["en"] == states["ar"] == states["uk"] == State.UNREVIEWED
    assert states["tr"] == State.MISSING
    # New German text outdates the translations; a translation in the same file is unreviewed.
    TranslationState.objects.filter(object_id=measure.pk).update(state=State.REVIEWED)
    changed = [{**ROWS[0], "summary_de": "Ein neues Beispiel.", "title_ar": "مثال جديد"}]
    result = import_file("beispiel.csv", csv_file(changed))
    assert result.changed[0].changed == ["title_ar", "summary_de"]
    states = {
        s.language: s.state
        for s in TranslationState.objects.filter(
            object_id=measure.pk, content_type__model="massnahme"
        )
    }
    assert states["en"] == State.OUTDATED and states["ar"] == State.UNREVIEWED


def test_a_status_change_by_import_is_a_dated_public_entry():
    import_file("beispiel.csv", csv_file(ROWS))
    measure = Massnahme.objects.get(key="beispiel-netzwerk")
    assert not measure.reports.exists()  # a new measure: no change
    changed = [{**ROWS[2], "status": "in-vorbereitung"}]
    result = import_file("stand-2024.csv", csv_file(changed))
    assert result.changed[0].changed == ["status"]
    entry = measure.reports.get()
    assert (entry.previous_status.key, entry.status.key) == (
        "noch-nicht-begonnen",
        "in-vorbereitung",
    )
    assert entry.published and entry.date_precision == "day"
    assert entry.text_de == "<p>Status geändert durch den Import der Datei stand-2024.csv</p>"
    states = TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(Fortschrittsmeldung), object_id=entry.pk
    )
    assert sorted(states.values_list("state", flat=True)) == [State.MISSING] * 7


def test_what_an_import_writes_is_found_by_the_search_at_once(client):
    def found(words, language="de"):
        return client.get(f"/{language}/suche/", {"q": words}).content.decode()

    import_file("beispiel.csv", csv_file(ROWS))
    for measure in Massnahme.objects.all():  # new measures are drafts: staff publish them
        measure.published = True
        measure.save()
    assert "Beispielmaßnahme Netzwerk" in found("Netzwerk")
    renamed = [
        {**ROWS[2], "title_de": "Beispielmaßnahme Nachbarschaftsnetz", "status": "umgesetzt"}
    ]
    import_file("stand-2024.csv", csv_file(renamed))
    assert "Beispielmaßnahme Nachbarschaftsnetz" in found("Nachbarschaftsnetz")
    # its new entry (the status change), titled with the measure's new name
    assert "Beispielmaßnahme Nachbarschaftsnetz" in found("Status geändert durch den Import")
    assert "Beispielmaßnahme Netzwerk" not in found("Netzwerk")


def test_a_semicolon_separated_file_from_german_excel_in_windows_1252_is_read():
    data = csv_file(ROWS[1:], delimiter=";", encoding="cp1252")
    result = import_file("excel.csv", data)
    assert messages(result) == [] and "Windows-1252" in result.notes[0]
    assert Massnahme.objects.get(key="beispiel-beratung").title_de == ROWS[1]["title_de"]
    sprachcafe = {**ROWS[0], "title_ar": "", "description_uk": ""}  # cp1252 has no Arabic
    with_lists = csv_file([sprachcafe], delimiter=";", encoding="utf-8-sig")
    assert messages(import_file("excel.csv", with_lists)) == []
    assert Massnahme.objects.get(key="beispiel-sprachcafe").goals.count() == 2


BAD_ROWS = [
    {"key": "beispiel-a", "title_de": "A", "status": "fertig"},
    {"key": "Beispiel B", "title_de": "B"},
    {"key": "beispiel-c", "title_de": "C", "progress": "140", "districts": "mitte;atlantis"},
    {"key": "beispiel-d", "title_de": "D", "progress": "abc", "goals": "kein-ziel"},
    {"key": "beispiel-e", "title_de": "E", "planned_start": "2025", "planned_end": "2024"},
    {
        "key": "beispiel-f",
        "title_de": "F",
        "actual_start": "31.02.2022",
        "leitlinien": "leitlinie-9",
    },
    {"key": "beispiel-a", "title_de": "A again"},
    {"key": "beispiel-g", "title_de": "", "handlungsfeld": "gibt-es-nicht"},
    {"key": "beispiel-h", "title_de": "H", "budget_planned": "50.000,00 €"},
]


def test_every_bad_row_is_named_in_german_and_nothing_changes(tmp_path):
    import_file("beispiel.csv", csv_file(ROWS))
    before = snapshot()
    result = import_file("schlecht.csv", csv_file([ROWS[2] | {"status": "umgesetzt"}, *BAD_ROWS]))
    found = messages(result)
    assert found[0].startswith(
        "Zeile 3, Spalte „status“: Den Status „fertig“ gibt es nicht. Möglich: entfallen, "
    )
    expected = [
        ("Zeile 4, Spalte „key“:", "Kleinbuchstaben"),
        ("Zeile 5, Spalte „progress“:", "„140“"),
        ("Zeile 5, Spalte „districts“:", "„atlantis“"),
        ("Zeile 6, Spalte „progress“:", "„abc“"),
        ("Zeile 6, Spalte „goals“:", "„kein-ziel“"),
        ("Zeile 7, Spalte „planned_end“:", "Ende"),
        ("Zeile 8, Spalte „actual_start“:", "„31.02.2022“"),
        ("Zeile 8, Spalte „leitlinien“:", "„leitlinie-9“"),
        ("Zeile 9, Spalte „key“:", "Zeile 3"),
        ("Zeile 10, Spalte „handlungsfeld“:", "„gibt-es-nicht“"),
        ("Zeile 10, Spalte „title_de“:", ""),
        ("Zeile 11, Spalte „budget_planned“:", "„50.000,00 €“"),
    ]
    for start, inside in expected:
        assert any(m.startswith(start) and inside in m for m in found), (start, found)
    assert len(found) == len(expected) + 1
    assert snapshot() == before  # the good first row was not imported either
    path = tmp_path / "schlecht.csv"
    path.write_bytes(csv_file(BAD_ROWS))
    with pytest.raises(CommandError, match="Zeile 2, Spalte „status“"):
        call_command("import_catalogue", str(path))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leer.csv", b"", "Die Datei ist leer."),
        ("leer.csv", b"\xef\xbb\xbf", "Die Datei ist leer."),
        ("kopf.csv", b"key,title_de\r\n", "nur ihre Kopfzeile"),
        ("utf16.csv", "key,title_de\r\n".encode("utf-16-le"), "UTF-8"),
        ("kaputt.csv", b"key,title_de\r\nbeispiel-x,\x81\x8d\r\n", "UTF-8"),
        ("falsch.xlsx", b"key,title_de\r\nbeispiel-x,X\r\n", "keine Excel-Datei"),
        ("falsch.xlsx", b"PK\x03\x04kaputt", "keine Excel-Datei"),
        ("tabelle.ods", b"key", ".csv"),
        (
            "ohne.csv",
            b"code,title_en\r\nB-1,X\r\n",
            "Zeile 1, Spalte „key“: Diese Spalte ist erforderlich",
        ),
        (
            "fremd.csv",
            b"key,title_de,Titel\r\nbeispiel-x,X,Y\r\n",
            "Zeile 1, Spalte „Titel“: Diese Spalte gibt es nicht",
        ),
        (
            "doppelt.csv",
            b"key,title_de,key\r\nbeispiel-x,X,Y\r\n",
            "Spalte „key“: Diese Spalte steht zweimal",
        ),
        ("zellen.csv", b"key;title_de\r\nbeispiel-x;X;Y\r\n", "Zeile 2: Die Zeile hat 3 Zellen"),
        ("gross.csv", b"key,title_de\r\n" + b"x" * (5 * 1024 * 1024), "größer als 5 MB"),
        ("lang.csv", b"key,title_de\r\n" + b"beispiel-x,X\r\n" * 5001, "mehr als 5000 Zeilen"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_german_answer(name, data, message):
    before = snapshot()
    found = messages(import_file(name, data))
    assert any(message in m for m in found), found
    assert snapshot() == before


def test_an_xlsx_file_typed_in_excel_is_read():
    header = ["key", "title_de", "progress", "planned_start", "budget_planned"]
    rows = [
        {
            "key": "beispiel-x",
            "title_de": "Beispielmaßnahme X",
            "progress": 25,
            "planned_start": datetime.datetime(2024, 3, 1),
            "budget_planned": 1234.5,
        }
    ]
    result = import_file("excel.xlsx", xlsx_file(rows, header))
    assert messages(result) == []
    measure = Massnahme.objects.get(key="beispiel-x")
    assert measure.progress == 25 and str(measure.budget_planned) == "1234.50"
    assert (
        measure.planned_start.isoformat() == "2024-03-01"
        and measure.planned_start_precision == "day"
    )
    # Empty rows in between are skipped; lines are counted as the spreadsheet shows them.
    bad = xlsx_file([{}, {"key": "beispiel-y", "title_de": "Y", "progress": "viel"}], header)
    assert messages(import_file("excel.xlsx", bad))[0].startswith("Zeile 3, Spalte „progress“")


def test_the_commands_import_and_export(tmp_path, capsys):
    source = tmp_path / "beispiel.csv"
    source.write_bytes(csv_file(ROWS))
    call_command("import_catalogue", str(source), "--dry-run")
    assert not Massnahme.objects.exists()
    call_command("import_catalogue", str(source))
    assert "3 neu" in capsys.readouterr().out
    target = tmp_path / "katalog.xlsx"
    call_command("export_catalogue", str(target))
    assert cell_values(target.read_bytes())[1][0] == "beispiel-beratung"


def test_the_example_file_in_the_docs_imports_as_it_is():
    data = (settings.BASE_DIR / "docs" / "katalog-import-beispiel.csv").read_bytes()
    result = import_file("katalog-import-beispiel.csv", data)
    assert messages(result) == [] and len(result.new) == 3
    assert all(row.measure.title_de.startswith("Beispielmaßnahme ") for row in result.new)
    assert export("csv") == data  # the example is written exactly as the export writes it
