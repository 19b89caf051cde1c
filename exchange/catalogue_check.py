"""Checking a catalogue file row by row before anything is written: what each row changes,
and every problem with its line, column and reason (in the active language, German in the
admin and the commands). Reads the database once per list (statuses, districts, goals,
Leitlinien, Handlungsfelder, the measures named), never once per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from content import translations
from content.dates import parse
from content.models import stable_key_validator
from content.richtext import plain_to_html
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from umsetzung.models import NOT_PUBLISHED, Massnahme, Stadtbezirk, Status, Ziel

from . import catalogue_files as files

RELATIONS = {"goals": Ziel, "districts": Stadtbezirk, "leitlinien": Leitlinie}
#: Checked against lists read once, not by the model's validation (a query per row).
NOT_VALIDATED = ("key", "handlungsfeld", "status", "parent", "document", *RELATIONS)
MONEY = ("budget_planned", "budget_approved", "budget_spent")
MONEY_PATTERN = re.compile(r"\d{1,10}(?:[.,]\d{1,2})?")
DERIVED_PROGRESS = (Massnahme.Progress.STATUS, Massnahme.Progress.CHILDREN)
# The model's columns behind a column of the file, where they differ from its name.
ATTNAMES = {
    "handlungsfeld": ("handlungsfeld_id",),
    "status": ("status_id",),
    "progress": ("progress_from", "progress"),
    **{name: (name, f"{name}_precision") for name in Massnahme.DATES},
}
SHOWN_CHOICES = 15


@dataclass
class Problem:
    line: int | None
    column: str | None
    message: str

    def __str__(self):
        values = {"line": self.line, "column": self.column, "message": self.message}
        if self.line and self.column:
            return _("Line %(line)s, column “%(column)s”: %(message)s") % values
        if self.line:
            return _("Line %(line)s: %(message)s") % values
        return self.message


@dataclass
class Row:
    """One measure of the file and what importing it changes."""

    line: int
    measure: Massnahme
    new: bool
    changed: list[str] = field(default_factory=list)  # columns of the file
    attnames: list[str] = field(default_factory=list)  # the model's columns
    relations: dict[str, set[int]] = field(default_factory=dict)
    previous_status: Status | None = None


@dataclass
class Plan:
    name: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def new(self):
        return [row for row in self.rows if row.new]

    @property
    def changed(self):
        return [row for row in self.rows if not row.new and row.changed]

    @property
    def unchanged(self):
        return [row for row in self.rows if not row.new and not row.changed]


def _choices(keys) -> str:
    keys = sorted(keys)
    shown = ", ".join(keys[:SHOWN_CHOICES])
    return shown + (", …" if len(keys) > SHOWN_CHOICES else "")


class Lookups:
    """Everything a row may name, read once."""

    def __init__(self):
        self.statuses = {status.key: status for status in Status.objects.all()}
        self.status_by_pk = {status.pk: status for status in self.statuses.values()}
        models = {"handlungsfeld": Handlungsfeld, **RELATIONS}
        self.keys = {
            name: dict(model._default_manager.values_list("key", "pk"))
            for name, model in models.items()
        }

    def unknown(self, column: str, missing: list[str]) -> str:
        values = {"value": "“, „".join(missing), "choices": _choices(self.keys[column])}
        messages = {
            "handlungsfeld": _("There is no Handlungsfeld “%(value)s”. Possible: %(choices)s"),
            "goals": _("There is no goal “%(value)s”. Possible: %(choices)s"),
            "districts": _("There is no Stadtbezirk “%(value)s”. Possible: %(choices)s"),
            "leitlinien": _("There is no Leitlinie “%(value)s”. Possible: %(choices)s"),
        }
        return messages[column] % values


def _header(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    known, index, problems = files.columns(), {}, []
    for number, raw in enumerate(header, 1):
        name = raw.strip().lower()
        if not name:
            message = _("Column %(number)s has no name.") % {"number": number}
            problems.append(Problem(1, None, message))
        elif name not in known:
            message = _("There is no such column. Possible: %(columns)s")
            problems.append(Problem(1, raw, message % {"columns": ", ".join(known)}))
        elif name in index:
            problems.append(Problem(1, raw, _("This column appears twice.")))
        else:
            index[name] = number - 1
    for name in files.required_columns():
        if name not in index:
            problems.append(Problem(1, name, _("This column is required and missing.")))
    return index, problems


def _key_problem(key: str) -> str | None:
    if not key:
        return _("Every measure needs its key.")
    try:
        stable_key_validator(key)
    except ValidationError as error:
        return error.messages[0]
    if len(key) > Massnahme._meta.get_field("key").max_length:
        return _("A key has at most 80 characters.")
    return None


def _set(obj: Massnahme, column: str, text: str, lookups: Lookups, row: Row) -> str | None:
    """Put the cell ``text`` of ``column`` into ``obj``; the problem, if any."""
    if column in RELATIONS or column == "handlungsfeld":
        wanted = list(dict.fromkeys(k.strip() for k in text.split(files.LIST_SEPARATOR)))
        wanted = [key for key in wanted if key]
        known = lookups.keys[column]
        missing = [key for key in wanted if key not in known]
        if missing:
            return lookups.unknown(column, missing)
        if column == "handlungsfeld":
            if len(wanted) > 1:
                return _("A measure belongs to one Handlungsfeld only.")
            obj.handlungsfeld_id = known[wanted[0]] if wanted else None
        else:
            row.relations[column] = {known[key] for key in wanted}
    elif column == "status":
        status = lookups.statuses.get(text or NOT_PUBLISHED)
        if status is None:
            message = _("There is no status “%(value)s”. Possible: %(choices)s")
            return message % {"value": text, "choices": _choices(lookups.statuses)}
        obj.status_id = status.pk
    elif column == "progress":
        if not text:
            if row.new or obj.progress_from not in DERIVED_PROGRESS:  # a derived one stays
                obj.progress_from, obj.progress = Massnahme.Progress.NONE, None
        elif text.isdigit() and int(text) <= 100:
            obj.progress_from, obj.progress = Massnahme.Progress.TYPED, int(text)
        else:
            return _(
                "“%(value)s” is no progress: write a whole number from 0 to 100, or leave "
                "the cell empty where progress is not measurable."
            ) % {"value": text}
    elif column in Massnahme.DATES:
        if not text:
            setattr(obj, column, None)
            return None
        try:
            date = parse(text, end=column in Massnahme.END_DATES)
        except ValueError:
            return _(
                "“%(value)s” is no date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022, "
                "2022-09 or 2022-09-17."
            ) % {"value": text}
        setattr(obj, column, date)
        setattr(obj, f"{column}_precision", date.precision)
    elif column in MONEY:
        if text and not MONEY_PATTERN.fullmatch(text):
            return _(
                "“%(value)s” is no amount: write euros as a plain number, e.g. 50000 or "
                "1234.50 (no thousands separator, no currency sign)."
            ) % {"value": text}
        setattr(obj, column, Decimal(text.replace(",", ".")) if text else None)
    elif column.startswith("description_"):
        setattr(obj, column, plain_to_html(text))
    else:
        setattr(obj, column, text)
    return None


def _column_of(name: str) -> str | None:
    """The column of the file a validation error of the model's field ``name`` belongs to."""
    if name in translations.translated_fields(Massnahme):
        name = f"{name}_{settings.SOURCE_LANGUAGE}"
    return name if name in files.columns() else None


def _row(line, cells, index, lookups, existing, plan) -> Row | None:
    values = {name: cells[number] for name, number in index.items()}
    key = values["key"]
    if problem := _key_problem(key):
        plan.problems.append(Problem(line, "key", problem))
        return None
    obj = existing.get(key)
    row = Row(
        line, obj or Massnahme(key=key, status=lookups.statuses.get(NOT_PUBLISHED)), obj is None
    )
    obj = row.measure
    attnames = [
        a
        for column in values
        if column != "key" and column not in RELATIONS
        for a in ATTNAMES.get(column, (column,))
    ]
    before = {attname: getattr(obj, attname) for attname in attnames}
    current = (
        {name: {o.pk for o in getattr(obj, name).all()} for name in RELATIONS} if obj.pk else {}
    )
    found = {}
    for column, text in values.items():
        if column != "key" and (message := _set(obj, column, text, lookups, row)):
            found[column] = message
    if obj.status_id is None:
        found["status"] = _("There is no status “%(value)s”. Possible: %(choices)s") % {
            "value": NOT_PUBLISHED,
            "choices": _choices(lookups.statuses),
        }
    try:
        obj.full_clean(exclude=NOT_VALIDATED, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = _column_of(name)
            if column not in found:
                found[column] = " ".join(messages)
    plan.problems += [Problem(line, column, message) for column, message in found.items()]
    if found:
        return None
    row.attnames = [a for a in attnames if row.new or getattr(obj, a) != before[a]]
    changed = {
        column for column in values for a in ATTNAMES.get(column, (column,)) if a in row.attnames
    }
    changed |= {name for name, pks in row.relations.items() if row.new or pks != current[name]}
    row.changed = [column for column in files.columns() if column in changed]
    if not row.new and "status_id" in row.attnames:
        row.previous_status = lookups.status_by_pk[before["status_id"]]
    return row


def plan(name: str, data: bytes) -> Plan:
    """What importing ``data`` (the file ``name``) would do; reads, writes nothing."""
    result = Plan(name=name)
    try:
        table = files.read(name, data)
    except files.FileProblem as problem:
        result.problems.append(Problem(None, None, str(problem)))
        return result
    result.notes = table.notes
    index, result.problems = _header(table.header)
    if result.problems:
        return result
    if not table.rows:
        result.problems.append(
            Problem(None, None, _("The file holds no measures, only its header."))
        )
        return result
    width = len(table.header)
    keys = [cells[index["key"]] for _line, cells in table.rows if len(cells) > index["key"]]
    existing = {
        obj.key: obj for obj in Massnahme.objects.filter(key__in=keys).prefetch_related(*RELATIONS)
    }
    lookups, seen = Lookups(), {}
    for line, cells in table.rows:
        if len(cells) != width:
            message = _(
                "The line has %(cells)s cells, the header %(columns)s. A cell with “;” or a "
                "line break must be in quotation marks."
            ) % {"cells": len(cells), "columns": width}
            result.problems.append(Problem(line, None, message))
            continue
        key = cells[index["key"]]
        if key in seen:
            message = _("The key “%(key)s” is already used in line %(line)s.")
            result.problems.append(Problem(line, "key", message % {"key": key, "line": seen[key]}))
            continue
        seen[key] = line
        row = _row(line, cells, index, lookups, existing, result)
        if row is not None:
            result.rows.append(row)
    return result
