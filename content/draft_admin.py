"""Change drafts in the admin: “Als Änderungsentwurf speichern” in the form of a published
entry, and the page where a second person compares, previews and releases or rejects it.

- A publisher's save of a published entry becomes a change draft when they choose it, when
  the entry already has one (its form then shows the draft), or always with
  ``FOUR_EYES`` on (``DJANGO_FOUR_EYES=1``). The public page keeps the released version.
- The draft's page (``/admin/content/aenderungsentwurf/<id>/``) shows the changes word by
  word against the live entry, a preview of the public page with the draft in place
  (marked, noindex, never cached) and the decisions: release now or on a date, reject with
  a comment (both for role “Freigabe”, never by an author of the draft), withdraw (its
  authors). A release refuses a draft that changed after the page was opened, and a live
  entry that someone changed meanwhile.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from operations.page_cache import new_generation
from operations.paths import PREVIEW_PARAMETER

from . import release
from .drafts import Aenderungsentwurf, pending_draft
from .history import changes
from .roles import RELEASE_PERMISSION

SAVE_DRAFT = "_save_draft"


def _drafting(model_admin, request, obj) -> bool:
    """This save of ``obj`` becomes (or updates) its change draft."""
    if obj is None or not obj.pk or not obj.published:
        return False
    if not model_admin.has_publish_permission(request):
        return False  # translators save translations, which go live as “not reviewed”
    return SAVE_DRAFT in request.POST or settings.FOUR_EYES or pending_draft(obj) is not None


class ChangeDraftAdminMixin:
    """For ``ContentAdmin``: saving published entries as change drafts."""

    change_form_template = "admin/content_change_form.html"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        match = request.resolver_match
        editing = match is not None and (match.url_name or "").endswith("_change")
        if obj is None or request.method != "GET" or not editing:
            return obj
        draft = pending_draft(obj) if self.has_publish_permission(request) else None
        if draft is not None:  # the form shows the draft, to go on with it
            release.fill(obj, draft)
            request.change_draft = draft
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            obj = self.get_object(request, object_id)
            request.drafting = _drafting(self, request, obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        draft = getattr(request, "change_draft", None)
        if draft is None and obj is not None and obj.pk:
            draft = pending_draft(obj)
        context.update(
            change_draft=draft,
            change_draft_url=_draft_url(draft) if draft else "",
            can_save_draft=bool(obj and obj.pk and obj.published)
            and self.has_publish_permission(request),
            drafts_only=settings.FOUR_EYES or draft is not None,
        )
        return super().render_change_form(request, context, add, change, **kwargs)

    def save_model(self, request, obj, form, change):
        if not getattr(request, "drafting", False):
            return super().save_model(request, obj, form, change)
        live = type(obj)._default_manager.get(pk=obj.pk)
        m2m = {
            name: value
            for name, value in form.cleaned_data.items()
            if isinstance(getattr(form.fields.get(name), "queryset", None), models.QuerySet)
            and type(obj)._meta.get_field(name).many_to_many
        }
        request.change_draft = release.save_draft(live, obj, m2m, request.user)
        if {"key", "published"} & set(form.changed_data):
            messages.warning(
                request,
                gettext(
                    "The stable key and the publication are not part of a change draft and "
                    "were not changed. Change them once the draft is released or rejected."
                ),
            )
        return None

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "drafting", False):
            return super().save_related(request, form, formsets, change)
        for formset in formsets:  # its tables (states, dates) are records of their own
            self.save_formset(request, form, formset, change=True)
        return None

    def log_change(self, request, obj, message):
        if getattr(request, "drafting", False):
            return None  # the draft records itself; the live entry did not change
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "drafting", False):
            return super().response_change(request, obj)
        draft = request.change_draft
        if draft is None:
            self.message_user(request, gettext("Nothing was changed, so no draft was saved."))
            return HttpResponseRedirect(request.path)
        self.message_user(
            request,
            gettext(
                "Saved as a change draft. The public page still shows the released version "
                "until a second person releases the draft."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_draft_url(draft))


def _draft_url(draft) -> str:
    return reverse("admin:content_aenderungsentwurf_change", args=[draft.pk])


class ReleaseForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput)
    live_from = forms.SplitDateTimeField(
        label=_("Go live on (empty: now)"),
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
        help_text=_("Date and time (Berlin), e.g. the day of the council decision."),
    )

    def clean_live_from(self):
        value = self.cleaned_data.get("live_from")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(
                _("This time has already passed. Leave it empty to release now.")
            )
        return value


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is it rejected?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The author reads this in the draft and in the entry's history."),
    )


@admin.register(Aenderungsentwurf)
class ChangeDraftAdmin(admin.ModelAdmin):
    list_display = ("__str__", "state", "author", "updated_at", "live_from", "decided_by")
    list_filter = ("state",)
    date_hierarchy = "updated_at"

    def has_add_permission(self, request):
        return False  # drafts come from an entry's form

    def has_delete_permission(self, request, obj=None):
        return False  # a record of who changed, released or rejected what

    def has_change_permission(self, request, obj=None):
        return False  # decided on its own page, never edited as a record

    def may_release(self, request, draft) -> bool:
        return request.user.has_perm(RELEASE_PERMISSION) and not (draft.written_by(request.user))

    def get_urls(self):
        return [
            path(
                "<int:object_id>/vorschau/",
                self.admin_site.admin_view(self.preview_view),
                name="content_aenderungsentwurf_preview",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        draft = get_object_or_404(Aenderungsentwurf, pk=object_id)
        release_form, reject_form = ReleaseForm(initial={"number": draft.number}), RejectForm()
        if request.method == "POST":
            outcome = self._decide(request, draft)
            if outcome is None:
                return HttpResponseRedirect(request.path)
            release_form, reject_form = outcome
        context = self._context(request, draft, release_form, reject_form)
        return TemplateResponse(request, "admin/change_draft.html", context)

    def _context(self, request, draft, release_form, reject_form) -> dict:
        target = draft.target
        rows = []
        if target is not None:
            model = type(target)
            rows = changes(model, release.live_values(draft, target), release.values(draft, model))
        opts = target._meta if target is not None else None
        return {
            **self.admin_site.each_context(request),
            "title": str(draft),
            "opts": self.model._meta,
            "draft": draft,
            "target": target,
            "rows": rows,
            "conflicts": release.conflicts(draft, target) if target and draft.pending else [],
            "entry_url": reverse(admin_urlname(opts, "change"), args=[target.pk]) if opts else "",
            "may_release": draft.pending and self.may_release(request, draft),
            "is_author": draft.written_by(request.user),
            "release_form": release_form,
            "reject_form": reject_form,
            "media": self.media + release_form.media,
        }

    def _decide(self, request, draft):
        """Carry out the decision in the POST; the forms to show again when refused."""
        decision = request.POST.get("decision")
        release_form, reject_form = ReleaseForm(initial={"number": draft.number}), RejectForm()
        if not draft.pending:
            messages.error(request, gettext("This draft has already been decided."))
            return None
        if decision == "withdraw":
            if not draft.written_by(request.user):
                raise PermissionDenied
            release.decide(draft, request.user, Aenderungsentwurf.State.WITHDRAWN)
            messages.success(request, gettext("Withdrawn: the live entry is unchanged."))
            return None
        if decision not in ("release", "reject"):
            messages.error(request, gettext("Choose release, reject or withdraw."))
            return release_form, reject_form
        if not self.may_release(request, draft):
            raise PermissionDenied  # also the author: never their own draft
        if decision == "reject":
            reject_form = RejectForm(request.POST)
            if not reject_form.is_valid():
                return release_form, reject_form
            comment = reject_form.cleaned_data["comment"]
            release.decide(draft, request.user, Aenderungsentwurf.State.REJECTED, comment)
            messages.success(request, gettext("The draft is rejected; its author can read why."))
            return None
        release_form = ReleaseForm(request.POST)
        if not release_form.is_valid():
            return release_form, reject_form
        if release_form.cleaned_data["number"] != draft.number:
            messages.error(
                request,
                gettext("The draft was changed after you opened it. Please check it again."),
            )
            return None
        return self._release(request, draft, release_form)

    def _release(self, request, draft, release_form):
        live_from = release_form.cleaned_data["live_from"]
        if live_from is not None:
            release.decide(draft, request.user, Aenderungsentwurf.State.SCHEDULED, "", live_from)
            messages.success(request, gettext("Released: the change goes live at the set time."))
            return None
        with transaction.atomic():
            found = release.apply(draft, request.user)  # records the releaser and the time
            if found:
                transaction.set_rollback(True)
        if found:
            messages.error(
                request,
                gettext(
                    "Not released: someone changed these fields of the live entry meanwhile: "
                    "%(fields)s. Open the entry, take the draft over and save it again."
                )
                % {"fields": ", ".join(found)},
            )
            draft.refresh_from_db()
            return release_form, RejectForm()
        messages.success(request, gettext("Released: the public page shows the change now."))
        return None

    def preview_view(self, request, object_id):
        """The entry's public page with the draft in place, in the language chosen
        (``?sprache=ar``; default German): written in a transaction that is rolled back."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        draft = get_object_or_404(Aenderungsentwurf, pk=object_id)
        target = draft.target
        if target is None or not hasattr(target, "get_absolute_url"):
            raise PermissionDenied
        language = request.GET.get("sprache", settings.SOURCE_LANGUAGE)
        if language not in dict(settings.LANGUAGES):
            language = settings.SOURCE_LANGUAGE
        with translation.override(language):
            address = target.get_absolute_url()
            match = resolve(address)
            request.GET = QueryDict(f"{PREVIEW_PARAMETER}=1")
            request.path = request.path_info = address
            request.resolver_match = match
            request.change_draft_preview = draft
            request.preview_back = _draft_url(draft)
            with transaction.atomic():
                release.fill(target, draft)
                release.write(target, draft)
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):
                    response.render()
                transaction.set_rollback(True)
        new_generation()  # nothing kept from the preview outlives it
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
