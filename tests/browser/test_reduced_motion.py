"""With prefers-reduced-motion: reduce, nothing on any page animates or transitions."""

import pytest

from tests.conftest import public_urls

from .support import open_page

pytestmark = pytest.mark.browser

# Every element and pseudo-element with an animation or transition that takes time.
MOVING = """() => {
  const seconds = (value) => Math.max(...value.split(",").map((part) => parseFloat(part) || 0));
  const moving = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after", "::marker"]) {
      const s = getComputedStyle(el, pseudo);
      const time = seconds(s.animationDuration) + seconds(s.animationDelay) +
        seconds(s.transitionDuration) + seconds(s.transitionDelay);
      if (time > 0) {
        moving.push(`${el.tagName.toLowerCase()}${pseudo || ""}.${el.className}: ` +
          `animation ${s.animationName} ${s.animationDuration}, ` +
          `transition ${s.transitionProperty} ${s.transitionDuration}`);
      }
    }
  }
  return moving.slice(0, 10);
}"""


@pytest.mark.parametrize("language", ["de", "ar"])
def test_nothing_moves_when_reduced_motion_is_asked_for(site, browser, language):
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        problems = []
        for url in public_urls(language):
            open_page(page, site + url)
            assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
            problems += [f"{url}: {moving}" for moving in page.evaluate(MOVING)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
