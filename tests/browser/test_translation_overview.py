"""The translation overview (“Übersetzungsstand”) on a phone: 375 px wide, the page itself
never scrolls sideways; the wide tables scroll inside their own box."""

import os
from pathlib import Path

import pytest

from tests.sign_in import sign_in_to_admin
from tests.support import open_page

pytestmark = pytest.mark.browser

# The scrolling boxes, and what sticks out of the window outside them.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll(".table-scroll")].map((box) => ({
    overflowX: getComputedStyle(box).overflowX,
    right: box.getBoundingClientRect().right,
    scrolls: box.scrollWidth > box.clientWidth,
    focusable: box.tabIndex === 0,
  }));
  const outside = [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width && box.height && box.bottom >= 0
      && (box.right > width + 1 || box.left < -1) && !el.closest(".table-scroll");
  }).map((el) => el.tagName.toLowerCase() + "." + el.className).slice(0, 10);
  return {width, page: document.documentElement.scrollWidth, boxes, outside};
}"""


def test_the_overview_fits_a_phone(site, page, django_user_model, tmp_path):
    sign_in_to_admin(page, site, django_user_model)
    page.set_viewport_size({"width": 375, "height": 800})
    open_page(page, f"{site}/admin/content/translationstate/")
    assert page.locator(".overview-table tbody tr").count() > 60
    layout = page.evaluate(LAYOUT)
    assert layout["page"] <= layout["width"]
    assert layout["outside"] == []
    assert len(layout["boxes"]) == 2
    for box in layout["boxes"]:
        assert box["overflowX"] == "auto" and box["focusable"]
        assert box["right"] <= layout["width"] + 1
    assert layout["boxes"][1]["scrolls"]  # the table of texts scrolls in its box
    # To look at it: OVERVIEW_SCREENSHOT=/tmp/overview.png pytest tests/browser/…
    shot = Path(os.environ.get("OVERVIEW_SCREENSHOT", tmp_path / "overview-375.png"))
    page.screenshot(path=str(shot), full_page=True)
