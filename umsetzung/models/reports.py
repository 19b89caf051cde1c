"""Reports on the implementation (the mid-term report of May 2025) and the sourced facts
that belong to no single measure (frame, Kuratorium, committees, indicators, gaps)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.dates import PreciseDates, precision_field
from content.models import ContentModel, EditorialAddition


class Bericht(PreciseDates, ContentModel, EditorialAddition):
    """A report on the implementation, e.g. the mid-term report of May 2025. Without a link
    the page says the report itself is not published."""

    DATES = ("date",)

    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field(_("precision of the date"))
    url = models.URLField(_("link to the report"), max_length=500, blank=True)
    document = models.ForeignKey(
        "umsetzung.Ratsdokument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("council document"),
    )
    file = models.ForeignKey(
        "dokumente.Dokument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("file in the document library"),
        help_text=_(
            "The city's file of it, once uploaded under Dokumente → Dokument: the page then "
            "offers it to download with its size, pages and accessibility."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "br", "umsetzung:overview"

    class Meta(ContentModel.Meta):
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = [models.F("date").desc(nulls_last=True), "position"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("umsetzung:overview") + f"#{self.key}"


class Umsetzungsfakt(ContentModel, EditorialAddition):
    """A sourced fact about the implementation that belongs to no single measure: the frame
    and timeline, the Kuratorium, the committees, indicators, context, gaps."""

    class Topic(models.TextChoices):
        FRAME = "frame", _("frame and timeline")
        FUNDING = "funding", _("funding programme")
        KURATORIUM = "kuratorium", _("Kuratorium")
        COMMITTEES = "committees", _("council committees and steering group")
        INDICATORS = "indicators", _("indicators")
        CONTEXT = "context", _("context: the integration plan of 2008")
        GAPS = "gaps", _("what is not yet known")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    editorial_title = models.CharField(_("heading"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    EDITORIAL_TRANSLATED_FIELDS = (*EditorialAddition.TRANSLATED_FIELDS, "editorial_title")

    short_code, short_list_url = "uf", "umsetzung:overview"

    class Meta(ContentModel.Meta):
        verbose_name = _("fact on the implementation")
        verbose_name_plural = _("facts on the implementation")
        ordering = ["topic", "position", "key"]

    def __str__(self):
        return self.editorial_title or self.key

    def get_absolute_url(self):
        if self.topic == self.Topic.FUNDING:
            return reverse("umsetzung:funding") + f"#{self.key}"
        return reverse("umsetzung:overview") + f"#{self.key}"
