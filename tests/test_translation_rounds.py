"""Translation rounds: every missing or outdated text of a language as a PO file, and the
file back: filled texts are “translated, not reviewed”; a file with an unknown id, a changed
German text, broken markup or in the wrong language changes nothing and says why."""

import polib
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from reversion.models import Version

from content.models import TranslationState
from exchange.translation_rounds import export_po, import_po
from leitlinien.models import Begriff, Leitlinie
from tests.support import in_language, post_form, state_of, visible_text

pytestmark = pytest.mark.django_db

ARABIC = "هانوفر مدينة للجميع"


@pytest.fixture
def missing():
    """Leitlinie 1 without its Arabic text, a glossary term without any translation."""
    leitlinie = Leitlinie.objects.get(number=1)
    Leitlinie.objects.filter(pk=leitlinie.pk).update(text_ar="")
    term = Begriff.objects.create(
        key="runde", term="Übersetzungsrunde", definition="<p>Ein <strong>Test</strong>.</p>"
    )
    leitlinie.refresh_from_db()
    return leitlinie, term


def entries(po) -> dict[str, polib.POEntry]:
    return {entry.msgctxt: entry for entry in po}


def test_the_export_has_every_missing_text_with_its_id_german_and_page(missing):
    leitlinie, term = missing
    po = entries(export_po("ar"))
    text = po["leitlinien.leitlinie/leitlinie-1/text"]
    assert text.msgid == leitlinie.text_de and text.msgstr == ""
    assert text.occurrences[0][0] == "/ar/leitlinien/1/"
    assert "HTML" in text.comment
    assert {"leitlinien.begriff/runde/term", "leitlinien.begriff/runde/definition"} <= set(po)
    assert "draft" in po["leitlinien.begriff/runde/term"].comment
    # translated texts are not in the round
    assert "leitlinien.leitlinie/leitlinie-1/citation" not in po


def test_a_filled_file_fills_the_texts_unreviewed_and_unchanged_changes_nothing(missing, tmp_path):
    leitlinie, term = missing
    path = tmp_path / "ar.po"
    call_command("export_translations", "--language", "ar", str(path))
    versions = Version.objects.get_for_object(leitlinie).count()
    call_command("import_translations", str(path))  # as exported: nothing to fill
    assert Version.objects.get_for_object(leitlinie).count() == versions
    po = polib.pofile(str(path))
    by_id = entries(po)
    by_id["leitlinien.leitlinie/leitlinie-1/text"].msgstr = f"<p>{ARABIC}</p>"
    by_id["leitlinien.begriff/runde/definition"].msgstr = "<p>اختبار <strong>مهم</strong>.</p>"
    po.save(str(path))
    call_command("import_translations", str(path))
    leitlinie.refresh_from_db()
    term.refresh_from_db()
    assert leitlinie.text_ar == f"<p>{ARABIC}</p>"
    assert term.definition_ar == "<p>اختبار <strong>مهم</strong>.</p>" and not term.term_ar
    assert state_of(leitlinie, "ar").state == TranslationState.State.UNREVIEWED
    assert Version.objects.get_for_object(leitlinie).count() == versions + 1
    assert "leitlinien.leitlinie/leitlinie-1/text" not in entries(export_po("ar"))
    call_command("import_translations", str(path))  # the same file again: nothing new
    assert Version.objects.get_for_object(leitlinie).count() == versions + 1


def test_an_outdated_text_comes_with_its_old_translation_marked_fuzzy():
    leitlinie = Leitlinie.objects.get(number=1)
    state = state_of(leitlinie, "ar")
    state.state = TranslationState.State.OUTDATED
    state.save()
    entry = entries(export_po("ar"))["leitlinien.leitlinie/leitlinie-1/text"]
    assert "fuzzy" in entry.flags and entry.msgstr == leitlinie.text_ar
    # imported unchanged (still fuzzy): nothing changes, the state stays outdated
    po = polib.POFile()
    po.metadata = {"Language": "ar"}
    po.append(entry)
    assert import_po(str(po)).entries == 0
    assert state_of(leitlinie, "ar").state == TranslationState.State.OUTDATED


def bad_file(entry_id, msgid, msgstr, language="ar") -> str:
    po = polib.POFile()
    po.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt=entry_id, msgid=msgid, msgstr=msgstr))
    po.append(  # a good entry beside it: it must not be applied either
        polib.POEntry(
            msgctxt="leitlinien.begriff/runde/term", msgid="Übersetzungsrunde", msgstr="جولة"
        )
    )
    return str(po)


@pytest.mark.parametrize(
    "case",
    ["unknown id", "unknown field", "changed German", "script", "not a translation", "markup"],
)
def test_a_bad_file_changes_nothing_and_says_why(missing, case):
    leitlinie, term = missing
    german = leitlinie.text_de
    entry_id, msgid, msgstr, problem = {
        "unknown id": ("leitlinien.leitlinie/gibt-es-nicht/text", german, ARABIC, "unknown id"),
        "unknown field": ("leitlinien.leitlinie/leitlinie-1/farbe", german, ARABIC, "unknown id"),
        "changed German": (
            "leitlinien.leitlinie/leitlinie-1/text",
            "<p>Ein älterer Text.</p>",
            f"<p>{ARABIC}</p>",
            "the German text changed since the export: export again",
        ),
        "script": (
            "leitlinien.leitlinie/leitlinie-1/text",
            german,
            "<p>Hannover ist eine Stadt</p>",
            "not written in the file's language",
        ),
        "not a translation": (
            "leitlinien.leitlinie/leitlinie-1/text",
            german,
            german,
            "the German text, not a translation",
        ),
        "markup": (
            "leitlinien.leitlinie/leitlinie-1/text",
            german,
            f"<p>{ARABIC}</p><script>alert(1)</script>",
            "markup the portal would remove",
        ),
    }[case]
    outcome = import_po(bad_file(entry_id, msgid, msgstr))
    assert outcome.problems and in_language("de", problem) in outcome.problems[0]
    leitlinie.refresh_from_db()
    term.refresh_from_db()
    assert leitlinie.text_ar == "" and not term.term_ar


def test_a_file_in_no_portal_language_and_a_broken_file_are_refused(missing, tmp_path):
    refused = import_po(
        bad_file("leitlinien.begriff/runde/term", "Übersetzungsrunde", "x", language="de")
    ).problems
    wrong = "the file's language (%(code)s) is not one the portal translates into"
    assert refused == [in_language("de", wrong) % {"code": "de"}]
    assert import_po('msgid "kaputt').problems
    good = tmp_path / "gut.po"
    good.write_text(bad_file("leitlinien.begriff/runde/term", "Übersetzungsrunde", "جولة"))
    assert import_po(str(good)).entries == 0  # a name is content, never a file to read
    broken = tmp_path / "kaputt.po"
    broken.write_text('msgid "kaputt', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_translations", str(broken))


def test_a_translator_runs_a_round_in_the_admin(missing, translator_client):
    leitlinie, _term = missing
    page = translator_client.get(reverse("translation_rounds"))
    assert page.status_code == 200 and reverse("translation_export", args=["ar"]) in (
        page.content.decode()
    )
    download = translator_client.get(reverse("translation_export", args=["ar"]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    po = polib.pofile(download.content.decode())
    entries(po)["leitlinien.leitlinie/leitlinie-1/text"].msgstr = f"<p>{ARABIC}</p>"
    upload = SimpleUploadedFile("ar.po", str(po).encode(), content_type="text/plain")
    answer = post_form(translator_client, reverse("translation_rounds"), {"file": upload})
    assert answer.status_code == 302
    leitlinie.refresh_from_db()
    assert leitlinie.text_ar == f"<p>{ARABIC}</p>"
    assert state_of(leitlinie, "ar").state == TranslationState.State.UNREVIEWED


def test_a_bad_upload_in_the_admin_is_refused_in_german(missing, translator_client):
    wrong = SimpleUploadedFile(
        "de.po",
        bad_file("leitlinien.begriff/runde/term", "Übersetzungsrunde", "x", language="xx").encode(),
    )
    answer = post_form(translator_client, reverse("translation_rounds"), {"file": wrong})
    text = visible_text(answer.content.decode())
    assert answer.status_code == 200 and "Nichts wurde geändert" in text
    latin1 = SimpleUploadedFile("ar.po", 'msgstr "Größe"'.encode("latin-1"))
    answer = post_form(translator_client, reverse("translation_rounds"), {"file": latin1})
    wanted = in_language("de", "The file is not a PO file in UTF-8 (as the export writes it).")
    assert wanted in visible_text(answer.content.decode())
    assert not Begriff.objects.get(key="runde").term_ar


def test_staff_without_a_translation_role_cannot_run_a_round(client, missing):
    client.force_login(User.objects.create_user("gast", password="x-Secret-1", is_staff=True))
    assert client.get(reverse("translation_rounds")).status_code == 403
    assert client.get(reverse("translation_export", args=["ar"])).status_code == 403
    assert client.get(reverse("translation_export", args=["xx"])).status_code == 404
