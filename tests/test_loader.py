"""The content command is idempotent, keeps staff edits and never restores deletions."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from reversion.models import Version

from content.models import content_models
from exchange.loader import fixture_files, load_strategy
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import FazitPunkt, Leitlinie

pytestmark = pytest.mark.django_db

CONTENT_MODELS = content_models()


def snapshot() -> str:
    """Every content row with every field, timestamps included."""
    rows = []
    for model in CONTENT_MODELS:
        rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return "\n".join(rows)


def test_the_fixtures_are_loaded(django_db_setup):
    assert Leitlinie.objects.count() == 7
    assert FazitPunkt.objects.count() == 7


def test_running_the_command_twice_changes_nothing(capsys):
    before = snapshot()
    call_command("load_strategy")
    call_command("load_strategy")
    assert snapshot() == before
    assert "0 created, 0 fields updated" in capsys.readouterr().out


def test_loading_into_an_empty_database_creates_everything_once():
    for model in reversed(CONTENT_MODELS):  # what refers to others first
        model.objects.all().delete()
    apps.get_model("exchange", "SeedRecord").objects.all().delete()
    report = load_strategy()
    source, *translation_files = fixture_files()
    assert report.created == len(json.loads(source.read_text())["objects"])
    written = sum(
        len(entry["fields"])
        for path in translation_files
        for entry in json.loads(path.read_text())["objects"]
    )
    assert report.updated_fields == written
    again = load_strategy()
    assert again.created == 0 and again.updated_fields == 0


def test_the_history_of_loaded_content_starts_with_one_version_per_object():
    """Not one per language file: staff see one entry “Inhalt geladen aus …”."""
    for model in CONTENT_MODELS:
        for obj in model.objects.all():
            versions = Version.objects.get_for_object(obj)
            assert versions.count() == 1, obj
            assert versions.get().revision.comment.startswith(
                "Inhalt geladen aus strategie.de.json"
            )


def _changed_fixture(tmp_path: Path, number: int, **fields) -> Path:
    data = json.loads(fixture_files()[0].read_text(encoding="utf-8"))
    for entry in data["objects"]:
        if entry["model"] == "leitlinien.leitlinie" and entry["fields"]["number"] == number:
            entry["fields"].update(fields)
    path = tmp_path / "strategie.de.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_staff_edit_survives_a_reload_with_new_text(tmp_path):
    Leitlinie.objects.filter(number=2).update(editorial_title_de="Von der Redaktion geändert")
    changed = _changed_fixture(tmp_path, 2, editorial_title="Neuer Titel aus der Datei")
    report = load_strategy([changed])
    assert Leitlinie.objects.get(number=2).editorial_title_de == "Von der Redaktion geändert"
    assert "leitlinien.leitlinie:leitlinie-2.editorial_title_de" in report.kept_staff_edits


def test_untouched_field_takes_the_new_text_from_the_file(tmp_path):
    changed = _changed_fixture(tmp_path, 5, editorial_title="Sprache, Mehrsprachigkeit")
    load_strategy([changed])
    assert Leitlinie.objects.get(number=5).editorial_title_de == "Sprache, Mehrsprachigkeit"
    # and the next load of the same file changes nothing
    assert load_strategy([changed]).updated_fields == 0


def test_object_deleted_by_staff_is_not_brought_back():
    FazitPunkt.objects.filter(key="fazit-jugendbeteiligung").delete()
    report = load_strategy()
    assert not FazitPunkt.objects.filter(key="fazit-jugendbeteiligung").exists()
    assert "leitlinien.fazitpunkt:fazit-jugendbeteiligung" in report.skipped_deleted


def test_unpublishing_is_a_staff_edit_that_is_kept():
    Leitlinie.objects.filter(number=6).update(published=False)
    load_strategy()
    assert Leitlinie.objects.get(number=6).published is False


def _changed_entry(tmp_path: Path, model: str, key: str, **fields) -> Path:
    data = json.loads(fixture_files()[0].read_text(encoding="utf-8"))
    entry = next(e for e in data["objects"] if (e["model"], e["key"]) == (model, key))
    entry["fields"].update(fields)
    path = tmp_path / "strategie.de.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_german_text_in_the_file_outdates_only_the_translations_of_its_group(tmp_path):
    field = Handlungsfeld.objects.get(key="ag-jugend")
    editorial = _changed_entry(
        tmp_path, "handlungsfelder.handlungsfeld", "ag-jugend", editorial_text="Neu erklärt."
    )
    load_strategy([editorial])
    assert {s.state for s in field.translation_states.filter(group="editorial")} == {"outdated"}
    assert {s.state for s in field.translation_states.filter(group="official")} == {"unreviewed"}
    official = _changed_entry(
        tmp_path, "handlungsfelder.handlungsfeld", "ag-jugend", title="AG Jugend (neu)"
    )
    load_strategy([official])
    assert {s.state for s in field.translation_states.filter(group="official")} == {"outdated"}
    # a translation file writes its language's text of the group it holds
    arabic = tmp_path / "strategie.ar.json"
    arabic.write_text(
        json.dumps(
            {
                "language": "ar",
                "objects": [
                    {
                        "model": "handlungsfelder.handlungsfeld",
                        "key": "ag-jugend",
                        "fields": {"editorial_text": "نص جديد"},
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    load_strategy([arabic])
    states = {(s.language, s.group): s.state for s in field.translation_states.all()}
    assert states[("ar", "editorial")] == "unreviewed"
    assert states[("ar", "official")] == states[("tr", "editorial")] == "outdated"
