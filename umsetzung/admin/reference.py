from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import EDITORIAL_FIELDSET, PUBLICATION_FIELDSET, ContentAdmin

from ..models import Ratsdokument, Stadtbezirk, Status


@admin.register(Stadtbezirk)
class StadtbezirkAdmin(ContentAdmin):
    list_display = ("number", "name", "advisory_council", "published", "updated_at")
    list_display_links = ("number", "name")
    search_fields = ("name", "advisory_council")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("The district"), {"fields": ("number", "name", "advisory_council")}),
        EDITORIAL_FIELDSET,
    )


@admin.register(Status)
class StatusAdmin(ContentAdmin):
    list_display = ("name", "icon", "default_progress", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("name", "description")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The status"),
            {"fields": ("name", "description", "icon", "default_progress", "position")},
        ),
    )


@admin.register(Ratsdokument)
class RatsdokumentAdmin(ContentAdmin):
    list_display = ("number", "title", "kind", "date", "position", "published")
    list_display_links = ("number", "title")
    list_editable = ("position",)
    search_fields = ("number", "title")
    autocomplete_fields = ("file",)
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("The document"),
            {"fields": ("number", "kind", "title", "date", "url", "file", "position")},
        ),
        EDITORIAL_FIELDSET,
    )
