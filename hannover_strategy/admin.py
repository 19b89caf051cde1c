"""Admin building blocks shared by the content apps, and the translation overview.

What every content admin guarantees:

- History (django-reversion): every save is a revision with its author; any earlier version
  can be restored, deleted objects recovered, and each revision shows a word-level diff.
- Two editors: a save based on an outdated form is refused with a conflict message; the
  editor's input stays in the form.
- Roles: without the publish permission (group “Übersetzung”) only translations can be
  edited; publishing is refused with 403 on the server.
- An address in use (key of a Handlungsfeld, number of a Leitlinie) only changes after an
  explicit confirmation, and the old address then redirects (contrib.redirects).
"""

import copy
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin
from modeltranslation.fields import TranslationField
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import history, translations
from .models import (
    Barrierefreiheitserklaerung,
    Gebaerdensprachvideo,
    OffeneDaten,
    Rueckmeldung,
    Seite,
    TranslationState,
    content_models,
)
from .roles import PUBLISH_PERMISSION

# Our wording of the admin's button to the public page (the catalogue overrides Django's).
VIEW_ON_SITE = gettext_noop("View on site")

admin.site.site_header = _("WIR SIND HANNOVER – editorial office")
admin.site.site_title = _("WIR SIND HANNOVER editorial office")
admin.site.index_title = _("Content of the strategy portal")

# Form fields that are not model fields; every content form carries them.
EDIT_TOKEN = "edit_token"  # noqa: S105 - a form field name, not a secret
MINOR_CHANGE = "minor_change"
CONFIRM_ADDRESS = "confirm_address_change"
FORM_ONLY_FIELDS = (EDIT_TOKEN, MINOR_CHANGE, CONFIRM_ADDRESS)

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
        "fields": ("key", "published"),
        "description": _(
            "Drafts are only visible to staff (button “Auf der Website ansehen” shows a "
            "preview). When you change German text, the translations are marked “outdated” "
            "so that translators check them; for a typo or punctuation only, tick “minor "
            "change”."
        ),
    },
)


def edit_token(obj) -> str:
    return obj.updated_at.isoformat() if obj is not None and obj.updated_at else ""


def preview_url(obj) -> str:
    """The public address of ``obj``; a preview address while it is a draft."""
    url = obj.get_absolute_url()
    if obj.published:
        return url
    base, _sep, fragment = url.partition("#")
    return f"{base}?preview=1" + (f"#{fragment}" if fragment else "")


def public_paths(obj) -> dict[str, str]:
    """The page address of ``obj`` in every language (without anchor), and its short link."""
    from .links import short_path

    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = obj.get_absolute_url().partition("#")[0]
    if short := short_path(obj):
        paths["short"] = short
    return paths


def last_author(obj):
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    return version.revision if version else None


class ContentForm(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    minor_change = forms.BooleanField(
        label=_("minor change"),
        required=False,
        help_text=_(
            "Only a typo or punctuation in the German text: the translations stay up to date."
        ),
    )
    confirm_address_change = forms.BooleanField(
        label=_("change the public address"),
        required=False,
        help_text=_(
            "Needed when you change the key of a published page or the number of a "
            "Leitlinie: other sites and printed material link to the old address. It will "
            "redirect to the new one."
        ),
    )

    #: set by the admin for the history views, which deliberately save an older version
    check_conflicts = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if EDIT_TOKEN in self.fields:
            self.fields[EDIT_TOKEN].initial = edit_token(
                self.instance if self.instance.pk else None
            )
        self.old_paths = {}

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk:
            return cleaned
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        if stored is None:
            return cleaned
        if self.check_conflicts and EDIT_TOKEN in self.fields:
            self._check_conflict(stored, cleaned.get(EDIT_TOKEN, ""))
        address_fields = [
            f for f in getattr(type(instance), "ADDRESS_FIELDS", ("key",)) if f in self.changed_data
        ]
        if address_fields and stored.published:
            self.old_paths = public_paths(stored)
            if not cleaned.get(CONFIRM_ADDRESS):
                raise ValidationError(
                    _(
                        "This changes the public address of a published page (%(fields)s). "
                        "Tick “change the public address” to confirm; the old address will "
                        "then redirect to the new one."
                    ),
                    params={
                        "fields": ", ".join(
                            str(type(instance)._meta.get_field(f).verbose_name)
                            for f in address_fields
                        )
                    },
                    code="address_change",
                )
        return cleaned

    def _check_conflict(self, stored, token):
        current = edit_token(stored)
        if token == current:
            return
        # Let a second, deliberate save through: the editor has now seen the message.
        data = self.data.copy()
        data[self.add_prefix(EDIT_TOKEN)] = current
        self.data = data
        revision = last_author(stored)
        who = (
            (revision.user.get_full_name() or revision.user.get_username())
            if revision and revision.user
            else gettext("someone else")
        )
        when = localize(localtime(stored.updated_at))
        raise ValidationError(
            _(
                "Conflict: %(who)s changed this entry on %(when)s, after you opened it. "
                "Your input is still in the form below and nothing was saved. Compare with "
                "the current version (open it in a new tab); saving again replaces it with "
                "your version."
            ),
            params={"who": who, "when": when},
            code="conflict",
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


class ContentAdmin(VersionAdmin, TabbedDjangoJqueryTranslationAdmin):
    """Common behaviour of every content admin (see the module docstring)."""

    form = ContentForm
    list_filter = ("published",)
    save_on_top = True
    list_per_page = 50
    inlines = [TranslationStateInline]
    actions = ["publish", "unpublish"]
    object_history_template = "admin/content_history.html"
    history_latest_first = True
    # Staff type “www.hannover.de/…”: complete it with https, not http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # --- permissions -------------------------------------------------------------------

    def can_publish(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def translation_columns(self) -> set[str]:
        return {
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, TranslationField) and field.language != settings.SOURCE_LANGUAGE
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            # Translators: only the translations are theirs to edit.
            editable = self.translation_columns() | set(FORM_ONLY_FIELDS)
            names = admin.utils.flatten_fieldsets(self.get_fieldsets(request, obj))
            readonly += [name for name in names if name not in editable]
        return readonly

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and not self.can_publish(request)
            and "published" in request.POST
        ):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    # --- form --------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        extra = [EDIT_TOKEN]
        if self.can_publish(request):
            extra.append(MINOR_CHANGE)
            if obj is not None and obj.published:
                # Only a published page has an address that others link to.
                extra.append(CONFIRM_ADDRESS)
        present = set(admin.utils.flatten_fieldsets(fieldsets))
        first = fieldsets[0][1]
        first["fields"] = (*first["fields"], *[name for name in extra if name not in present])
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith(("_revision", "_recover")):
            form = type(form.__name__, (form,), {"check_conflicts": False})
        return form

    def view_on_site(self, obj):
        return preview_url(obj)

    # --- saving ------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "old_paths", None):
            self._redirect_old_addresses(request, form.old_paths, public_paths(obj))

    def _redirect_old_addresses(self, request, old_paths, new_paths):
        site = Site.objects.get_current()
        for code, old in old_paths.items():
            new = new_paths[code]
            if old == new:
                continue
            Redirect.objects.update_or_create(site=site, old_path=old, defaults={"new_path": new})
            Redirect.objects.filter(site=site, new_path=old).update(new_path=new)
            Redirect.objects.filter(site=site, old_path=new).delete()  # the new address is real
        if any(old_paths[c] != new_paths[c] for c in old_paths):
            messages.info(
                request,
                gettext("The old address now redirects to the new one: %(old)s → %(new)s")
                % {
                    "old": old_paths[settings.SOURCE_LANGUAGE],
                    "new": new_paths[settings.SOURCE_LANGUAGE],
                },
            )

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
            source_changed=source_changed and not form.cleaned_data.get(MINOR_CHANGE),
            keep=explicitly_set,
        )

    def get_inline_instances(self, request, obj=None):
        # States exist once the object exists.
        instances = super().get_inline_instances(request, obj)
        if obj is None:
            return [i for i in instances if not isinstance(i, TranslationStateInline)]
        return instances

    # --- actions -----------------------------------------------------------------------

    @admin.action(description=_("Publish selected entries"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(
        description=_("Unpublish selected entries (make them drafts)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, value):
        for obj in queryset:
            if obj.published == value:
                continue
            # One revision per object, so that restoring one never touches another.
            with self.create_revision(request):
                obj.published = value
                obj.save()
                self.log_change(
                    request, obj, gettext("Published") if value else gettext("Unpublished")
                )

    # --- history diff ------------------------------------------------------------------

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
        previous = history.previous_version(version)
        rows = history.changes(
            self.model, previous.field_dict if previous else {}, version.field_dict
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes in this version"),
            "opts": opts,
            "version": version,
            "previous": previous,
            "rows": rows,
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
        context = {"changes_url_name": f"admin:{opts.app_label}_{opts.model_name}_changes"}
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)


@admin.register(TranslationState)
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
        languages = [
            (code, name) for code, name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE
        ]
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


@admin.register(Seite)
class SeiteAdmin(ContentAdmin):
    list_display = ("title", "key", "published", "updated_at")
    search_fields = ("title", "body")
    fieldsets = (PUBLICATION_FIELDSET, (_("Page"), {"fields": ("title", "note", "body")}))


@admin.register(Barrierefreiheitserklaerung)
class BarrierefreiheitserklaerungAdmin(ContentAdmin):
    list_display = ("title", "conformance", "statement_date", "reviewed_date", "published")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("Statement"),
            {
                "fields": (
                    "title",
                    "intro",
                    "conformance",
                    "conformance_text",
                    "known_limits",
                    "statement_date",
                    "reviewed_date",
                    "feedback_text",
                    "enforcement_text",
                )
            },
        ),
    )


@admin.register(Gebaerdensprachvideo)
class GebaerdensprachvideoAdmin(ContentAdmin):
    list_display = ("title", "video", "published", "updated_at")
    fieldsets = (PUBLICATION_FIELDSET, (_("Video"), {"fields": ("title", "video", "description")}))


@admin.register(OffeneDaten)
class OffeneDatenAdmin(ContentAdmin):
    list_display = ("title", "licence_name", "published", "updated_at")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Open data"), {"fields": ("title", "intro", "licence_name", "licence_url")}),
    )


@admin.register(Rueckmeldung)
class RueckmeldungAdmin(admin.ModelAdmin):
    """Messages from the feedback form. The text is the sender's: it cannot be changed."""

    list_display = ("created_at", "short_message", "page", "language", "status")
    list_filter = ("status", "language")
    search_fields = ("message", "page", "name", "email")
    readonly_fields = ("message", "name", "email", "page", "language", "created_at")
    fields = (
        "created_at",
        "message",
        "page",
        "name",
        "email",
        "language",
        "status",
        "internal_note",
    )
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("message"))
    def short_message(self, obj):
        return obj.message[:80]
