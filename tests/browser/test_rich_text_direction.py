"""Links in right-to-left text read correctly, and the rich-text editor writes Arabic right
to left."""

import os
from pathlib import Path

import pytest

from leitlinien.models import Leitlinie
from tests.sign_in import sign_in_to_admin
from tests.support import open_page

pytestmark = pytest.mark.browser

ADDRESS = "https://www.hannover.de/wir2.0/"
ARABIC = f'<p>لمزيد من المعلومات انظر <a href="{ADDRESS}">{ADDRESS}</a> في موقع المدينة.</p>'

# Where the first and the last character of an element's text are drawn (left edges).
CHARACTER_EDGES = """(element) => {
  const text = element.firstChild;
  const edge = (i) => {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  };
  return [edge(0), edge(text.length - 1)];
}"""


def test_a_web_address_in_arabic_text_reads_left_to_right(site, page):
    leitlinie = Leitlinie.objects.get(number=1)
    leitlinie.text_ar = ARABIC
    leitlinie.save()
    open_page(page, f"{site}/ar/leitlinien/1/")
    link = page.locator(f'blockquote a[href="{ADDRESS}"]')
    assert link.inner_text() == ADDRESS
    assert link.evaluate("(a) => getComputedStyle(a).unicodeBidi") == "plaintext"
    first, last = link.evaluate(CHARACTER_EDGES)
    assert first < last  # "h" on the left, the closing "/" on the right: not "/https://…"
    # The link sits inside the Arabic sentence, which still runs right to left.
    sentence = page.locator("blockquote p")
    assert sentence.evaluate("(p) => getComputedStyle(p).direction") == "rtl"
    if shots := os.environ.get("WSH_SCREENSHOTS"):
        sentence.screenshot(path=str(Path(shots) / "arabic-link.png"))


def test_the_editor_writes_arabic_right_to_left(site, page, django_user_model):
    sign_in_to_admin(page, site, django_user_model)
    leitlinie = Leitlinie.objects.get(number=1)
    open_page(page, f"{site}/admin/leitlinien/leitlinie/{leitlinie.pk}/change/")
    page.locator(".ui-tabs-nav a", has_text="ar").first.click()
    arabic = page.locator(".prose-editor:has(#id_text_ar) .ProseMirror[contenteditable=true]")
    arabic.wait_for()
    assert arabic.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    german = page.locator(".prose-editor:has(#id_text_de) .ProseMirror[contenteditable=true]")
    assert german.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    if shots := os.environ.get("WSH_SCREENSHOTS"):
        page.screenshot(path=str(Path(shots) / "admin-arabic.png"), full_page=True)
