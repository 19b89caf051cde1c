"""For search engines: robots.txt and the sitemap with every page in every language."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from content.models import content_models
from operations.paths import ADMIN_PREFIX

from .models import Gebaerdensprachvideo


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {ADMIN_PREFIX}",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PortalSitemap(Sitemap):
    """Every page in every portal language, with hreflang alternates."""

    i18n = alternates = x_default = True
    changefreq = "monthly"


class StaticPagesSitemap(PortalSitemap):
    def items(self):
        return [
            "home",
            "leitlinien:list",
            "leitlinien:glossary",
            "handlungsfelder:list",
            "handlungsfelder:principles",
            "beteiligung:process",
            "beteiligung:timeline",
            "umsetzung:overview",
            "umsetzung:measures",
            "umsetzung:funding",
            "umsetzung:matrix",
            "umsetzung:districts",
            "umsetzung:statuses",
            "umsetzung:documents",
            "dokumente:library",
            "search",
        ]

    def location(self, item):
        return reverse(item)


class ContentSitemap(PortalSitemap):
    """Objects that have a page of their own (not just an anchor)."""

    def items(self):
        objects = []
        for model in content_models():
            for obj in model.objects.published():
                url = obj.get_absolute_url()
                if "#" in url or url == reverse("home"):
                    continue
                if isinstance(obj, Gebaerdensprachvideo) and not obj.video:
                    continue  # no page without a video
                objects.append(obj)
        return objects

    def location(self, obj):
        return obj.get_absolute_url()

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "content": ContentSitemap}
