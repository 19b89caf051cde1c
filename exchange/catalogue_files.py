"""The catalogue of measures as a file: its columns, and reading and writing them as CSV or
XLSX (docs/katalog-import.md describes the format for staff).

Reading is strict about what it cannot understand and never guesses silently:

- CSV in UTF-8, with or without BOM (what the export writes, and Excel's “CSV UTF-8”),
  or UTF-16 with BOM (Excel's “Unicode-Text”). A file that is not UTF-8 is read as
  Windows-1252, the encoding of German Excel's plain “CSV”, with a note to check the
  umlauts in the preview; bytes that are text in neither (a NUL, an undefined byte) are
  refused.
- The delimiter is the one the header line uses: “,” (the export), “;” (German Excel) or
  a tab. Lists inside a cell are separated by “;” in either case: in a “;” file such a
  cell must be quoted, as Excel does; an unquoted one splits into too many cells, and the
  row is refused with a hint.
- Lines are counted as a spreadsheet shows its rows: the header is line 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SCANNED_ROWS = 20 * MAX_ROWS  # of a spreadsheet, empty ones included
ROWS_LIMIT = gettext_noop(
    "The file has more than %(limit)s rows. Please split it into several files."
)
LIST_SEPARATOR = ";"
DELIMITERS = (",", ";", "\t")
SHEET = "Massnahmen"
#: The translated columns, one per language (``title_de`` …).
TRANSLATED = ("title", "summary", "description")
#: Written as numbers in XLSX (everything else as text, so that “2022” stays a year).
NUMBERS = ("progress", "budget_planned", "budget_approved", "budget_spent")


def languages() -> list[str]:
    """German, English, then the other portal languages in alphabetical order."""
    others = sorted(code for code, _name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE)
    first = [code for code in ("en",) if code in others]
    return [settings.SOURCE_LANGUAGE, *first, *(code for code in others if code not in first)]


def columns() -> list[str]:
    """Every column of the format, in the order of the export."""
    return [
        "key",
        "code",
        "handlungsfeld",
        "goals",
        *(f"{name}_{code}" for name in TRANSLATED for code in languages()),
        "status",
        "progress",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "responsible",
        "districts",
        "leitlinien",
        "budget_planned",
        "budget_approved",
        "budget_spent",
        "source_url",
    ]


def required_columns() -> list[str]:
    return ["key", f"title_{settings.SOURCE_LANGUAGE}"]


class FileProblem(Exception):
    """The file as a whole cannot be read (the message is for staff, in German)."""


@dataclass
class Table:
    """What a file holds: its header and its rows as text, ``(line, cells)``."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    notes: list[str] = field(default_factory=list)


def kind_of(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ("csv", "xlsx"):
        raise FileProblem(_("Only .csv and .xlsx files can be imported."))
    return suffix


def read(name: str, data: bytes) -> Table:
    """The table in the file ``name`` (its type by its ending); FileProblem if unreadable."""
    kind = kind_of(name)
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileProblem(
            _("The file is larger than %(limit)s MB. Please split it into several files.")
            % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    table = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    table.rows = [(line, cells) for line, cells in table.rows if any(cells)]
    if len(table.rows) > MAX_ROWS:
        raise FileProblem(_(ROWS_LIMIT) % {"limit": MAX_ROWS})
    if not any(table.header):
        raise FileProblem(_("The first line must name the columns, e.g. key,title_de."))
    return table


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), []
    if b"\x00" in data:
        raise FileProblem(_("The file is not a text file in UTF-8. Please save it as “CSV UTF-8”."))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileProblem(
            _("The file is not a text file in UTF-8. Please save it as “CSV UTF-8”.")
        ) from None
    return text, [
        _(
            "The file is not in UTF-8; it was read as Windows-1252 (Excel's “CSV”). Please "
            "check umlauts in the preview, or save the file as “CSV UTF-8”."
        )
    ]


def _read_csv(data: bytes) -> Table:
    text, notes = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        message = _("The file is not a readable CSV file (%(error)s).") % {"error": error}
        raise FileProblem(message) from None
    if not rows:
        raise FileProblem(_("The file is empty."))
    header, *body = rows
    return Table(
        header=[name.strip() for name in header],
        rows=[(line, [cell.strip() for cell in cells]) for line, cells in enumerate(body, 2)],
        notes=notes,
    )


def _text(value) -> str:
    """A cell of a spreadsheet as text (a number as typed, a date as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(Decimal(str(value)))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileProblem(_("The file is not an Excel file (.xlsx)."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = []
        too_long = False
        for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [_text(value) for value in values]
            if line == 1 or any(cells):  # Excel keeps many formatted empty rows
                rows.append((line, cells))
            # More rows than allowed (not counting the header): stop reading.
            if len(rows) > MAX_ROWS + 1 or line > SCANNED_ROWS:
                too_long = True
                break
        book.close()
    # openpyxl fails in many ways on a broken or hostile file: each is “not readable”.
    except Exception:  # noqa: BLE001
        raise FileProblem(_("The file is not an Excel file (.xlsx).")) from None
    if too_long:
        raise FileProblem(_(ROWS_LIMIT) % {"limit": MAX_ROWS})
    if not rows:
        raise FileProblem(_("The file is empty."))
    (_line, header), *body = rows
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # formatted but empty columns on the right
    # Cells right of the last named column are dropped only if they are empty.
    cut = [
        (line, cells if any(cells[width:]) else cells[:width] + [""] * (width - len(cells)))
        for line, cells in body
    ]
    return Table(header=header[:width], rows=cut)


def write_csv(rows: list[list[str]]) -> bytes:
    """The export as CSV: UTF-8 with BOM (Excel then shows umlauts), comma-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns())
    writer.writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def write_xlsx(rows: list[list[str]]) -> bytes:
    """The export as XLSX: one sheet, text cells (never formulas), numbers as numbers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    names = columns()
    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    numbers = {names.index(name) for name in NUMBERS}
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index in numbers and value:
                number = Decimal(value)
                cells.append(int(number) if number == number.to_integral_value() else number)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # “=…” stays text: no formula runs in anyone's Excel
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
