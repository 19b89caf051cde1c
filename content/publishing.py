"""Publishing from a list: the actions “Publish” and “Unpublish” of every content admin,
one history entry per entry changed, and a message that says what happened."""

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class PublishActionsMixin:
    """For a ``VersionAdmin`` with ``has_publish_permission``."""

    @admin.action(description=_("Publish selected entries"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(
        description=_("Unpublish selected entries (make them drafts)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, value):
        changed = [obj for obj in queryset if obj.published != value]
        for obj in changed:
            # One revision per object, so that restoring one never touches another.
            with self.create_revision(request):
                obj.published = value
                obj.save()
                self.log_change(
                    request, obj, gettext("Published") if value else gettext("Unpublished")
                )
        if value:
            text = ngettext(
                "%(count)d entry published.", "%(count)d entries published.", len(changed)
            )
        else:
            text = ngettext(
                "%(count)d entry is a draft again.",
                "%(count)d entries are drafts again.",
                len(changed),
            )
        self.message_user(
            request, text % {"count": len(changed)}, messages.SUCCESS if changed else messages.INFO
        )
