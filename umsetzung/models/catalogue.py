"""The catalogue of WIR2.0 (adopted in September 2022): its goals per Handlungsfeld and its
measures (their history: ``history``).

What no source states stays empty and is shown as not yet published: a measure without a
stated status has the status “Stand nicht veröffentlicht”, never a guessed one.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content import dates, limits, translations
from content.dates import PreciseDates, precision_field
from content.models import ContentModel, EditorialAddition
from content.richtext import RichTextField, plain_to_html

from .reference import NOT_PUBLISHED, Ratsdokument, Stadtbezirk, Status

SUMMARY = 300  # the plain-language summary: a card in the list of measures

percent_validators = [
    MinValueValidator(0, _("Progress is a percentage from 0 to 100.")),
    MaxValueValidator(100, _("Progress is a percentage from 0 to 100.")),
]


def money_field(label, help_text=""):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("An amount cannot be negative."))],
        help_text=help_text or _("In euros, e.g. 50000; empty where no source gives it."),
    )


class Ziel(ContentModel, EditorialAddition):
    """A goal of the catalogue in one Handlungsfeld (or the AG-Jugend)."""

    EDITORIAL_TRANSLATED_FIELDS = (*EditorialAddition.TRANSLATED_FIELDS, "editorial_title")

    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("As printed, if the catalogue has one.")
    )
    handlungsfeld = models.ForeignKey(
        "handlungsfelder.Handlungsfeld",
        on_delete=models.PROTECT,
        related_name="ziele",
        verbose_name=_("Handlungsfeld"),
    )
    text = RichTextField(
        _("official wording"),
        blank=True,
        max_visible=limits.PRIORITY,
        help_text=_("The goal as the catalogue words it. Leave empty until it is published."),
    )
    editorial_title = models.CharField(
        _("editorial short name"),
        max_length=300,
        blank=True,
        help_text=_(
            "Our own words while the official wording is not published, e.g. a source's "
            "paraphrase. Shown labelled as “Redaktionelle Ergänzung”."
        ),
    )
    leitlinien = models.ManyToManyField(
        "leitlinien.Leitlinie", blank=True, related_name="ziele", verbose_name=_("Leitlinien")
    )
    grundsaetze = models.ManyToManyField(
        "handlungsfelder.Grundsatz", blank=True, related_name="ziele", verbose_name=_("principles")
    )
    priorisierungen = models.ManyToManyField(
        "handlungsfelder.Priorisierung",
        blank=True,
        related_name="ziele",
        verbose_name=_("priorities"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "zl", "umsetzung:overview"

    class Meta(ContentModel.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["handlungsfeld__position", "position", "key"]

    def __str__(self):
        return (
            self.code
            or limits.visible_text(self.text)[:80]
            or self.editorial_title[:80]
            or self.key
        )

    def get_absolute_url(self):
        return self.handlungsfeld.get_absolute_url() + f"#{self.key}"


class Massnahme(PreciseDates, ContentModel, EditorialAddition):
    """A measure of the catalogue, with its status, dates, money and history."""

    class Progress(models.TextChoices):
        TYPED = "typed", _("as entered below")
        STATUS = "status", _("from the status (its default progress)")
        CHILDREN = "children", _("average of its sub-measures")
        NONE = "none", _("not measurable")

    class Source(models.TextChoices):
        CATALOGUE = "catalogue", _("catalogue 2022")
        KURATORIUM = "kuratorium", _("Kuratorium")
        LATER = "later", _("later addition")
        PUBLIC = "public", _("public source (editorial addition)")

    EDITORIAL_TRANSLATED_FIELDS = (*EditorialAddition.TRANSLATED_FIELDS, "editorial_title")
    DATES = ("planned_start", "planned_end", "actual_start", "actual_end")
    END_DATES = ("planned_end", "actual_end")

    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("As printed, if the catalogue has one.")
    )
    handlungsfeld = models.ForeignKey(
        "handlungsfelder.Handlungsfeld",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="massnahmen",
        verbose_name=_("Handlungsfeld"),
        help_text=_("Empty where no source states it."),
    )
    goals = models.ManyToManyField(
        Ziel, blank=True, related_name="massnahmen", verbose_name=_("goals")
    )
    leitlinien = models.ManyToManyField(
        "leitlinien.Leitlinie", blank=True, related_name="massnahmen", verbose_name=_("Leitlinien")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of the measure"),
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("As the catalogue or the source spells it; empty if no source names it."),
    )
    editorial_title = models.CharField(
        _("editorial short name"),
        max_length=300,
        blank=True,
        help_text=_("Our own words for a measure no source names, e.g. “Konzept für …”."),
    )
    summary = models.CharField(
        _("summary in plain language"),
        max_length=SUMMARY,
        blank=True,
        help_text=_("At most 300 characters, short sentences, no abbreviations."),
    )
    description = RichTextField(
        _("description"), blank=True, max_visible=limits.DESCRIPTION, help_text=""
    )
    responsible = models.CharField(
        _("responsible office"),
        max_length=300,
        blank=True,
        help_text=_("The office in charge (federführend), as the city names it."),
    )
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    target_groups = models.CharField(_("target groups"), max_length=500, blank=True)
    citywide = models.BooleanField(
        _("citywide"), default=False, help_text=_("Reaches the whole city, not single districts.")
    )
    districts = models.ManyToManyField(
        Stadtbezirk, blank=True, related_name="massnahmen", verbose_name=_("Stadtbezirke")
    )
    date_text = models.CharField(
        _("dates as the source words them"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “seit November 2021, verstetigt ab 17.07.2023”"),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_start_precision = precision_field(_("precision of the planned start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_end_precision = precision_field(_("precision of the planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_start_precision = precision_field(_("precision of the actual start"))
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    actual_end_precision = precision_field(_("precision of the actual end"))
    status = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="massnahmen", verbose_name=_("status")
    )
    progress_from = models.CharField(
        _("progress"), max_length=10, choices=Progress.choices, default=Progress.NONE
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=percent_validators
    )
    budget_planned = money_field(_("budget planned (€)"))
    budget_approved = money_field(_("budget approved (€)"))
    budget_spent = money_field(_("money spent (€)"))
    source = models.CharField(
        _("origin"), max_length=12, choices=Source.choices, default=Source.CATALOGUE
    )
    document = models.ForeignKey(
        Ratsdokument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="massnahmen",
        verbose_name=_("council document"),
    )
    source_url = models.URLField(
        _("link to the measure sheet"),
        max_length=500,
        blank=True,
        help_text=_("The Maßnahmenblatt or council document, if it is online."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "mn", "umsetzung:measures"

    class Meta(ContentModel.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["handlungsfeld__position", "position", "key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="measure_planned_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="measure_actual_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.title or self.editorial_title or self.key

    def get_absolute_url(self):
        return reverse("umsetzung:measure", kwargs={"slug": self.key})

    def clean(self):
        super().clean()
        errors = {}
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            first, last = getattr(self, start), getattr(self, end)
            if first and last and last < first:
                errors[end] = _("The end cannot be before the start.")
        for name in ("actual_start", "actual_end"):
            value = getattr(self, name)
            if value and value > timezone.localdate():
                errors[name] = _("An actual date cannot be in the future.")
        if self.progress_from == self.Progress.TYPED and self.progress is None:
            errors["progress"] = _("Enter the progress, or choose where it comes from.")
        if self.progress is not None and self.progress_from != self.Progress.TYPED:
            errors["progress"] = _(
                "A progress is only entered with “as entered below”; leave it empty otherwise."
            )
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A measure cannot be part of itself.")
        if not self.title and not self.editorial_title:
            errors["title"] = _("A measure needs its title or an editorial short name.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def not_published_status(cls) -> Status:
        return Status.objects.get(key=NOT_PUBLISHED)

    @property
    def name(self) -> str:
        return self.title or self.editorial_title

    def progress_shown(self) -> int | None:
        """The progress in percent, or None where it is not measurable."""
        if self.progress_from == self.Progress.TYPED:
            return self.progress
        if self.progress_from == self.Progress.STATUS:
            return self.status.default_progress
        if self.progress_from == self.Progress.CHILDREN:
            values = [c.progress_shown() for c in self.children.all()]
            values = [v for v in values if v is not None]
            return round(sum(values) / len(values)) if values else None
        return None

    def record_status_change(self, previous: Status | None, reason: str):
        """Keep a change of status as a dated, public entry of the history, with its reason
        (plain text, as staff type it)."""
        entry = self.reports.create(
            date=timezone.localdate(),
            previous_status=previous,
            status=self.status,
            progress=self.progress_shown(),
            text=plain_to_html(reason),
            published=True,
        )
        translations.update_states(entry)
        return entry

    def _later_than_planned(self, planned: str, actual: str) -> bool:
        """The actual date falls after the whole planned period (“2023” ends on 31.12.)."""
        planned_date, actual_date = getattr(self, planned), getattr(self, actual)
        if not (planned_date and actual_date):
            return False
        actual_first = dates.period(actual_date, getattr(self, f"{actual}_precision"))[0]
        return actual_first > dates.period(planned_date, getattr(self, f"{planned}_precision"))[1]

    def started_late(self) -> bool:
        return self._later_than_planned("planned_start", "actual_start")

    def finished_late(self) -> bool:
        return self._later_than_planned("planned_end", "actual_end")
