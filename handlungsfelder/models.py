"""The Handlungsfelder (fields of action) with the AG-Jugend, the three numbered
principles that cut across them, and the two Priorisierungen."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content import limits
from content.limits import visible_text
from content.models import ContentModel, EditorialAddition
from content.richtext import RichTextField


class Handlungsfeld(ContentModel, EditorialAddition):
    """A Handlungsfeld, or the AG-Jugend (a working group, not a seventh field)."""

    class Kind(models.TextChoices):
        FIELD = "field", _("Handlungsfeld")
        WORKING_GROUP = "working_group", _("working group")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FIELD)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1, _("A number is at least 1."))],
        error_messages={"unique": _("There is already a Handlungsfeld with this number.")},
        help_text=_("1 to 6 as in the paper; empty for the AG-Jugend."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Bildung”"))
    description = RichTextField(
        _("official description"),
        blank=True,
        max_visible=limits.DESCRIPTION,
        help_text=_("The paper's own description. Leave empty until it is published."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "hf", "handlungsfelder:list"

    class Meta(ContentModel.Meta):
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "number"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == self.Kind.FIELD and self.number is None:
            raise ValidationError({"number": _("A Handlungsfeld needs its number.")})
        if self.kind == self.Kind.WORKING_GROUP and self.number is not None:
            raise ValidationError(
                {"number": _("A working group has no Handlungsfeld number: leave it empty.")}
            )

    def get_absolute_url(self):
        return reverse("handlungsfelder:detail", kwargs={"slug": self.key})

    @property
    def is_working_group(self) -> bool:
        return self.kind == self.Kind.WORKING_GROUP


class Grundsatz(ContentModel, EditorialAddition):
    """One of the three numbered principles that cut across all Handlungsfelder."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[
            MinValueValidator(1, _("A number is at least 1.")),
            MaxValueValidator(3, _("The paper has 3 numbered principles: use 1 to 3.")),
        ],
        error_messages={"unique": _("There is already a principle with this number.")},
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Gleichbehandlung”"))
    description = RichTextField(
        _("official description"),
        blank=True,
        max_visible=limits.DESCRIPTION,
        help_text=_("The paper's own explanation. Leave empty until it is published."),
    )

    short_code, short_number_field = "g", "number"
    short_list_url = "handlungsfelder:principles"

    class Meta(ContentModel.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("handlungsfelder:principles") + f"#{self.key}"


class Priorisierung(ContentModel):
    """One of the Priorisierungen (overarching priorities)."""

    text = RichTextField(
        _("text"),
        max_visible=limits.PRIORITY,
        help_text=_("The priority exactly as the paper words it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_number_field = "p", "position"

    class Meta(ContentModel.Meta):
        verbose_name = _("Priorisierung")
        verbose_name_plural = _("Priorisierungen")
        ordering = ["position", "key"]

    def __str__(self):
        return visible_text(self.text)[:80]

    def get_absolute_url(self):
        return reverse("handlungsfelder:principles") + f"#{self.key}"
