"""The whole strategy as data: JSON with every language, translation state and stable key
(open data and backup), CSV per model, and the import of such a JSON file.

Guarantee: ``export_json()`` of a database, imported into an empty database with
``import_json()``, exported again, gives the same bytes.

Translation states are kept per group (``{"official": {"ar": …}, "editorial": {…}}``).
Files of the first format (``wir-sind-hannover/1``) held one state per language: it is
restored as the official state and, for an object with German editorial text, as its
editorial state too (it spoke for both, as the migration ``content.0002`` splits them).
"""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils.dateparse import parse_datetime

from content import translations
from content.models import TranslationState, content_models
from search.index import index_suspended, rebuild_index

from .serialisation import deserialise, model_for, serialise, set_later, set_value

FORMAT = "wir-sind-hannover/2"
FIRST_FORMAT = "wir-sind-hannover/1"  # one translation state per language, no groups
SKIP = {"id"}


def _fields(model):
    fields = (*model._meta.concrete_fields, *model._meta.many_to_many)
    return [f for f in fields if f.name not in SKIP]


def _value(obj, field):
    return serialise(field, getattr(obj, field.name))


def _ordered(model, published_only):
    queryset = model._default_manager.all()
    if published_only:
        queryset = queryset.filter(published=True)
    return queryset.order_by("key")


def export_data(*, published_only=False, include_people=True) -> dict:
    """All content as plain data. ``include_people`` adds who reviewed a translation."""
    states = {}
    for state in TranslationState.objects.select_related("reviewed_by"):
        entry = {"state": state.state}
        if state.reviewed_at:
            entry["reviewed_at"] = state.reviewed_at.isoformat()
        if include_people and state.reviewed_by:
            entry["reviewed_by"] = state.reviewed_by.get_username()
        states[(state.content_type_id, state.object_id, state.group, state.language)] = entry
    languages = [code for code, _name in settings.LANGUAGES]
    objects = []
    for model in content_models():
        content_type = ContentType.objects.get_for_model(model)
        for obj in _ordered(model, published_only):
            objects.append(
                {
                    "model": model._meta.label_lower,
                    "key": obj.key,
                    "fields": {field.name: _value(obj, field) for field in _fields(model)},
                    "translation_states": {
                        group: of_group
                        for group in TranslationState.Group.values
                        if (
                            of_group := {
                                code: states[key]
                                for code in languages
                                if (key := (content_type.id, obj.pk, group, code)) in states
                            }
                        )
                    },
                }
            )
    data = {
        "format": FORMAT,
        "source_language": settings.SOURCE_LANGUAGE,
        "languages": languages,
        "objects": objects,
    }
    if include_people and not published_only:
        # A backup also keeps the old addresses that redirect to renamed pages.
        data["redirects"] = [
            {"old_path": old, "new_path": new}
            for old, new in Redirect.objects.order_by("old_path").values_list(
                "old_path", "new_path"
            )
        ]
    return data


def export_json(**options) -> str:
    return json.dumps(export_data(**options), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _cell(value) -> str:
    """A value in a CSV cell: a list of keys separated by “;”, nothing for None."""
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else value


def export_csv(model) -> str:
    """One model as CSV: one row per published object, one column per field and language."""
    buffer = io.StringIO()
    fields = [f for f in _fields(model) if f.name != "published"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in fields])
    for obj in _ordered(model, published_only=True):
        writer.writerow([_cell(_value(obj, f)) for f in fields])
    return buffer.getvalue()


def import_data(data: dict) -> int:
    """Create or update every object of an export (found by key); returns the count."""
    with index_suspended():
        count = _import_data(data)
    rebuild_index()
    return count


@transaction.atomic
def _import_data(data: dict) -> int:
    if data.get("format") not in (FORMAT, FIRST_FORMAT):
        raise ValueError(f"not a {FORMAT} file")
    first_format = data["format"] == FIRST_FORMAT
    known = set(content_models())
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    for name in (
        {
            state.get("reviewed_by")
            for entry in data["objects"]
            for _group, _language, state in _states(entry, first_format)
        }
        - set(users)
        - {None}
    ):
        # A reviewer unknown here (a new, empty database): kept as an inactive account
        # without a password, so the record of who reviewed what is not lost.
        user = get_user_model()(username=name, is_active=False)
        user.set_unusable_password()
        user.save()
        users[name] = user
    site = Site.objects.get_current()
    for redirect in data.get("redirects", []):
        Redirect.objects.update_or_create(
            site=site, old_path=redirect["old_path"], defaults={"new_path": redirect["new_path"]}
        )
    count = 0
    later = []  # relations set once every object exists
    for entry in data["objects"]:  # exports list parents before children
        model = model_for(entry["model"])
        if model not in known:
            raise ValueError(f"not a content model: {entry['model']}")
        deferred = set_later(model)
        values = {}
        for field in _fields(model):
            if field.name in entry["fields"] and field not in deferred:
                values[field.name] = deserialise(field, entry["fields"][field.name])
        updated_at = values.pop("updated_at", None)
        obj, _created = model._default_manager.update_or_create(key=entry["key"], defaults=values)
        later.extend(
            (obj, f, entry["fields"][f.name]) for f in deferred if f.name in entry["fields"]
        )
        if updated_at:
            model._default_manager.filter(pk=obj.pk).update(updated_at=updated_at)
        content_type = ContentType.objects.get_for_model(model)
        for group, language, state in _states(entry, first_format, obj):
            TranslationState.objects.update_or_create(
                content_type=content_type,
                object_id=obj.pk,
                language=language,
                group=group,
                defaults={
                    "state": state["state"],
                    "reviewed_at": parse_datetime(state["reviewed_at"])
                    if state.get("reviewed_at")
                    else None,
                    "reviewed_by": users.get(state.get("reviewed_by")),
                },
            )
        count += 1
    for obj, field, raw in later:
        set_value(obj, field, deserialise(field, raw))
        if not field.many_to_many:  # an update, not a save: the export's timestamp stays
            type(obj)._default_manager.filter(pk=obj.pk).update(
                **{field.attname: getattr(obj, field.attname)}
            )
    return count


def _states(entry: dict, first_format: bool, obj=None):
    """(group, language, state) of every translation state of an exported object. In the
    first format a state spoke for the whole object: it is the official state and, where
    ``obj`` has German editorial text, the editorial one too."""
    states = entry.get("translation_states", {})
    if not first_format:
        for group, of_group in states.items():
            if group in TranslationState.Group.values:
                yield from ((group, language, state) for language, state in of_group.items())
        return
    groups = translations.groups_with_text(obj) if obj is not None else []
    for language, state in states.items():
        yield translations.OFFICIAL, language, state
        if translations.EDITORIAL in groups:
            yield translations.EDITORIAL, language, state
