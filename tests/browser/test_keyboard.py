"""Keyboard only (Tab and Enter, no clicks): skip link, language switcher, order, focus, no trap."""

import pytest
from django.utils.translation import get_language_info

from tests.support import (
    open_checked_page,
    open_page,
    page_types,
)

pytestmark = pytest.mark.browser

# Every element Tab should reach, in DOM order, as "tag#id.class 'text'"-like descriptions;
# each one is marked with data-tab-index. Also records how each looks without focus.
TABBABLE = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex], ' +
    'video[controls], audio[controls]';
  const tabbable = [...document.querySelectorAll(selector)].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && el.type !== "hidden" && el.checkVisibility());
  tabbable.forEach((el, i) => { el.dataset.tabIndex = i; });
  window.unfocusedLooks = tabbable.map((el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
  });
  const text = (el) => el.textContent.trim().slice(0, 40);
  return tabbable.map((el) => `${el.tagName.toLowerCase()} "${text(el)}"`);
}"""

# The focused element: its index among the tabbable ones (or its tag name) and whether
# its focus indicator is visible: an outline or box shadow that it does not have unfocused.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || !el.dataset.tabIndex) {
    return {index: null, tag: el ? el.tagName.toLowerCase() : null};
  }
  const s = getComputedStyle(el);
  const look = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    index: Number(el.dataset.tabIndex),
    tag: el.tagName.toLowerCase(),
    indicator: (outline || shadow) && look !== window.unfocusedLooks[el.dataset.tabIndex],
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def tab_through(page) -> tuple[list[str], list[dict]]:
    """Press Tab from the top of the page until focus leaves the page or starts again at the
    top; the tabbable elements and every stop of the focus on the way."""
    elements = page.evaluate(TABBABLE)
    # Chromium's own controls of a video or audio element (play, time, volume, …) take
    # several Tab presses; they count as one stop, on the element.
    media = {i for i, element in enumerate(elements) if element.startswith(("video", "audio"))}
    stops = []
    for _press in range(len(elements) + 2 + 10 * len(media)):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if stops and focused["index"] in media and stops[-1]["index"] == focused["index"]:
            continue
        stops.append(focused)
        if focused["index"] is None or (len(stops) > 1 and focused["index"] == 0):
            break
    return elements, stops


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(site, page):
    open_page(page, f"{site}/de/leitlinien/1/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main"
    assert skip.is_visible()
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().top") >= 0

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    # The next Tab continues inside the main content, past header and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


@pytest.mark.parametrize(("start", "target"), [("de", "ar"), ("ar", "de")])
def test_language_switcher_works_with_tab_and_enter(site, page, start, target):
    open_page(page, f"{site}/{start}/phase-2/")
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hreflang") == target:
            break
    focused = page.locator(":focus")
    assert focused.get_attribute("hreflang") == target, "language link not reached by Tab"
    assert focused.inner_text().strip() == get_language_info(target)["name_local"]  # العربيّة
    assert focused.evaluate("el => el.closest('nav').getAttribute('aria-label')")

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site}/{target}/phase-2/"
    assert page.evaluate("() => document.documentElement.lang") == target


def test_every_link_of_the_phase_2_timeline_is_reached_by_tab_in_dom_order(site, page):
    open_page(page, f"{site}/de/phase-2/")
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].filter((a) => a.checkVisibility()).length"
    )
    elements, stops = tab_through(page)
    reached = [stop["index"] for stop in stops[:-1]]
    assert reached == list(range(len(elements)))
    assert len(elements) >= links > 20


@pytest.mark.parametrize("language", ["de", "ar"])
def test_tab_walks_every_page_in_order_with_visible_focus_and_no_trap(
    site, page, sign_language_video, language
):
    problems = []
    for checked in page_types(language):
        url = str(checked)
        open_checked_page(page, site, checked)
        elements, stops = tab_through(page)
        *walk, end = stops
        reached = [stop["index"] for stop in walk]
        if reached != list(range(len(elements))):
            missing = [elements[i] for i in range(len(elements)) if i not in reached]
            problems.append(f"{url}: Tab order {reached}, not reached: {missing}")
        for stop in walk:
            if stop["index"] is not None and not stop["indicator"]:
                problems.append(f"{url}: no visible focus on {elements[stop['index']]}")
            if stop["index"] is not None and not stop["onScreen"]:
                problems.append(f"{url}: focused but off screen: {elements[stop['index']]}")
        # No trap: after the last element focus leaves the page (to the browser) or starts
        # again at the top; from outside, the next Tab comes back to the top.
        if end["index"] is None:
            page.keyboard.press("Tab")
            end = page.evaluate(FOCUSED)
        if end["index"] != 0:
            problems.append(f"{url}: after the last element, focus went to {end}, not the top")
    assert not problems, "\n".join(problems)
