"""Reflow (WCAG 1.4.10) and text resize (1.4.4): no horizontal scrolling, nothing cut off
(except inside the scroll region of a wide data table, which 1.4.10 allows)."""

import pytest

from tests.support import (
    LANGUAGES,
    open_checked_page,
    pages,
)

pytestmark = pytest.mark.browser

# What sticks out of the viewport or is clipped inside a box, as "selector: what".
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page: scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
  }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    const outside = box.left < -1 || box.right > width + 1;
    const overflowing = el.scrollWidth > el.clientWidth + 1;
    if (!outside && !overflowing) continue;
    // A wide data table in its own focusable scroll region (WCAG 1.4.10 allows it): the
    // region must fit (it is checked itself); what is inside it may scroll.
    const region = el.parentElement && el.parentElement.closest('[role="region"][tabindex="0"]');
    if (region && ["auto", "scroll"].includes(getComputedStyle(region).overflowX)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || !box.width || !box.height || box.bottom < 0) continue;
    if (outside) {  // (box.bottom < 0: the skip link, parked above the page until focused)
      problems.push(`${name(el)}: from ${Math.round(box.left)} to ${Math.round(box.right)}`);
    }
    if (overflowing && ["hidden", "clip"].includes(style.overflowX)) {
      problems.push(`${name(el)}: ${el.scrollWidth - el.clientWidth}px cut off`);
    }
  }
  return problems.slice(0, 10);
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_reflow_at_320_px_and_at_200_percent_text(site, page, sign_language_video, language):
    problems = []
    for checked in pages(language):
        url = str(checked)
        page.set_viewport_size({"width": 320, "height": 640})
        open_checked_page(page, site, checked)
        problems += [f"{url} at 320 px: {problem}" for problem in page.evaluate(OVERFLOW)]

        # Text zoom 200 %: the root font size doubled, on a 640 px wide window.
        page.set_viewport_size({"width": 640, "height": 800})
        page.evaluate("() => document.documentElement.style.setProperty('font-size', '200%')")
        problems += [f"{url} at 200 % text: {problem}" for problem in page.evaluate(OVERFLOW)]
    assert not problems, "\n".join(problems)
