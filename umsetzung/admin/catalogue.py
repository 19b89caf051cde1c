"""The admin of the catalogue: goals with their measures, measures with their history.

A change of a measure's status needs a reason; the change is kept as a dated, public entry
of the measure's history (``Massnahme.record_status_change``), whether it is made in the
measure's form or for many measures at once with the action “Status setzen”.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.db.models import Max, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from content.admin import (
    EDITORIAL_FIELDSET,
    PUBLICATION_FIELDSET,
    ContentAdmin,
    PublishersEditInline,
)
from content.dates import PreciseDatesForm, date_column, shown
from content.forms import ContentForm

from ..models import Fortschrittsmeldung, Massnahme, Status, Ziel

REASON_HELP = _(
    "Why the status changes, in one or two sentences, e.g. “Das Projekt ist seit März in "
    "der Umsetzung (Bericht des Fachbereichs)”. Shown on the measure's page with the date."
)
STALE_AFTER = datetime.timedelta(days=365)


class MassnahmeForm(PreciseDatesForm, ContentForm):
    """A measure's form: dates as a year, a month or a day; a new status needs a reason."""

    status_reason = forms.CharField(
        label=_("reason for the change of status"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=REASON_HELP,
    )

    def clean(self):
        cleaned = super().clean()
        if self.status_changes() and not cleaned.get("status_reason", "").strip():
            self.add_error(
                "status_reason",
                _("A change of status needs its reason: it is shown with the date."),
            )
        return cleaned

    def status_changes(self) -> bool:
        """The status differs from the saved one (for a new measure: from “not published”)."""
        if "status" not in self.changed_data and self.instance.pk:
            return False
        new = self.cleaned_data.get("status")
        if new is None:
            return False
        if self.instance.pk:
            return True
        return new.key != Massnahme.not_published_status().key


class GoalMeasuresInline(PublishersEditInline, admin.TabularInline):
    """The measures of a goal, listed and linked in the goal's form. Which measures serve a
    goal is the editors' decision, not the translators'."""

    model = Massnahme.goals.through
    publish_model = Massnahme
    publishers_change = True
    extra = 0
    autocomplete_fields = ("massnahme",)
    verbose_name = _("measure of this goal")
    verbose_name_plural = _("measures of this goal")


@admin.register(Ziel)
class ZielAdmin(ContentAdmin):
    list_display = ("__str__", "handlungsfeld", "code", "position", "published")
    list_filter = ("published", "handlungsfeld")
    list_editable = ("position",)
    search_fields = ("code", "text", "editorial_title", "key")
    filter_horizontal = ("leitlinien", "grundsaetze", "priorisierungen")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The goal"), {"fields": ("handlungsfeld", "code", "text", "position")}),
        (_("Links to the strategy"), {"fields": ("leitlinien", "grundsaetze", "priorisierungen")}),
        (
            _("Editorial addition (not the city's wording)"),
            {"fields": ("editorial_title", *EDITORIAL_FIELDSET[1]["fields"])},
        ),
    )
    inlines = [GoalMeasuresInline, *ContentAdmin.inlines]


class StaleFilter(admin.SimpleListFilter):
    title = _("last report")
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("stale", _("no report for over 12 months")), ("none", _("no report at all"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            limit = timezone.localdate() - STALE_AFTER
            return queryset.filter(Q(stand__lt=limit) | Q(stand__isnull=True))
        if self.value() == "none":
            return queryset.filter(stand__isnull=True)
        return queryset


class ReportInline(admin.TabularInline):
    """The measure's history, newest first; an entry is edited on its own page."""

    model = Fortschrittsmeldung
    fk_name = "measure"
    extra = 0
    fields = ("date_shown", "previous_status", "status", "progress", "published")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("history (progress reports and changes of status)")

    def has_add_permission(self, request, obj=None):
        return False

    date_shown = date_column("date", _("date"), ordering=False)


class SetStatusForm(forms.Form):
    status = forms.ModelChoiceField(queryset=Status.objects.all(), label=_("new status"))
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=REASON_HELP,
    )


@admin.register(Massnahme)
class MassnahmeAdmin(ContentAdmin):
    form = MassnahmeForm
    list_display = (
        "name",
        "handlungsfeld",
        "status_shown",
        "progress_column",
        "stand_shown",
        "published",
    )
    list_display_links = ("name",)
    list_filter = ("published", "status", "handlungsfeld", StaleFilter, "districts", "source")
    search_fields = ("title", "editorial_title", "code", "key", "responsible")
    list_select_related = ("status", "handlungsfeld")
    autocomplete_fields = ("parent", "document")
    filter_horizontal = ("goals", "leitlinien", "districts")
    actions = [*ContentAdmin.actions, "set_status"]
    # The history's list, with the button to the catalogue's import and export (exchange).
    change_list_template = "admin/exchange/catalogue_change_list.html"
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The measure"),
            {
                "fields": (
                    "code",
                    "title",
                    "summary",
                    "description",
                    "handlungsfeld",
                    "goals",
                    "leitlinien",
                    "parent",
                    "position",
                )
            },
        ),
        (
            _("Status and progress"),
            {"fields": ("status", "status_reason", "progress_from", "progress")},
        ),
        (
            _("Who, for whom, where"),
            {"fields": ("responsible", "partners", "target_groups", "citywide", "districts")},
        ),
        (
            _("Dates"),
            {
                "fields": (
                    "date_text",
                    "planned_start",
                    "planned_end",
                    "actual_start",
                    "actual_end",
                ),
                "description": _(
                    "Each as a year, a month or a day, e.g. 2023, März 2023 or 17.07.2023."
                ),
            },
        ),
        (_("Money"), {"fields": ("budget_planned", "budget_approved", "budget_spent")}),
        (_("Source"), {"fields": ("source", "document", "source_url")}),
        (
            _("Editorial addition (not the city's wording)"),
            {"fields": ("editorial_title", *EDITORIAL_FIELDSET[1]["fields"])},
        ),
    )
    inlines = [ReportInline, *ContentAdmin.inlines]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stand=Max("reports__date"))

    @admin.display(description=_("status"), ordering="status__position")
    def status_shown(self, obj):
        return f"{obj.status.symbol} {obj.status.name}"

    @admin.display(description=_("progress"))
    def progress_column(self, obj):
        value = obj.progress_shown()
        return "–" if value is None else f"{value} %"

    @admin.display(description=_("last report"), ordering="stand")
    def stand_shown(self, obj):
        return shown(obj.stand, "day") if obj.stand else "–"

    def save_model(self, request, obj, form, change):
        previous = Massnahme.objects.get(pk=obj.pk).status if change else None
        super().save_model(request, obj, form, change)
        if form.status_changes():
            obj.record_status_change(previous, form.cleaned_data["status_reason"])

    @admin.action(description=_("Set the status of the selected measures"), permissions=["publish"])
    def set_status(self, request, queryset):
        form = SetStatusForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            status, reason = form.cleaned_data["status"], form.cleaned_data["reason"]
            changed = 0
            for measure in queryset.select_related("status"):
                if measure.status_id == status.pk:
                    continue
                previous = measure.status
                measure.status = status
                measure.save(update_fields=["status", "updated_at"])
                measure.record_status_change(previous, reason)
                changed += 1
            self.message_user(
                request,
                ngettext(
                    "The status of %(count)d measure is now “%(status)s”.",
                    "The status of %(count)d measures is now “%(status)s”.",
                    changed,
                )
                % {"count": changed, "status": status.name},
                messages.SUCCESS if changed else messages.INFO,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Set the status"),
            "form": form,
            "measures": queryset,
            "opts": self.model._meta,
            "action_name": "set_status",
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/umsetzung/set_status.html", context)


class FortschrittsmeldungForm(PreciseDatesForm, ContentForm):
    """A progress report: its date as a year, a month or a day."""


@admin.register(Fortschrittsmeldung)
class FortschrittsmeldungAdmin(ContentAdmin):
    form = FortschrittsmeldungForm
    # Measure names are long: shortened, so that the list fits a 1280 px screen.
    list_display = ("date_shown", "measure_shown", "status", "published")
    list_filter = ("published", "status")
    search_fields = ("measure__title", "measure__editorial_title", "text", "editorial_text")
    autocomplete_fields = ("measure",)
    list_select_related = ("measure", "status")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The report"),
            {
                "fields": (
                    "measure",
                    "date",
                    "period",
                    "text",
                    "previous_status",
                    "status",
                    "progress",
                    "money_spent",
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )

    date_shown = date_column("date", _("date"))

    @admin.display(description=_("measure"), ordering="measure__title")
    def measure_shown(self, obj):
        return Truncator(str(obj.measure)).chars(70)
