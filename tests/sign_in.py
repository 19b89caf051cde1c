"""Signing staff in as the admin asks them: password, then the second factor (signin/)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support import open_page


def sign_in_to_admin(page, site: str, user_model) -> None:
    """Create a superuser and sign in through the admin's login form, as staff would."""
    user = user_model.objects.create_superuser("redaktion", "r@example.org", "ein-langes-passwort")
    sign_in_with_second_factor(page, site, user, "ein-langes-passwort")


def second_factor(user) -> list[str]:
    """Give ``user`` a confirmed authenticator app and backup codes; returns the codes."""
    TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
    device = StaticDevice.objects.create(user=user, name="Ersatzcodes", confirmed=True)
    codes = [f"{user.get_username()[:6]}{number:04d}" for number in range(5)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def sign_in_with_second_factor(page, site: str, user, password: str) -> None:
    """The login form, then the second factor (a backup code), as staff sign in."""
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    code = codes[0] if codes else second_factor(user)[0]
    open_page(page, f"{site}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/zweiter-faktor/**")
    page.fill("#id_code", code)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")


def verify_second_factor(client, user) -> None:
    """Mark the session of ``client`` (signed in as ``user``) as past the second factor,
    as ``signin.views.verify`` does after a right code (for tests that sign in with
    ``force_login``; tests/test_second_factor.py goes through the real steps)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Testzugang", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
