"""A forgotten admin password, reset by e-mail: Django's own views, in the admin's look.

Only active staff accounts get a mail. Every other address, and a request over the limits
(per e-mail address and per sender's IP address), gets the same answer and no mail, so the
page never tells whether an address has an account.
"""

from axes.utils import reset as reset_failed_sign_ins
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from operations.ratelimit import RateLimit, client_address

HOUR = 60 * 60
PER_ADDRESS = RateLimit("password-reset-address", 3, HOUR)
PER_CLIENT = RateLimit("password-reset-client", 10, HOUR)


def valid_hours() -> int:
    """How long the link in the mail works (PASSWORD_RESET_TIMEOUT), in hours."""
    return settings.PASSWORD_RESET_TIMEOUT // HOUR


class StaffPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


class AdminLook:
    """The admin's header and title on Django's password-reset pages, never cached (like
    the admin's own pages)."""

    @method_decorator(never_cache)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {
            **admin.site.each_context(self.request),
            **context,
            "valid_hours": valid_hours(),
            "mails_per_hour": PER_ADDRESS.limit,
            "login_url": reverse("admin:login"),
            # Signed out, nothing to navigate to (the sidebar would say "no permission").
            "is_nav_sidebar_enabled": False,
        }


class RequestView(AdminLook, views.PasswordResetView):
    form_class = StaffPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self):
        return {"valid_hours": valid_hours()}

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        client = client_address(self.request)
        if PER_ADDRESS.reached(address) or PER_CLIENT.reached(client):
            return HttpResponseRedirect(self.get_success_url())  # the same answer, no mail
        PER_ADDRESS.count(address)
        PER_CLIENT.count(client)
        return super().form_valid(form)


class DoneView(AdminLook, views.PasswordResetDoneView):
    title = _("Password reset")


class ConfirmView(AdminLook, views.PasswordResetConfirmView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["validlink"]:
            context["title"] = _("This link no longer works")
        return context

    def form_valid(self, form):
        # A new password ends a sign-in pause after failed attempts (django-axes).
        reset_failed_sign_ins(username=form.user.get_username())
        return super().form_valid(form)


class CompleteView(AdminLook, views.PasswordResetCompleteView):
    title = _("New password saved")


# Under the admin's prefix. Django's admin login links to "admin_password_reset".
urlpatterns = [
    path("password_reset/", RequestView.as_view(), name="admin_password_reset"),
    path("password_reset/done/", DoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", ConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", CompleteView.as_view(), name="password_reset_complete"),
]
