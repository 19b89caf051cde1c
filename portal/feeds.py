"""The Atom feed of changes to the published content."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from content.models import content_models


class ChangesFeed(Feed):
    """New or updated published content, newest first, in the language of the URL."""

    feed_type = Atom1Feed

    def title(self):
        return _("WIR SIND HANNOVER – changes to the strategy portal")

    def link(self):
        return reverse("home")

    def subtitle(self):
        return _("New and updated content of the strategy paper on migration and participation.")

    def items(self):
        objects = [obj for model in content_models() for obj in model.objects.published()]
        objects.sort(key=lambda o: o.updated_at, reverse=True)
        return objects[:50]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return _("Updated: %(what)s") % {"what": item._meta.verbose_name}

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{item._meta.label_lower}:{item.key}:{item.updated_at.isoformat()}"

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.updated_at
