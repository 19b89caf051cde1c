"""No admin page for staff who have not confirmed their second factor in this session:
every other admin address (a POST included: it is not carried out) leads to entering the
code, or to setting up an authenticator app when the account has none yet."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from operations import paths

#: Admin addresses open before the second factor: its own pages and signing out.
OPEN_NAMES = ("signin:verify", "signin:setup", "admin:logout", "admin:jsi18n")


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            paths.is_admin(request)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and request.path not in {reverse(name) for name in OPEN_NAMES}
        ):
            target = reverse("signin:verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
