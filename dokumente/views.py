"""The library page (under the language prefix) and the documents themselves (language-free
``/dokumente/<key>/``): downloads with the detected type, never rendered by the browser."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from content.views import VisibleMixin, attachment, in_language, visible

from .models import Dokument


def with_library_file(queryset, request, field: str = "file"):
    """``queryset`` with its objects' documents of the library (the foreign key ``field``)
    read in one query, only those the request may see (the others read as None)."""
    files = in_language(visible(Dokument.objects.all(), request))
    return queryset.prefetch_related(Prefetch(field, queryset=files))


class LibraryView(VisibleMixin, ListView):
    model = Dokument
    template_name = "dokumente/library.html"
    context_object_name = "documents"
    nav, crumb = "", gettext_lazy("Document library")

    def get_queryset(self):
        return in_language(super().get_queryset())


@require_safe
def document_file(request, key):
    obj = visible(Dokument.objects.filter(key=key), request).first()
    if obj is None or not obj.file:
        raise Http404
    try:
        stored = default_storage.open(obj.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(stored, content_type=obj.content_type)
    response["Content-Disposition"] = attachment(f"{obj.title}.{obj.extension}")
    response["ETag"] = f'"{obj.file.name.rsplit("/", 1)[-1].split(".")[0]}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if obj.published:
        response["Cache-Control"] = f"public, max-age={settings.HTTP_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response
