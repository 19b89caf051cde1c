"""A readable word-level diff between two versions of a content object (django-reversion)."""

import difflib

from django.utils.html import format_html
from django.utils.safestring import mark_safe
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
