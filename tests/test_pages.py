"""Every page type renders with its content; bad addresses get the styled 404."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from beteiligung.models import Meilenstein
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from tests.support import public_urls, visible_text

pytestmark = pytest.mark.django_db


def test_root_redirects_to_german_start_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_every_public_page_renders_in_german(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert '<html lang="de" dir="ltr">' in body, url
        assert body.count("<h1") == 1, url
        assert 'href="#main"' in body and 'id="main"' in body, url


def test_start_page_shows_title_function_guideline_fazit_and_figures(client):
    text = visible_text(client.get(reverse("home")).content.decode())
    leitlinie = Leitlinie.objects.get(number=1)
    assert visible_text(leitlinie.text) in text
    for expected in (
        "WIR SIND HANNOVER",
        "Funktion des Strategiepapers",
        "Fazit:",
        "Jugendbeteiligung",
    ):
        assert expected in text
    # figures are shown as figures: the count next to what was counted
    assert "über 70 Expert*innen" in text


def test_guideline_without_official_text_says_wording_follows(client):
    leitlinie = Leitlinie.objects.get(number=3)
    assert not leitlinie.text
    text = visible_text(client.get(leitlinie.get_absolute_url()).content.decode())
    assert "Wortlaut folgt" in text
    assert leitlinie.editorial_title in text
    assert "Redaktionelle Ergänzung" in text
    assert "noch nicht von der Redaktion geprüft" in text


def test_checked_editorial_addition_drops_the_unchecked_notice(client):
    Leitlinie.objects.filter(number=3).update(editorial_checked=True)
    text = visible_text(client.get("/de/leitlinien/3/").content.decode())
    assert "Redaktionelle Ergänzung" in text
    assert "noch nicht von der Redaktion geprüft" not in text


def test_working_group_is_not_numbered_as_a_seventh_field(client):
    ag = Handlungsfeld.objects.get(key="ag-jugend")
    text = visible_text(client.get(ag.get_absolute_url()).content.decode())
    assert "Arbeitsgruppe" in text
    assert "Handlungsfeld 7" not in text
    overview = client.get(reverse("handlungsfelder:list")).content.decode()
    assert 'id="ag-jugend"' in overview


def test_timeline_is_an_ordered_list_in_planned_order_without_claims(client):
    body = client.get(reverse("beteiligung:timeline")).content.decode()
    assert '<ol class="timeline"' in body
    positions = [body.index(f'id="{m.key}"') for m in Meilenstein.objects.order_by("planned_start")]
    assert positions == sorted(positions)
    text = visible_text(body)
    with translation.override("de"):
        done, planned = str(Meilenstein.Status.DONE.label), str(Meilenstein.Status.PLANNED.label)
    assert done not in text
    assert text.count(planned) == Meilenstein.objects.count()


def test_confirmed_milestone_shows_its_actual_date(client):
    milestone = Meilenstein.objects.get(key="aktionswoche")
    milestone.status = Meilenstein.Status.DONE
    milestone.actual_date = "2021-05-17"
    milestone.save()
    text = visible_text(client.get(reverse("beteiligung:timeline")).content.decode())
    with translation.override("de"):
        assert str(Meilenstein.Status.DONE.label) in text
    assert "17. Mai 2021" in text


@pytest.mark.parametrize(
    "model, lookup",
    [(Leitlinie, {"number": 4}), (Handlungsfeld, {"key": "wirtschaft"})],
)
def test_unpublished_content_is_hidden(client, model, lookup):
    obj = model.objects.get(**lookup)
    url = obj.get_absolute_url()
    assert client.get(url).status_code == 200
    obj.published = False
    obj.save()
    assert client.get(url).status_code == 404
    listing = client.get(url.rsplit("/", 2)[0] + "/").content.decode()
    assert f'id="{obj.key}"' not in listing


def test_unpublished_milestone_is_not_in_the_timeline(client):
    Meilenstein.objects.filter(key="expertinnenentwurf").update(published=False)
    body = client.get(reverse("beteiligung:timeline")).content.decode()
    assert 'id="expertinnenentwurf"' not in body
    assert "Expert*innenentwurf" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/de/leitlinien/0/",
        "/de/leitlinien/8/",
        "/de/leitlinien/99/",
        "/de/leitlinien/abc/",
        "/de/leitlinien/-1/",
        "/de/leitlinien/99999999999999999999999999/",
        "/de/handlungsfelder/gibt-es-nicht/",
        "/de/handlungsfelder/%00/",
        "/de/handlungsfelder/..%2f..%2fetc%2fpasswd/",
        "/de/%E2%80%AEtxt.exe/",
        "/de/%F0%9F%98%80/",
        "/de/%C0%AF/",
        "/de/" + "a" * 5000 + "/",
        "/xx/leitlinien/",
        "/nichts-hier",
    ],
)
def test_bad_addresses_get_the_styled_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Seite nicht gefunden" in body
    assert 'class="site-header"' in body
    assert '<html lang="de"' in body


def test_server_error_page_is_styled_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/de/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "technisches Problem" in body
    assert '<link rel="stylesheet" href="/static/css/site.' in body
