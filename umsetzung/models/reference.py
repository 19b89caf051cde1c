"""The reference lists of the implementation: the 13 Stadtbezirke of Hannover, which
measures will name as the districts they reach, the staff-defined list of statuses a
measure can have, and the council documents (Drucksachen) the public sources name."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.models import ContentModel, EditorialAddition

#: The status of every measure whose status no source states (never a guessed one).
NOT_PUBLISHED = "nicht-veroeffentlicht"


class Stadtbezirk(ContentModel, EditorialAddition):
    """One of the 13 Stadtbezirke, in the city's official numbering. Its name is a German
    proper name and stays German in every language."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[
            MinValueValidator(1, _("A number is at least 1.")),
            MaxValueValidator(13, _("Hannover has 13 Stadtbezirke: use 1 to 13.")),
        ],
        error_messages={"unique": _("There is already a Stadtbezirk with this number.")},
        help_text=_("The city's official number, 1 (Mitte) to 13 (Nord)."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “Linden-Limmer”"))
    advisory_council = models.CharField(
        _("I-Beirat"),
        max_length=200,
        blank=True,
        help_text=_("Name of the district's Integrationsbeirat, e.g. “Integrationsbeirat Mitte”."),
    )

    short_code, short_list_url = "sb", "umsetzung:districts"

    class Meta(ContentModel.Meta):
        verbose_name = _("Stadtbezirk")
        verbose_name_plural = _("Stadtbezirke")
        ordering = ["number"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("umsetzung:district", kwargs={"slug": self.key})


class Status(ContentModel):
    """A status a measure can have, shown with its symbol and name (never colour alone)."""

    class Icon(models.TextChoices):
        UNKNOWN = "unknown", _("question mark (?)")
        NOT_STARTED = "not-started", _("empty circle (○)")
        PREPARING = "preparing", _("quarter circle (◔)")
        RUNNING = "running", _("half circle (◑)")
        DONE = "done", _("tick (✓)")
        REGULAR = "regular", _("circular arrow (↻)")
        DELAYED = "delayed", _("clock (◷)")
        PAUSED = "paused", _("pause (‖)")
        DROPPED = "dropped", _("cross (✕)")

    SYMBOLS = {
        Icon.UNKNOWN: "?",
        Icon.NOT_STARTED: "○",
        Icon.PREPARING: "◔",
        Icon.RUNNING: "◑",
        Icon.DONE: "✓",
        Icon.REGULAR: "↻",
        Icon.DELAYED: "◷",
        Icon.PAUSED: "‖",
        Icon.DROPPED: "✕",
    }

    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “in Umsetzung”"))
    description = models.TextField(
        _("description"),
        max_length=500,
        blank=True,
        help_text=_("What the status means, in neutral words; says nothing about any measure."),
    )
    icon = models.CharField(
        _("symbol"),
        max_length=20,
        choices=Icon.choices,
        default=Icon.UNKNOWN,
        help_text=_("Shown before the name: the page never tells a status by colour alone."),
    )
    default_progress = models.PositiveSmallIntegerField(
        _("default progress (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, _("Progress is a percentage from 0 to 100."))],
        help_text=_("0 to 100, or empty where the status says nothing about progress."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "st", "umsetzung:statuses"

    class Meta(ContentModel.Meta):
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        ordering = ["position", "key"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("umsetzung:statuses") + f"#{self.key}"

    @property
    def symbol(self) -> str:
        return self.SYMBOLS.get(self.icon, "?")


class Ratsdokument(ContentModel, EditorialAddition):
    """One council document, with its number as printed (empty where no source gives it)."""

    class Kind(models.TextChoices):
        DRUCKSACHE = "drucksache", _("Drucksache")
        ANTRAG = "antrag", _("motion (Antrag)")
        ANFRAGE = "anfrage", _("question (Anfrage)")
        BERICHT = "bericht", _("report (Bericht)")
        OTHER = "other", _("other document")

    number = models.CharField(
        _("number"),
        max_length=40,
        blank=True,
        help_text=_("As printed, e.g. “0993/2022” or “H-0174-2021”; empty if no source gives it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The German title as the source spells it; empty if no source gives it."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Only if a source gives the document's date; never a guessed one."),
    )
    url = models.URLField(
        _("link to the document"),
        max_length=500,
        blank=True,
        help_text=_("The document in the council information system, if a source links it."),
    )
    file = models.ForeignKey(
        "dokumente.Dokument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_documents",
        verbose_name=_("file in the document library"),
        help_text=_(
            "The city's file of it, once uploaded under Dokumente → Dokument: the page then "
            "offers it to download with its size, pages and accessibility."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "ds", "umsetzung:documents"

    class Meta(ContentModel.Meta):
        verbose_name = _("council document")
        verbose_name_plural = _("council documents")
        ordering = ["position", "key"]

    def __str__(self):
        return self.number or self.title or self.key

    def get_absolute_url(self):
        return reverse("umsetzung:documents") + f"#{self.key}"
