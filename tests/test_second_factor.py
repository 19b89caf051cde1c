"""Staff sign in with a password and a second factor: an authenticator app (TOTP) or a
backup code. Without one set up, an account can only set it up; a code works once; wrong
codes are throttled by django-axes like wrong passwords."""

import re

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from leitlinien.models import Leitlinie
from tests.sign_in import second_factor
from tests.support import admin_url, csrf_client, post_form, visible_text

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-Passwort-1"  # noqa: S105 - a test user's password
VERIFY, SETUP = "/admin/zweiter-faktor/", "/admin/zweiter-faktor/einrichten/"


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def signed_in_with_password(username="redakteurin"):
    """A browser that has passed the password step (and not the second factor)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    browser = csrf_client()
    answer = post_form(
        browser, "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
    )
    assert answer.status_code == 302, visible_text(answer.content.decode())[:500]
    return browser, user


def test_without_a_second_factor_the_admin_shows_nothing_but_its_set_up():
    browser, _user = signed_in_with_password()
    leitlinie = Leitlinie.objects.get(number=1)
    change = admin_url(leitlinie, "change", leitlinie.pk)
    for address in ("/admin/", change, "/admin/auth/user/", "/admin/pruefen/ar/"):
        answer = browser.get(address)
        assert answer.status_code == 302 and answer["Location"].startswith(VERIFY), address
    assert browser.get(VERIFY)["Location"].startswith(SETUP)
    # A POST is not carried out either.
    before = leitlinie.text_de
    answer = browser.post(change, {"text_de": "<p>Ohne zweiten Faktor.</p>"})
    assert answer.status_code in (302, 403)
    leitlinie.refresh_from_db()
    assert leitlinie.text_de == before


def test_setting_up_the_app_gives_ten_backup_codes_and_signs_in():
    browser, user = signed_in_with_password()
    page = browser.get(SETUP).content.decode()
    assert "<svg" in page and 'role="img"' in page
    key = re.search(r'class="second-factor-key"[^>]*>([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert key.replace(" ", "") in __import__("base64").b32encode(device.bin_key).decode()
    answer = post_form(browser, SETUP, {"code": current_code(device)})
    assert answer.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", answer.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert browser.get("/admin/").status_code == 200


def test_an_account_with_an_app_cannot_add_another_before_its_second_factor():
    browser, user = signed_in_with_password()
    second_factor(user)
    answer = browser.get(SETUP)
    assert answer.status_code == 302 and answer["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_the_apps_code_signs_in_once_and_a_replayed_code_is_refused():
    browser, user = signed_in_with_password()
    second_factor(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = current_code(device)
    answer = post_form(browser, VERIFY + "?next=/admin/auth/user/", {"code": code})
    assert answer.status_code == 302 and answer["Location"] == "/admin/auth/user/"
    assert browser.get("/admin/").status_code == 200
    again, _user = signed_in_with_password()
    replay = post_form(again, VERIFY, {"code": code})
    assert replay.status_code == 200
    assert "Dieser Code ist nicht gültig" in visible_text(replay.content.decode())
    assert again.get("/admin/").status_code == 302


def test_a_backup_code_signs_in_once():
    browser, user = signed_in_with_password()
    code = second_factor(user)[0]
    assert post_form(browser, VERIFY, {"code": code}).status_code == 302
    assert browser.get("/admin/").status_code == 200
    again, _user = signed_in_with_password()
    assert post_form(again, VERIFY, {"code": code}).status_code == 200


def test_wrong_codes_pause_the_sign_in_like_wrong_passwords():
    browser, user = signed_in_with_password()
    second_factor(user)
    answers = [post_form(browser, VERIFY, {"code": "000000"}) for _attempt in range(4)]
    assert all(answer.status_code == 200 for answer in answers)
    paused = browser.post(VERIFY, {"code": "000000", "csrfmiddlewaretoken": _token(browser)})
    assert paused.status_code == 429
    assert "Anmeldung pausiert" in paused.content.decode()
    # The session has ended, and the right password waits too.
    assert browser.get("/admin/")["Location"].startswith("/admin/login/")
    again = csrf_client()
    login = post_form(again, "/admin/login/", {"username": user.username, "password": PASSWORD})
    assert login.status_code == 429


def _token(browser) -> str:
    page = browser.get(VERIFY).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_the_next_address_stays_in_the_admin():
    browser, user = signed_in_with_password()
    code = second_factor(user)[0]
    answer = post_form(browser, VERIFY + "?next=https://angreifer.example/", {"code": code})
    assert answer["Location"] == "/admin/"
