"""Admin building blocks shared by the content apps, and the translation overview."""

from collections import defaultdict

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from . import translations
from .models import TranslationState

admin.site.site_header = _("WIR SIND HANNOVER – editorial office")
admin.site.site_title = _("WIR SIND HANNOVER editorial office")
admin.site.index_title = _("Content of the strategy portal")

CONTENT_APPS = ("leitlinien", "handlungsfelder", "beteiligung")

EDITORIAL_FIELDSET = (
    _("Editorial addition (not the city's wording)"),
    {
        "fields": (
            "editorial_text",
            "editorial_source_label",
            "editorial_source_url",
            "editorial_checked",
        ),
        "description": _(
            "Facts from public sources in our own words. The page labels them "
            "“Redaktionelle Ergänzung” and shows the source. Never enter the city's "
            "official wording here."
        ),
    },
)

PUBLICATION_FIELDSET = (
    _("Publication"),
    {
        "fields": ("key", "published", "minor_change"),
        "description": _(
            "When you change German text, the translations are marked “outdated” so that "
            "translators check them. For a typo or punctuation only, tick “minor change”."
        ),
    },
)


class ContentForm(forms.ModelForm):
    minor_change = forms.BooleanField(
        label=_("minor change"),
        required=False,
        help_text=_(
            "Only a typo or punctuation in the German text: the translations stay up to date."
        ),
    )


class TranslationStateInline(GenericTabularInline):
    model = TranslationState
    fields = ("language", "state", "reviewed_by", "reviewed_at")
    readonly_fields = ("language", "reviewed_by", "reviewed_at")
    extra = 0
    can_delete = False
    verbose_name = _("translation state")
    verbose_name_plural = _("translation states (set “reviewed” after checking a translation)")

    def has_add_permission(self, request, obj=None):
        return False


class ContentAdmin(TabbedDjangoJqueryTranslationAdmin):
    """Common behaviour: publication filter, key fixed once created, translation states."""

    form = ContentForm
    list_filter = ("published",)
    save_on_top = True
    list_per_page = 50
    inlines = [TranslationStateInline]
    # Staff type “www.hannover.de/…”: complete it with https, not http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The key is in public links and anchors; it must not change by accident.
            readonly.append("key")
        return readonly

    def save_formset(self, request, form, formset, change):
        if formset.model is TranslationState:
            for state_form in formset.forms:
                state = state_form.instance
                if "state" not in state_form.changed_data:
                    continue
                if state.state == TranslationState.State.REVIEWED:
                    state.reviewed_by = request.user
                    state.reviewed_at = timezone.now()
                else:
                    state.reviewed_by = None
                    state.reviewed_at = None
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        fields = translations.translated_fields(obj.__class__)
        changed = set(form.changed_data)
        source = settings.SOURCE_LANGUAGE
        explicitly_set = {
            state_form.instance.language
            for formset in formsets
            if formset.model is TranslationState
            for state_form in formset.forms
            if "state" in state_form.changed_data
        }
        edited = {
            language
            for language in translations.target_languages()
            if any(translations.column(f, language) in changed for f in fields)
        }
        source_changed = any(translations.column(f, source) in changed for f in fields)
        translations.update_states(
            obj,
            changed_languages=edited - explicitly_set,
            source_changed=source_changed and not form.cleaned_data.get("minor_change"),
            keep=explicitly_set,
        )

    def get_inline_instances(self, request, obj=None):
        # States exist once the object exists.
        instances = super().get_inline_instances(request, obj)
        if obj is None:
            return [i for i in instances if not isinstance(i, TranslationStateInline)]
        return instances


@admin.register(TranslationState)
class TranslationOverviewAdmin(admin.ModelAdmin):
    """“Übersetzungsstand”: all content × languages in one table, filterable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        states = {}
        for state in TranslationState.objects.all():
            states[(state.content_type_id, state.object_id, state.language)] = state.state
        languages = [
            (code, name) for code, name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE
        ]
        models_ = [
            model
            for label in CONTENT_APPS
            for model in apps.get_app_config(label).get_models()
            if translations.translated_fields(model)
        ]
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
