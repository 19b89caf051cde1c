"""The accessibility statement and its feedback form: no cookie for visitors, so the form
is protected by an origin check, a signed time token, a honeypot and a rate limit."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from content.roles import EDITORS
from content.views import visible
from operations.ratelimit import RateLimit, client_address

from .forms import FeedbackForm
from .models import Barrierefreiheitserklaerung

logger = logging.getLogger(__name__)

FEEDBACK_LIMIT = 5  # messages per address …
FEEDBACK_WINDOW = 10 * 60  # … in ten minutes
# Per sender's IP address, hashed: only kept in the cache for the rate limit.
FEEDBACK_RATE = RateLimit("feedback", FEEDBACK_LIMIT, FEEDBACK_WINDOW)


def _cross_site(request) -> bool:
    """A form posted from another site (no cookie-based CSRF token: visitors get no cookie)."""
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    return bool(origin) and origin != "null" and origin.split("://", 1)[-1] != request.get_host()


def _notify_editors(request, message) -> None:
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
    # A full address and the local time: the mail is read outside the portal.
    admin_url = request.build_absolute_uri(
        reverse("admin:portal_rueckmeldung_change", args=[message.pk])
    )
    received = timezone.localtime(message.created_at)
    body = (
        f"Neue Rückmeldung zur Barrierefreiheit ({received:%d.%m.%Y, %H:%M} Uhr, "
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
        elif FEEDBACK_RATE.reached(client_address(request)):
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
                FEEDBACK_RATE.count(client_address(request))
                _notify_editors(request, message)
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
