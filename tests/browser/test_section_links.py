"""“Link zu diesem Abschnitt”: a real link without JavaScript; with JavaScript it also copies
the address and tells screen readers so."""

import pytest

from tests.support import open_page

pytestmark = pytest.mark.browser


def test_section_link_copies_the_address_and_announces_it(site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_page(page, f"{site}/de/leitlinien/")
        link = page.locator("#leitlinie-3 a.section-link")
        assert link.inner_text() == "Link zu diesem Abschnitt"
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('copy-status').textContent !== ''")
        address = f"{site}/de/leitlinien/#leitlinie-3"
        assert page.evaluate("() => navigator.clipboard.readText()") == address
        status = page.locator("#copy-status")
        assert status.get_attribute("role") == "status"
        assert status.inner_text() == f"Adresse kopiert: {address}"
        assert page.url == address  # and it still works as an ordinary link
    finally:
        context.close()


def test_section_link_is_a_plain_link_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        open_page(page, f"{site}/de/phase-2/")
        page.locator("#aktionswoche a.section-link").click()
        assert page.url == f"{site}/de/phase-2/#aktionswoche"
    finally:
        context.close()
