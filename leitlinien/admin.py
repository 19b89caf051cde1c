from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import EDITORIAL_FIELDSET, PUBLICATION_FIELDSET, ContentAdmin

from .models import Abschnitt, Begriff, FazitPunkt, Leitlinie, Strategiepapier


@admin.register(Strategiepapier)
class StrategiepapierAdmin(ContentAdmin):
    list_display = ("title", "document_title", "publisher", "published", "updated_at")
    search_fields = ("title", "document_title", "publisher")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("Title block"),
            {
                "fields": (
                    "wordmark",
                    "publisher",
                    "department",
                    "document_title",
                    "title",
                    "subtitle",
                    "tagline",
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )


@admin.register(Abschnitt)
class AbschnittAdmin(ContentAdmin):
    list_display = ("__str__", "key", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("heading", "label", "text", "key")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Text of the paper"), {"fields": ("label", "heading", "text", "position")}),
        EDITORIAL_FIELDSET,
    )


@admin.register(Leitlinie)
class LeitlinieAdmin(ContentAdmin):
    list_display = ("number", "editorial_title", "has_official_text", "published", "updated_at")
    list_display_links = ("number", "editorial_title")
    search_fields = ("text", "editorial_title", "editorial_text")
    ordering = ("number",)
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Official wording"), {"fields": ("number", "text", "citation")}),
        (
            EDITORIAL_FIELDSET[0],
            {
                **EDITORIAL_FIELDSET[1],
                "fields": ("editorial_title", *EDITORIAL_FIELDSET[1]["fields"]),
            },
        ),
    )

    @admin.display(boolean=True, description=_("official wording entered"))
    def has_official_text(self, obj):
        return obj.has_official_text


@admin.register(Begriff)
class BegriffAdmin(ContentAdmin):
    list_display = ("term", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("term", "definition", "editorial_text")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Term"), {"fields": ("term", "definition", "position")}),
        EDITORIAL_FIELDSET,
    )


@admin.register(FazitPunkt)
class FazitPunktAdmin(ContentAdmin):
    list_display = ("text", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("text",)
    fields = ("key", "published", "text", "position")
