"""Loads the strategy content from ``fixtures/`` into the database, idempotently.

Guarantees:

- Objects are found again by their stable ``key``; a second run with the same files
  changes nothing (no save, no timestamp moves).
- A field that staff edited in the admin since the last load is never overwritten: the
  loader remembers what it wrote (``SeedRecord``) and only updates a field whose current
  value is still the one it wrote.
- An object that staff deleted after it was loaded is not brought back.
- Translated fields are written to the column of the file's language (``text`` in a
  German file goes to ``text_de``). Translation files only add text to objects of the
  German file; what they write is recorded as “machine translated, not reviewed”, and a
  change of German text marks existing translations of its group (the city's text or the
  editorial addition) outdated (see ``translations``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.db import models, transaction

from content import translations
from search.index import index_suspended, rebuild_index

from .models import SeedRecord
from .serialisation import deserialise, model_for, serialise, set_value

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class LoadReport:
    created: int = 0
    updated_fields: int = 0
    kept_staff_edits: list[str] = field(default_factory=list)
    skipped_deleted: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated_fields} fields updated, "
            f"{self.unchanged} unchanged, {len(self.kept_staff_edits)} staff edits kept, "
            f"{len(self.skipped_deleted)} deleted by staff and not restored"
        )


def fixture_files(directory: Path = FIXTURE_DIR) -> list[Path]:
    """The content files, German source first (translations refer to its objects)."""
    files = sorted(directory.glob("*.json"))
    return sorted(files, key=lambda p: (not p.name.endswith(".de.json"), p.name))


def _column(model, name: str, language: str) -> str:
    if name in translations.translated_fields(model):
        return translations.column(name, language)
    return name


def _current(obj, model_field):
    if model_field.many_to_many:
        return serialise(model_field, getattr(obj, model_field.name))
    if isinstance(model_field, models.ForeignKey):
        related_id = getattr(obj, model_field.attname)
        if related_id is None:
            return None
        return model_field.related_model.objects.values_list("key", flat=True).get(pk=related_id)
    return serialise(model_field, getattr(obj, model_field.attname))


def _objects(paths: list[Path]) -> dict[tuple[type, str], list[tuple[str, str, dict]]]:
    """Every object the files name, in the order the files give them (German first, parents
    before children), with what each file holds for it: ``(file name, language, fields)``."""
    by_object: dict[tuple[type, str], list[tuple[str, str, dict]]] = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        language = data.get("language", settings.SOURCE_LANGUAGE)
        for entry in data["objects"]:
            key = (model_for(entry["model"]), entry["key"])
            by_object.setdefault(key, []).append((path.name, language, entry["fields"]))
    return by_object


def _load_object(model, key: str, raw_fields: dict, language: str, report: LoadReport) -> None:
    is_source = language == settings.SOURCE_LANGUAGE
    label = model._meta.label_lower
    wanted: dict[str, object] = {}
    for name, raw in raw_fields.items():
        column = _column(model, name, language)
        model_field = model._meta.get_field(column)
        # Normalise through the field so that "2021-02-08" and a date compare equal.
        wanted[column] = serialise(model_field, deserialise(model_field, raw))

    record = SeedRecord.objects.filter(model_label=label, key=key).first()
    obj = model.objects.filter(key=key).first()

    if obj is None:
        if record is not None or not is_source:
            # deleted by staff (or a translation of something that does not exist)
            report.skipped_deleted.append(f"{label}:{key}")
            return
        obj = model(key=key)
        relations = {}
        for column, value in wanted.items():
            model_field = model._meta.get_field(column)
            if model_field.many_to_many:
                relations[model_field] = deserialise(model_field, value)
            else:
                setattr(obj, model_field.name, deserialise(model_field, value))
        obj.full_clean()
        obj.save()
        for model_field, targets in relations.items():
            set_value(obj, model_field, targets)
        SeedRecord.objects.create(model_label=label, key=key, values=wanted)
        translations.update_states(obj)
        report.created += 1
        return

    loaded = dict(record.values) if record else {}
    changed: list[str] = []
    relations = {}
    for column, value in wanted.items():
        model_field = model._meta.get_field(column)
        current = _current(obj, model_field)
        if current == value:
            loaded[column] = value
            continue
        untouched = loaded[column] == current if column in loaded else current in (None, "", [])
        if untouched:
            # Still what we wrote last time (or never filled): staff did not touch it.
            if model_field.many_to_many:
                relations[model_field] = deserialise(model_field, value)
            else:
                setattr(obj, model_field.name, deserialise(model_field, value))
            loaded[column] = value
            changed.append(column)
        else:
            report.kept_staff_edits.append(f"{label}:{key}.{column}")

    if changed:
        obj.full_clean()
        columns = [c for c in changed if not model._meta.get_field(c).many_to_many]
        obj.save(update_fields=[model._meta.get_field(c).name for c in columns] + ["updated_at"])
        for model_field, targets in relations.items():
            set_value(obj, model_field, targets)
        report.updated_fields += len(changed)
        # Per group: new German editorial text outdates only the editorial translations.
        source_changed, written = translations.changed_text(model, changed)
        translations.update_states(obj, written=written, source_changed=source_changed)
    else:
        report.unchanged += 1
    if record is None:
        SeedRecord.objects.create(model_label=label, key=key, values=loaded)
    elif record.values != loaded:
        record.values = loaded
        record.save(update_fields=["values", "loaded_at"])


@transaction.atomic
def load_strategy(paths: list[Path] | None = None) -> LoadReport:
    report = LoadReport()
    with index_suspended():
        for (model, key), parts in _objects(paths or fixture_files()).items():
            # One revision per object with all its languages: restoring one object never
            # touches another, and its history starts with one entry, not one per file.
            with reversion.create_revision():
                reversion.set_comment("Inhalt geladen aus " + ", ".join(p[0] for p in parts))
                for _name, language, fields in parts:
                    _load_object(model, key, fields, language, report)
    rebuild_index()
    return report
