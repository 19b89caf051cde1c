"""“Zu prüfen”: the review queue of one language for translators. Every text group with a
translation that is not yet reviewed, the oldest first, its German text beside the
translation; “Geprüft” marks it reviewed in one click (with who and when, as the entry's
form does). For staff who may change translation states (Übersetzung, Redaktion)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import translations
from .languages import target_language_choices
from .models import TranslationState
from .roles import may_translate

State = TranslationState.State
#: At most this many texts on one page (the oldest): the queue is worked from the top.
PAGE = 50


def _language(code: str) -> str:
    names = dict(target_language_choices())
    if code not in names:
        raise Http404
    return names[code]


def _item(state: TranslationState) -> dict | None:
    obj = state.content_object
    if obj is None:
        return None
    fields = translations.source_fields_with_text(obj, state.group)
    return {
        "state": state,
        "object": obj,
        "model": obj._meta.verbose_name,
        "url": reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]),
        "texts": [
            {
                "label": obj._meta.get_field(name).verbose_name,
                "german": getattr(obj, translations.column(name, settings.SOURCE_LANGUAGE)),
                "translation": getattr(obj, translations.column(name, state.language)) or "",
            }
            for name in fields
        ],
    }


def queue_view(request, language):
    if not may_translate(request.user):
        raise PermissionDenied
    name = _language(language)
    waiting = TranslationState.objects.filter(language=language, state=State.UNREVIEWED)
    items = []
    for state in waiting.select_related("content_type").order_by("updated_at", "pk")[:PAGE]:
        item = _item(state)
        if item is not None:
            items.append(item)
    return TemplateResponse(
        request,
        "admin/review_queue.html",
        {
            **admin.site.each_context(request),
            "title": _("To review: %(language)s") % {"language": name},
            "language": language,
            "language_name": name,
            "items": items,
            "total": waiting.count(),
            "languages": target_language_choices(),
        },
    )


@require_POST
def reviewed_view(request, language, pk):
    if not may_translate(request.user):
        raise PermissionDenied
    _language(language)
    state = get_object_or_404(TranslationState, pk=pk, language=language)
    if state.state == State.UNREVIEWED:
        state.set_state(State.REVIEWED, request.user)
        state.save()
        messages.success(request, _("Marked reviewed: %(entry)s") % {"entry": state.content_object})
    return HttpResponseRedirect(reverse("review_queue", args=[language]))


urlpatterns = [
    path("pruefen/<slug:language>/", admin.site.admin_view(queue_view), name="review_queue"),
    path(
        "pruefen/<slug:language>/<int:pk>/geprueft/",
        admin.site.admin_view(reviewed_view),
        name="review_done",
    ),
]
