"""The portal's own pages (Impressum, Datenschutz, Leichte Sprache, the accessibility
statement, the sign-language video, the open-data page) and the feedback messages sent
from the accessibility statement."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content import limits
from content.models import ContentModel
from content.richtext import RichTextField

# The portal's own pages; the key of each is its address (/de/impressum/).
PAGE_KEYS = ("impressum", "datenschutz", "leichte-sprache")


class Seite(ContentModel):
    """A page of the portal itself: Impressum, Datenschutzerklärung, Leichte Sprache.

    Its key is its address (``/de/impressum/``); the footer links to all of them.
    """

    key = models.SlugField(
        _("stable key"),
        max_length=80,
        unique=True,
        choices=[(key, key) for key in PAGE_KEYS],
        help_text=_("Which page this is; it is also its address."),
    )

    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Impressum”"))
    note = models.CharField(
        _("note above the text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional short note shown in a box above the text, e.g. who wrote an "
            "easy-language text."
        ),
    )
    body = RichTextField(_("text"), blank=True, max_visible=limits.PAGE_BODY)

    short_code = "s"

    class Meta(ContentModel.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.key})


class Barrierefreiheitserklaerung(ContentModel):
    """The accessibility statement required by the NBGG (EN 301 549 / WCAG 2.1 AA)."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. “Erklärung zur Barrierefreiheit”")
    )
    intro = RichTextField(
        _("scope"),
        blank=True,
        max_visible=limits.PAGE_PART,
        help_text=_("Which website the statement covers."),
    )
    conformance = models.CharField(
        _("conformance status"),
        max_length=20,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    conformance_text = RichTextField(
        _("about the conformance status"),
        max_visible=limits.PAGE_PART,
        blank=True,
        help_text=_("How the status was determined (e.g. self-assessment, automated tests)."),
    )
    known_limits = RichTextField(
        _("known limits"),
        max_visible=limits.PAGE_PART,
        blank=True,
        help_text=_("What is not yet accessible, why, and which alternative exists."),
    )
    statement_date = models.DateField(_("date of the statement"))
    reviewed_date = models.DateField(_("last reviewed"), null=True, blank=True)
    feedback_text = RichTextField(
        _("feedback and contact"),
        max_visible=limits.PAGE_PART,
        blank=True,
        help_text=_("How people report barriers; the form below the text is always shown."),
    )
    enforcement_text = RichTextField(
        _("conciliation body"),
        max_visible=limits.PAGE_PART,
        blank=True,
        help_text=_("The Schlichtungsstelle and how to reach it."),
    )

    short_code, short_identifier = "s", "barrierefreiheit"

    class Meta(ContentModel.Meta):
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("accessibility")


class Gebaerdensprachvideo(ContentModel):
    """A video in Deutsche Gebärdensprache (DGS) explaining the portal or the strategy.

    The start page links to it only when a published video with a file exists.
    """

    title = models.CharField(_("title"), max_length=200)
    video = models.FileField(
        _("video file"),
        upload_to="gebaerdensprache/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("MP4 or WebM file."),
    )
    description = RichTextField(
        _("content of the video in text"),
        max_visible=limits.PAGE_PART,
        blank=True,
        help_text=_("What the video says, for people who cannot watch it."),
    )

    short_code, short_identifier = "s", "gebaerdensprache"

    class Meta(ContentModel.Meta):
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sign_language")


class OffeneDaten(ContentModel):
    """The “Offene Daten” page: the strategy as JSON and CSV, under a licence staff choose."""

    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Offene Daten”"))
    intro = RichTextField(_("text"), blank=True, max_visible=limits.PAGE_PART)
    licence_name = models.CharField(
        _("licence"),
        max_length=200,
        help_text=_("e.g. “Datenlizenz Deutschland – Namensnennung – Version 2.0”"),
    )
    licence_url = models.URLField(_("link to the licence text"), blank=True)

    short_code, short_identifier = "s", "offene-daten"

    class Meta(ContentModel.Meta):
        verbose_name = _("open data page")
        verbose_name_plural = _("open data page")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("open_data")


class Rueckmeldung(models.Model):
    """A message sent with the feedback form of the accessibility statement."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("answered")

    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    page = models.CharField(
        _("page concerned"), max_length=500, blank=True, help_text=_("Address or name of the page")
    )
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    internal_note = models.TextField(_("internal note"), blank=True)

    # A message is for the editors: saving one changes no public page.
    affects_public_pages = False
    # Editors answer and file messages; nobody changes what the sender wrote.
    editor_actions = ("change", "delete", "view")

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback on accessibility")
        ordering = ["-created_at"]

    def __str__(self):
        return self.message[:60]
