from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import EDITORIAL_FIELDSET, PUBLICATION_FIELDSET, ContentAdmin

from .models import Grundsatz, Handlungsfeld, Priorisierung


@admin.register(Handlungsfeld)
class HandlungsfeldAdmin(ContentAdmin):
    list_display = ("title", "number", "kind", "position", "published", "updated_at")
    list_editable = ("position",)
    list_filter = ("published", "kind")
    search_fields = ("title", "description", "editorial_text")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("Text of the paper"),
            {"fields": ("kind", "number", "title", "description", "position")},
        ),
        EDITORIAL_FIELDSET,
    )


@admin.register(Grundsatz)
class GrundsatzAdmin(ContentAdmin):
    list_display = ("number", "title", "published", "updated_at")
    list_display_links = ("number", "title")
    search_fields = ("title", "description")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Text of the paper"), {"fields": ("number", "title", "description")}),
        EDITORIAL_FIELDSET,
    )


@admin.register(Priorisierung)
class PriorisierungAdmin(ContentAdmin):
    list_display = ("__str__", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("text",)
    fields = ("key", "published", "text", "position")
