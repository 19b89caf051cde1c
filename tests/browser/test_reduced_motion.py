"""With prefers-reduced-motion: reduce, motion is switched off on every kind of page.

The portal has no animation of its own today, so looking for motion alone would prove
nothing. Instead the test adds motion through the CSSOM (as a future stylesheet rule
would: transitions, an endless animation and smooth scrolling on every element and
pseudo-element) and checks that site.css's reduced-motion rule stops all of it; without
reduced motion the same motion is there (so the check sees it when it is not stopped).
"""

import pytest

from tests.support import open_checked_page, page_types

pytestmark = pytest.mark.browser

ADD_MOTION = """() => {
  const sheet = [...document.styleSheets].find((s) => s.href && s.href.includes("/site."));
  sheet.insertRule("@keyframes wsh-test-spin { to { transform: rotate(1turn); } }");
  sheet.insertRule("*, *::before, *::after { transition: color 2s 1s; " +
    "animation: wsh-test-spin 3s infinite; scroll-behavior: smooth; }", sheet.cssRules.length);
}"""

# Every element and pseudo-element with an animation or transition that takes time.
MOVING = """() => {
  const seconds = (value) => Math.max(...value.split(",").map((part) => parseFloat(part) || 0));
  const moving = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(el, pseudo);
      const time = seconds(s.animationDuration) + seconds(s.animationDelay) +
        seconds(s.transitionDuration) + seconds(s.transitionDelay);
      if (time > 0 || s.scrollBehavior === "smooth") {
        moving.push(`${el.tagName.toLowerCase()}${pseudo || ""}: ` +
          `animation ${s.animationName} ${s.animationDuration}, ` +
          `transition ${s.transitionProperty} ${s.transitionDuration}, scroll ${s.scrollBehavior}`);
      }
    }
  }
  return moving;
}"""


@pytest.mark.parametrize("language", ["de", "ar"])
def test_reduced_motion_stops_any_motion_on_every_kind_of_page(
    site, browser, sign_language_video, language
):
    problems = []
    for motion in ("reduce", "no-preference"):
        context = browser.new_context(reduced_motion=motion)
        try:
            page = context.new_page()
            for checked in page_types(language):
                open_checked_page(page, site, checked)
                page.evaluate(ADD_MOTION)
                moving = page.evaluate(MOVING)
                if motion == "reduce":
                    problems += [f"{checked}: {found}" for found in moving[:5]]
                elif len(moving) < 10:
                    problems.append(f"{checked}: the added motion did not take effect")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
