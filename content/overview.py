"""“Übersetzungsstand”: all content × languages in one table, filterable."""

from collections import defaultdict

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import translations
from .languages import target_language_choices
from .models import TranslationState, content_models


class TranslationOverviewAdmin(admin.ModelAdmin):
    """“Übersetzungsstand”: all content × languages in one table, filterable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # States are edited with their content object, not here.
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        states = {}
        for state in TranslationState.objects.all():
            states[(state.content_type_id, state.object_id, state.language)] = state.state
        languages = target_language_choices()
        models_ = [model for model in content_models() if translations.translated_fields(model)]
        wanted_model = request.GET.get("model", "")
        wanted_state = request.GET.get("state", "")
        wanted_language = request.GET.get("language", "")
        if wanted_language not in dict(languages):
            wanted_language = ""
        if wanted_state not in TranslationState.State.values:
            wanted_state = ""
        shown_languages = [
            lang for lang in languages if not wanted_language or lang[0] == wanted_language
        ]

        rows = []
        totals = defaultdict(int)
        for model in models_:
            label = model._meta.label_lower
            if wanted_model and wanted_model != label:
                continue
            content_type = ContentType.objects.get_for_model(model)
            for obj in model.objects.all():
                cells = []
                for code, _name in shown_languages:
                    value = states.get(
                        (content_type.id, obj.pk, code), TranslationState.State.MISSING
                    )
                    cells.append(
                        {
                            "language": code,
                            "state": value,
                            "label": TranslationState.State(value).label,
                        }
                    )
                if wanted_state and not any(c["state"] == wanted_state for c in cells):
                    continue
                for cell in cells:
                    totals[cell["state"]] += 1
                rows.append(
                    {
                        "model": model._meta.verbose_name,
                        "object": str(obj),
                        "url": reverse(
                            f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                            args=[obj.pk],
                        ),
                        "cells": cells,
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translation status"),
            "opts": self.model._meta,
            "rows": rows,
            "languages": shown_languages,
            "all_languages": languages,
            "model_choices": [(m._meta.label_lower, m._meta.verbose_name_plural) for m in models_],
            "state_choices": TranslationState.State.choices,
            "wanted_model": wanted_model,
            "wanted_state": wanted_state,
            "wanted_language": wanted_language,
            "totals": [
                (label, totals.get(value, 0)) for value, label in TranslationState.State.choices
            ],
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/translation_overview.html", context)
