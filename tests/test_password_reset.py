"""A forgotten admin password: staff ask for a link by e-mail, in German and in the admin's
look; nobody learns from the answer whether an address has an account; the mails are
throttled; a broken or old link gets a polite page."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from content.roles import EDITORS
from tests.support import csrf_client, csrf_token, staff_user, visible_text

pytestmark = pytest.mark.django_db

FORM = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"
ANSWER = "Wenn die Adresse zu einem Zugang zur Redaktion gehört, ist eine E-Mail"
NEW_PASSWORD = "Leine-Ufer-2026-Herbst"


@pytest.fixture
def editor():
    user = staff_user("redakteurin", EDITORS)
    user.email = "redakteurin@example.org"
    user.save()
    return user


def ask(client, address, **extra):
    """Send the form as a browser does (CSRF token from the form page)."""
    token = csrf_token(client.get(FORM))
    return client.post(FORM, {"csrfmiddlewaretoken": token, "email": address}, **extra)


def answer_after(client, address, **extra):
    response = ask(client, address, **extra)
    assert response.status_code == 302 and response["Location"] == DONE
    return visible_text(client.get(DONE).content.decode())


def signs_in(password) -> bool:
    """The admin's login form lets the editor in (as a browser signs in)."""
    client = csrf_client()
    token = csrf_token(client.get("/admin/login/"))
    data = {"csrfmiddlewaretoken": token, "username": "redakteurin", "password": password}
    response = client.post("/admin/login/?next=/admin/", data)
    return response.status_code == 302 and response["Location"] == "/admin/"


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_login_page_offers_the_reset_in_german(client):
    page = client.get("/admin/login/").content.decode()
    assert f'<a href="{FORM}">Passwort vergessen?</a>' in page


def test_the_pages_are_german_and_look_like_the_admin(client):
    text = visible_text(client.get(FORM).content.decode())
    assert "Passwort zurücksetzen" in text and "WIR SIND HANNOVER – Redaktion" in text
    assert "Passwort vergessen?" in text and "E-Mail-Adresse" in text
    done = visible_text(client.get(DONE).content.decode())
    assert ANSWER in done and "24 Stunden" in done and "höchstens 3" in done
    for page in (text, done):
        assert "Django" not in page and "Staff" not in page and "staff" not in page
        assert "nötigen Rechte" not in page  # no empty admin navigation for signed-out staff


@pytest.mark.parametrize("url", [FORM, DONE, "/admin/reset/MQ/falsch/", "/admin/reset/done/"])
def test_the_pages_keep_the_strict_security_headers(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert response["X-Frame-Options"] == "DENY" and "no-cache" in response["Cache-Control"]
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts and all(" src=" in tag for tag in scripts)  # no inline script


def test_staff_get_a_mail_with_a_working_link(editor):
    client = csrf_client()
    assert ANSWER in answer_after(client, "Redakteurin@Example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redakteurin@example.org"]
    assert message.subject == "Neues Passwort für die Redaktion von WIR SIND HANNOVER"
    assert (
        "innerhalb von 24 Stunden" in message.body
        and "Ihr Benutzername: redakteurin" in message.body
    )
    assert "{%" not in message.body and "&" not in message.body
    link = link_in(message)
    assert link.startswith("http://127.0.0.1:8000/admin/reset/")  # the site's public host

    form = client.get(urlsplit(link).path, follow=True)
    assert "Bitte geben Sie Ihr neues Passwort zweimal ein" in form.content.decode()
    set_password = form.redirect_chain[-1][0]
    response = client.post(
        set_password,
        {
            "csrfmiddlewaretoken": csrf_token(form),
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    complete = client.get(response["Location"]).content.decode()
    assert "Neues Passwort gespeichert" in complete and 'href="/admin/login/"' in complete
    assert signs_in(NEW_PASSWORD) and not signs_in("x-Secret-12345")
    # the link works once
    again = client.get(urlsplit(link).path, follow=True)
    assert "schon benutzt" in visible_text(again.content.decode())


def test_a_new_password_ends_the_sign_in_pause(editor):
    for _attempt in range(5):
        assert not signs_in("falsch")
    assert not signs_in("x-Secret-12345")  # paused (django-axes), even with the right one
    client = csrf_client()
    token = csrf_token(client.get("/admin/login/"))
    data = {"csrfmiddlewaretoken": token, "username": "redakteurin", "password": "x"}
    paused = client.post("/admin/login/", data).content.decode()
    assert "Anmeldung pausiert" in paused  # the pause page offers the way out
    assert f'<a href="{FORM}">Passwort vergessen?</a>' in paused
    answer_after(client, editor.email)
    form = client.get(urlsplit(link_in(mail.outbox[0])).path, follow=True)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(
        form.redirect_chain[-1][0], {"csrfmiddlewaretoken": csrf_token(form), **data}
    )
    assert response.status_code == 302
    assert signs_in(NEW_PASSWORD)


def test_https_request_gets_an_https_link(editor):
    referer = "https://testserver/admin/password_reset/"
    answer_after(csrf_client(), editor.email, secure=True, HTTP_REFERER=referer)
    assert link_in(mail.outbox[0]).startswith("https://127.0.0.1:8000/admin/reset/")


@pytest.mark.parametrize("kind", ["unknown", "not staff", "inactive staff"])
def test_other_addresses_get_the_same_answer_and_no_mail(kind, editor):
    address = "jemand@example.org"
    if kind == "not staff":
        User.objects.create_user("besucher", address, "x-Secret-12345")
    if kind == "inactive staff":
        User.objects.create_user(
            "ehemalig", address, "x-Secret-12345", is_staff=True, is_active=False
        )
    client = csrf_client()
    same = answer_after(client, editor.email)
    mail.outbox.clear()
    assert answer_after(client, address) == same
    assert mail.outbox == []


def test_fourth_request_within_an_hour_sends_nothing(editor):
    client = csrf_client()
    answers = {answer_after(client, editor.email) for _number in range(3)}
    assert len(mail.outbox) == 3
    answers.add(answer_after(client, editor.email.upper()))
    assert len(mail.outbox) == 3 and len(answers) == 1


def test_one_sender_cannot_mail_many_addresses(editor):
    client = csrf_client()
    for number in range(10):
        answer_after(client, f"versuch{number}@example.org")
    assert ANSWER in answer_after(client, editor.email)
    assert mail.outbox == []
    # from another address the staff member still gets the link
    answer_after(csrf_client(), editor.email, REMOTE_ADDR="192.0.2.7")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "uid, token",
    [
        (None, "falsch-123456"),  # wrong token for a real user
        (urlsafe_base64_encode(force_bytes(10**30)), "abc-def"),  # no such user
        ("%00%00", "x"),  # a NUL byte
        ("A" * 5000, "B" * 5000),  # huge
    ],
)
def test_broken_link_gets_a_polite_german_page(client, editor, uid, token):
    uid = uid or urlsafe_base64_encode(force_bytes(editor.pk))
    response = client.get(f"/admin/reset/{uid}/{token}/", follow=True)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Dieser Link gilt nicht mehr" in text and "Neuen Link anfordern" in text
    assert "Django" not in text


def test_expired_link_gets_the_polite_page(client, editor, settings):
    answer_after(csrf_client(), editor.email)
    path = urlsplit(link_in(mail.outbox[0])).path
    settings.PASSWORD_RESET_TIMEOUT = -1  # the link's day is over
    text = visible_text(client.get(path, follow=True).content.decode())
    assert "älter als" in text and "Neuen Link anfordern" in text


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": ""},
        {"email": "x" * 100_000 + "@example.org"},
        {"email": "keine Adresse"},
        {"email": "a\x00b@example.org"},
        {"email": ["redakteurin@example.org", "b@example.org"]},
    ],
)
def test_hostile_post_gets_a_german_answer_and_no_mail(client, editor, data):
    token = csrf_token(client.get(FORM))
    response = client.post(FORM, {"csrfmiddlewaretoken": token, **data})
    if response.status_code == 302:  # a well-formed address: the usual answer
        assert response["Location"] == DONE
    else:
        assert response.status_code == 200
        page = response.content.decode()
        assert "<title>Fehler: Passwort zurücksetzen" in page
        assert "E-Mail-Adresse" in visible_text(page)
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "Dieses Feld ist zwingend erforderlich."),
        ({"new_password1": "a" * 100_000, "new_password2": "b"}, "nicht identisch"),
        ({"new_password1": "1", "new_password2": "1"}, "zu kurz"),
    ],
)
def test_hostile_post_to_the_new_password_form_is_no_500(editor, data, error):
    client = csrf_client()
    answer_after(client, editor.email)
    form = client.get(urlsplit(link_in(mail.outbox[0])).path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"csrfmiddlewaretoken": csrf_token(form), **data}
    )
    assert response.status_code == 200
    assert error in visible_text(response.content.decode())
    assert signs_in("x-Secret-12345")  # the old password still holds
