"""How the strategy came about (the participation process and its figures) and what
comes next (the Phase 2 milestones)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content import dates
from content.dates import PreciseDates, precision_field
from content.models import ContentModel, EditorialAddition


class Beteiligungsformat(ContentModel):
    """One line of the participation record, e.g. the expert groups or the surveys.

    ``text`` is the paper's sentence; its figures are the related ``Kennzahl`` rows, so
    the page can show both the sentence and the numbers.
    """

    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_("The sentence as the paper words it, e.g. “3 Onlinebefragungen”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code = "e"

    class Meta(ContentModel.Meta):
        verbose_name = _("participation format")
        verbose_name_plural = _("participation formats")
        ordering = ["position", "key"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("beteiligung:process") + f"#{self.key}"


class Kennzahl(ContentModel):
    """A figure of the participation process: a count, what was counted, and a detail."""

    format = models.ForeignKey(
        Beteiligungsformat,
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("participation format"),
    )
    at_least = models.BooleanField(
        _("“more than”"),
        default=False,
        help_text=_("Tick when the paper says “über” (more than), e.g. “Über 70 Expert*innen”."),
    )
    value = models.PositiveIntegerField(_("count"), help_text=_("e.g. 70"))
    label = models.CharField(
        _("what was counted"), max_length=200, help_text=_("e.g. “Expert*innen”")
    )
    detail = models.CharField(
        _("detail"), max_length=200, blank=True, help_text=_("e.g. “digital und physisch”")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "z", "beteiligung:process"

    class Meta(ContentModel.Meta):
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["format__position", "position", "key"]

    def __str__(self):
        return f"{self.value} {self.label}"

    def get_absolute_url(self):
        return reverse("beteiligung:process") + f"#{self.key}"


class Meilenstein(PreciseDates, ContentModel, EditorialAddition):
    """A milestone of Phase 2 as the paper plans it, with what staff confirm of it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned (as in the paper)")
        DONE = "done", _("took place (confirmed by the editors)")
        CHANGED = "changed", _("changed or postponed")
        CANCELLED = "cancelled", _("cancelled")

    date_text = models.CharField(
        _("date as the paper words it"),
        max_length=100,
        help_text=_("e.g. “Ende Juli” or “17.5.2021 – 23.5.2021”"),
    )
    planned_start = models.DateField(
        _("planned date"),
        help_text=_(
            "As precisely as the paper says it: a year, a month or a day, e.g. 2022, "
            "September 2022 or 17.05.2021. Also used for sorting."
        ),
    )
    planned_start_precision = precision_field(_("precision of the planned date"))
    planned_end = models.DateField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_(
            "Only for periods, e.g. an action week: a year, a month or a day, e.g. 2022, "
            "September 2022 or 17.05.2021."
        ),
    )
    planned_end_precision = precision_field(_("precision of the planned end"))
    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_("The milestone as the paper words it, e.g. “Expert*innenentwurf”."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text=_(
            "Only choose “took place” when the editors have confirmed it. "
            "The portal never claims a milestone happened on its own."
        ),
    )
    actual_date = models.DateField(
        _("actual date"),
        null=True,
        blank=True,
        help_text=_(
            "When it really happened, once confirmed: a year, a month or a day, e.g. 2022, "
            "September 2022 or 17.05.2021."
        ),
    )
    actual_date_precision = precision_field(_("precision of the actual date"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_number_field = "m", "position"
    short_list_url = "beteiligung:timeline"

    class Meta(ContentModel.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["planned_start", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="milestone_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.date_text}: {self.text}"

    def clean(self):
        super().clean()
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The end cannot be before the start.")
        if self.actual_date and self.status != self.Status.DONE:
            errors["actual_date"] = _(
                "An actual date can only be entered for a milestone that took place."
            )
        if self.status == self.Status.DONE and not self.actual_date:
            errors["actual_date"] = _(
                "A milestone that took place needs its actual date: enter the day it "
                "happened, or choose another status."
            )
        if self.actual_date and self.actual_date > timezone.localdate():
            errors["actual_date"] = _(
                "The actual date cannot be in the future: enter the day it really happened, "
                "or keep the status “planned” until then."
            )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("beteiligung:timeline") + f"#{self.key}"

    DATES = ("planned_start", "planned_end", "actual_date")
    END_DATES = ("planned_end",)  # a month ends on its last day

    def period(self) -> tuple:
        """The first and last planned day (a month milestone: the whole month)."""
        start = dates.period(self.planned_start, self.planned_start_precision)
        if self.planned_end:
            return start[0], dates.period(self.planned_end, self.planned_end_precision)[1]
        return start

    @property
    def planned_start_iso(self) -> str:
        return self.date_iso("planned_start")

    @property
    def actual_date_iso(self) -> str:
        return self.date_iso("actual_date")

    @property
    def actual_date_shown(self) -> str:
        return self.date_shown("actual_date")
