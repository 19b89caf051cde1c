"""Import and export of the WIR2.0 catalogue of measures: one row per measure, found again by
its stable key (the columns: ``catalogue_files.columns()``; docs/katalog-import.md).

Guarantees:

- All or nothing: a file with any bad row changes nothing, and every problem is listed
  with its line, column and reason, in German. ``plan`` only reads; ``import_file``
  checks and writes in one transaction.
- Only what differs is written: the same file imported twice changes nothing (no save,
  no timestamp moves, no revision).
- The whole import is one revision of the history, commented “Katalog importiert aus
  <Datei>”. Imported translations count as “machine translated, not reviewed”; changed
  German text outdates the translations of its group, as an editor's change does.
- A status that the import changes is a dated public entry in the measure's history,
  with the reason.
- The export is in exactly the import format, rows ordered by key: exported, imported
  into a database without measures, exported again, it gives the same file.

New measures are created as drafts: publishing stays a decision made in the admin.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from content import translations
from content.dates import Precision, iso
from content.richtext import html_to_plain, plain_to_html, sanitise_for_storage
from search.index import index_objects, index_suspended
from umsetzung.models import Fortschrittsmeldung, Massnahme

from . import catalogue_files as files
from .catalogue_check import MONEY, RELATIONS, Plan, Row, plan

STATUS_CHANGE = "Status geändert durch den Import der Datei {name}"


def _save(row: Row, name: str, today) -> Fortschrittsmeldung | None:
    """Save one measure (its translation states follow for all at once); the entry of its
    status change, if any."""
    obj = row.measure
    if row.new:
        obj.save()
    else:
        names = [Massnahme._meta.get_field(a).name for a in row.attnames]
        obj.save(update_fields=[*names, "updated_at"])
    for relation, pks in row.relations.items():
        if row.new and pks:
            getattr(obj, relation).add(*pks)
        elif not row.new and relation in row.changed:
            getattr(obj, relation).set(pks)
    if row.previous_status is not None:
        entry = Fortschrittsmeldung(
            measure=obj,
            date=today,
            date_precision=Precision.DAY,
            previous_status=row.previous_status,
            status=obj.status,
            published=True,
        )
        setattr(
            entry,
            f"text_{settings.SOURCE_LANGUAGE}",
            plain_to_html(STATUS_CHANGE.format(name=name)),
        )
        entry.save()
        if reversion.is_registered(Fortschrittsmeldung):
            reversion.add_to_revision(entry)
        return entry
    return None


def apply(result: Plan, user=None) -> int:
    """Write what ``result`` found to change (it must have no problems); the count."""
    if result.problems:
        raise ValueError("a plan with problems is not applied")
    work = [row for row in result.rows if row.new or row.changed]
    if not work:
        return 0
    today = timezone.localdate()
    measures = [row.measure for row in work]
    with index_suspended(), transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_comment(f"Katalog importiert aus {result.name}")
        if user is not None:
            reversion.set_user(user)
        entries = [entry for row in work if (entry := _save(row, result.name, today))]
        # The translation states of all measures and entries at once (as update_states).
        translations.update_states_of_many(
            (row.measure, written, source_changed)
            for row in work
            for source_changed, written in [translations.changed_text(Massnahme, row.attnames)]
        )
        translations.update_states_of_many((entry, (), ()) for entry in entries)
        if reversion.is_registered(Massnahme):
            # Each measure once, as it is now: its relations read for all in one go.
            prefetch_related_objects(measures, *RELATIONS)
            for measure in measures:
                reversion.add_to_revision(measure)
    # The search entries of what was written: the measures, their new entries, and the
    # reports that name a measure whose title may have changed.
    reports = Fortschrittsmeldung.objects.filter(
        measure__in=[row.measure for row in work if not row.new]
    ).select_related("measure")
    index_objects([*measures, *entries, *reports])
    return len(work)


def import_file(name: str, data: bytes, *, dry_run: bool = False, user=None) -> Plan:
    """Check the file and, if it has no problem and this is no dry run, import it."""
    with transaction.atomic():
        result = plan(name, data)
        if not result.problems and not dry_run:
            apply(result, user)
    return result


def _rich_cell(value: str) -> str:
    """Rich text as plain text where that gives the same text back, else as its HTML."""
    if not value:
        return ""
    plain = html_to_plain(value)
    return plain if sanitise_for_storage(plain_to_html(plain)) == value else value


def _money(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


def _cell(obj: Massnahme, column: str) -> str:
    if column in RELATIONS:
        return files.LIST_SEPARATOR.join(sorted(o.key for o in getattr(obj, column).all()))
    if column == "handlungsfeld":
        return obj.handlungsfeld.key if obj.handlungsfeld else ""
    if column == "status":
        return obj.status.key
    if column == "progress":
        typed = obj.progress_from == Massnahme.Progress.TYPED
        return str(obj.progress) if typed and obj.progress is not None else ""
    if column in Massnahme.DATES:
        return iso(getattr(obj, column), getattr(obj, f"{column}_precision"))
    if column in MONEY:
        return _money(getattr(obj, column))
    if column.startswith("description_"):
        return _rich_cell(getattr(obj, column) or "")
    return getattr(obj, column) or ""


def export_rows() -> list[list[str]]:
    measures = Massnahme.objects.order_by("key").select_related("handlungsfeld", "status")
    names = files.columns()
    return [[_cell(obj, name) for name in names] for obj in measures.prefetch_related(*RELATIONS)]


def export(kind: str) -> bytes:
    """The whole catalogue as ``"csv"`` or ``"xlsx"``."""
    rows = export_rows()
    return files.write_xlsx(rows) if kind == "xlsx" else files.write_csv(rows)
