"""The admin as staff see it: every list fits an office screen of 1280 px (no column cut
off or hidden behind a scroll bar, no button over the title), and the history of an entry
reads on a phone (375 px) without scrolling sideways."""

import pytest
import reversion
from django.conf import settings

from leitlinien.models import Leitlinie
from tests.sign_in import sign_in_to_admin
from tests.support import admin_url, open_page

pytestmark = pytest.mark.browser

LAYOUT = """() => {
  const results = document.querySelector('#changelist-form .results');
  const title = document.querySelector('#content h1');
  const tools = document.querySelector('.object-tools');
  let overlap = false;
  if (title && tools) {
    const a = title.getBoundingClientRect(), b = tools.getBoundingClientRect();
    overlap = !(b.bottom <= a.top || b.top >= a.bottom || b.right <= a.left || b.left >= a.right);
  }
  return {
    hiddenColumns: results ? results.scrollWidth - results.clientWidth : 0,
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    overlap,
  };
}"""


def test_every_list_fits_at_1280_px(site, page, django_user_model):
    sign_in_to_admin(page, site, django_user_model)
    lists = page.eval_on_selector_all(
        "#content-main a.changelink, #content-main a.viewlink",
        "links => links.map(link => link.getAttribute('href'))",
    )
    assert len(lists) > 15
    problems = []
    for href in lists:
        open_page(page, site + href)
        layout = page.evaluate(LAYOUT)
        if layout["hiddenColumns"] > 1 or layout["sideways"] > 0 or layout["overlap"]:
            problems.append(f"{href}: {layout}")
    assert problems == [], "\n".join(problems)


def test_the_history_reads_on_a_phone(site, browser, django_user_model):
    leitlinie = Leitlinie.objects.get(number=1)
    with reversion.create_revision():
        leitlinie.save()
        # As the content loader words its versions: a long list of file names.
        reversion.set_comment(
            "Inhalt geladen aus "
            + ", ".join(f"strategie.{code}.json" for code, _name in settings.LANGUAGES)
        )
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        sign_in_to_admin(page, site, django_user_model)
        open_page(page, site + admin_url(leitlinie, "history", leitlinie.pk))
        assert page.evaluate(LAYOUT)["sideways"] <= 0
        version = page.locator("#change-history tbody tr").first
        # Each value is introduced by its column title, which the phone layout shows.
        label = version.locator("td").nth(1)
        assert (
            page.evaluate("el => getComputedStyle(el, '::before').content", label.element_handle())
            == '"Aktion: "'
        )
        assert "strategie.uk.json" in version.inner_text()
        assert version.get_by_role("link", name="Änderungen").is_visible()
    finally:
        context.close()
