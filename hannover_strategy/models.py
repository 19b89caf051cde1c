"""Building blocks shared by every content model of the portal."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .richtext import RichTextField

stable_key_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use only lower-case letters a–z, digits and single hyphens, e.g. “stadtleben-und-kultur”."),
)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """Only what visitors may see."""
        return self.filter(published=True)


class ContentModel(models.Model):
    """A piece of the strategy with a stable key and a publication switch.

    The key never changes with language or wording: it is the anchor id on the page and
    the key by which the content loader finds the object again.
    """

    key = models.SlugField(
        _("stable key"),
        max_length=80,
        unique=True,
        validators=[stable_key_validator],
        help_text=_(
            "Permanent identifier used in links and anchors, e.g. “bildung”. "
            "Do not change it once the page is public: other sites link to it."
        ),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published content is shown on the public website."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    translation_states = GenericRelation("hannover_strategy.TranslationState")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True


class EditorialAddition(models.Model):
    """Facts from public sources, written by the editors, kept apart from the city's text.

    Shown as “Redaktionelle Ergänzung” with its source, and as not yet checked until a
    member of staff confirms it.
    """

    editorial_text = models.TextField(
        _("editorial addition"),
        blank=True,
        help_text=_(
            "Our own words, never the city's wording, e.g. a topic summary from a public "
            "source. Shown labelled as “Redaktionelle Ergänzung”."
        ),
    )
    editorial_source_label = models.CharField(
        _("source of the editorial addition"),
        max_length=300,
        blank=True,
        help_text=_("Name of the source, e.g. “hannover.de, page ‘Das Papier’”."),
    )
    editorial_source_url = models.URLField(
        _("source link"),
        blank=True,
        help_text=_("Web address of the source, e.g. https://www.hannover.de/"),
    )
    editorial_checked = models.BooleanField(
        _("checked by the editors"),
        default=False,
        help_text=_(
            "Tick once a member of staff has checked the addition against its source. "
            "Until then the page says it is not yet checked."
        ),
    )

    class Meta:
        abstract = True

    @property
    def has_editorial_addition(self) -> bool:
        return bool(self.editorial_text.strip())


class SeedRecord(models.Model):
    """What the content loader last wrote into one object.

    The loader compares these values with the database: a field whose value differs was
    edited by staff and is never overwritten; an object whose record exists but which is
    gone was deleted by staff and is not brought back.
    """

    model_label = models.CharField(_("model"), max_length=100)
    key = models.CharField(_("stable key"), max_length=80)
    values = models.JSONField(_("loaded values"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("content load record")
        verbose_name_plural = _("content load records")
        ordering = ["model_label", "key"]
        constraints = [
            models.UniqueConstraint(fields=["model_label", "key"], name="unique_seed_record"),
        ]

    def __str__(self):
        return f"{self.model_label}:{self.key}"


def translation_language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE]


class TranslationState(models.Model):
    """How far one object's translation into one language can be trusted.

    German is the source and has no state. The portal shows visitors a notice for every
    state but “reviewed”.
    """

    class State(models.TextChoices):
        MISSING = "missing", _("missing")
        UNREVIEWED = "unreviewed", _("machine translated, not reviewed")
        REVIEWED = "reviewed", _("reviewed")
        OUTDATED = "outdated", _("outdated: the German text changed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=10, choices=translation_language_choices)
    state = models.CharField(
        _("translation state"), max_length=20, choices=State.choices, default=State.MISSING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation status")
        ordering = ["content_type", "object_id", "language"]
        permissions = [
            ("publish_content", _("Can publish and unpublish content")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="unique_translation_state"
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.get_state_display()}"


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
    body = RichTextField(_("text"), blank=True)

    class Meta:
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
        _("scope"), blank=True, help_text=_("Which website the statement covers.")
    )
    conformance = models.CharField(
        _("conformance status"),
        max_length=20,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    conformance_text = RichTextField(
        _("about the conformance status"),
        blank=True,
        help_text=_("How the status was determined (e.g. self-assessment, automated tests)."),
    )
    known_limits = RichTextField(
        _("known limits"),
        blank=True,
        help_text=_("What is not yet accessible, why, and which alternative exists."),
    )
    statement_date = models.DateField(_("date of the statement"))
    reviewed_date = models.DateField(_("last reviewed"), null=True, blank=True)
    feedback_text = RichTextField(
        _("feedback and contact"),
        blank=True,
        help_text=_("How people report barriers; the form below the text is always shown."),
    )
    enforcement_text = RichTextField(
        _("conciliation body"),
        blank=True,
        help_text=_("The Schlichtungsstelle and how to reach it."),
    )

    class Meta:
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
        blank=True,
        help_text=_("What the video says, for people who cannot watch it."),
    )

    class Meta:
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
    intro = RichTextField(_("text"), blank=True)
    licence_name = models.CharField(
        _("licence"),
        max_length=200,
        help_text=_("e.g. “Datenlizenz Deutschland – Namensnennung – Version 2.0”"),
    )
    licence_url = models.URLField(_("link to the licence text"), blank=True)

    class Meta:
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

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback on accessibility")
        ordering = ["-created_at"]

    def __str__(self):
        return self.message[:60]


def content_models() -> list[type[ContentModel]]:
    """Every model of the portal's content (all subclasses of ContentModel)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, ContentModel)]


class SearchEntry(models.Model):
    """One published or draft object in one language, as plain text for the search.

    Kept up to date on every save (signals in search.py); ``manage.py load_strategy``
    rebuilds it. On PostgreSQL ``vector`` holds the text-search vector of the language,
    with a GIN index (migration 0008), so a search is one indexed query.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    published = models.BooleanField(default=False)
    title = models.TextField()
    path = models.CharField(max_length=400)
    kind = models.CharField(max_length=200)
    text = models.TextField()
    vector = SearchVectorField(null=True)

    class Meta:
        # Internal (not in the admin): no translated names needed.
        verbose_name = "Sucheintrag"
        verbose_name_plural = "Sucheinträge"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_search_entry"
            )
        ]
        indexes = [models.Index(fields=["language", "published"], name="search_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"
