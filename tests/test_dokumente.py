"""The document library: uploads are checked by their content (hostile ones refused with a
German message, nothing stored), a real PDF is stored under a generated name and served as a
download with safe headers, the library page lists what is published."""

import io
import re
import zipfile
from pathlib import Path

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from dokumente import uploads
from dokumente.models import Dokument
from tests.support import admin_url, form_data, in_language, save, staff_user, visible_text
from umsetzung.models import Bericht, Ratsdokument

pytestmark = pytest.mark.django_db

TITLE = "WIR SIND HANNOVER – Strategiepapier"
ARABIC_TITLE = "نحن هانوفر – ورقة الاستراتيجية"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


TWO_PAGES = "<p>Seite eins</p><p style='break-before: page'>zwei</p>"


@pytest.fixture(scope="module")
def pdf():
    return weasyprint.HTML(string=TWO_PAGES).write_pdf()


def stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def upload(client, name, content, **fields):
    url = admin_url(Dokument, "add")
    data = form_data(client.get(url))
    data.update(
        {
            "key": "strategiepapier",
            "title_de": TITLE,
            "title_ar": ARABIC_TITLE,
            "kind": Dokument.Kind.STRATEGY,
            "language": "de",
            "date": "September 2022",
            "accessibility": Dokument.Accessibility.SHORTCOMINGS,
            "accessibility_note_de": "Tabellen ohne Kopfzeilen",
            "published": "on",
        }
        | fields
    )
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(url, data)


def odf(*members, mimetype=b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


HOSTILE = {
    "program.pdf": (b"MZ\x90\x00" + b"\x00" * 200, "Programme werden nicht angenommen"),
    "elf.pdf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "Programme werden nicht angenommen"),
    "seite.html": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML- und SVG"),
    "bild.pdf": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "HTML- und SVG",
    ),
    "text.pdf": (b"Nur ein Text, kein PDF.", "Nur PDF-, OpenDocument- (ODF) und Bilddateien"),
    "pfad.odt": (odf(("../x", b"boese")), "enthält einen Pfad"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_upload_is_refused_with_a_german_message_and_nothing_is_stored(
    editor_client, media, name
):
    content, message = HOSTILE[name]
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())
    assert not Dokument.objects.exists() and not stored(media)


def test_a_zip_bomb_is_refused(editor_client, media, settings):
    settings.DOCUMENT_MAX_BYTES = 100_000  # 5 MB unpacked at most; the bomb unpacks to 20 MB
    bomb = odf(("content.xml", b"\0" * 20_000_000))
    assert len(bomb) < settings.DOCUMENT_MAX_BYTES
    response = upload(editor_client, "bericht.odt", bomb)
    assert "würde entpackt mehr als" in visible_text(response.content.decode())
    assert not Dokument.objects.exists() and not stored(media)


def test_a_file_over_the_limit_is_refused(editor_client, media, settings, pdf):
    settings.DOCUMENT_MAX_BYTES = len(pdf) - 1
    response = upload(editor_client, "strategie.pdf", pdf)
    assert "Dokumente dürfen höchstens" in visible_text(response.content.decode())
    assert not Dokument.objects.exists() and not stored(media)


def test_a_200_megabyte_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "gross.pdf"
    with big.open("wb") as sparse:  # a sparse file: 200 MB that take no disk space
        sparse.write(b"%PDF-1.7\n")
        sparse.truncate(200 * 1024 * 1024)
    with (
        big.open("rb") as handle,
        translation.override("de"),
        pytest.raises(ValidationError) as refused,
    ):
        uploads.validate_upload(File(handle, name="gross.pdf"))
    assert refused.value.messages == [
        "Die Datei ist 200,0\xa0MB groß; Dokumente dürfen höchstens 50,0\xa0MB groß sein."
    ]


def test_a_real_pdf_is_stored_under_a_generated_name_and_served_as_a_download(
    editor_client, media, pdf, client
):
    response = upload(editor_client, "<script>.pdf", pdf)
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    document = Dokument.objects.get()
    assert re.fullmatch(r"dokumente/[0-9a-f]{32}\.pdf", document.file.name)
    assert [path.name for path in stored(media)] == [document.file.name.split("/")[1]]
    assert (document.size, document.pages, document.content_type) == (
        len(pdf),
        2,
        "application/pdf",
    )

    response = client.get(f"/dokumente/{document.key}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=UTF-8''WIR%20SIND%20HANNOVER%20%E2%80%93%20Strategiepapier.pdf"
        in (response["Content-Disposition"])
    )
    again = client.get(f"/dokumente/{document.key}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_pages_are_counted_in_compressed_and_plain_pdfs(pdf):
    plain = weasyprint.HTML(string=TWO_PAGES).write_pdf(uncompressed_pdf=True)
    assert uploads.count_pages(io.BytesIO(plain)) == uploads.count_pages(io.BytesIO(pdf)) == 2
    assert uploads.count_pages(io.BytesIO(b"%PDF-1.4 nothing else")) is None


def test_an_odf_document_and_an_image_are_accepted_by_their_content():
    text = odf(("content.xml", b"<office:document-content/>"))
    assert uploads.detect(File(io.BytesIO(text), name="x.pdf")).extension == "odt"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 50
    assert uploads.detect(File(io.BytesIO(png), name="x.pdf")).content_type == "image/png"


def test_the_library_lists_published_documents_in_german_and_arabic(editor_client, media, pdf):
    assert upload(editor_client, "strategie.pdf", pdf).status_code == 302
    german = visible_text(editor_client.get(reverse("dokumente:library")).content.decode())
    for shown in (TITLE, "Strategiepapier", "September 2022", "Deutsch", "2 Seiten"):
        assert shown in german
    assert "Tabellen ohne Kopfzeilen" in german
    with translation.override("ar"):
        page = editor_client.get(reverse("dokumente:library")).content.decode()
    assert ARABIC_TITLE in visible_text(page)
    assert in_language("ar", "Document library") in visible_text(page)
    assert 'href="/dokumente/strategiepapier/"' in page


def test_a_draft_is_not_listed_and_its_file_is_404(editor_client, media, pdf, client):
    upload(editor_client, "strategie.pdf", pdf, published="")
    document = Dokument.objects.get()
    assert not document.published
    assert client.get(f"/dokumente/{document.key}/").status_code == 404
    assert client.get("/dokumente/gibt-es-nicht/").status_code == 404
    page = visible_text(client.get(reverse("dokumente:library")).content.decode())
    assert TITLE not in page


def test_a_document_is_found_by_search_and_in_the_sitemap(editor_client, media, pdf, client):
    upload(editor_client, "strategie.pdf", pdf)
    results = client.get(reverse("search"), {"q": "Kopfzeilen"}).content.decode()
    assert "/de/dokumente/#strategiepapier" in results
    assert "/de/dokumente/" in client.get("/sitemap.xml").content.decode()


def test_a_translator_cannot_upload(client, media, pdf):
    client.force_login(staff_user("uebersetzer", "Übersetzung"))
    url = admin_url(Dokument, "add")
    assert client.get(url).status_code == 403


def test_a_document_is_saved_again_without_a_new_upload_and_keeps_its_file(
    editor_client, media, pdf
):
    upload(editor_client, "strategie.pdf", pdf)
    document = Dokument.objects.get()
    url = admin_url(document, "change", document.pk)
    data = form_data(editor_client.get(url))
    data.pop("file")  # a browser sends no file when none is chosen
    response = editor_client.post(url, {**data, "drucksache": "0993/2022"})
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    saved = Dokument.objects.get()
    assert (saved.drucksache, saved.file.name, saved.size) == (
        "0993/2022",
        document.file.name,
        len(pdf),
    )
    assert Version.objects.get_for_object(saved).count() == 2  # history, like other content


def test_a_translator_changes_only_the_translations_of_a_document(
    editor_client, media, pdf, client
):
    upload(editor_client, "strategie.pdf", pdf)
    document = Dokument.objects.get()
    translator = Client()
    translator.force_login(staff_user("uebersetzer", "Übersetzung"))
    save(translator, document, title_de="Anders", title_en="Strategy paper", drucksache="1")
    saved = Dokument.objects.get()
    assert (saved.title_de, saved.title_en, saved.drucksache) == (TITLE, "Strategy paper", "")


def test_the_documents_are_open_data(editor_client, media, pdf, client):
    upload(editor_client, "strategie.pdf", pdf)
    assert TITLE in client.get("/daten/dokument.csv").content.decode()


def test_council_papers_and_reports_offer_their_file_while_it_is_published(
    editor_client, media, pdf, client
):
    assert upload(editor_client, "drucksache.pdf", pdf, key="ds-datei").status_code == 302
    document = Dokument.objects.get(key="ds-datei")
    council_paper = Ratsdokument.objects.published().first()
    report = Bericht.objects.published().first()
    for obj in (council_paper, report):
        obj.file = document
        obj.save()
    pages = (reverse("umsetzung:documents"), reverse("umsetzung:overview"))
    for page in pages:
        body = client.get(page).content.decode()
        assert 'href="/dokumente/ds-datei/"' in body, page
        assert "2 Seiten" in visible_text(body) and "Tabellen ohne Kopfzeilen" in body
    document.published = False
    document.save()
    for page in pages:
        assert "/dokumente/ds-datei/" not in client.get(page).content.decode(), page


def test_the_start_page_offers_the_citys_own_file_of_the_paper(editor_client, media, pdf):
    client = Client()
    assert "/dokumente/strategiepapier/" not in client.get(reverse("home")).content.decode()
    upload(editor_client, "strategie.pdf", pdf)
    german = client.get(reverse("home")).content.decode()
    assert 'href="/dokumente/strategiepapier/"' in german and TITLE in german
    with translation.override("ar"):
        arabic = client.get(reverse("home")).content.decode()
    # the Arabic title, and that the file itself is German
    assert ARABIC_TITLE in arabic and in_language("ar", "German") in visible_text(arabic)
