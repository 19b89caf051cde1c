"""The portal's own pages and the feedback messages in the admin."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from content.admin import PUBLICATION_FIELDSET, ContentAdmin

from .models import (
    Barrierefreiheitserklaerung,
    Gebaerdensprachvideo,
    OffeneDaten,
    Rueckmeldung,
    Seite,
)


@admin.register(Seite)
class SeiteAdmin(ContentAdmin):
    list_display = ("title", "key", "published", "updated_at")
    search_fields = ("title", "body")
    fieldsets = (PUBLICATION_FIELDSET, (_("Page"), {"fields": ("title", "note", "body")}))


@admin.register(Barrierefreiheitserklaerung)
class BarrierefreiheitserklaerungAdmin(ContentAdmin):
    list_display = ("title", "conformance", "statement_date", "reviewed_date", "published")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("Statement"),
            {
                "fields": (
                    "title",
                    "intro",
                    "conformance",
                    "conformance_text",
                    "known_limits",
                    "statement_date",
                    "reviewed_date",
                    "feedback_text",
                    "enforcement_text",
                )
            },
        ),
    )


@admin.register(Gebaerdensprachvideo)
class GebaerdensprachvideoAdmin(ContentAdmin):
    list_display = ("title", "video", "published", "updated_at")
    fieldsets = (PUBLICATION_FIELDSET, (_("Video"), {"fields": ("title", "video", "description")}))


@admin.register(OffeneDaten)
class OffeneDatenAdmin(ContentAdmin):
    list_display = ("title", "licence_name", "published", "updated_at")
    fieldsets = (
        PUBLICATION_FIELDSET,
        (_("Open data"), {"fields": ("title", "intro", "licence_name", "licence_url")}),
    )


@admin.register(Rueckmeldung)
class RueckmeldungAdmin(admin.ModelAdmin):
    """Messages from the feedback form. The text is the sender's: it cannot be changed."""

    list_display = ("created_at", "short_message", "email_link", "page", "language", "status")
    list_filter = ("status", "language")
    search_fields = ("message", "page", "name", "email")
    readonly_fields = ("message", "name", "email_link", "page", "language", "created_at")
    fields = (
        "created_at",
        "message",
        "page",
        "name",
        "email_link",
        "language",
        "status",
        "internal_note",
    )
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("e-mail address"))
    def email_link(self, obj):
        """The sender's address as a link that opens a reply."""
        if not obj.email:
            return "–"
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

    @admin.display(description=_("message"))
    def short_message(self, obj):
        return obj.message[:80]
