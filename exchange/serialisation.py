"""How model values look in our JSON files (the content fixtures, exports and backups),
and the model labels those files may name.

Foreign keys are written as the stable key of their target, many-to-many relations as the
sorted list of their targets' keys, dates as ISO text. Files
written before the portal's apps were reorganised name the portal's own pages under the
project's old app label (``hannover_strategy.seite``); they still load. Plain text for a
rich text field (a content file written by hand, an export from before the field was rich)
becomes the HTML it reads as, the same HTML the migration to rich text stored.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.db import models

from content.richtext import RichTextField, plain_to_html

# Model labels of the first layout → where those models live now.
LEGACY_LABELS = {
    "hannover_strategy.seite": "portal.seite",
    "hannover_strategy.barrierefreiheitserklaerung": "portal.barrierefreiheitserklaerung",
    "hannover_strategy.gebaerdensprachvideo": "portal.gebaerdensprachvideo",
    "hannover_strategy.offenedaten": "portal.offenedaten",
}


def model_for(label: str):
    """The model a file names, old labels included (LookupError for an unknown one)."""
    label = label.lower()
    return apps.get_model(LEGACY_LABELS.get(label, label))


def serialise(model_field: models.Field, value):
    """A JSON-comparable form of a model value (FKs as the target's key, many-to-many
    relations, a related manager or a list, as the sorted keys of their targets)."""
    if model_field.many_to_many:
        return sorted(item.key for item in (value.all() if hasattr(value, "all") else value))
    if isinstance(model_field, models.ForeignKey):
        return value.key if value is not None else None
    if isinstance(model_field, models.FileField):
        return value.name if value else ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(model_field, models.DecimalField) and value is not None:
        # Text, with the field's decimals: "50000" and 50000.00 compare equal.
        return f"{Decimal(value):.{model_field.decimal_places}f}"
    return value


def deserialise(model_field: models.Field, raw):
    """The model value of a JSON value (FKs looked up by the target's stable key)."""
    if raw is None:
        return None
    if model_field.many_to_many:
        targets = list(model_field.related_model._default_manager.filter(key__in=raw))
        if len(targets) != len(set(raw)):
            missing = sorted(set(raw) - {target.key for target in targets})
            raise model_field.related_model.DoesNotExist(", ".join(missing))
        return targets
    if isinstance(model_field, models.ForeignKey):
        return model_field.related_model._default_manager.get(key=raw)
    if isinstance(model_field, models.FileField):
        return raw
    if isinstance(model_field, RichTextField):
        return plain_to_html(model_field.to_python(raw))
    return model_field.to_python(raw)


def set_later(model) -> list[models.Field]:
    """The fields of ``model`` that can only be set once every object exists: its
    many-to-many relations and its links to objects of its own kind (a sub-measure's
    measure may come later in a file)."""
    return [
        field
        for field in (*model._meta.concrete_fields, *model._meta.many_to_many)
        if field.many_to_many or (field.is_relation and field.related_model is model)
    ]


def set_value(obj, model_field: models.Field, value) -> None:
    """Set a deserialised value on ``obj`` (a many-to-many relation: ``obj`` is saved)."""
    if model_field.many_to_many:
        getattr(obj, model_field.name).set(value or [])
    else:
        setattr(obj, model_field.name, value)
