"""Finding and citing the strategy: search, the share view with QR code, sitemap, robots.txt,
Atom feed, iCalendar of the milestones, open data."""

import datetime

import segno
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from beteiligung.models import Meilenstein

from . import exchange, links
from .models import Gebaerdensprachvideo, OffeneDaten, content_models
from .search import clean_query, search
from .views import visible


def search_view(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    results = search(query, get_language()) if query else []
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "shortened": shortened,
            "results": results,
            "searched": "q" in request.GET,
            "nav": "search",
            "breadcrumbs": [(_("Search"), None)],
        },
    )


def _share_target(path):
    """The object behind a short link path like ``/l/3`` (published only)."""
    parts = [p for p in (path or "").split("/") if p]
    if len(parts) != 2 or len(path) > 200:
        return None
    return links.find(*parts)


def share(request):
    """Print-friendly: title, short link and its QR code (SVG made on our server)."""
    obj = _share_target(request.GET.get("link", ""))
    if obj is None:
        raise Http404
    short = request.build_absolute_uri(links.short_path(obj))
    qr = segno.make(short, error="m")
    svg = qr.svg_inline(scale=6, dark="#1b1b1f", omitsize=True, title=short)
    return render(
        request,
        "pages/share.html",
        {
            "obj": obj,
            "short_url": short,
            "qr_svg": svg,
            "nav": "share",
            "breadcrumbs": [(_("Share"), None)],
        },
    )


def qr_svg(request, code, identifier):
    """The QR code of a short link as an SVG file."""
    obj = _share_target(f"/{code}/{identifier}")
    if obj is None:
        raise Http404
    qr = segno.make(request.build_absolute_uri(links.short_path(obj)), error="m")
    response = HttpResponse(qr.svg_inline(scale=8, omitsize=True), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "leitlinien:list",
            "leitlinien:glossary",
            "handlungsfelder:list",
            "handlungsfelder:principles",
            "beteiligung:process",
            "beteiligung:timeline",
            "search",
        ]

    def location(self, item):
        return reverse(item)


class ContentSitemap(Sitemap):
    """Objects that have a page of their own (not just an anchor)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

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


def milestones_ics(request):
    """The Phase 2 milestones as an iCalendar file (all-day events on the planned dates)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Landeshauptstadt Hannover//WIR SIND HANNOVER//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Phase 2 of the strategy for migration and participation"))
    for milestone in visible(Meilenstein.objects.all(), request):
        event = Event()
        event.add("uid", f"{milestone.key}@wir-sind-hannover")
        event.add("summary", f"{milestone.date_text}: {milestone.text}")
        event.add("dtstart", milestone.planned_start)
        end = milestone.planned_end or milestone.planned_start
        event.add("dtend", end + datetime.timedelta(days=1))
        event.add("dtstamp", milestone.updated_at.astimezone(datetime.UTC))
        event.add("url", request.build_absolute_uri(milestone.get_absolute_url()))
        event.add("description", str(milestone.get_status_display()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="phase-2.ics"'
    return response


def open_data(request):
    page = visible(OffeneDaten.objects.all(), request).first()
    if page is None:
        raise Http404
    models = [(m._meta.model_name, m._meta.verbose_name_plural) for m in content_models()]
    return render(
        request,
        "pages/open_data.html",
        {"page": page, "models": models, "nav": "open_data", "breadcrumbs": [(page.title, None)]},
    )


def open_data_json(request):
    response = HttpResponse(
        exchange.export_json(published_only=True, include_people=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="wir-sind-hannover.json"'
    return response


def open_data_csv(request, model_name):
    model = next((m for m in content_models() if m._meta.model_name == model_name), None)
    if model is None:
        raise Http404
    response = HttpResponse(exchange.export_csv(model), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{model_name}.csv"'
    return response
