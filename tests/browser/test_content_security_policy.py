"""The strict Content-Security-Policy (no inline script or style, no eval) breaks nothing:
Chromium reports no violation and no script error on public pages and in the admin, and
the admin's scripts (language tabs, rich-text editor, filters) still work under it."""

import pytest

from beteiligung.models import Beteiligungsformat
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Abschnitt, Leitlinie
from tests.sign_in import sign_in_to_admin
from tests.support import open_page

pytestmark = pytest.mark.browser


# The rendered width of each toolbar button's icon text, in the icon font.
ICON_WIDTHS = """() => [...document.querySelectorAll("button.material-icons")].map((button) => {
  const probe = document.createElement("span");
  probe.className = "material-icons";
  probe.textContent = button.textContent;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return [button.textContent, width];
})"""


class Problems:
    """Collects what Chromium reports: CSP violations (console) and uncaught script errors."""

    def __init__(self, page):
        self.items = []
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"{page.url}: script error: {error}"))

    def _console(self, message):
        if message.type == "error" and (
            "Content Security Policy" in message.text or "Refused to" in message.text
        ):
            where = message.location.get("url") or self.page.url
            self.items.append(f"{where}: {message.text}")


def test_public_pages_run_without_policy_violations(site, page):
    problems = Problems(page)
    for url in ("/de/", "/ar/leitlinien/", "/de/phase-2/", "/de/suche/?q=Teilhabe"):
        response = open_page(page, site + url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe" not in policy
    assert problems.items == [], "\n".join(problems.items)


def test_admin_works_under_the_policy(site, page, django_user_model):
    problems = Problems(page)
    sign_in_to_admin(page, site, django_user_model)

    leitlinie = Leitlinie.objects.get(number=1)
    handlungsfeld = Handlungsfeld.objects.get(key="bildung")
    for path in (
        "/admin/",
        "/admin/leitlinien/leitlinie/",
        "/admin/leitlinien/leitlinie/?published__exact=1",
        "/admin/handlungsfelder/handlungsfeld/add/",
        f"/admin/handlungsfelder/handlungsfeld/{handlungsfeld.pk}/history/",
        "/admin/content/translationstate/",
    ):
        open_page(page, site + path)

    open_page(page, f"{site}/admin/leitlinien/leitlinie/{leitlinie.pk}/change/")
    # The language tabs (jQuery UI, served by us) switch under the policy.
    page.locator(".ui-tabs-nav a", has_text="ar").first.click()
    assert page.locator(
        ".prose-editor:has(#id_text_ar) .ProseMirror[contenteditable=true]"
    ).is_visible()
    assert not page.locator(
        ".prose-editor:has(#id_text_de) .ProseMirror[contenteditable=true]"
    ).is_visible()

    section = Abschnitt.objects.exclude(text_de="").first()
    open_page(page, f"{site}/admin/leitlinien/abschnitt/{section.pk}/change/")
    # The rich-text editor (django-prose-editor, an ES module with an import map) starts.
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for()
    # Its toolbar icons come from our 2 KB subset of the icon font: every button shows one
    # icon (a ligature, about 24 px wide), not its name spelled out (about 24 px a letter).
    page.wait_for_function("() => document.fonts.check('24px \"Material Icons\"')")
    widths = page.evaluate(ICON_WIDTHS)
    assert len(widths) >= 10
    assert [name for name, width in widths if width > 30] == []
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Ergänzt.")
    textarea = page.locator("textarea[data-django-prose-editor-default], textarea").first
    assert "Ergänzt." in textarea.input_value()

    # A form with inline rows (figures of a participation format): “add another” works.
    fmt = Beteiligungsformat.objects.first()
    open_page(page, f"{site}/admin/beteiligung/beteiligungsformat/{fmt.pk}/change/")
    rows = page.locator(".inline-group [class*=dynamic-]").count()
    page.locator(".add-row a").first.click()
    assert page.locator(".inline-group [class*=dynamic-]").count() == rows + 1
    assert problems.items == [], "\n".join(problems.items)


def test_password_reset_runs_without_policy_violations(site, page):
    problems = Problems(page)
    open_page(page, f"{site}/admin/login/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    page.fill("#id_email", "niemand@example.org")
    page.get_by_role("button", name="Mein Passwort zurücksetzen").click()
    page.wait_for_url("**/admin/password_reset/done/")
    assert "Wenn die Adresse zu einem Zugang zur Redaktion gehört" in page.inner_text("main")
    open_page(page, f"{site}/admin/reset/MQ/falsch/")
    assert "Neuen Link anfordern" in page.inner_text("main")
    assert problems.items == [], "\n".join(problems.items)
