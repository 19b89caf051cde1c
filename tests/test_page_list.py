"""The pages every check walks (axe, the Nu checker, reflow, keyboard, structure, no cookie)
come from the URL configuration and the content: every public route yields its pages."""

import pytest

from tests.support import LANGUAGES, NOT_HTML, fetch, pages, public_routes, route_urls

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sign_language_video")]


def test_the_routes_are_read_from_the_url_configuration():
    routes = public_routes()
    # the ones with arguments are told apart from the ones without
    assert routes["leitlinien:detail"] and routes["handlungsfelder:detail"] and routes["page"]
    assert not routes["home"] and not routes["search"]
    assert "sitemap" not in routes and not any(name.startswith("admin:") for name in routes)
    assert set(NOT_HTML) <= set(routes)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_route_yields_a_page_to_check(language):
    """A new route must be covered: by a published object, by itself, or in support.py."""
    uncovered = [name for name, urls in route_urls(language).items() if not urls]
    assert not uncovered, f"public routes without a URL to check: {uncovered}"


def test_every_listed_page_answers_as_listed_and_is_html(client):
    found = pages("de")
    for page in found:
        response = fetch(client, page)
        assert response["Content-Type"].startswith("text/html"), page
    kinds = {page.kind for page in found}
    assert {"search", "search?q", "share?link", "sign_language", "leitlinien:detail"} <= kinds
    assert {"404", "400", "feedback-sent", "feedback-invalid", "feedback-429"} <= kinds
    # one page per published object of the routes with arguments
    assert sum(page.kind == "leitlinien:detail" for page in found) == 7


def test_the_routes_left_out_are_not_html(client):
    for name, content_type in NOT_HTML.items():
        for url in route_urls("de")[name]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith(content_type), url
