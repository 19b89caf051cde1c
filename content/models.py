"""What every content model of the portal is built from: a stable key, a publication
switch, editorial additions kept apart from the city's text, and the translation state of
each object in each language."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import limits
from .drafts import Aenderungsentwurf  # noqa: F401 (a model of this app, in its own module)
from .languages import target_language_choices
from .limits import visible_text
from .richtext import RichTextField
from .scheduling import Zeitplan  # noqa: F401 (a model of this app, kept with its runner)

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
    translation_states = GenericRelation("content.TranslationState")

    objects = PublishedQuerySet.as_manager()

    #: Short, language-free link (see portal.links): ``/<short_code>/<identifier>``. The
    #: identifier is ``short_identifier`` when set (a page that exists once), else the
    #: value of ``short_number_field`` (``/l/3``), else the stable key (``/hf/bildung``).
    short_code: str | None = None
    short_number_field: str | None = None
    short_identifier: str | None = None
    #: URL name of the overview that the short link without identifier leads to (``/l``).
    short_list_url: str | None = None

    class Meta:
        abstract = True
        # Publishing is a right of its own: translators change text but publish nothing.
        default_permissions = ("add", "change", "delete", "view", "publish")

    @classmethod
    def publish_permission(cls) -> str:
        """The permission that lets a user publish and unpublish objects of this model."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def short_path(self) -> str | None:
        """The short link of this object (e.g. ``/l/3``), or None if its model has none."""
        if not self.short_code:
            return None
        if self.short_identifier:
            identifier = self.short_identifier
        elif self.short_number_field:
            identifier = getattr(self, self.short_number_field)
        else:
            identifier = self.key
        return f"/{self.short_code}/{identifier}"


class EditorialAddition(models.Model):
    """Facts from public sources, written by the editors, kept apart from the city's text.

    Shown as “Redaktionelle Ergänzung” with its source, and as not yet checked until a
    member of staff confirms it.
    """

    #: The fields of an editorial addition, as edited in the admin.
    FIELDS = (
        "editorial_text",
        "editorial_source_label",
        "editorial_source_url",
        "editorial_checked",
    )
    #: The ones readers see in their language (translated with modeltranslation).
    TRANSLATED_FIELDS = ("editorial_text", "editorial_source_label")
    #: Every translated field in the editors' own words: its translations are reviewed
    #: together, apart from the city's text (the "editorial" group of ``TranslationState``).
    #: A model with an editorial field of its own adds it (``Leitlinie.editorial_title``).
    EDITORIAL_TRANSLATED_FIELDS: tuple[str, ...] = TRANSLATED_FIELDS

    editorial_text = RichTextField(
        _("editorial addition"),
        blank=True,
        max_visible=limits.EDITORIAL,
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
        max_length=500,  # the city's pages have long addresses
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
        return bool(visible_text(self.editorial_text))


class TranslationState(models.Model):
    """How far the translation of one group of an object's fields into one language can be
    trusted.

    The groups are reviewed apart: the city's text (``official``: every translated field
    but the editorial ones) and the editors' own words (``editorial``:
    ``EditorialAddition.EDITORIAL_TRANSLATED_FIELDS``). Every object has an official state
    per language; an editorial state only while it has German editorial text.

    German is the source and has no state. The portal shows visitors a notice for every
    state but “reviewed”.
    """

    class Group(models.TextChoices):
        OFFICIAL = "official", _("official text")
        EDITORIAL = "editorial", _("editorial addition")

    class State(models.TextChoices):
        MISSING = "missing", _("missing")
        UNREVIEWED = "unreviewed", _("machine translated, not reviewed")
        REVIEWED = "reviewed", _("reviewed")
        OUTDATED = "outdated", _("outdated: the German text changed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=10, choices=target_language_choices())
    group = models.CharField(
        _("text group"), max_length=10, choices=Group.choices, default=Group.OFFICIAL
    )
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
        ordering = ["content_type", "object_id", "-group", "language"]  # official first
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "group"],
                name="content_one_state_per_language_and_group",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_language_display()}, {self.get_group_display()}: {self.get_state_display()}"
        )

    def set_state(self, state: str, user) -> None:
        """Set ``state``; “reviewed” records ``user`` and the time, any other forgets them."""
        self.state = state
        reviewed = state == self.State.REVIEWED
        self.reviewed_by = user if reviewed else None
        self.reviewed_at = timezone.now() if reviewed else None


def content_models() -> list[type[ContentModel]]:
    """Every model of the portal's content (all subclasses of ContentModel), in the order
    of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, ContentModel)]
