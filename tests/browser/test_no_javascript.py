"""With JavaScript switched off every kind of page works: content and navigation are there."""

import pytest

from tests.support import WITHOUT_NAVIGATION, open_checked_page, page_types

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_page_type_works_without_javascript(site, browser, sign_language_video, language):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for checked in page_types(language):
            url = str(checked)
            open_checked_page(page, site, checked)
            h1 = page.locator("h1")
            assert h1.count() == 1 and h1.is_visible(), url
            assert h1.inner_text().strip(), url
            if checked.kind in WITHOUT_NAVIGATION:
                assert page.locator('a[href$="/"]').count() >= 1, url  # the way back
                continue
            main_nav = page.locator("header nav a[href]")
            # the language switcher (8 languages) and the main navigation
            assert main_nav.count() >= 8 + 6, url
            assert page.locator("nav[aria-label] a[href]").first.is_visible(), url
            assert page.locator(f'a[hreflang="{"de" if language == "ar" else "ar"}"]').count() == 1
    finally:
        context.close()
