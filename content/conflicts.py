"""Two editors, nothing lost: a save based on an outdated form is merged field by field.

The form carries the time stamp and the latest version of the entry as it was opened
(``edit_token``). When someone else saved in between, each field is compared three ways:
the version the editor started from (the base), the editor's input and the stored entry.

- Only the other person changed a field: their value is kept (never silently undone).
- Only this editor changed it: this editor's value is saved.
- Both changed it differently: that field is refused, with the other person's current
  value beside the editor's input and a link to the current version. The form then
  counts as opened now, so a second save is a deliberate choice.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext
from reversion.models import Version

SEPARATOR = "|"
#: The hidden form field that carries ``edit_token``.
EDIT_TOKEN = "edit_token"  # noqa: S105 - a form field name, not a secret


def latest_version(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user").first()


def edit_token(obj) -> str:
    """The entry as the form was opened: its time stamp and its latest version."""
    if obj is None or not obj.updated_at:
        return ""
    version = latest_version(obj)
    return f"{obj.updated_at.isoformat()}{SEPARATOR}{version.pk if version else ''}"


def author(version) -> str:
    user = version.revision.user if version else None
    if user is None:
        return gettext("someone else")
    return user.get_full_name() or user.get_username()


def _stored(model_field, obj):
    """A field's value in the database, comparable with the base version's value."""
    if model_field.many_to_many:
        return sorted(getattr(obj, model_field.name).values_list("pk", flat=True))
    return getattr(obj, model_field.attname)


def _base(model_field, field_dict, default):
    if model_field.many_to_many:
        return sorted(field_dict.get(model_field.name, default))
    return field_dict.get(model_field.attname, default)


def _same(field, a, b) -> bool:
    """Whether two stored values are the same once the form field has read them."""
    try:
        return field.to_python(field.prepare_value(a)) == field.to_python(field.prepare_value(b))
    except ValidationError:
        return a == b


def _set_data(form, name, value):
    """Put ``value`` into the form's submitted data, as if the editor had typed it."""
    key = form.add_prefix(name)
    if isinstance(value, bool):
        if value:
            form.data[key] = "on"
        else:
            form.data.pop(key, None)
    elif isinstance(value, list):
        form.data.setlist(key, [str(item) for item in value])
    else:
        form.data[key] = "" if value is None else form.fields[name].prepare_value(value)


def _readable(value) -> str:
    text = strip_tags(str(value if value is not None else "")).strip()
    return Truncator(text).chars(300) or "–"


def merge(form, stored, cleaned, token: str, skip=()) -> None:
    """Merge ``form``'s input with the changes saved since it was opened.

    Changes ``cleaned`` (and the form's data, for a redisplay) to keep the other person's
    changes and sets ``form.taken_over`` to the labels of the fields taken from the other
    person. When both changed a field, adds an error to each such field and raises the
    message above the form (a ValidationError with code ``conflict``).
    """
    form.taken_over = []
    stamp, _sep, version_id = token.partition(SEPARATOR)
    if stamp == stored.updated_at.isoformat():
        return []
    current = latest_version(stored)
    base = Version.objects.filter(pk=version_id).first() if version_id.isdigit() else None
    field_dict = base.field_dict if base and base.object_id == str(stored.pk) else None
    form.data = form.data.copy()
    conflicts = []
    for name, field in form.fields.items():
        if name in skip or name not in cleaned:
            continue
        try:
            model_field = stored._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        theirs = _stored(model_field, stored)
        # Without a known base (a form from before this rule), every difference counts.
        base_value = _base(model_field, field_dict, theirs) if field_dict is not None else None
        if field_dict is not None and _same(field, base_value, theirs):
            continue  # nobody else changed it (beyond what the form normalises anyway)
        raw = form[name].data
        mine_changed = field_dict is None or field.has_changed(base_value, raw)
        if not mine_changed:
            cleaned[name] = (
                getattr(stored, name).all() if model_field.many_to_many else getattr(stored, name)
            )
            _set_data(form, name, theirs)
            form.taken_over.append(str(field.label))
        elif field.has_changed(theirs, raw):
            conflicts.append(name)
            form.add_error(name, _conflict_message(stored, current, model_field, theirs))
    if conflicts:
        # The editor has now seen the other changes: a second save is deliberate.
        _set_data(form, EDIT_TOKEN, edit_token(stored))
        labels = [str(form.fields[name].label) for name in conflicts]
        raise ValidationError(_summary(stored, current, labels), code="conflict")


def _conflict_message(stored, version, model_field, theirs):
    opts = stored._meta
    if version is not None:
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_revision", args=[stored.pk, version.pk]
        )
    else:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[stored.pk])
    shown = (
        ", ".join(str(pk) for pk in theirs)
        if isinstance(theirs, list)
        else _readable(getattr(stored, model_field.name) if model_field.is_relation else theirs)
    )
    return format_html(
        gettext(
            "{who} also changed this field after you opened the form. Current value: "
            '<q>{value}</q> (<a href="{url}">current version</a>). Your input is still in '
            "the field: keep it, or take the current value, and save again."
        ),
        who=author(version),
        value=shown,
        url=url,
    )


def _summary(stored, version, labels) -> str:
    """The message above the form after a refused save."""
    return gettext(
        "%(who)s changed this entry on %(when)s, after you opened it. Nothing was saved. "
        "You both changed: %(fields)s – each of these fields shows the current value beside "
        "your input. The other changes of %(who)s have been taken into the form."
    ) % {
        "who": author(version),
        "when": localize(localtime(stored.updated_at)),
        "fields": ", ".join(labels),
    }


class ConflictAdminMixin:
    """Says in the admin what the merge did: which changes of someone else were kept, or
    (instead of Django's “correct the errors below”) what happened and what to do. After
    any refused save, heading and breadcrumb still name the entry as it is saved."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "taken_over", None):
            messages.info(
                request,
                gettext("Kept what someone else changed meanwhile: %(fields)s")
                % {"fields": ", ".join(form.taken_over)},
            )

    def render_change_form(self, request, context, *args, **kwargs):
        form = context.get("adminform") and context["adminform"].form
        if form is not None and form.has_error(NON_FIELD_ERRORS, code="conflict"):
            others = []
            for error in form.errors.as_data()[NON_FIELD_ERRORS]:
                if error.code == "conflict":
                    messages.warning(request, error.messages[0])
                else:
                    others.extend(error.messages)
            form.errors[NON_FIELD_ERRORS] = form.error_class(others, error_class="nonfield")
            if not others:
                context["errors"] = None
        original = context.get("original")
        if form is not None and form.errors and original is not None and original.pk:
            # Validation has put the refused input into the object: name the saved entry.
            saved = type(original)._default_manager.filter(pk=original.pk).first()
            if saved is not None:
                context.update(original=saved, subtitle=str(saved))
        return super().render_change_form(request, context, *args, **kwargs)
