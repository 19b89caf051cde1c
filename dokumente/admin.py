from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from content.admin import PUBLICATION_FIELDSET, ContentAdmin

from .forms import DokumentForm
from .models import Dokument


@admin.register(Dokument)
class DokumentAdmin(ContentAdmin):
    form = DokumentForm
    list_display = (
        "title",
        "kind",
        "drucksache",
        "language",
        "size_shown",
        "accessibility",
        "published",
    )
    list_filter = ("published", "kind", "language", "accessibility")
    search_fields = ("title", "drucksache")
    readonly_fields = ("content_type", "size_shown", "pages")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("Document"),
            {
                "fields": (
                    "title",
                    "kind",
                    "drucksache",
                    "language",
                    "date",
                    "source_label",
                    "source_url",
                    "position",
                )
            },
        ),
        (
            _("The file"),
            {
                "fields": ("file", "content_type", "size_shown", "pages"),
                "description": _(
                    "Only PDF, OpenDocument (ODF) and images (PNG, JPEG, WebP), checked by "
                    "their content. Size and pages are filled in on saving."
                ),
            },
        ),
        (_("Accessibility"), {"fields": ("accessibility", "accessibility_note")}),
    )

    @admin.display(description=_("file size"), ordering="size")
    def size_shown(self, obj):
        return filesizeformat(obj.size) if obj.size else "–"
