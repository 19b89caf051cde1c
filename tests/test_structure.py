"""Page structure of every page and page state (tests/support.py, ``pages``): one h1, no
skipped heading level, labelled navigation, <html lang dir>."""

from functools import cache
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.support import LANGUAGES, RTL_LANGUAGES, WITHOUT_NAVIGATION, Page, fetch, pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sign_language_video")]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Outline(HTMLParser):
    """The parts of a page the checks need: html lang/dir, headings, nav labels."""

    def __init__(self):
        super().__init__()
        self.html_attrs = {}
        self.headings = []  # (level, text)
        self.navs = []  # aria-label of each nav
        self._open = []  # open elements: (tag, hidden)
        self._heading = None

    def hidden(self) -> bool:
        return any(hidden for _tag, hidden in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if tag == "nav":
            self.navs.append(attrs.get("aria-label"))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and not self.hidden():
            self._heading = [int(tag[1]), ""]
            self.headings.append(self._heading)
        if tag not in VOID:
            self._open.append((tag, "hidden" in attrs))

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = None
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


@cache  # the content does not change during these tests: each page is fetched once
def outline(page: Page) -> Outline:
    response = fetch(Client(), page)
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_one_h1_and_no_skipped_heading_level(language):
    problems = []
    for page in pages(language):
        levels = [level for level, _text in outline(page).headings]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{page}: headings {levels}: exactly one h1 and it comes first")
        for before, level in zip(levels, levels[1:], strict=False):
            if level > before + 1:
                problems.append(f"{page}: h{level} follows h{before}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_element_names_language_and_direction(language):
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    for page in pages(language):
        attrs = outline(page).html_attrs
        assert (attrs.get("lang"), attrs.get("dir")) == (language, direction), page


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "de"])
def test_every_nav_is_labelled_in_the_page_language(language):
    german_pages = pages("de")
    for page, german_page in zip(pages(language), german_pages, strict=True):
        labels = outline(page).navs
        german = outline(german_page).navs
        assert labels or page.kind in WITHOUT_NAVIGATION, page
        assert all(label and label.strip() for label in labels), page
        assert len(labels) == len(german), page
        for label, german_label in zip(labels, german, strict=True):
            assert label != german_label, f"{page}: nav label {label!r} is the German one"
