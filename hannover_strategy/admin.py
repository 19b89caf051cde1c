"""Admin building blocks shared by the content apps."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

admin.site.site_header = _("WIR SIND HANNOVER – editorial office")
admin.site.site_title = _("WIR SIND HANNOVER editorial office")
admin.site.index_title = _("Content of the strategy portal")

EDITORIAL_FIELDSET = (
    _("Editorial addition (not the city's wording)"),
    {
        "fields": (
            "editorial_text",
            "editorial_source_label",
            "editorial_source_url",
            "editorial_checked",
        ),
        "description": _(
            "Facts from public sources in our own words. The page labels them "
            "“Redaktionelle Ergänzung” and shows the source. Never enter the city's "
            "official wording here."
        ),
    },
)

PUBLICATION_FIELDSET = (_("Publication"), {"fields": ("key", "published")})


class ContentAdmin(TranslationAdmin):
    """Common behaviour: publication filter, key fixed once created, save buttons on top."""

    list_filter = ("published",)
    save_on_top = True
    list_per_page = 50
    # Staff type “www.hannover.de/…”: complete it with https, not http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The key is in public links and anchors; it must not change by accident.
            readonly.append("key")
        return readonly
