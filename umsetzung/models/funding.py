"""The WIR2.0-Förderprogramm: its funding lines (Großprojekte, Kleinprojekte) with their
yearly pots, the calls for applications, and the funded projects. Totals are computed from
the projects (``umsetzung.figures``), never typed in."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content import limits
from content.dates import PreciseDates, precision_field
from content.models import ContentModel, EditorialAddition
from content.richtext import RichTextField

from .catalogue import Massnahme, money_field
from .reference import Stadtbezirk

year_validators = [
    MinValueValidator(2000, _("Enter a year such as 2023.")),
    MaxValueValidator(2100, _("Enter a year such as 2023.")),
]


def year_field(label, help_text=""):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=year_validators, help_text=help_text
    )


class Foerderlinie(ContentModel, EditorialAddition):
    """A funding line of the programme, e.g. the Großprojekte (Bereich 2)."""

    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. “Kleinprojekte”"))
    description = RichTextField(
        _("description"), blank=True, max_visible=limits.DESCRIPTION, help_text=""
    )
    limit_text = models.CharField(
        _("limit per project"),
        max_length=300,
        blank=True,
        help_text=_("As the rules state it, e.g. “bis zu 50.000 € je Maßnahme”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "fl", "umsetzung:funding"

    class Meta(ContentModel.Meta):
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["position", "key"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("umsetzung:funding") + f"#{self.key}"


class Foerdertopf(ContentModel, EditorialAddition):
    """The money a funding line has in one year, as a council decision sets it."""

    line = models.ForeignKey(
        Foerderlinie, on_delete=models.CASCADE, related_name="pots", verbose_name=_("funding line")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    amount = money_field(_("amount (€)"))
    document = models.ForeignKey(
        "umsetzung.Ratsdokument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pots",
        verbose_name=_("council document"),
    )

    short_code, short_list_url = "ft", "umsetzung:funding"

    class Meta(ContentModel.Meta):
        verbose_name = _("yearly pot")
        verbose_name_plural = _("yearly pots")
        ordering = ["year", "line__position"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="one_pot_per_line_and_year")
        ]

    def __str__(self):
        return f"{self.line} {self.year}"

    def get_absolute_url(self):
        return reverse("umsetzung:funding") + f"#{self.key}"


class Foerderaufruf(PreciseDates, ContentModel, EditorialAddition):
    """A call for applications, e.g. for one Großprojekt of the catalogue."""

    DATES = ("deadline",)

    line = models.ForeignKey(
        Foerderlinie, on_delete=models.PROTECT, related_name="calls", verbose_name=_("funding line")
    )
    measure = models.ForeignKey(
        Massnahme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("measure"),
    )
    title = models.CharField(
        _("title"), max_length=300, help_text=_("As the call spells it, in German.")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_precision = precision_field(_("precision of the deadline"))
    outcome = models.CharField(
        _("outcome"),
        max_length=500,
        blank=True,
        help_text=_("Only what a source states; empty while it is not published."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "fu", "umsetzung:funding"

    class Meta(ContentModel.Meta):
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["deadline", "position"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("umsetzung:funding") + f"#{self.key}"


class Foerderprojekt(ContentModel, EditorialAddition):
    """A project that got money, as far as the sources tell: organisation, measure,
    district, year and amount stay empty where none is stated."""

    title = models.CharField(
        _("title"), max_length=300, help_text=_("As the source spells it (a proper name).")
    )
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    line = models.ForeignKey(
        Foerderlinie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funding line"),
    )
    measure = models.ForeignKey(
        Massnahme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("measure"),
    )
    district = models.ForeignKey(
        Stadtbezirk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Stadtbezirk"),
    )
    year = year_field(_("year"), _("The year the money was granted; empty if not stated."))
    year_inferred = models.BooleanField(
        _("year inferred"),
        default=False,
        help_text=_("The source does not print the year; the editors inferred it."),
    )
    end_year = year_field(_("last year"), _("For projects over several years."))
    amount = money_field(_("amount (€)"))
    amount_note = models.CharField(
        _("note on the amount"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Anteil an gut 65.000 € für zehn Projekte”"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "fp", "umsetzung:funding"

    class Meta(ContentModel.Meta):
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = [models.F("year").asc(nulls_last=True), "position", "key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("umsetzung:funding") + f"#{self.key}"
