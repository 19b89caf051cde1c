"""The portal's PDFs: the paper's whole text in the German one, Arabic shaped and with its
own digits, a tagged PDF/UA structure, made once per content generation and language."""

import io
import os
import re
import shutil
import subprocess
import time
from urllib.parse import quote

import pikepdf
import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from pdfminer.high_level import extract_text

from downloads import store
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie, Strategiepapier
from operations import site_data
from tests.support import in_language
from tests.test_content import source_lines

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils (Makefile)


def url(language, name="strategy", key=None):
    with translation.override(language):
        return reverse(f"downloads:{name}", args=[key] if key else [])


def get_pdf(client, address, **headers):
    response = client.get(address, **headers)
    assert response.status_code == 200, address
    assert response["Content-Type"] == "application/pdf"
    return response, b"".join(response.streaming_content)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def german_pdf(client):
    return get_pdf(client, url("de"))


@pytest.fixture
def arabic_pdf(client):
    return get_pdf(client, url("ar"))


def test_every_line_of_the_paper_is_in_the_german_pdf(german_pdf):
    text = words(extract_text(io.BytesIO(german_pdf[1])))
    missing = [line for line in source_lines() if words(line) not in text]
    assert not missing


def test_the_arabic_pdf_has_the_arabic_texts_shaped_and_arabic_indic_digits(arabic_pdf):
    paper = Strategiepapier.objects.published().get()
    text = extract_text(io.BytesIO(arabic_pdf[1]))
    # Letters extract as letters (ToUnicode), not as presentation forms of the glyphs.
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    # pdfminer reads lines left to right (visual order): a word comes out reversed.
    visual = {word[::-1] for word in text.split()}
    for word in paper.title_ar.split():
        assert word in visual, word
    assert in_language("ar", "Contents") in " ".join(visual)
    assert "٢٠٢١" in text  # the Ratsbeschluss of 2021, as the page writes the year
    # page numbers and the "Stand" in Arabic-Indic digits, as the pages write numbers
    assert re.search("[٠-٩]+ / [٠-٩]+", text) and not re.search("[0-9]+ / [0-9]+", text)
    year = str(Leitlinie.objects.latest("updated_at").updated_at.year)
    assert year.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) in text


def marked_content(data: bytes) -> list[pikepdf.Dictionary]:
    """The property lists of every marked-content sequence (``/Span <<…>> BDC``)."""
    return [
        operands[1]
        for page in pikepdf.open(io.BytesIO(data)).pages
        for operands, operator in pikepdf.parse_content_stream(page)
        if operator == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary)
    ]


def letters(text: str) -> str:
    """The words of ``text`` without punctuation, marks and bidi controls."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", re.sub("<[^>]+>", " ", text)).split())


def test_the_arabic_pdf_extracts_in_logical_order(arabic_pdf):
    """poppler's pdftotext (as the PDF viewers of free desktops extract, copy and search
    text) gives the Arabic words in reading order, sentences as the page writes them.
    (It places vowel marks and neutral punctuation less well: they are left out here.)"""
    extracted = subprocess.run(  # noqa: S603 (poppler on a PDF we made)
        [PDFTOTEXT, "-", "-"], input=arabic_pdf[1], capture_output=True, check=True
    ).stdout.decode()
    text = letters(extracted)
    paper = Strategiepapier.objects.published().get()
    assert letters(paper.title_ar) in text and letters(paper.tagline_ar) in text
    leitlinie = Leitlinie.objects.get(number=1)
    first_words = " ".join(letters(leitlinie.text_ar).split()[:5])
    assert first_words in text, first_words


def test_german_text_shown_in_a_translated_pdf_is_marked_as_german(client, arabic_pdf):
    """Where a translation is missing, the German text the PDF shows has /Lang (de)."""
    assert not [p for p in marked_content(arabic_pdf[1]) if "/Lang" in p]
    leitlinie = Leitlinie.objects.get(number=1)
    leitlinie.text_ar = ""
    leitlinie.save()
    data = get_pdf(client, url("ar"))[1]
    assert [p for p in marked_content(data) if str(p.get("/Lang", "")) == "de"]
    words_de = " ".join(re.sub("<[^>]+>", " ", leitlinie.text_de).split()[:4])
    assert words_de in words(extract_text(io.BytesIO(data)))


def structure_tags(pdf) -> set[str]:
    tags, todo, seen = set(), [pdf.Root.StructTreeRoot], set()
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
            continue
        if node.objgen != (0, 0):
            seen.add(node.objgen)
        if "/S" in node:
            tags.add(str(node.S))
        if "/K" in node:
            todo.append(node.K)
    return tags


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pdf_is_tagged_with_language_title_outlines_and_embedded_fonts(client, language):
    _response, data = get_pdf(client, url(language))
    pdf = pikepdf.open(io.BytesIO(data))
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.Root.Lang) == language
    paper = Strategiepapier.objects.published().get()
    assert str(pdf.docinfo.Title).startswith(getattr(paper, f"title_{language}"))
    assert len(pdf.Root.Outlines.keys()) and "/First" in pdf.Root.Outlines
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"} <= (
        structure_tags(pdf)
    )
    fonts = [
        font
        for page in pdf.pages
        for font in page.Resources.get("/Font", {}).values()
        for font in ([font] if "/FontDescriptor" in font else font.get("/DescendantFonts", []))
    ]
    assert fonts
    for font in fonts:
        descriptor = font.FontDescriptor
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font.get("/BaseFont")


def test_the_qr_code_has_alternative_text(german_pdf):
    pdf = pikepdf.open(io.BytesIO(german_pdf[1]))
    figures, todo = [], [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            if "/K" in node:
                todo.append(node.K)
    assert any("/s/strategiepapier" in alt for alt in figures), figures


def test_a_field_and_a_district_pdf_show_their_page(client):
    field = Handlungsfeld.objects.published().get(key="bildung")
    _response, data = get_pdf(client, url("de", "handlungsfeld", "bildung"))
    text = words(extract_text(io.BytesIO(data)))
    assert field.title in text and in_language("de", "Goals") in text
    _response, data = get_pdf(client, url("de", "district", "linden-limmer"))
    text = words(extract_text(io.BytesIO(data)))
    assert "Linden-Limmer" in text
    assert in_language("de", "Funded projects in this district") in text


def test_the_download_names_the_file_in_the_visitors_language(client):
    for language, name in (("de", "Strategie-Migration-und-Teilhabe"), ("ar", None)):
        name = name or in_language(language, "Strategy-Migration-and-Participation")
        response, _data = get_pdf(client, url(language))
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"filename*=UTF-8''{quote(name + '.pdf')}" in disposition
        assert response["X-Content-Type-Options"] == "nosniff"
    response, _data = get_pdf(client, url("de", "handlungsfeld", "bildung"))
    assert "Handlungsfeld-bildung.pdf" in response["Content-Disposition"]


def test_the_pdf_is_kept_answers_304_and_is_made_anew_after_a_save(client, settings):
    first, data = get_pdf(client, url("de"))
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url("de"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert len(list(settings.PDF_ROOT.glob("*-de-strategie.pdf"))) == 1
    leitlinie = Leitlinie.objects.get(number=3)
    leitlinie.text_de = "<p>Eine geänderte Leitlinie für den PDF-Test.</p>"
    leitlinie.save()  # as the admin saves: a new content generation
    after, new_data = get_pdf(client, url("de"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert after["ETag"] != first["ETag"]
    assert "Eine geänderte Leitlinie für den PDF-Test." in words(extract_text(io.BytesIO(new_data)))
    assert "Eine geänderte" not in words(extract_text(io.BytesIO(data)))
    # the page cache keeps no copy of the bytes
    assert "X-Page-Cache" not in after


def test_unknown_or_unpublished_keys_get_the_404_page_in_the_visitors_language(client):
    response = client.get(url("ar", "handlungsfeld", "gibt-es-nicht"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert 'lang="ar"' in response.content.decode()
    Handlungsfeld.objects.filter(key="bildung").update(published=False)
    assert client.get(url("de", "handlungsfeld", "bildung")).status_code == 404


def test_pages_link_their_pdf(client):
    for page, pdf in (
        (reverse("home"), url("de")),
        (
            reverse("handlungsfelder:detail", args=["bildung"]),
            url("de", "handlungsfeld", "bildung"),
        ),
        (reverse("umsetzung:district", args=["mitte"]), url("de", "district", "mitte")),
    ):
        content = client.get(page).content.decode()
        assert f'href="{pdf}"' in content and "Als PDF herunterladen" in content, page


def test_while_another_server_makes_the_new_pdf_the_previous_one_is_served(client, settings):
    first, first_bytes = get_pdf(client, url("de", "handlungsfeld", "bildung"))
    field = Handlungsfeld.objects.get(key="bildung")
    field.title_de = "Bildung im Wandel"
    field.save()  # a new content generation: the next request would make a new PDF ...
    generation = site_data.request_generation(None)
    lock = store.path_for(generation, "de", "handlungsfeld-bildung").with_suffix(".lock")
    lock.touch()  # ... but another server is making it right now
    served, served_bytes = get_pdf(client, url("de", "handlungsfeld", "bildung"))
    assert served_bytes == first_bytes and served["ETag"] == first["ETag"]
    lock.unlink()  # made and released: the next request makes (or gets) the new one
    fresh, fresh_bytes = get_pdf(client, url("de", "handlungsfeld", "bildung"))
    assert fresh["ETag"] != first["ETag"]
    assert "Bildung im Wandel" in words(extract_text(io.BytesIO(fresh_bytes)))


def test_with_no_earlier_copy_a_request_waits_briefly_then_gets_a_polite_503(client, monkeypatch):
    monkeypatch.setattr(store, "WAIT_SECONDS", 0.5)
    generation = site_data.request_generation(None)
    lock = store.path_for(generation, "uk", "stadtbezirk-nord").with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.touch()
    response = client.get(url("uk", "district", "nord"))
    assert response.status_code == 503 and response["Retry-After"]
    assert in_language("uk", "The PDF is being made") in response.content.decode()
    old = time.time() - store.STALE_LOCK_SECONDS - 1
    os.utime(lock, (old, old))  # its maker died: the lock is taken over
    monkeypatch.setattr(store, "WAIT_SECONDS", 60)  # and this request waits for its PDF
    assert get_pdf(client, url("uk", "district", "nord"))[0].status_code == 200
    assert not lock.exists()


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_pdf_is_made_outside_the_request_which_stops_waiting_in_time(client, monkeypatch):
    """The request that starts a PDF waits at most WAIT_SECONDS; the PDF is made anyway."""
    monkeypatch.setattr(store, "WAIT_SECONDS", 0.01)
    generation = site_data.request_generation(None)
    path = store.path_for(generation, "tr", "stadtbezirk-ricklingen")
    lock = path.with_suffix(".lock")
    response = client.get(url("tr", "district", "ricklingen"))
    assert response.status_code == 503 and response["Retry-After"]
    assert in_language("tr", "The PDF is being made") in response.content.decode()
    assert lock.exists()  # its maker is still at it, in its own process
    assert wait_for(lambda: path.exists() and not lock.exists())
    served, data = get_pdf(client, url("tr", "district", "ricklingen"))
    assert data == path.read_bytes() and not path.with_suffix(".job").exists()


def test_a_pdf_that_takes_too_long_is_given_up_and_tried_again(client, settings, caplog):
    settings.PDF_SECONDS = 0.001  # no PDF can be made in a millisecond
    generation = site_data.request_generation(None)
    path = store.path_for(generation, "fa", "stadtbezirk-nord")
    response = client.get(url("fa", "district", "nord"))
    assert response.status_code == 503
    assert in_language("fa", "The PDF is being made") in response.content.decode()
    # given up: no PDF, no job, and the lock released at once (no STALE_LOCK_SECONDS wait)
    assert wait_for(lambda: not path.with_suffix(".lock").exists(), seconds=10)
    assert not path.exists() and not path.with_suffix(".job").exists()
    settings.PDF_SECONDS = 120
    assert get_pdf(client, url("fa", "district", "nord"))[0].status_code == 200


def test_the_pdf_links_give_size_and_pages_once_a_copy_exists(client):
    page = reverse("handlungsfelder:detail", args=["wirtschaft"])
    pdf = url("de", "handlungsfeld", "wirtschaft")
    link = re.compile(r'class="pdf-link">.*?</p>', re.S)
    assert link.search(client.get(page).content.decode()).group(0).endswith("(PDF)</p>")
    data = get_pdf(client, pdf)[1]
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    field = Handlungsfeld.objects.get(key="wirtschaft")
    field.save()  # a new content generation: the page is made anew
    shown = link.search(client.get(page).content.decode()).group(0)
    with translation.override("de"):
        assert filesizeformat(len(data)) in shown  # "81,2 KB"
    assert f"{pages} Seite" in shown  # "1 Seite" or "12 Seiten"
