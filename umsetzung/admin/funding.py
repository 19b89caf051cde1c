"""The admin of the funding programme and the reports. Totals are never typed in: the
pages compute them from the funded projects."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import EDITORIAL_FIELDSET, PUBLICATION_FIELDSET, ContentAdmin, ContentInline
from content.dates import PreciseDatesForm, date_column
from content.forms import ContentForm

from ..models import (
    Bericht,
    Foerderaufruf,
    Foerderlinie,
    Foerderprojekt,
    Foerdertopf,
    Umsetzungsfakt,
)


class PotInline(ContentInline):
    model = Foerdertopf
    fields = ("key", "published", "year", "amount", "document")
    autocomplete_fields = ("document",)


@admin.register(Foerderlinie)
class FoerderlinieAdmin(ContentAdmin):
    list_display = ("name", "limit_text", "position", "published")
    list_editable = ("position",)
    search_fields = ("name", "description")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The funding line"), {"fields": ("name", "limit_text", "description", "position")}),
        EDITORIAL_FIELDSET,
    )
    inlines = [PotInline, *ContentAdmin.inlines]


@admin.register(Foerdertopf)
class FoerdertopfAdmin(ContentAdmin):
    list_display = ("__str__", "year", "amount", "published")
    list_filter = ("published", "line", "year")
    autocomplete_fields = ("document",)
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The pot"), {"fields": ("line", "year", "amount", "document")}),
        EDITORIAL_FIELDSET,
    )


class DatedForm(PreciseDatesForm, ContentForm):
    """Dates typed as a year, a month or a day."""


@admin.register(Foerderaufruf)
class FoerderaufrufAdmin(ContentAdmin):
    form = DatedForm
    list_display = ("title", "line", "deadline_shown", "published")
    list_filter = ("published", "line")
    search_fields = ("title", "outcome")
    autocomplete_fields = ("measure",)
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The call"),
            {"fields": ("line", "measure", "title", "deadline", "outcome", "position")},
        ),
        EDITORIAL_FIELDSET,
    )

    deadline_shown = date_column("deadline", _("deadline"))


@admin.register(Foerderprojekt)
class FoerderprojektAdmin(ContentAdmin):
    list_display = ("title", "organisation", "line", "year", "amount", "published")
    list_filter = ("published", "line", "year", "district")
    search_fields = ("title", "organisation")
    autocomplete_fields = ("measure",)
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The project"),
            {
                "fields": (
                    "title",
                    "organisation",
                    "line",
                    "measure",
                    "district",
                    "year",
                    "year_inferred",
                    "end_year",
                    "amount",
                    "amount_note",
                    "position",
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )


@admin.register(Bericht)
class BerichtAdmin(ContentAdmin):
    form = DatedForm
    list_display = ("title", "date_shown", "published")
    search_fields = ("title",)
    autocomplete_fields = ("document", "file")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The report"), {"fields": ("title", "date", "url", "document", "file", "position")}),
        EDITORIAL_FIELDSET,
    )

    date_shown = date_column("date", _("date"))


@admin.register(Umsetzungsfakt)
class UmsetzungsfaktAdmin(ContentAdmin):
    list_display = ("__str__", "topic", "position", "published")
    list_filter = ("published", "topic")
    list_editable = ("position",)
    search_fields = ("editorial_title", "editorial_text")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The fact"), {"fields": ("topic", "editorial_title", "position")}),
        EDITORIAL_FIELDSET,
    )
