"""An editing day in the admin, as staff of the Fachbereich do it, in real Chromium: each
role signs in through the login form and does its tasks with clicks and typing.

- Redaktion: a new glossary term as a draft (its key fills itself from the title), the
  preview and the way back, publishing it; a look at what a version changed and bringing
  an earlier version back.
- Two editors on one entry: changes of different fields are both kept; a field both
  changed is refused with the other person's value beside.
- A change of a published Leitlinie as a change draft: previewed in place, released by a
  second person with the role Freigabe, then public.
- Übersetzung: writes the Arabic official wording right to left beside the rendered German
  source, marks it reviewed, and the Arabic page drops its “not reviewed” notice; offered
  no restore, and a restore address answers 403 with a way back.
"""

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.drafts import Aenderungsentwurf
from content.roles import EDITORS, RELEASERS, TRANSLATORS
from leitlinien.models import Begriff, Leitlinie
from tests.sign_in import sign_in_with_second_factor
from tests.support import admin_url, open_page, staff_user

pytestmark = pytest.mark.browser

PASSWORD = "x-Secret-12345"  # noqa: S105 - the test users' password (tests.support)


def sign_in(page, site, username):
    user = get_user_model().objects.get(username=username)
    sign_in_with_second_factor(page, site, user, PASSWORD)


def with_first_version(obj):
    """The entry as the content loader leaves it: with its first version in the history
    (the browser tests' database is emptied between tests, history included)."""
    with reversion.create_revision():
        obj.save()
        reversion.set_comment("Inhalt geladen")
    return obj


def message(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def test_redaktion_adds_a_term_as_a_draft_previews_and_publishes_it(site, page, browser):
    staff_user("redakteurin", EDITORS)
    sign_in(page, site, "redakteurin")
    page.get_by_role("link", name="Begriffe", exact=True).first.click()
    page.get_by_role("link", name="Begriff hinzufügen").click()
    page.locator("#id_term_de").press_sequentially("Teilhabe im Quartier")
    assert page.input_value("#id_key") == "teilhabe-im-quartier"
    page.click("input[name=_save]")
    assert "erfolgreich hinzugefügt" in message(page)

    row = page.locator("#result_list tr", has_text="Teilhabe im Quartier")
    assert "Entwurf" in row.inner_text()
    term = Begriff.objects.get(key="teilhabe-im-quartier")
    assert not term.published

    # The preview shows the draft, marked as such, and leads back to the form.
    row.get_by_role("link", name="Teilhabe im Quartier").click()
    page.get_by_role("link", name="Auf der Website ansehen").click()
    assert "Vorschau" in page.locator(".preview-banner").inner_text()
    assert page.get_by_text("Teilhabe im Quartier").first.is_visible()
    page.get_by_role("link", name="Zurück zum Bearbeiten").click()
    assert page.url.endswith(admin_url(term, "change", term.pk))

    # Visitors do not see the draft until it is published from the list.
    visitor = browser.new_context()
    try:
        glossary = reverse("leitlinien:glossary")
        assert "Teilhabe im Quartier" not in visitor.new_page().goto(site + glossary).text()
        open_page(page, site + admin_url(Begriff, "changelist"))
        row = page.locator("#result_list tr", has_text="Teilhabe im Quartier")
        row.locator("input.action-select").check()
        page.select_option("select[name=action]", "publish")
        page.click("button[name=index]")
        assert "veröffentlicht" in message(page)
        term.refresh_from_db()
        assert term.published
        # (a new visitor: the first one's browser may keep the page for a minute)
        later = browser.new_context()
        assert "Teilhabe im Quartier" in later.new_page().goto(site + glossary).text()
        later.close()
    finally:
        visitor.close()


def save_editorial_title(page, site, leitlinie, title):
    open_page(page, site + admin_url(leitlinie, "change", leitlinie.pk))
    page.fill("#id_editorial_title_de", title)
    page.click("input[name=_save]")
    assert "erfolgreich geändert" in message(page)


def test_redaktion_sees_what_a_version_changed_and_brings_an_earlier_one_back(site, page):
    staff_user("redakteurin", EDITORS)
    sign_in(page, site, "redakteurin")
    leitlinie = Leitlinie.objects.get(number=2)
    save_editorial_title(page, site, leitlinie, "Gleichberechtigtes Zusammenleben in Hannover")
    save_editorial_title(page, site, leitlinie, "Zusammenleben auf Augenhöhe")

    open_page(page, site + admin_url(leitlinie, "change", leitlinie.pk))
    page.get_by_role("link", name="Geschichte").click()
    versions = page.locator("#change-history tbody tr")
    assert versions.count() == 2
    versions.first.get_by_role("link", name="Änderungen").click()
    diff = page.locator(".diff-table")
    assert "Augenhöhe" in " ".join(diff.locator("ins").all_inner_texts())
    assert "Hannover" in " ".join(diff.locator("del").all_inner_texts())

    page.go_back()
    versions.nth(1).get_by_role("link", name="Diese Fassung wiederherstellen").click()
    assert page.input_value("#id_editorial_title_de").endswith("in Hannover")
    page.click("input[name=_save]")
    leitlinie.refresh_from_db()
    assert leitlinie.editorial_title_de == "Gleichberechtigtes Zusammenleben in Hannover"


def test_two_editors_keep_each_others_changes_and_see_where_they_collide(site, browser):
    staff_user("anna", EDITORS)
    staff_user("ben", EDITORS)
    leitlinie = with_first_version(Leitlinie.objects.get(number=3))
    url = site + admin_url(leitlinie, "change", leitlinie.pk)
    anna_context, ben_context = browser.new_context(), browser.new_context()
    try:
        anna, ben = anna_context.new_page(), ben_context.new_page()
        sign_in(anna, site, "anna")
        sign_in(ben, site, "ben")
        open_page(anna, url)
        open_page(ben, url)
        anna.fill("#id_editorial_title_de", "Die ganze Stadtgesellschaft")
        anna.click("input[name=_save]")
        ben.fill("#id_editorial_source_label_de", "hannover.de, Seite „Das Papier“")
        ben.click("input[name=_save]")
        assert "Übernommen, was jemand anderes inzwischen geändert hat" in message(ben)
        leitlinie.refresh_from_db()
        assert leitlinie.editorial_title_de == "Die ganze Stadtgesellschaft"
        assert leitlinie.editorial_source_label_de == "hannover.de, Seite „Das Papier“"

        # Both change the same field: the second save is refused, nothing is lost.
        open_page(anna, url)
        open_page(ben, url)
        anna.fill("#id_editorial_title_de", "Aufgabe aller")
        anna.click("input[name=_save]")
        ben.fill("#id_editorial_title_de", "Gemeinsame Aufgabe")
        ben.click("input[name=_save]")
        assert "Es wurde nichts gespeichert" in message(ben)
        error = ben.locator(".field-editorial_title_de .errorlist")
        assert "Aufgabe aller" in error.inner_text()
        assert ben.input_value("#id_editorial_title_de") == "Gemeinsame Aufgabe"
        leitlinie.refresh_from_db()
        assert leitlinie.editorial_title_de == "Aufgabe aller"
    finally:
        anna_context.close()
        ben_context.close()


def test_a_translator_is_offered_no_restore_and_a_restore_address_leads_back(site, page):
    staff_user("redakteurin", EDITORS)
    staff_user("uebersetzer", TRANSLATORS)
    leitlinie = Leitlinie.objects.get(number=4)
    sign_in(page, site, "redakteurin")
    save_editorial_title(page, site, leitlinie, "Lebendige Nachbarschaften in allen Bezirken")
    page.context.clear_cookies()

    sign_in(page, site, "uebersetzer")
    open_page(page, site + admin_url(leitlinie, "history", leitlinie.pk))
    assert page.get_by_role("link", name="Änderungen").count() == 1
    assert page.get_by_role("link", name="Diese Fassung wiederherstellen").count() == 0
    revision_url = page.get_by_role("link", name="Änderungen").get_attribute("href")
    open_page(page, site + revision_url.removesuffix("changes/"), status=403)
    page.get_by_role("link", name="Zurück zur Redaktion").click()
    assert page.url == f"{site}/admin/"


def test_a_translator_revises_the_arabic_wording_and_marks_it_reviewed(site, page, browser):
    staff_user("uebersetzer", TRANSLATORS)
    leitlinie = with_first_version(Leitlinie.objects.get(number=1))
    public = f"{site}/ar/leitlinien/1/"
    visitor = browser.new_context()
    try:
        shown = visitor.new_page()
        shown.goto(public)
        assert shown.locator("article .tr-notice-unreviewed").count() == 1
    finally:
        visitor.close()

    sign_in(page, site, "uebersetzer")
    open_page(page, site + admin_url(leitlinie, "change", leitlinie.pk))
    # The German text is there to read, rendered, not as an editable field or as markup.
    assert page.locator("#id_text_de").count() == 0
    page.locator("li[aria-controls=tab_id_text_ar]").click()
    source = page.locator(".field-text_ar .source-text")
    assert source.is_visible()
    assert "Deutscher Ausgangstext" in source.inner_text()
    assert "Hannover ist eine offene Stadt" in source.inner_text()
    assert "<p>" not in source.inner_text()
    editor = page.locator(".field-text_ar [contenteditable=true]")
    assert editor.evaluate("el => getComputedStyle(el).direction") == "rtl"
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" (مراجعة)")

    row = page.locator("tr", has_text="Arabisch").filter(has_text="Text der Stadt")
    row.locator("select").select_option("reviewed")
    page.click("input[name=_save]")
    assert "erfolgreich geändert" in message(page)
    leitlinie.refresh_from_db()
    assert leitlinie.text_ar.endswith("(مراجعة)</p>")
    assert "Hannover ist eine offene Stadt" in leitlinie.text_de

    later = browser.new_context()
    try:
        shown = later.new_page()
        shown.goto(public)
        assert "(مراجعة)" in shown.locator("article").inner_text()
        assert shown.locator("article .tr-notice").count() == 0
    finally:
        later.close()


def test_a_change_of_a_live_leitlinie_goes_out_once_a_second_person_releases_it(site, browser):
    """Redaktion saves a change of a published Leitlinie as a change draft, previews it in
    place and cannot release it; Freigabe compares and releases it; then it is public."""
    staff_user("autorin", EDITORS)
    staff_user("freigeber", RELEASERS)
    leitlinie = with_first_version(Leitlinie.objects.get(number=4))
    public = site + leitlinie.get_absolute_url()
    author_context, releaser_context = browser.new_context(), browser.new_context()
    try:
        author, releaser = author_context.new_page(), releaser_context.new_page()
        sign_in(author, site, "autorin")
        open_page(author, site + admin_url(leitlinie, "change", leitlinie.pk))
        author.fill("#id_editorial_title_de", "Neu im Entwurf")
        author.get_by_role("button", name="Als Änderungsentwurf speichern").click()
        assert "Als Änderungsentwurf gespeichert" in message(author)
        assert "Entwurf freigeben" not in author.inner_text("#content-main")
        visitor = browser.new_page()
        open_page(visitor, public)
        assert "Neu im Entwurf" not in visitor.inner_text("main")
        author.get_by_role(
            "link", name="Vorschau der öffentlichen Seite mit diesem Entwurf"
        ).click()
        assert "Neu im Entwurf" in author.inner_text("main")
        assert "Vorschau" in author.inner_text(".preview-banner")

        sign_in(releaser, site, "freigeber")
        open_page(releaser, site + admin_url(Aenderungsentwurf, "changelist"))
        releaser.locator("#result_list tbody a").first.click()
        assert "Neu im Entwurf" in releaser.inner_text(".diff-table")
        releaser.get_by_role("button", name="Entwurf freigeben").click()
        assert "Freigegeben" in message(releaser)
        # A new visitor (a browser that was here before may keep its copy for max-age).
        later = browser.new_context()
        open_page(later.new_page(), public)
        assert "Neu im Entwurf" in later.pages[0].inner_text("main")
        later.close()
    finally:
        author_context.close()
        releaser_context.close()
