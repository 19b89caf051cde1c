"""Validation staff can understand: refused saves say in German what to do, the form keeps
naming the stored entry, and a changed figure points to the sentences that state it."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from beteiligung.models import Kennzahl, Meilenstein
from leitlinien.models import Begriff
from tests.support import admin_url, form_data

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


def test_a_milestone_that_took_place_needs_its_actual_date(admin_client):
    milestone = Meilenstein.objects.first()
    url = admin_url(milestone, "change", milestone.pk)
    data = form_data(admin_client.get(url))
    data.update(status=Meilenstein.Status.DONE, actual_date="")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "braucht ihr tatsächliches Datum" in " ".join(errors_of(response)["actual_date"])
    milestone.refresh_from_db()
    assert milestone.status == Meilenstein.Status.PLANNED


def test_an_actual_date_in_the_future_is_refused(admin_client):
    milestone = Meilenstein.objects.first()
    url = admin_url(milestone, "change", milestone.pk)
    data = form_data(admin_client.get(url))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update(status=Meilenstein.Status.DONE, actual_date=tomorrow.strftime("%d.%m.%Y"))
    response = admin_client.post(url, data)
    assert "nicht in der Zukunft" in " ".join(errors_of(response)["actual_date"])

    data.update(actual_date=timezone.localdate().strftime("%d.%m.%Y"))
    assert admin_client.post(url, data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Meilenstein.Status.DONE


def test_the_model_itself_refuses_a_took_place_milestone_without_date():
    milestone = Meilenstein.objects.first()
    milestone.status = Meilenstein.Status.DONE
    with pytest.raises(ValidationError) as refused:
        milestone.full_clean()
    assert "actual_date" in refused.value.message_dict


def test_after_a_refused_save_the_form_still_names_the_stored_entry(admin_client):
    term = Begriff.objects.first()
    stored = str(term)
    url = admin_url(term, "change", term.pk)
    data = form_data(admin_client.get(url))
    data.update(term_de="Ungespeicherter Titel", key="")  # the key is required
    response = admin_client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ungespeicherter Titel" in body  # the input stays in the form …
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    heading = re.search(r'<div id="content"[^>]*>.*?<h2>(.*?)</h2>', body, re.S)
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', body, re.S).group(1)
    for shown in (title, heading.group(1) if heading else stored, breadcrumbs):
        assert "Ungespeicherter Titel" not in shown
    assert stored in breadcrumbs and stored in title


def test_a_changed_figure_lists_the_sentences_with_the_old_count(admin_client):
    figure = Kennzahl.objects.filter(value=70).first()
    url = admin_url(figure, "change", figure.pk)
    data = form_data(admin_client.get(url))
    data["value"] = "75"
    response = admin_client.post(url, data, follow=True)
    body = response.content.decode()
    assert "von 70 auf 75" in body
    assert "Über 70 Expert*innen" in body
    assert "/admin/beteiligung/beteiligungsformat/" in body


def test_a_count_changed_in_the_figures_of_a_format_lists_the_sentences_too(admin_client):
    figure = Kennzahl.objects.filter(value=70).first()
    url = admin_url(figure.format, "change", figure.format.pk)
    data = form_data(admin_client.get(url))
    row = next(
        name.removesuffix("-id")
        for name, value in data.items()
        if name.endswith("-id") and str(value) == str(figure.pk)
    )
    data[f"{row}-value"] = "75"
    response = admin_client.post(url, data, follow=True)
    body = response.content.decode()
    figure.refresh_from_db()
    assert figure.value == 75
    assert "von 70 auf 75" in body
    # The format's own sentence still says 70: it is listed, once.
    assert "Über 70 Expert*innen" in body
    assert body.count("von 70 auf 75") == 1


def test_an_unchanged_count_lists_nothing(admin_client):
    figure = Kennzahl.objects.filter(value=70).first()
    url = admin_url(figure, "change", figure.pk)
    data = form_data(admin_client.get(url))
    data["label_de"] = data.get("label_de", "") + "!"
    body = admin_client.post(url, data, follow=True).content.decode()
    assert "von 70 auf" not in body
