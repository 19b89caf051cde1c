"""What a measure links to: its goals, Leitlinien and Stadtbezirke (small tables), its
status, Handlungsfeld and council document (small tables too) and the projects, calls and
sub-measures some measures have.

Lists and measure pages show these for every measure. They change only when staff save
something, so each process keeps them per content generation and language (like the
filter's choices): the small tables once, and which measure links to which as numbers.
A page then reads its measures and their reports, not five more tables per page.
"""

from django.db.models import Model
from django.utils.translation import get_language

from content.views import in_language, kept_visible, visible
from leitlinien.models import Leitlinie

from .models import Foerderaufruf, Foerderprojekt, Massnahme, Stadtbezirk, Ziel

#: Relation of Massnahme → (model linked to, related models it shows).
LINKED = {
    "goals": (Ziel, ("handlungsfeld",)),
    "leitlinien": (Leitlinie, ()),
    "districts": (Stadtbezirk, ()),
}

#: Relations most measures do not have: a page reads them only for those that have some.
OPTIONAL = {
    "projects": (Foerderprojekt, "measure__key"),
    "calls": (Foerderaufruf, "measure__key"),
    "children": (Massnahme, "parent__key"),
}


def _linked(request, name: str) -> dict[int, list[Model]]:
    """``{measure pk: [visible objects of relation name, in their model's order]}``."""
    model, related = LINKED[name]
    field = Massnahme._meta.get_field(name)

    def load():
        shown = in_language(visible(model.objects.select_related(*related), request), *related)
        objects = {obj.pk: obj for obj in shown}
        through = field.remote_field.through.objects.values_list(
            field.m2m_field_name(), field.m2m_reverse_field_name()
        )
        position = {pk: index for index, pk in enumerate(objects)}
        found: dict[int, list[Model]] = {}
        for measure, target in sorted(through, key=lambda pair: position.get(pair[1], -1)):
            if target in objects:
                found.setdefault(measure, []).append(objects[target])
        return found

    return kept_visible(request, ("measure-links", name, get_language()), load)


def attach_links(measures, request, *names: str) -> None:
    """Give each of ``measures`` the lists ``shown_<name>`` of the relations ``names``
    (default: all of LINKED) without a query once they are kept."""
    for name in names or LINKED:
        linked = _linked(request, name)
        for measure in measures:
            setattr(measure, f"shown_{name}", linked.get(measure.pk, []))


def optional_relations(request, key: str) -> set[str]:
    """The names of OPTIONAL relations the measure ``key`` has visible objects in."""

    def load():
        found: dict[str, set[str]] = {}
        for name, (model, path) in OPTIONAL.items():
            keys = visible(model.objects.filter(**{f"{path}__isnull": False}), request)
            for measure in keys.values_list(path, flat=True):
                found.setdefault(measure, set()).add(name)
        return found

    return kept_visible(request, "measures-with-related", load).get(key, set())


def reference(request, model) -> dict[int, Model]:
    """Every object of the small table ``model`` (statuses, Handlungsfelder, council
    documents) by primary key, in the page's language: what a measure's page joined into
    its queries, kept per content generation and language instead."""
    key = ("reference", model._meta.label, get_language())
    return kept_visible(
        request, key, lambda: {obj.pk: obj for obj in in_language(model.objects.all())}
    )


def attach_reference(request, obj, **fields) -> None:
    """Set the foreign keys ``fields`` (name → model) of ``obj`` from ``reference``: no
    query (a missing one, say deleted meanwhile, stays unset and is read as usual)."""
    for name, model in fields.items():
        number = getattr(obj, f"{name}_id")
        found = reference(request, model).get(number) if number is not None else None
        if found is not None or number is None:
            setattr(obj, name, found)
