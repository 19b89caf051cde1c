"""What every public page view shares: which content a request may see (published, or
drafts too for staff in preview), the page's place in the navigation and breadcrumbs,
and the previous and next page of a series."""

import re
from urllib.parse import quote

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname, resolution_order

from operations import site_data
from operations.paths import PREVIEW_PARAMETER

from . import translations


def is_preview(request) -> bool:
    """A logged-in staff member asked to see drafts (``?preview=1``).

    The query string is checked first, so that ordinary visits never touch the session.
    """
    return (
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and request.user.is_authenticated
        and request.user.is_staff
    )


def visible(queryset, request):
    """Published content for visitors; drafts too for staff in preview."""
    return queryset if is_preview(request) else queryset.published()


def in_language(queryset, *relations):
    """``queryset`` without the columns of languages the page does not show: of each
    translated text only the visitor's language and its fallback (German) are read, of the
    model and of each related model in ``relations`` (paths it selects, e.g. ``"status"``).
    A list then reads two of the nine columns of every text."""
    shown = resolution_order(get_language() or translation_settings.DEFAULT_LANGUAGE)
    unread = []
    for path in ("", *relations):
        model = queryset.model
        for step in filter(None, path.split("__")):
            model = model._meta.get_field(step).related_model
        prefix = f"{path}__" if path else ""
        for field in translations.translated_fields(model):
            unread.append(prefix + field)  # the untranslated column (German, read as _de)
            unread += [
                prefix + build_localized_fieldname(field, language)
                for language in translation_settings.AVAILABLE_LANGUAGES
                if language not in shown
            ]
    # QuerySet's own defer: modeltranslation's would widen “title” to every language.
    return QuerySet.defer(queryset, *unread)


def attachment(name: str, ascii_name: str = "") -> str:
    """``Content-Disposition`` of a download called ``name`` (in the visitor's language):
    the UTF-8 name for today's clients, ``ascii_name`` (default: ``name`` with every other
    character replaced) for old ones. (``nosniff`` comes with every response, from
    Django's SecurityMiddleware.)"""
    name = re.sub(r"[\x00-\x1f\x7f/\\]+", "-", name)
    fallback = ascii_name or name.encode("ascii", "replace").decode().replace("?", "_")
    fallback = fallback.replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def kept_visible(request, name, load):
    """``load()`` — what the request may see — kept per content generation (for what many
    pages show and only staff change); a preview keeps its drafts apart."""
    return site_data.current(request, (name, is_preview(request)), load)


class PageMixin:
    """Navigation and breadcrumbs of a public page.

    ``nav``: the key of the menu entry marked as current. ``crumb``: this page's label in
    the breadcrumbs (default: the object shown). ``parent_crumb``: ``(label, URL name)`` of
    the overview above a detail page.
    """

    nav = ""
    crumb = None
    parent_crumb = None

    def get_crumb(self) -> str:
        return str(self.crumb) if self.crumb is not None else str(self.object)

    def get_breadcrumbs(self) -> list[tuple[str, str | None]]:
        crumbs = []
        if self.parent_crumb:
            label, url_name = self.parent_crumb
            crumbs.append((label, reverse(url_name)))
        crumbs.append((self.get_crumb(), None))
        return crumbs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("nav", self.nav)
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        return super().get_context_data(**kwargs)


class VisibleMixin(PageMixin):
    """List and detail views of one content model: only what the request may see."""

    model = None

    def visible(self, queryset=None):
        return visible(self.model.objects.all() if queryset is None else queryset, self.request)

    def get_queryset(self):
        return self.visible()


class SeriesMixin(VisibleMixin):
    """A detail page in a series (Leitlinie 1–7, the Handlungsfelder): ``previous`` and
    ``next`` are its visible neighbours in the model's order, read with ``series_fields``.
    The series is navigation that only staff change: kept per content generation."""

    series_fields = ("key",)

    def get_context_data(self, **kwargs):
        siblings = kept_visible(
            self.request,
            ("series", self.model._meta.label),
            lambda: list(self.visible().only(*self.series_fields)),
        )
        index = [sibling.pk for sibling in siblings].index(self.object.pk)
        kwargs.setdefault("previous", siblings[index - 1] if index > 0 else None)
        kwargs.setdefault("next", siblings[index + 1] if index + 1 < len(siblings) else None)
        return super().get_context_data(**kwargs)
