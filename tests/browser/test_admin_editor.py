"""The admin as staff use it in a browser: the rich-text editor speaks German (toolbar,
format menu, link dialog), and a version's changes read well on a phone."""

import pytest
import reversion

from handlungsfelder.models import Grundsatz
from leitlinien.models import Abschnitt
from tests.sign_in import sign_in_to_admin
from tests.support import open_page

pytestmark = pytest.mark.browser

# Each toolbar button of the first editor: [data-name or icon, title, aria-label].
TOOLBAR = """() => [...document.querySelector(".prose-menubar").querySelectorAll("button")]
  .filter((b) => !b.classList.contains("prose-menubar__option"))
  .map((b) => [b.dataset.name || b.textContent, b.title, b.getAttribute("aria-label")])"""


def test_the_editor_toolbar_and_link_dialog_are_german(site, page, django_user_model):
    sign_in_to_admin(page, site, django_user_model)
    section = Abschnitt.objects.exclude(text_de="").first()
    open_page(page, f"{site}/admin/leitlinien/abschnitt/{section.pk}/change/")
    page.locator(".prose-menubar button[data-name=bold][title=Fett]").first.wait_for()

    buttons = page.evaluate(TOOLBAR)
    named = {name: title for name, title, _label in buttons}
    assert named["bold"] == "Fett" and named["italic"] == "Kursiv"
    assert named["bulletList"] == "Aufzählung" and named["orderedList"] == "Nummerierte Liste"
    assert named["link"] == "Link" and named["history:undo"] == "Rückgängig"
    # Every button has a German name, for the eye (title) and for screen readers.
    for name, title, label in buttons:
        assert title and title == label, name
    english = {"bold", "italic", "unordered list", "ordered list", "insert link", "undo"}
    assert not english & {title for _name, title, _label in buttons}

    # The format menu says in words where the cursor is, and offers German entries.
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("Neuer Satz")
    selected = page.locator(".prose-menubar__selected").first
    assert selected.get_attribute("data-label") == "Absatz"
    assert selected.locator("button").get_attribute("aria-label") == "Absatzformat: Absatz"
    selected.click()
    picker = page.locator(".prose-menubar__picker:popover-open")
    assert picker.locator("button").all_inner_texts() == [
        "Überschrift 2",
        "Überschrift 3",
        "Absatz",
    ]
    picker.locator("button", has_text="Überschrift 2").click()
    assert selected.get_attribute("data-label") == "Überschrift 2"

    # The link dialog (text selected, then the link button).
    page.keyboard.press("Shift+Home")
    page.locator(".prose-menubar button[data-name=link]").first.click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    assert dialog.locator("h3").inner_text() == "Link bearbeiten"
    assert dialog.locator("label").all_inner_texts() == ["URL", "Titel"]
    assert dialog.locator("button").all_inner_texts() == ["Übernehmen", "Abbrechen"]
    dialog.locator("button", has_text="Abbrechen").click()
    assert dialog.count() == 0


def test_a_versions_changes_fit_a_phone(site, browser, django_user_model):
    principle = Grundsatz.objects.get(number=1)
    long_word = "Migrationsgesellschaftsteilhabestrategiefortschreibungsprozess"
    for text in (
        "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>",
        f"<p>Erster Absatz mit {long_word}.</p><ul><li>Ein Punkt</li></ul>",
    ):
        with reversion.create_revision():
            principle.description_de = text
            principle.save()
    version = reversion.models.Version.objects.get_for_object(principle).first()

    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        sign_in_to_admin(page, site, django_user_model)
        url = f"/admin/handlungsfelder/grundsatz/{principle.pk}/history/{version.pk}/changes/"
        open_page(page, site + url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375
        cell = page.locator(".diff-table td").first
        assert long_word in cell.inner_text()
        assert "<p>" not in cell.inner_text()
        assert cell.locator("ins").first.inner_text().startswith("eingefügt:")
        assert cell.locator("del").first.inner_text().startswith("gelöscht:")
        # The prefixes are for screen readers only.
        prefix = cell.locator("ins .visually-hidden").first.bounding_box()
        assert prefix["width"] <= 1
    finally:
        context.close()
