"""The documents staff upload (the paper's PDF, the catalogue reader, council documents,
reports): checked on upload by their content (``uploads``), stored under a generated name
in the default storage, served as downloads (``views.document_file``)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.dates import PreciseDates, precision_field
from content.models import ContentModel

from . import uploads

EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    **uploads.ODF_TYPES,
}


def stored_name(instance, filename) -> str:
    """``dokumente/<uuid4 hex>.<extension of the detected type>``: never the uploaded name."""
    return f"dokumente/{uuid.uuid4().hex}.{EXTENSIONS[instance.content_type]}"


class DocumentFileField(models.FileField):
    """The upload field; in migrations a plain FileField (they import no code of ours, and
    neither the generated name nor the checks touch the database)."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        kwargs["upload_to"] = "dokumente/"
        return name, "django.db.models.FileField", args, kwargs


class Dokument(PreciseDates, ContentModel):
    """A document of the library: a file with what a reader needs to know before opening it."""

    class Kind(models.TextChoices):
        STRATEGY = "strategiepapier", _("strategy paper")
        READER = "reader", _("reader or catalogue")
        COUNCIL = "ratsdrucksache", _("council paper (Drucksache)")
        REPORT = "bericht", _("report")
        OTHER = "sonstiges", _("other document")

    class Accessibility(models.TextChoices):
        ACCESSIBLE = "barrierefrei", _("accessible")
        UNCHECKED = "nicht-geprueft", _("accessibility not checked")
        SHORTCOMINGS = "maengel", _("with accessibility shortcomings")

    title = models.CharField(
        _("title"), max_length=300, help_text=_("e.g. “WIR SIND HANNOVER – Strategiepapier”")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    drucksache = models.CharField(
        _("Drucksache number"),
        max_length=40,
        blank=True,
        help_text=_("As printed, e.g. “0993/2022”; only for council papers."),
    )
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.SOURCE_LANGUAGE,
    )
    date = models.DateField(
        _("date of the document"),
        null=True,
        blank=True,
        help_text=_("A year, a month or a day, e.g. 2022, September 2022 or 17.05.2021."),
    )
    date_precision = precision_field(_("precision of the date"))
    source_label = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("e.g. “Landeshauptstadt Hannover”")
    )
    source_url = models.URLField(
        _("source link"),
        max_length=500,
        blank=True,
        help_text=_("Web address of the source, e.g. https://www.hannover.de/"),
    )
    file = DocumentFileField(
        _("document file"),
        upload_to=stored_name,
        max_length=200,
        validators=[uploads.validate_upload],
        help_text=_(
            "PDF, OpenDocument (ODF) or an image (PNG, JPEG, WebP). The file is checked by "
            "its content and stored under a generated name."
        ),
    )
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    accessibility = models.CharField(
        _("accessibility"),
        max_length=20,
        choices=Accessibility.choices,
        default=Accessibility.UNCHECKED,
    )
    accessibility_note = models.TextField(
        _("accessibility note"),
        max_length=1000,
        blank=True,
        help_text=_("What is missing, e.g. “no tagged structure, tables without headers”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    DATES = ("date",)
    short_code, short_list_url = "dk", "dokumente:library"

    class Meta(ContentModel.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "-date", "key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dokumente:library") + f"#{self.key}"

    def file_url(self) -> str:
        return reverse("dokument_file", args=[self.key])

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "")

    def save(self, *args, **kwargs):
        upload = self.file
        if upload and not upload._committed:
            # What the file is, as the validator found it: its type names the stored file.
            detected = uploads.detect(upload.file)
            self.content_type = detected.content_type
            self.size = upload.size
            self.pages = uploads.count_pages(upload.file) if detected.extension == "pdf" else None
        super().save(*args, **kwargs)
