"""The portal's own pages: Impressum, Datenschutz, Leichte Sprache, the accessibility
statement with its feedback form, and the sign-language video."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.mail import send_mail
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, TemplateView

from .forms import FeedbackForm
from .models import Barrierefreiheitserklaerung, Gebaerdensprachvideo, Seite
from .roles import EDITORS
from .views import visible

logger = logging.getLogger(__name__)

FEEDBACK_LIMIT = 5  # messages per address …
FEEDBACK_WINDOW = 10 * 60  # … in ten minutes


class PageView(DetailView):
    template_name = "pages/page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible(Seite.objects.all(), self.request), key=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nav=self.object.key, breadcrumbs=[(self.object.title, None)], **kwargs
        )


def _client_key(request) -> str:
    """The sender's address, hashed: only kept in the cache for the rate limit."""
    address = request.META.get("REMOTE_ADDR", "")
    return "feedback:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def _cross_site(request) -> bool:
    """A form posted from another site (no cookie-based CSRF token: visitors get no cookie)."""
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    return bool(origin) and origin != "null" and origin.split("://", 1)[-1] != request.get_host()


def _notify_editors(message) -> None:
    recipients = set(settings.FEEDBACK_RECIPIENTS)
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        recipients |= {
            email
            for email in group.user_set.filter(is_active=True).values_list("email", flat=True)
            if email
        }
    if not recipients:
        logger.warning("Feedback %s received, but no editor has an e-mail address.", message.pk)
        return
    admin_url = reverse("admin:hannover_strategy_rueckmeldung_change", args=[message.pk])
    body = (
        f"Neue Rückmeldung zur Barrierefreiheit ({message.created_at:%d.%m.%Y %H:%M}, "
        f"Sprache: {message.language})\n\n{message.message}\n\n"
        f"Seite: {message.page or '–'}\nName: {message.name or '–'}\n"
        f"E-Mail: {message.email or '–'}\n\nIm Admin: {admin_url}\n"
    )
    try:
        send_mail(
            "Rückmeldung zur Barrierefreiheit", body, None, sorted(recipients), fail_silently=False
        )
    except Exception:  # the message is stored; a mail server problem must not lose it
        logger.exception("Could not e-mail feedback %s to the editors.", message.pk)


@csrf_exempt  # no cookie for visitors: protected by origin check, time token and rate limit
def accessibility(request):
    statement = visible(Barrierefreiheitserklaerung.objects.all(), request).order_by("key").first()
    if statement is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if _cross_site(request):
            form.add_error(None, _("Please send the form from this page."))
            status = 403
        elif cache.get(_client_key(request), 0) >= FEEDBACK_LIMIT:
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please wait ten minutes "
                    "and send this one again; your text is still below."
                ),
            )
            status = 429
        elif form.is_valid():
            if not form.is_bot:
                message = form.save(commit=False)
                message.language = get_language()
                message.save()
                key = _client_key(request)
                cache.add(key, 0, FEEDBACK_WINDOW)
                cache.incr(key)
                _notify_editors(message)
            return HttpResponseRedirect(f"{request.path}?sent=1#feedback")
        else:
            status = 400
    else:
        form = FeedbackForm()
    context = {
        "statement": statement,
        "form": form,
        "sent": request.GET.get("sent") == "1" and request.method == "GET",
        "nav": "accessibility",
        "breadcrumbs": [(statement.title, None)],
    }
    return render(request, "pages/accessibility.html", context, status=status)


class SignLanguageView(TemplateView):
    template_name = "pages/sign_language.html"

    def get_context_data(self, **kwargs):
        videos = [
            video
            for video in visible(Gebaerdensprachvideo.objects.all(), self.request)
            if video.video
        ]
        if not videos:
            raise Http404
        return super().get_context_data(
            videos=videos, nav="sign_language", breadcrumbs=[(_("Sign language"), None)], **kwargs
        )
