"""Admin building blocks shared by the content apps.

What every content admin guarantees:

- History (django-reversion): every save is a revision with its author; any earlier version
  can be restored, deleted objects recovered, and each revision shows a word-level diff.
- Two editors: a save based on an outdated form is refused with a conflict message; the
  editor's input stays in the form (``content.forms``).
- Roles: without the model's publish permission (group “Übersetzung”) only translations
  can be edited; publishing is refused with 403 on the server.
- An address in use (key of a Handlungsfeld, number of a Leitlinie) only changes after an
  explicit confirmation, and the old address then redirects (contrib.redirects).
"""

import copy

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationTabularInline
from modeltranslation.fields import TranslationField
from reversion.admin import VersionAdmin

from . import translations
from .conflicts import EDIT_TOKEN, ConflictAdminMixin
from .draft_admin import ChangeDraftAdminMixin
from .forms import (
    CONFIRM_ADDRESS,
    FORM_ONLY_FIELDS,
    MINOR_CHANGE,
    ContentForm,
    preview_url,
    public_paths,
)
from .history import HistoryViewsMixin
from .models import EditorialAddition, TranslationState
from .overview import TranslationOverviewAdmin
from .publishing import PublishActionsMixin
from .richtext import RichTextField
from .schedule_admin import ScheduleInline
from .source_text import SourceTextAdminMixin

# Our wording of the admin's button to the public page (the catalogue overrides Django's).
VIEW_ON_SITE = gettext_noop("View on site")
# The sign-in error, in our words (Django's German says “Staff-Account”).
SIGN_IN_ERROR = gettext_noop(
    "Please enter the correct %(username)s and password for a staff account. Note that both "
    "fields may be case-sensitive."
)

admin.site.site_header = _("WIR SIND HANNOVER – editorial office")
admin.site.site_title = _("WIR SIND HANNOVER editorial office")
admin.site.index_title = _("Content of the strategy portal")

EDITORIAL_FIELDSET = (
    _("Editorial addition (not the city's wording)"),
    {
        "fields": EditorialAddition.FIELDS,
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


def translation_columns(model) -> set[str]:
    """The columns of ``model`` that hold translations (not the German source)."""
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, TranslationField) and field.language != settings.SOURCE_LANGUAGE
    }


def translations_only(model_admin, request, obj, readonly, also_editable=()) -> list[str]:
    """``readonly`` plus every field the form shows that is not a translation: the form of
    someone who may not publish (a translator)."""
    editable = translation_columns(model_admin.model) | set(also_editable)
    names = admin.utils.flatten_fieldsets(model_admin.get_fieldsets(request, obj))
    return [*readonly, *(name for name in names if name not in editable)]


class PublishersEditInline:
    """Inline mixin: only staff with the publish permission of ``publish_model`` (default:
    the inline's own model) add or delete rows; ``publishers_change`` also changing."""

    publish_model = None
    publishers_change = False

    def _publishes(self, request) -> bool:
        return request.user.has_perm((self.publish_model or self.model).publish_permission())

    def has_add_permission(self, request, obj=None):
        return self._publishes(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = self._publishes(request) or not self.publishers_change
        return allowed and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._publishes(request) and super().has_delete_permission(request, obj)


class ContentInline(PublishersEditInline, TranslationTabularInline):
    """Content objects edited inside another's form (the figures of a participation
    format), under the same rules as ``ContentAdmin``: without the publish permission only
    the translations can be edited, and nothing added or deleted."""

    extra = 0

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._publishes(request):
            return translations_only(self, request, obj, readonly)
        return readonly


class TranslationStateInline(GenericTabularInline):
    model = TranslationState
    fields = ("language", "group", "state", "reviewed_by", "reviewed_at")
    readonly_fields = ("language", "group", "reviewed_by", "reviewed_at")
    extra = 0
    can_delete = False
    verbose_name = _("translation state")
    verbose_name_plural = _(
        "translation states, the city's text and the editorial addition apart (set "
        "“reviewed” after checking a translation)"
    )

    def has_add_permission(self, request, obj=None):
        return False


class BaseContentAdmin(
    PublishActionsMixin,
    SourceTextAdminMixin,
    ConflictAdminMixin,
    HistoryViewsMixin,
    VersionAdmin,
    TabbedDjangoJqueryTranslationAdmin,
):
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

    class Media:
        css = {"all": ["css/admin-forms.css"]}

    # Fields the stable key is made from as staff type (the first one the model has).
    KEY_SOURCES = ("title", "term", "heading", "label", "text")

    # --- permissions -------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        """Publishing and unpublishing (also the ``publish`` actions)."""
        return request.user.has_perm(self.model.publish_permission())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Translators: only the translations are theirs to edit.
            return translations_only(self, request, obj, readonly, FORM_ONLY_FIELDS)
        return readonly

    def has_restore_permission(self, request) -> bool:
        """Restoring a version or a deleted entry writes every field, German text and the
        published flag included: only for those who may change and publish them."""
        return self.has_change_permission(request) and self.has_publish_permission(request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and not self.has_publish_permission(request)
            and "published" in request.POST
        ):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.has_publish_permission(request):
            # Positions and the like are not translations: no editable columns (the
            # changelist then neither shows nor accepts them).
            changelist.list_editable = ()
        return changelist

    # --- form --------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        extra = [EDIT_TOKEN]
        if self.has_publish_permission(request):
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
        # A draft's preview links back to this form.
        return preview_url(obj, back=reverse(admin_urlname(obj._meta, "change"), args=[obj.pk]))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Each translation field is marked with its language and written in its direction
        (Arabic and Persian right to left), in plain and in rich text."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, TranslationField):
            language = db_field.language
            direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
            formfield.widget.attrs.update(lang=language, dir=direction)
        return formfield

    def get_prepopulated_fields(self, request, obj=None):
        """A new entry's stable key is filled from its German title as staff type it (it
        stays editable; once the entry is published, changing it needs a confirmation)."""
        key = self.model._meta.get_field("key")
        if obj is not None or key.choices:
            return {}
        # Not from rich text: its editor sends no keystrokes to the field, and it holds HTML.
        names = {f.name for f in self.model._meta.fields if not isinstance(f, RichTextField)}
        for source in self.KEY_SOURCES:
            if source in names:
                german = f"{source}_{settings.SOURCE_LANGUAGE}"
                return {"key": (german if german in names else source,)}
        return {}

    def get_list_display(self, request):
        """Lists say in words which entries are drafts."""
        return [
            "publication_status" if name == "published" else name
            for name in super().get_list_display(request)
        ]

    @admin.display(description=_("Publication"), ordering="published")
    def publication_status(self, obj):
        return gettext("published") if obj.published else gettext("Draft")

    # --- saving ------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            # Nothing typed: no new version in the history, the time stamp stays.
            request.nothing_changed = True
            return
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
        if formset.model is ScheduleInline.model:
            for plan in formset.save(commit=False):
                plan.created_by = plan.created_by or request.user
                plan.save()
            for plan in formset.deleted_objects:
                plan.delete()
            if formset.has_changed():
                request.nothing_changed = False  # a new plan is a change worth its message
            return
        if formset.model is TranslationState:
            for state_form in formset.forms:
                state = state_form.instance
                if "state" in state_form.changed_data:
                    state.set_state(state.state, request.user)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        explicitly_set = {
            (state_form.instance.language, state_form.instance.group)
            for formset in formsets
            if formset.model is TranslationState
            for state_form in formset.forms
            if "state" in state_form.changed_data
        }
        source_changed, written = translations.changed_text(
            form.instance.__class__, form.changed_data
        )
        translations.update_states(
            form.instance,
            written=written - explicitly_set,
            source_changed=() if form.cleaned_data.get(MINOR_CHANGE) else source_changed,
            keep=explicitly_set,
        )

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return inlines if ScheduleInline in inlines else [*inlines, ScheduleInline]

    def get_inline_instances(self, request, obj=None):
        # States exist, and dates are planned, once the object exists.
        instances = super().get_inline_instances(request, obj)
        if obj is None:
            later = (TranslationStateInline, ScheduleInline)
            return [i for i in instances if not isinstance(i, later)]
        return instances

    def log_change(self, request, obj, message):
        if message:  # an empty message: nothing changed, nothing to record
            super().log_change(request, obj, message)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "nothing_changed", False) and level == messages.SUCCESS:
            message = gettext("Nothing was changed, so no new version was saved.")
            level = messages.INFO
        super().message_user(request, message, level, *args, **kwargs)


class ContentAdmin(ChangeDraftAdminMixin, BaseContentAdmin):
    """Every content admin: ``BaseContentAdmin`` with change drafts of published entries
    (``content.draft_admin``), which come first: a draft changes nothing live."""


admin.site.register(TranslationState, TranslationOverviewAdmin)
