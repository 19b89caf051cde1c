"""The history of a content object in the admin (django-reversion): a readable word-level
diff between two versions, and the admin views that show it."""

import difflib

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from reversion.models import Version


def previous_version(version: Version) -> Version | None:
    return (
        Version.objects.get_for_object_reference(version._model, version.object_id)
        .filter(revision__date_created__lt=version.revision.date_created)
        .order_by("-revision__date_created")
        .first()
    )


def word_diff(old: str, new: str):
    """HTML of ``new`` with deleted words in <del> and inserted words in <ins>."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped by format_html


def changes(model, old: dict, new: dict) -> list[dict]:
    """The fields that differ between two field dicts, with their labels and a diff."""
    rows = []
    for field in model._meta.concrete_fields:
        if field.name in ("updated_at",):
            continue
        before, after = old.get(field.attname), new.get(field.attname)
        if before == after:
            continue
        before_text = "" if before is None else str(before)
        after_text = "" if after is None else str(after)
        rows.append(
            {
                "label": field.verbose_name,
                "before": before_text,
                "after": after_text,
                "diff": word_diff(before_text, after_text),
            }
        )
    return rows


# django-reversion's own wording of its pages, in ours (the catalogue in locale/ says it in
# the portal's words, Fassung and Eintrag, where reversion's says Objekt and Version).
REVERSION_WORDING = (
    gettext_noop("Press the save button below to revert to this version of the object."),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Choose a date from the list below to recover a deleted version of an object."),
    gettext_noop("There are no deleted objects to recover."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("Initial version."),
)


class HistoryViewsMixin:
    """For a ``VersionAdmin``: the history with a “Changes” link per version, the page that
    shows what one version changed, word by word, and change messages in German."""

    def construct_change_message(self, request, form, formsets, add=False):
        """Django stores the changed fields' labels in English and translates them when it
        shows them; the labels of translation fields carry a language suffix (“Official
        wording [de]”) that no catalogue knows. They are stored as staff read them, in
        German, which the admin always speaks."""
        message = super().construct_change_message(request, form, formsets, add)
        with translation.override(None):
            english = {name: str(field.label) for name, field in form.fields.items()}
        german = {english[name]: str(field.label) for name, field in form.fields.items()}
        for entry in message:
            changed = entry.get("changed", {})
            if "fields" in changed:
                changed["fields"] = [german.get(label, label) for label in changed["fields"]]
        return message

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name=f"{opts.app_label}_{opts.model_name}_changes",
            ),
            *super().get_urls(),
        ]

    def changes_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id, object_id=object_id)
        if version._model is not self.model:
            raise PermissionDenied
        previous = previous_version(version)
        rows = changes(self.model, previous.field_dict if previous else {}, version.field_dict)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes in this version"),
            "opts": opts,
            "version": version,
            "previous": previous,
            "rows": rows,
            "can_restore": self.has_restore_permission(request),
            "object_repr": version.object_repr,
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]
            ),
            "revert_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_revision", args=[object_id, version.pk]
            ),
        }
        return TemplateResponse(request, "admin/content_changes.html", context)

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        context = {
            "changes_url_name": f"admin:{opts.app_label}_{opts.model_name}_changes",
            "can_restore": self.has_restore_permission(request),
        }
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)
