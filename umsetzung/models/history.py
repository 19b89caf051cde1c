"""The history of a measure: dated entries, each a progress report or a change of status
with its reason."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from content import limits
from content.dates import PreciseDates, precision_field
from content.models import ContentModel, EditorialAddition
from content.richtext import RichTextField

from .catalogue import Massnahme, money_field, percent_validators
from .reference import Status


class Fortschrittsmeldung(PreciseDates, ContentModel, EditorialAddition):
    """A dated entry in a measure's history: a progress report, or a status change with its
    reason (``previous_status`` set). What a public source reports goes into the editorial
    fields, with its source."""

    DATES = ("date",)

    measure = models.ForeignKey(
        Massnahme, on_delete=models.CASCADE, related_name="reports", verbose_name=_("measure")
    )
    date = models.DateField(_("date"), help_text=_("A year, a month or a day, e.g. 17.07.2023."))
    date_precision = precision_field(_("precision of the date"))
    period = models.CharField(
        _("reporting period"), max_length=100, blank=True, help_text=_("e.g. “2024”")
    )
    text = RichTextField(
        _("report"),
        blank=True,
        max_visible=limits.DEFINITION,
        help_text=_("What was done; for a status change, its reason."),
    )
    previous_status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous status"),
    )
    status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("status at that date"),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress at that date (%)"), null=True, blank=True, validators=percent_validators
    )
    money_spent = money_field(_("money spent in the period (€)"))

    short_code, short_list_url = "vl", "umsetzung:measures"

    class Meta(ContentModel.Meta):
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.measure}: {self.date_shown('date')}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url() + f"#{self.key}"

    @property
    def is_status_change(self) -> bool:
        return self.previous_status_id is not None and self.previous_status_id != self.status_id

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self.next_key(self.measure.key, self.date)
        super().save(*args, **kwargs)

    @classmethod
    def next_key(cls, measure_key: str, date) -> str:
        stem = f"{measure_key[:60]}-{date:%Y%m%d}"
        taken = set(cls.objects.filter(key__startswith=stem).values_list("key", flat=True))
        number = 1
        while (key := f"{stem}-{number}") in taken:
            number += 1
        return key
