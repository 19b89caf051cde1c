"""The Atom feed of the implementation: every published status change and progress report
of a published measure, newest first, in the language of the URL."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import Fortschrittsmeldung

LATEST = 50


class HistoryFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("WIR SIND HANNOVER – status changes and reports of the measures")

    def link(self):
        return reverse("umsetzung:measures")

    def subtitle(self):
        return _("Every change of status and every progress report of a measure, newest first.")

    def items(self):
        return (
            Fortschrittsmeldung.objects.published()
            .filter(measure__published=True)
            .select_related("measure", "status", "previous_status")
            .order_by("-date", "-pk")[:LATEST]
        )

    def item_title(self, item):
        if item.is_status_change:
            return _("%(measure)s: status now “%(status)s”") % {
                "measure": item.measure.name,
                "status": item.status.name,
            }
        return _("%(measure)s: report of %(date)s") % {
            "measure": item.measure.name,
            "date": item.date_shown("date"),
        }

    def item_description(self, item):
        return strip_tags(item.text or item.editorial_text)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"umsetzung.fortschrittsmeldung:{item.key}"

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.updated_at
