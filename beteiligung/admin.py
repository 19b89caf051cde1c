from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import EDITORIAL_FIELDSET, PUBLICATION_FIELDSET, ContentAdmin, ContentInline
from content.dates import shown

from .figures import FigureMentionsMixin
from .forms import MeilensteinForm
from .models import Beteiligungsformat, Kennzahl, Meilenstein


class KennzahlInline(ContentInline):
    model = Kennzahl
    fields = ("key", "published", "at_least", "value", "label", "detail", "position")


@admin.register(Beteiligungsformat)
class BeteiligungsformatAdmin(FigureMentionsMixin, ContentAdmin):
    list_display = ("text", "position", "published", "updated_at")
    list_editable = ("position",)
    search_fields = ("text",)
    fields = ("key", "published", "text", "position")
    inlines = [KennzahlInline]


@admin.register(Kennzahl)
class KennzahlAdmin(FigureMentionsMixin, ContentAdmin):
    list_display = ("__str__", "format", "at_least", "value", "published")
    list_filter = ("published", "format")
    search_fields = ("label", "detail")
    fields = ("key", "published", "format", "at_least", "value", "label", "detail", "position")


@admin.register(Meilenstein)
class MeilensteinAdmin(ContentAdmin):
    form = MeilensteinForm
    list_display = ("date_text", "text", "planned", "status", "took_place", "published")
    list_filter = ("published", "status")
    search_fields = ("text", "date_text", "editorial_text")
    date_hierarchy = "planned_start"
    fieldsets = (
        PUBLICATION_FIELDSET,
        (
            _("As planned in the paper"),
            {"fields": ("date_text", "text", "planned_start", "planned_end", "position")},
        ),
        (
            _("What happened (confirmed by the editors)"),
            {
                "fields": ("status", "actual_date"),
                "description": _(
                    "The portal only says a milestone took place when you choose that status here."
                ),
            },
        ),
        EDITORIAL_FIELDSET,
    )

    @admin.display(description=_("planned date"), ordering="planned_start")
    def planned(self, obj):
        return shown(obj.planned_start, obj.planned_start_precision)

    @admin.display(description=_("actual date"), ordering="actual_date")
    def took_place(self, obj):
        return shown(obj.actual_date, obj.actual_date_precision) or "–"
