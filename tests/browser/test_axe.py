"""axe-core finds no WCAG 2.1 A/AA violation on any public page or page state in any language
(the pages come from the URL configuration and the content: tests/support.py, ``pages``)."""

import pytest

from tests.support import (
    LANGUAGES,
    axe_violations,
    describe_violations,
    open_checked_page,
    open_page,
    pages,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag_violation_on_any_page(site, page, sign_language_video, language):
    failures = []
    for checked in pages(language):
        open_checked_page(page, site, checked)
        violations = axe_violations(page)
        if violations:
            failures.append(describe_violations(str(checked), violations))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_axe_checks_the_contrast_of_cursive_text(site, page, language):
    """Low-contrast Arabic/Persian text is reported, every paragraph of it.

    Without the font cache pre-seeded in support.AXE_RUN, axe takes the cursive script for
    an icon font after a few nodes and checks the contrast of none of the rest.
    """
    open_page(page, f"{site}/{language}/")
    # Light grey on white (2.8:1), set through the CSSOM, as a strict CSP would allow.
    paragraphs = page.evaluate(
        """() => {
          const own = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
          const paragraphs = [...document.querySelectorAll("main p, main li")].filter(own);
          paragraphs.forEach((el, i) => {
            el.style.setProperty("color", "#999", "important");
            el.dataset.lowContrast = i;
          });
          return paragraphs.length;
        }"""
    )
    assert paragraphs > 10, "the start page should have plenty of running text"

    violations = axe_violations(page, rules=["color-contrast"])
    reported = set()
    for violation in violations:
        for node in violation["nodes"]:
            index = page.locator(" ".join(node["target"])).get_attribute("data-low-contrast")
            if index is not None:
                reported.add(int(index))
    assert reported == set(range(paragraphs))
