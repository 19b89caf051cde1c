"""The review queue of a language: unreviewed translations, oldest first, German beside
the translation; “Geprüft” marks one reviewed in one click, with who and when."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from content.models import TranslationState
from leitlinien.models import Leitlinie
from tests.support import csrf_token, state_of, visible_text

pytestmark = pytest.mark.django_db
State = TranslationState.State


def test_the_queue_shows_the_oldest_first_with_german_beside_it(translator_client):
    first, second = Leitlinie.objects.get(number=1), Leitlinie.objects.get(number=2)
    old, new = state_of(first, "ar"), state_of(second, "ar")
    for state, days in ((old, 30), (new, 1)):
        TranslationState.objects.filter(pk=state.pk).update(
            state=State.UNREVIEWED,
            updated_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days),
        )
    page = translator_client.get(reverse("review_queue", args=["ar"])).content.decode()
    text = visible_text(page)
    assert text.index(str(first)) < text.index(str(second))  # the oldest first
    german_words = " ".join(visible_text(first.text_de).split()[:4])
    arabic_words = " ".join(visible_text(first.text_ar).split()[:3])
    assert german_words in text and arabic_words in text
    assert 'lang="ar"' in page and 'lang="de"' in page


def test_one_click_marks_a_translation_reviewed_by_its_reviewer(translator_client):
    leitlinie = Leitlinie.objects.get(number=1)
    state = state_of(leitlinie, "ar")
    TranslationState.objects.filter(pk=state.pk).update(state=State.UNREVIEWED)
    queue = reverse("review_queue", args=["ar"])
    token = csrf_token(translator_client.get(queue))
    done = reverse("review_done", args=["ar", state.pk])
    answer = translator_client.post(done, {"csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and answer["Location"] == queue
    state.refresh_from_db()
    assert state.state == State.REVIEWED and state.reviewed_by.username == "uebersetzer"
    assert state.reviewed_at is not None
    assert f"review-{state.pk}" not in translator_client.get(queue).content.decode()


def test_the_queue_refuses_what_it_should(client):
    client.force_login(User.objects.create_user("gast", password="x-Secret-1", is_staff=True))
    assert client.get(reverse("review_queue", args=["ar"])).status_code == 403
    client.force_login(User.objects.create_superuser("chefin", password="x-Secret-1"))
    assert client.get(reverse("review_queue", args=["xx"])).status_code == 404
    assert client.get(reverse("review_queue", args=["de"])).status_code == 404
    state = state_of(Leitlinie.objects.get(number=1), "ar")
    assert client.get(reverse("review_done", args=["ar", state.pk])).status_code == 405
