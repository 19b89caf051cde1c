"""“Übersetzungsstand”: what to translate or review first.

One row per text and group (the city's text, the editorial addition), one cell per
language. Rows come in the order of the work they need: outdated before missing before
unreviewed, fully reviewed last; the city's text before the editorial additions. A small
table counts the states per language. Filterable by content type, group, language, state.
"""

from collections import Counter

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import translations
from .languages import target_language_choices
from .models import TranslationState, content_models

State = TranslationState.State
Group = TranslationState.Group
#: What needs work first. (Leichte Sprache is no target language: never counted missing.)
URGENCY = [State.OUTDATED, State.MISSING, State.UNREVIEWED, State.REVIEWED]
GROUP_ORDER = [Group.OFFICIAL, Group.EDITORIAL]


def overview_rows(languages, wanted_model="", wanted_group="", wanted_state=""):
    """The rows of the overview for ``languages`` (codes), in the order of urgency."""
    states = {
        (s.content_type_id, s.object_id, s.group, s.language): s.state
        for s in TranslationState.objects.all()
    }
    rows = []
    for model in content_models():
        label = model._meta.label_lower
        if not translations.translated_fields(model) or wanted_model not in ("", label):
            continue
        content_type = ContentType.objects.get_for_model(model)
        url_name = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
        for obj in model.objects.all():
            for group in translations.groups_with_text(obj):  # nothing to translate: no row
                if wanted_group not in ("", group):
                    continue
                cells = [
                    State(states.get((content_type.id, obj.pk, group, code), State.MISSING))
                    for code in languages
                ]
                if wanted_state and wanted_state not in cells:
                    continue
                rows.append(
                    {
                        "model": model._meta.verbose_name,
                        "object": str(obj),
                        "url": reverse(url_name, args=[obj.pk]),
                        "group": Group(group),
                        "cells": [{"state": c.value, "label": c.label} for c in cells],
                        "urgency": min(URGENCY.index(c) for c in cells) if cells else 0,
                        "order": len(rows),
                    }
                )
    rows.sort(key=lambda r: (r["urgency"], GROUP_ORDER.index(r["group"]), r["order"]))
    return rows


def counts_per_language(rows, languages):
    """``[(code, [count per state in URGENCY order])]`` over the cells of ``rows``."""
    counts = Counter(
        (code, cell["state"])
        for row in rows
        for code, cell in zip(languages, row["cells"], strict=True)
    )
    return [(code, [counts[(code, state.value)] for state in URGENCY]) for code in languages]


class TranslationOverviewAdmin(admin.ModelAdmin):
    """“Übersetzungsstand”: all content × groups × languages in one table, filterable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # States are edited with their content object, not here.
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        languages = target_language_choices()
        models_ = [model for model in content_models() if translations.translated_fields(model)]
        wanted = {name: request.GET.get(name, "") for name in ("model", "group", "state")}
        wanted_language = request.GET.get("language", "")
        if wanted_language not in dict(languages):
            wanted_language = ""
        if wanted["state"] not in State.values:
            wanted["state"] = ""
        if wanted["group"] not in Group.values:
            wanted["group"] = ""
        shown = [lang for lang in languages if wanted_language in ("", lang[0])]
        codes = [code for code, _name in shown]
        rows = overview_rows(
            codes,
            wanted_model=wanted["model"],
            wanted_group=wanted["group"],
            wanted_state=wanted["state"],
        )
        names = dict(languages)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translation status"),
            "opts": self.model._meta,
            "rows": rows,
            "languages": shown,
            "all_languages": languages,
            "model_choices": [(m._meta.label_lower, m._meta.verbose_name_plural) for m in models_],
            "group_choices": Group.choices,
            "state_choices": State.choices,
            "count_states": [state.label for state in URGENCY],
            "counts": [
                (code, names[code], numbers) for code, numbers in counts_per_language(rows, codes)
            ],
            "wanted_model": wanted["model"],
            "wanted_group": wanted["group"],
            "wanted_state": wanted["state"],
            "wanted_language": wanted_language,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/translation_overview.html", context)
