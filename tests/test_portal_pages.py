"""The pages a public body in Lower Saxony must have, the feedback form, sign language."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from content.roles import EDITORS
from portal.models import Gebaerdensprachvideo, Rueckmeldung
from tests.support import LANGUAGES, feedback, in_language, shown_seconds_ago, visible_text

pytestmark = pytest.mark.django_db

URL = "/de/barrierefreiheit/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_with_email():
    user = User.objects.create_user("redaktion", email="redaktion@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.parametrize("slug", ["impressum", "datenschutz", "leichte-sprache"])
def test_required_pages_exist_and_are_linked_from_every_page(client, slug):
    response = client.get(f"/de/{slug}/")
    assert response.status_code == 200
    for url in ("/de/", "/de/leitlinien/1/", "/ar/phase-2/"):
        assert f'href="/{url.split("/")[1]}/{slug}/"' in client.get(url).content.decode()


def test_accessibility_statement_has_its_parts(client):
    text = visible_text(client.get(URL).content.decode())
    for part in (
        "Wie barrierefrei ist diese Website?",
        "teilweise vereinbar",
        "Was noch nicht barrierefrei ist",
        "Barriere melden",
        "Schlichtungsverfahren",
        "Datum dieser Erklärung:",
        "25. November 2026",
    ):
        assert part in text


def test_easy_language_is_reached_from_the_start_page(client):
    body = client.get("/de/").content.decode()
    assert 'href="/de/leichte-sprache/"' in body[: body.index("</main>")]


def test_privacy_statement_is_true_no_cookie_for_visitors(client):
    text = visible_text(client.get("/de/datenschutz/").content.decode())
    assert "keine Cookies" in text
    for url in ("/de/", URL, "/ar/barrierefreiheit/", "/de/datenschutz/"):
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers


def test_feedback_is_stored_shown_in_admin_and_mailed(client, admin_client, editor_with_email):
    response = client.post(URL, feedback(email="leserin@example.org"))
    assert response.status_code == 302
    assert response["Location"] == URL + "?sent=1#feedback"
    message = Rueckmeldung.objects.get()
    assert message.language == "de" and message.email == "leserin@example.org"
    thanks = visible_text(client.get(response["Location"]).content.decode())
    assert "Danke! Ihre Nachricht ist angekommen." in thanks
    admin_list = admin_client.get(reverse("admin:portal_rueckmeldung_changelist")).content.decode()
    assert "Die Grafik auf der Startseite" in admin_list
    # the sender's address opens a reply, in the list and in the message itself
    assert '<a href="mailto:leserin@example.org">leserin@example.org</a>' in admin_list
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["redaktion@example.org"]
    body = mail.outbox[0].body
    assert "Die Grafik auf der Startseite hat keinen Alternativtext." in body
    # the full address of the message in the admin, and the time as read in Hannover
    change = reverse("admin:portal_rueckmeldung_change", args=[message.pk])
    assert f"http://testserver{change}" in body
    local = timezone.localtime(message.created_at)
    assert f"({local:%d.%m.%Y, %H:%M} Uhr," in body and local.utcoffset()
    page = admin_client.get(change).content.decode()
    assert '<a href="mailto:leserin@example.org">leserin@example.org</a>' in page


def test_mail_failure_loses_nothing(client, editor_with_email, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    assert client.post(URL, feedback()).status_code == 302
    assert Rueckmeldung.objects.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_message_gets_a_clear_answer_in_the_visitors_language(client, language):
    response = client.post(f"/{language}/barrierefreiheit/", feedback(message=""))
    assert response.status_code == 400
    assert in_language(language, "Please write your message.") in response.content.decode()
    assert Rueckmeldung.objects.count() == 0


def test_overlong_message_is_refused_and_kept_in_the_form(client):
    text = "Barriere " * 12000  # about 100 000 characters
    response = client.post(URL, feedback(message=text))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ihre Nachricht ist zu lang: höchstens 5000 Zeichen" in body
    assert text.strip()[:5000] in body  # nothing the visitor wrote is lost
    assert Rueckmeldung.objects.count() == 0


def test_wrong_email_is_explained_and_the_message_kept(client):
    response = client.post(URL, feedback(email="keine-adresse"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bitte prüfen Sie die E-Mail-Adresse" in body
    assert "Die Grafik auf der Startseite hat keinen Alternativtext." in body


def test_html_in_a_message_is_stored_as_text_and_never_rendered(client, admin_client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert client.post(URL, feedback(message=payload)).status_code == 302
    message = Rueckmeldung.objects.get()
    assert message.message == payload
    body = admin_client.get(
        reverse("admin:portal_rueckmeldung_change", args=[message.pk])
    ).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body


def test_a_flood_from_one_address_is_slowed_down(client):
    for _number in range(5):
        assert client.post(URL, feedback()).status_code == 302
    response = client.post(URL, feedback(message="Die sechste Nachricht."))
    assert response.status_code == 429
    body = response.content.decode()
    assert "Bitte warten Sie zehn Minuten" in body
    assert "Die sechste Nachricht." in body
    assert Rueckmeldung.objects.count() == 5
    other = client.post(URL, feedback(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_bots_filling_the_invisible_field_are_not_stored(client):
    response = client.post(URL, feedback(website="http://spam.example"))
    assert response.status_code == 302
    assert Rueckmeldung.objects.count() == 0


def test_instant_or_forged_submissions_are_refused_politely(client):
    fast = client.post(URL, feedback(shown_at=shown_seconds_ago(0)))
    assert fast.status_code == 400
    assert "Das ging sehr schnell" in fast.content.decode()
    forged = client.post(URL, feedback(shown_at="gefälscht"))
    assert forged.status_code == 400
    assert "Das Formular ist abgelaufen" in forged.content.decode()
    assert Rueckmeldung.objects.count() == 0


def test_form_posted_from_another_site_is_refused(client):
    response = client.post(URL, feedback(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Rueckmeldung.objects.count() == 0


def test_sign_language_link_appears_only_once_a_video_exists(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/de/gebaerdensprache/").status_code == 404
    assert "/de/gebaerdensprache/" not in client.get("/de/").content.decode()
    Gebaerdensprachvideo.objects.create(
        key="einfuehrung",
        title="Das Strategiepapier in Gebärdensprache",
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4"),
        description="<p>Im Video erklärt eine Dolmetscherin das Papier.</p>",
        published=True,
    )
    assert 'href="/de/gebaerdensprache/"' in client.get("/de/").content.decode()
    page = client.get("/de/gebaerdensprache/").content.decode()
    assert "<video controls" in page and "Im Video erklärt" in page
    video_url = Gebaerdensprachvideo.objects.get().video.url
    assert client.get(video_url).status_code == 200
