"""Saving, releasing and deciding change drafts (``content.drafts``).

Releasing writes a draft's fields only where the live entry still has the base value (or
already the draft's): a field that someone changed meanwhile is a conflict, and nothing is
written. ``manage.py publish_scheduled`` releases what is due (``run_due``), safe on
several servers at once like the publication dates (``content.scheduling``).
"""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from reversion import create_revision, set_comment, set_user

from . import translations
from .drafts import Aenderungsentwurf, pending_draft
from .scheduling import shown

#: Fields a draft never changes: the address and the publication (their own workflows).
NOT_DRAFTED = ("key", "published", "updated_at")


def _fields(model) -> dict[str, models.Field]:
    """The fields a draft may change, by the name it stores them under."""
    found = {}
    mirrors = set(translations.translated_fields(model))  # the language columns hold them
    for field in model._meta.get_fields():
        if field.name in (*NOT_DRAFTED, *mirrors) or not getattr(field, "editable", False):
            continue
        if field.many_to_many and not field.auto_created:
            found[field.name] = field
        elif field.concrete and not field.many_to_many and not field.primary_key:
            found[field.attname] = field
    return found


def _value(obj, name, field):
    if field.many_to_many:
        return sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []
    return getattr(obj, name)


def _stored(value):
    """A value as the JSON field keeps it (dates as ISO text, decimals as text)."""
    return DjangoJSONEncoder().default(value) if _needs_text(value) else value


def _needs_text(value) -> bool:
    return value is not None and not isinstance(value, (str, int, float, bool, list))


def _loaded(field, value):
    if field.many_to_many or value is None:
        return value
    return field.to_python(value)


def values(draft: Aenderungsentwurf, model) -> dict:
    """The draft's changed fields as Python values, by attname (m2m: primary keys)."""
    fields = _fields(model)
    return {name: _loaded(fields[name], v) for name, v in draft.changes.items() if name in fields}


def save_draft(live, edited, m2m: dict, user) -> Aenderungsentwurf | None:
    """Keep what ``edited`` (the unsaved form instance; ``m2m``: name → chosen objects)
    changes of ``live`` as the entry's pending draft, creating it or updating it. Returns
    None when the edit equals the live entry and there is no draft."""
    fields = _fields(type(live))
    changes, base = {}, {}
    for name, field in fields.items():
        if field.many_to_many and name not in m2m:
            continue  # not in the form
        before = _value(live, name, field)
        after = sorted(o.pk for o in m2m[name]) if field.many_to_many else getattr(edited, name)
        stored = _stored(after)
        if _loaded(field, stored) != before:
            changes[name], base[name] = stored, _stored(before)
    draft = pending_draft(live)
    if draft is None and not changes:
        return None
    if draft is None:
        draft = Aenderungsentwurf(target=live, author=user)
    elif draft.state == Aenderungsentwurf.State.SCHEDULED:
        # A released draft that is edited again needs a new release.
        draft.state, draft.live_from, draft.decided_by, draft.decided_at = "open", None, None, None
        draft.number += 1
    else:
        draft.number += 1
    draft.changes, draft.base, draft.author = changes, base, user
    draft.save()
    draft.contributors.add(user)
    return draft


def conflicts(draft: Aenderungsentwurf, live) -> list[str]:
    """The labels of fields someone changed on the live entry since the draft was saved."""
    model = type(live)
    fields = _fields(model)
    changed = values(draft, model)
    found = []
    for name, after in changed.items():
        field = fields[name]
        now = _value(live, name, field)
        if now != _loaded(field, draft.base.get(name)) and now != after:
            found.append(str(field.verbose_name))
    return found


def _log(obj, user, message: str) -> None:
    """An entry in the object's admin history (the one staff read under “Geschichte”)."""
    if user is not None:
        LogEntry.objects.log_actions(
            user.pk, [obj], CHANGE, change_message=message, single_object=True
        )


def live_values(draft: Aenderungsentwurf, live) -> dict:
    """The live entry's values of the fields the draft changes (to compare with it)."""
    fields = _fields(type(live))
    return {name: _value(live, name, fields[name]) for name in draft.changes if name in fields}


def fill(obj, draft: Aenderungsentwurf) -> None:
    """Put the draft's values into ``obj`` in memory (its form then shows the draft)."""
    model = type(obj)
    fields = _fields(model)
    for name, value in values(draft, model).items():
        field = fields[name]
        if field.many_to_many:
            chosen = field.related_model._default_manager.filter(pk__in=value)
            obj._prefetched_objects_cache = getattr(obj, "_prefetched_objects_cache", {})
            obj._prefetched_objects_cache[name] = chosen
        else:
            setattr(obj, name, value)


def write(obj, draft: Aenderungsentwurf) -> None:
    """Save ``obj`` filled with the draft (``fill``), its chosen relations included."""
    model = type(obj)
    fields = _fields(model)
    obj.save()
    for name, value in values(draft, model).items():
        if fields[name].many_to_many:
            getattr(obj, name).set(value)


def apply(draft: Aenderungsentwurf, user, now=None) -> list[str]:
    """Write the draft to its live entry (one revision, with ``user`` as its author);
    returns the conflicting fields instead when someone changed them meanwhile."""
    now = now or timezone.now()
    live = type(draft.target)._default_manager.select_for_update().get(pk=draft.object_id)
    found = conflicts(draft, live)
    if found:
        return found
    model = type(live)
    fields = _fields(model)
    names = [fields[name].name for name in draft.changes if name in fields]
    message = gettext("Change draft by %(author)s released by %(releaser)s") % {
        "author": _name(draft.author),
        "releaser": _name(user),
    }
    with create_revision():
        fill(live, draft)
        write(live, draft)
        set_user(user)
        set_comment(message)
    source_changed, written = translations.changed_text(model, names)
    translations.update_states(live, written=written, source_changed=source_changed, keep=set())
    _log(live, user, message)
    draft.state, draft.applied_at = Aenderungsentwurf.State.RELEASED, now
    draft.decided_by, draft.decided_at = user, draft.decided_at or now
    draft.save(update_fields=["state", "applied_at", "decided_by", "decided_at", "updated_at"])
    return []


def _name(user) -> str:
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def decide(draft, user, state, comment="", live_from=None) -> None:
    """Record a release for later, a rejection or a withdrawal (who, when, why)."""
    draft.state, draft.decided_by, draft.decided_at = state, user, timezone.now()
    draft.comment, draft.live_from = comment, live_from
    draft.save()
    target = draft.target
    if target is not None:
        messages = {
            Aenderungsentwurf.State.SCHEDULED: gettext(
                "Change draft by %(author)s released by %(releaser)s for %(when)s"
            ),
            Aenderungsentwurf.State.REJECTED: gettext(
                "Change draft by %(author)s rejected by %(releaser)s: %(comment)s"
            ),
            Aenderungsentwurf.State.WITHDRAWN: gettext(
                "Change draft withdrawn by its author %(releaser)s"
            ),
        }
        when = shown(live_from) if live_from else ""
        text = messages[state] % {
            "author": _name(draft.author),
            "releaser": _name(user),
            "comment": comment,
            "when": when,
        }
        _log(target, user, text)


def run_due(now=None) -> list[Aenderungsentwurf]:
    """Release every draft scheduled for ``now`` or earlier that no other run holds; a
    draft whose entry changed meanwhile goes back to “waiting for release”."""
    now = now or timezone.now()
    done = []
    with translation.override(settings.SOURCE_LANGUAGE), transaction.atomic():
        due = (
            Aenderungsentwurf.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=Aenderungsentwurf.State.SCHEDULED, live_from__lte=now)
            .select_related("content_type", "decided_by", "author")
            .order_by("live_from", "pk")
        )
        for draft in due:
            if draft.target is None:
                draft.state = Aenderungsentwurf.State.REJECTED
                draft.comment = gettext("The entry no longer exists.")
                draft.save(update_fields=["state", "comment", "updated_at"])
            elif apply(draft, draft.decided_by, now):
                draft.state = Aenderungsentwurf.State.OPEN
                draft.comment = gettext("Not released: the live entry changed meanwhile.")
                draft.save(update_fields=["state", "comment", "updated_at"])
            done.append(draft)
    return done
