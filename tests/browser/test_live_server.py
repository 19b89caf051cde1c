"""The live server behind the browser tests serves the real content, styled, in every test."""

import pytest

from leitlinien.models import Leitlinie, Strategiepapier
from tests.support import open_page

pytestmark = pytest.mark.browser


# Twice: the second run comes after the flush that ends the first (transactional_db).
@pytest.mark.parametrize("run", [1, 2])
def test_live_server_serves_the_loaded_content_with_its_stylesheet(site, page, run):
    assert Leitlinie.objects.published().count() == 7
    stylesheets = []
    page.on("response", lambda r: r.url.endswith(".css") and stylesheets.append(r.status))
    open_page(page, f"{site}/de/")
    # the German page shows the German title (the test thread may have another language active)
    assert Strategiepapier.objects.get().title_de in page.locator("body").inner_text()
    assert stylesheets == [200]
    # site.css sets the body margin to 0 (the browser's default is 8px)
    assert page.evaluate("() => getComputedStyle(document.body).marginTop") == "0px"
    open_page(page, f"{site}/ar/leitlinien/7/")
    assert page.locator("h1").count() == 1
