"""The paper itself and its stance: the paper, its sections, the Leitlinien, the glossary
and the Fazit."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content import limits
from content.limits import visible_text
from content.models import ContentModel, EditorialAddition
from content.richtext import RichTextField

LEITLINIE_COUNT = 7


class Strategiepapier(ContentModel, EditorialAddition):
    """The strategy paper as a whole: its title block and publisher."""

    wordmark = models.TextField(
        _("wordmark"),
        blank=True,
        max_length=limits.WORDMARK,
        help_text=_("The city's wordmark as printed, one part per line, e.g. “HAN”, “NOV”, “ER”."),
    )
    publisher = models.CharField(
        _("publisher"), max_length=200, help_text=_("e.g. “Landeshauptstadt Hannover”")
    )
    department = models.CharField(
        _("department"), max_length=200, blank=True, help_text=_("e.g. “FACHBEREICH SOZIALES”")
    )
    document_title = models.CharField(
        _("document title"),
        max_length=300,
        help_text=_("e.g. “Strategiepapier für Migration und Teilhabe”"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “WIR SIND HANNOVER”"))
    subtitle = models.CharField(
        _("subtitle"), max_length=300, blank=True, help_text=_("e.g. “ZUSAMMENLEBEN IN DER STADT”")
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Strategien für Migration und Teilhabe”"),
    )

    short_code, short_identifier = "s", "strategiepapier"

    class Meta(ContentModel.Meta):
        verbose_name = _("strategy paper")
        verbose_name_plural = _("strategy paper")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("home")

    @property
    def wordmark_parts(self) -> list[str]:
        return [part.strip() for part in self.wordmark.splitlines() if part.strip()]


class Abschnitt(ContentModel, EditorialAddition):
    """A titled part of the paper (e.g. “Funktion des Strategiepapers”, “Fazit:”).

    Headings and introductions of the paper live here so that no sentence of the paper is
    written into a template.
    """

    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Short label printed before the heading, e.g. “Kapitel 1:” or “Fazit:”."),
    )
    heading = models.CharField(
        _("heading"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Funktion des Strategiepapers”. Empty if the paper gives none."),
    )
    text = RichTextField(
        _("text"),
        blank=True,
        max_visible=limits.SECTION_TEXT,
        help_text=_("The paper's own text for this part. Leave empty if the paper gives none."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code = "a"

    class Meta(ContentModel.Meta):
        verbose_name = _("section of the paper")
        verbose_name_plural = _("sections of the paper")
        ordering = ["position", "key"]

    # Which public page shows which section; sections not listed here are on the start page.
    PAGES = {
        "leitlinien": "leitlinien:list",
        "begriffsdiskussion": "leitlinien:glossary",
        "grundsaetze": "handlungsfelder:principles",
        "priorisierungen": "handlungsfelder:principles",
        "ausblick": "beteiligung:timeline",
    }

    def __str__(self):
        return f"{self.label} {self.heading}".strip() or self.key

    def get_absolute_url(self):
        return reverse(self.PAGES.get(self.key, "home")) + f"#{self.key}"


class Leitlinie(ContentModel, EditorialAddition):
    """One of the seven Leitlinien (guidelines) of chapter 1."""

    # Fields that are part of public links: changing them needs a confirmation.
    ADDRESS_FIELDS = ("key", "number")

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[
            MinValueValidator(1, _("A Leitlinie number is at least 1.")),
            MaxValueValidator(LEITLINIE_COUNT, _("The paper has 7 Leitlinien: use 1 to 7.")),
        ],
        error_messages={"unique": _("There is already a Leitlinie with this number.")},
        help_text=_("1 to 7, as in the paper. Part of the public address /leitlinien/3/."),
    )
    text = RichTextField(
        _("official wording"),
        blank=True,
        max_visible=limits.LEITLINIE_WORDING,
        help_text=_(
            "The Leitlinie exactly as the city publishes it. Leave empty until the official "
            "wording is available: the page then says “Wortlaut folgt”."
        ),
    )
    citation = models.CharField(
        _("citation in the paper"),
        max_length=100,
        blank=True,
        help_text=_("How the paper cites it, e.g. “(Leitlinie 1)”."),
    )
    editorial_title = models.CharField(
        _("editorial short title"),
        max_length=200,
        blank=True,
        help_text=_(
            "A short title in our own words until the official wording is entered, "
            "e.g. “Gleichberechtigtes Zusammenleben”."
        ),
    )

    short_code, short_number_field = "l", "number"
    short_list_url = "leitlinien:list"
    # The short title is in our own words: reviewed with the editorial addition.
    EDITORIAL_TRANSLATED_FIELDS = ("editorial_title", *EditorialAddition.TRANSLATED_FIELDS)

    class Meta(ContentModel.Meta):
        verbose_name = _("Leitlinie")
        verbose_name_plural = _("Leitlinien")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=LEITLINIE_COUNT),
                name="leitlinie_number_1_to_7",
            ),
        ]

    def __str__(self):
        return _("Guideline %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("leitlinien:detail", kwargs={"number": self.number})

    @property
    def has_official_text(self) -> bool:
        return bool(visible_text(self.text))


class Begriff(ContentModel, EditorialAddition):
    """A term of the glossary (“Begriffsdiskussion”)."""

    term = models.CharField(_("term"), max_length=200, help_text=_("e.g. “I-Beiräte”"))
    definition = RichTextField(
        _("official definition"),
        blank=True,
        max_visible=limits.DEFINITION,
        help_text=_("The paper's own explanation. Leave empty until it is published."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code, short_list_url = "b", "leitlinien:glossary"

    class Meta(ContentModel.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["position", "term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("leitlinien:glossary") + f"#{self.key}"


class FazitPunkt(ContentModel):
    """One of the points of the Fazit “Was zeichnet das Strategiepapier aus”."""

    text = models.CharField(_("text"), max_length=300, help_text=_("e.g. “Jugendbeteiligung”"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    short_code = "f"

    class Meta(ContentModel.Meta):
        verbose_name = _("Fazit point")
        verbose_name_plural = _("Fazit points")
        ordering = ["position", "key"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("home") + f"#{self.key}"
