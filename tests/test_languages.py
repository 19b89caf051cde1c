"""Eight languages, right-to-left included, with an honest translation state."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from beteiligung.models import Kennzahl
from content.models import TranslationState
from leitlinien.models import Leitlinie
from tests.support import (
    LANGUAGES,
    RTL_LANGUAGES,
    admin_url,
    form_data,
    in_language,
    public_urls,
    set_state,
    state_of,
    visible_text,
)

pytestmark = pytest.mark.django_db

State = TranslationState.State
EDITORIAL = TranslationState.Group.EDITORIAL


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_every_language(client, language):
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    navigation = [in_language(language, s) for s in ("Guidelines", "Fields of action", "Phase 2")]
    if language != "en":
        assert in_language(language, "Guidelines") != "Guidelines"  # the catalogue is there
    for url in public_urls(language):
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in body, url
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
        assert (
            in_language(language, "Strategy portal Migration and Participation, Hannover") in title
        )
        for label in navigation:
            assert f">{label}</a>" in body, (url, label)


def test_language_switcher_leads_to_the_same_page_in_each_language(client):
    with translation.override("de"):
        url = Leitlinie.objects.get(number=3).get_absolute_url()
    body = client.get(url).content.decode()
    switcher = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', body, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"', switcher)
    assert [code for _href, code, _hl in links] == LANGUAGES
    for href, code, hreflang in links:
        assert code == hreflang
        other = client.get(href)
        assert other.status_code == 200
        other_body = other.content.decode()
        assert 'id="leitlinie-3"' in other_body
        # and back: the German link of that page is where we started
        assert f'<a href="{url}" lang="de" hreflang="de"' in other_body
    # each language is named in itself
    for name in ("Deutsch", "Türkçe", "Українська", "Русский", "polski", "English"):
        assert f">{name}</a>" in switcher
    assert 'lang="ar" hreflang="ar" dir="rtl"' in switcher


def test_head_lists_every_language_version_and_x_default(client):
    body = client.get("/tr/handlungsfelder/bildung/").content.decode()
    for code in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/handlungsfelder/bildung/">'
        ) in body
    assert 'hreflang="x-default" href="http://testserver/de/handlungsfelder/bildung/"' in body


def test_machine_translation_is_marked_as_not_reviewed(client):
    leitlinie = Leitlinie.objects.get(number=1)
    assert state_of(leitlinie, "uk").state == State.UNREVIEWED
    text = visible_text(client.get("/uk/leitlinien/1/").content.decode())
    assert visible_text(leitlinie.text_uk) in text
    assert in_language("uk", "Machine translation, not yet reviewed.") in text


def test_reviewed_translation_has_no_notice(admin_client, client):
    leitlinie = Leitlinie.objects.get(number=1)
    state = state_of(leitlinie, "ar")
    state.state = State.REVIEWED
    state.save()
    text = visible_text(client.get("/ar/leitlinien/1/").content.decode())
    assert visible_text(leitlinie.text_ar) in text
    assert in_language("ar", "Machine translation, not yet reviewed.") not in text


def test_missing_translation_falls_back_to_german_marked_as_german(client):
    Leitlinie.objects.filter(number=1).update(text_ar="", citation_ar="")
    leitlinie = Leitlinie.objects.get(number=1)
    body = client.get("/ar/leitlinien/1/").content.decode()
    assert f'<div lang="de" dir="ltr">{leitlinie.text_de}</div>' in body  # rich text
    text = visible_text(body)
    assert in_language("ar", "Not yet translated: this text is shown in German.") in text
    # the notice never hides the content
    assert visible_text(leitlinie.text_de) in text


def test_partly_missing_translation_is_said_so(client):
    Kennzahl.objects.filter(key="anzahl-treffen").update(detail_fa="")
    body = client.get("/fa/wie-die-strategie-entstand/").content.decode()
    assert '<span lang="de" dir="ltr">digital und physisch</span>' in body


def test_figures_use_the_digits_of_the_language(client):
    assert "٧٠" in visible_text(client.get("/ar/").content.decode())
    assert "۷۰" in visible_text(client.get("/fa/").content.decode())
    assert "70" in visible_text(client.get("/tr/").content.decode())


@pytest.mark.parametrize(
    "header, expected",
    [
        ("ar,en;q=0.5", "/ar/"),
        ("tr-TR,tr;q=0.9,de;q=0.8", "/tr/"),
        ("fa-IR", "/fa/"),
        ("uk", "/uk/"),
        ("fr-FR,fr;q=0.9", "/de/"),
        ("", "/de/"),
        ("!!!;q=abc,,,;;", "/de/"),
        ("en;q=0.5," * 2000, "/de/"),
        ("x" * 10000, "/de/"),
    ],
)
def test_root_redirects_to_the_best_language_without_cookie(client, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert not response.cookies


def test_a_language_cookie_does_not_choose_the_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pl")["Location"] == "/pl/"


def test_unknown_language_prefix_is_a_404_not_an_error(client):
    for path in ("/xx/", "/xx/leitlinien/1/", "/de-at/leitlinien/", "/AR/"):
        assert client.get(path).status_code == 404


def test_localised_dates(client):
    from beteiligung.models import Meilenstein

    Meilenstein.objects.filter(key="aktionswoche").update(status="done", actual_date="2021-05-17")
    assert "Mai 2021" in visible_text(client.get("/de/phase-2/").content.decode())
    assert "maja 2021" in visible_text(client.get("/pl/phase-2/").content.decode())
    assert "٢٠٢١" in visible_text(client.get("/ar/phase-2/").content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 200
    for entry in catalogue.translated_entries():
        if language == "en" and not entry.msgid_plural:
            assert entry.msgstr == entry.msgid  # the msgids are the English text
        placeholders = set(re.findall(r"%\(\w+\)s", entry.msgid))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                assert set(re.findall(r"%\(\w+\)s", text)) <= placeholders | {"%(counter)s"}


def _change_german(admin_client, obj, minor):

    url = admin_url(obj, "change", obj.pk)
    data = form_data(admin_client.get(url))
    data["editorial_title_de"] = data["editorial_title_de"] + " (neu)"
    if minor:
        data["minor_change"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302


def test_changing_german_text_marks_translations_outdated(admin_client, client):
    leitlinie = Leitlinie.objects.get(number=2)
    _change_german(admin_client, leitlinie, minor=False)
    for language in LANGUAGES[1:]:
        assert state_of(leitlinie, language, EDITORIAL).state == State.OUTDATED
    text = visible_text(client.get("/ru/leitlinien/2/").content.decode())
    assert (
        in_language("ru", "This translation may be out of date: the German text has changed since.")
        in text
    )


def test_minor_change_keeps_translations_current(admin_client):
    leitlinie = Leitlinie.objects.get(number=3)
    _change_german(admin_client, leitlinie, minor=True)
    for language in LANGUAGES[1:]:
        assert state_of(leitlinie, language, EDITORIAL).state == State.UNREVIEWED


def test_reviewing_in_the_admin_records_who_and_when(admin_client, admin_user):
    leitlinie = Leitlinie.objects.get(number=4)  # only editorial text so far
    _data, response = set_state(admin_client, leitlinie, "ar", EDITORIAL)
    assert response.status_code == 302
    state = state_of(leitlinie, "ar", EDITORIAL)
    assert state.state == State.REVIEWED
    assert state.reviewed_by == admin_user
    assert state.reviewed_at is not None
    # editing the Arabic text later makes it unreviewed again
    url = admin_url(leitlinie, "change", leitlinie.pk)
    data = form_data(admin_client.get(url))
    data["editorial_title_ar"] = data["editorial_title_ar"] + "!"
    assert admin_client.post(url, data).status_code == 302
    state = state_of(leitlinie, "ar", EDITORIAL)
    assert state.state == State.UNREVIEWED and state.reviewed_by is None


def test_paper_title_in_header_and_start_page_is_marked_when_in_german(client):
    from leitlinien.models import Strategiepapier

    body = client.get("/ar/").content.decode()
    hero = body[body.index('<section class="hero"') :]
    assert (
        in_language("ar", "Machine translation, not yet reviewed.")
        in hero[: hero.index("</section>")]
    )
    paper = Strategiepapier.objects.get()
    paper.title_ar = ""
    paper.save()
    body = client.get("/ar/").content.decode()
    assert (
        '<span class="brand-title"><span lang="de" dir="ltr">WIR SIND HANNOVER</span></span>'
        in body
    )
    assert in_language("ar", "Partly not yet translated: some text is shown in German.") in body
