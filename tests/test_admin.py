"""Staff edit everything in a German admin that refuses invalid data with clear messages."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from beteiligung.models import Meilenstein
from content.forms import preview_url
from content.models import content_models
from leitlinien.models import Leitlinie
from tests.support import admin_url, csrf_token, form_data

pytestmark = pytest.mark.django_db

CONTENT_MODELS = content_models()


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_work_in_german(admin_client, model):
    changelist = admin_client.get(admin_url(model, "changelist"), HTTP_ACCEPT_LANGUAGE="en")
    assert changelist.status_code == 200
    assert '<html lang="de"' in changelist.content.decode()
    assert admin_client.get(admin_url(model, "changelist") + "?q=Hannover").status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first() or model.objects.create(key="beispiel", title="Beispiel")
    change = admin_client.get(admin_url(obj, "change", obj.pk))
    assert change.status_code == 200
    body = change.content.decode()
    # "Auf der Website ansehen" leads to the public page (a preview while it is a draft)
    # (a draft's preview address leads back to this form: &edit=…, before any #anchor)
    address, _sep, anchor = preview_url(obj).partition("#")
    link = re.escape(f'href="{address}') + r'(&amp;edit=[^"#]+)?'
    link += re.escape(f"#{anchor}") if anchor else ""
    assert re.search(link + '" class="viewsitelink">Auf der Website ansehen', body)
    # every script and stylesheet comes from us, none from another host
    assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', body)
    assert not re.search(r'<link[^>]+href="(https?:)?//', body)
    assert "vendor/jquery-ui/jquery-ui.min" in body


def test_admin_index_is_german(admin_client):
    body = admin_client.get(reverse("admin:index")).content.decode()
    assert "Leitlinien" in body and "Handlungsfelder" in body and "Meilensteine" in body


def test_admin_refuses_a_post_without_the_forms_csrf_token(admin_client):
    obj = Leitlinie.objects.get(number=1)
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["editorial_title_de"] = "Ohne Token"
    for token in ("", "x" * 64, None):
        if token is None:
            data.pop("csrfmiddlewaretoken")
        else:
            data["csrfmiddlewaretoken"] = token
        assert admin_client.post(url, data).status_code == 403
    assert Leitlinie.objects.get(pk=obj.pk).editorial_title_de != "Ohne Token"
    # the same form with its token is saved
    data["csrfmiddlewaretoken"] = csrf_token(admin_client.get(url))
    assert admin_client.post(url, data).status_code == 302
    assert Leitlinie.objects.get(pk=obj.pk).editorial_title_de == "Ohne Token"


def test_unchanged_form_saves_without_error(admin_client):
    obj = Leitlinie.objects.get(number=1)
    url = admin_url(obj, "change", obj.pk)
    response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "number, message",
    [
        ("8", "7 Leitlinien"),
        ("0", "mindestens 1"),
        ("2", "schon eine Leitlinie mit dieser Nummer"),
    ],
)
def test_guideline_number_must_be_1_to_7_and_unique(admin_client, number, message):
    obj = Leitlinie.objects.get(number=1)
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["number"] = number
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Leitlinie.objects.get(pk=obj.pk).number == 1


def test_milestone_end_cannot_be_before_its_start(admin_client):
    obj = Meilenstein.objects.get(key="aktionswoche")
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["planned_start"] = "23.05.2021"
    data["planned_end"] = "17.05.2021"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen" in response.content.decode()
    # the editor's input is still in the form
    assert 'value="17.05.2021"' in response.content.decode()


def test_actual_date_only_for_a_milestone_that_took_place(admin_client):
    obj = Meilenstein.objects.get(key="verwaltungsentwurf")
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["actual_date"] = "01.09.2022"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert Meilenstein.objects.get(pk=obj.pk).actual_date is None


def test_text_edited_in_the_admin_survives_the_content_command(admin_client):
    obj = Leitlinie.objects.get(number=4)
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["editorial_title_de"] = "Titel aus der Redaktion"
    assert admin_client.post(url, data).status_code == 302
    call_command("load_strategy", verbosity=0)
    assert Leitlinie.objects.get(pk=obj.pk).editorial_title_de == "Titel aus der Redaktion"


def test_stable_key_cannot_be_edited_by_accident(admin_client):
    obj = Leitlinie.objects.get(number=5)
    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["key"] = "anderer-schluessel"
    admin_client.post(url, data)
    assert Leitlinie.objects.get(pk=obj.pk).key == "leitlinie-5"
