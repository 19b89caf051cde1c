"""Staff sign in with a second factor (django-otp): a code from an authenticator app
(TOTP) or one of ten backup codes.

- ``verify``: after the password, the code. A wrong code counts as a failed sign-in for
  django-axes (five in a row lock the account from that address for 15 minutes, as for
  the password, and end the session); django-otp also slows further tries of a device,
  and accepts each code once (a replayed code is refused).
- ``setup``: an account without an app sets one up (QR code, and the key as text to type),
  confirms it with a code and gets ten backup codes, shown once. An account that has an
  app cannot set up another one before its second factor: a stolen password is not enough.
- ``backup_codes``: new backup codes after the second factor (the old ones stop working).
"""

import base64

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from segno import make as make_qr

from operations.paths import ADMIN_PREFIX

BACKUP_CODES = 10
APP_NAME = "Authenticator-App"
BACKUP_NAME = "Ersatzcodes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows now, or a backup code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())  # “123 456” as typed from the app


def _next(request) -> str:
    """Where to go after the second factor: an address of the admin, nothing else."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith(ADMIN_PREFIX) else reverse("admin:index")


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _refused(request, user):
    """A wrong code: one failed sign-in for django-axes; the lockout page when that was
    one too many (the session ends: the password is asked again after the pause)."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return _lockout(request, user)
    return None


def _lockout(request, user):
    credentials = _credentials(user)
    logout(request)
    return get_lockout_response(request, credentials=credentials)


def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
@staff_member_required
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(reverse("signin:setup") + "?" + urlencode({"next": _next(request)}))
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return _lockout(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            reset(username=user.get_username())
            _warn_if_few_backup_codes(request, device)
            return redirect(_next(request))
        locked = _refused(request, user)
        if locked is not None:
            return locked
        form.add_error(
            "code",
            _(
                "This code is not valid. Enter the code your app shows now (each code works "
                "once), or a backup code. After several wrong codes, wait a moment."
            ),
        )
    return _page(request, "signin/verify.html", form=form, next=_next(request))


def _warn_if_few_backup_codes(request, device) -> None:
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        messages.warning(
            request,
            ngettext(
                "You signed in with a backup code: %(count)d is left.",
                "You signed in with a backup code: %(count)d are left.",
                left,
            )
            % {"count": left}
            + " "
            + gettext("New ones: “Backup codes” at the top of the page."),
        )


@never_cache
@staff_member_required
def setup(request):
    user = request.user
    if not user.is_verified() and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(reverse("signin:verify") + "?" + urlencode({"next": _next(request)}))
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return _lockout(request, user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_backup_codes(user)
            otp_login(request, device)
            reset(username=user.get_username())
            return _page(
                request, "signin/backup_codes.html", codes=codes, next=_next(request), first=True
            )
        locked = _refused(request, user)
        if locked is not None:
            return locked
        form.add_error(
            "code",
            _("This code is not valid. Check that the app shows the account just added."),
        )
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return _page(
        request,
        "signin/setup.html",
        form=form,
        next=_next(request),
        qr=make_qr(device.config_url, error="m").svg_inline(scale=4, omitsize=True),
        key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),  # to type in
    )


@never_cache
@staff_member_required
def backup_codes(request):
    if request.method == "POST":
        codes = _new_backup_codes(request.user)
        return _page(request, "signin/backup_codes.html", codes=codes, next=reverse("admin:index"))
    return _page(request, "signin/backup_codes.html", codes=None)


def _page(request, template: str, **context):
    """A page in the admin's frame (its title, header and links)."""
    return render(request, template, {**admin.site.each_context(request), **context})
