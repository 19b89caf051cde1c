"""Each public page runs a small number of SQL queries that does not grow with the content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beteiligung.models import Beteiligungsformat, Kennzahl, Meilenstein
from handlungsfelder.models import Grundsatz, Handlungsfeld, Priorisierung
from leitlinien.models import Begriff, FazitPunkt
from tests.support import pages, public_urls

pytestmark = pytest.mark.django_db

# German pages; other languages add one query for the translation states.
MAX_QUERIES_PER_PAGE = 7
# Once a process has read the site-wide lookups of the current content generation (the
# paper's title block and sections, the sign-language video, a language's translation
# states, principles, participation formats): a page needs at most 2.
MAX_QUERIES_PER_PAGE_AFTERWARDS = 2
# Pages that show several kinds of records read each kind with one query, whatever its size
# (tests/test_umsetzung_overview.py and test_umsetzung_measures.py count them): so more than
# a page of one kind. Once the site-wide lookups are read:
SEVERAL_KINDS = {
    "umsetzung:overview": 2,
    "umsetzung:funding": 4,
    "umsetzung:matrix": 1,
    # the count and the numbers of the page's measures; on the first list of a content
    # generation also the filter's five lists of choices, and the entries not yet kept: their
    # measures, districts and sub-measures (umsetzung/items.py; then kept)
    "umsetzung:measures": 8,
    # the measure, its reports, the projects, calls and parts it has and the measure it is
    # part of; on the first measure page of a content generation also which measures have
    # them, the goals, Leitlinien and districts every measure links to, and the statuses,
    # Handlungsfelder and council documents (umsetzung/links.py; then kept)
    "umsetzung:measure": 7,
    # a Leitlinie's and a Handlungsfeld's goals and measures; a district's measures, funded
    # projects and the count of citywide measures
    "leitlinien:detail": 2,
    "handlungsfelder:detail": 2,
    "umsetzung:district": 3,
}
# On a page's first visit in a content generation, beyond MAX_QUERIES_PER_PAGE: the start
# page's glance at the implementation (the measures per status) and the city's own files of
# the paper in the document library, the choices of the
# measures' filter (Handlungsfelder, Leitlinien, statuses, districts, offices) and the
# list's entries (then kept), the measure's page (which measures have projects, calls or
# parts, the goals, Leitlinien and districts each measure links to, the statuses,
# Handlungsfelder and council documents: umsetzung/links.py, then kept).
FIRST_VISIT = {"home": 2, "umsetzung:measures": 3, "umsetzung:measure": 5}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_more_content(n: int) -> None:
    for i in range(n):
        Begriff.objects.create(key=f"extra-begriff-{i}", term=f"Begriff {i}", published=True)
        FazitPunkt.objects.create(
            key=f"extra-fazit-{i}", text=f"Punkt {i}", published=True, position=100 + i
        )
        Priorisierung.objects.create(
            key=f"extra-prio-{i}", text=f"Priorität {i}", published=True, position=100 + i
        )
        Handlungsfeld.objects.create(
            key=f"extra-feld-{i}",
            kind="field",
            number=100 + i,
            title=f"Feld {i}",
            published=True,
            position=100 + i,
        )
        fmt = Beteiligungsformat.objects.create(
            key=f"extra-format-{i}", text=f"Format {i}", published=True, position=100 + i
        )
        Kennzahl.objects.create(
            key=f"extra-zahl-{i}", format=fmt, value=i, label="Treffen", published=True
        )
        Meilenstein.objects.create(
            key=f"extra-meilenstein-{i}",
            date_text=f"{i}.1.2030",
            planned_start=datetime.date(2030, 1, 1) + datetime.timedelta(days=i),
            text=f"Schritt {i}",
            published=True,
        )


@pytest.mark.parametrize(
    "language, budget", [("de", MAX_QUERIES_PER_PAGE), ("ar", MAX_QUERIES_PER_PAGE + 1)]
)
def test_every_page_stays_within_the_query_budget(
    client, django_assert_max_num_queries, language, budget
):
    kinds = {page.url: page.kind for page in pages(language)}
    for url in public_urls(language):
        with django_assert_max_num_queries(budget + FIRST_VISIT.get(kinds[url], 0)):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", ["de", "ar"])
def test_site_wide_lookups_are_not_read_again_for_every_page(
    client, django_assert_max_num_queries, language, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    urls = public_urls(language)
    kinds = {page.url: page.kind for page in pages(language)}
    client.get(urls[0])
    seen = set()
    for url in urls:
        # The first page of a kind also reads what every page of its kind shares (then kept).
        first = kinds[url] not in seen and kinds[url] != kinds[urls[0]]
        seen.add(kinds[url])
        extra = SEVERAL_KINDS.get(kinds[url], 0) + (FIRST_VISIT.get(kinds[url], 0) if first else 0)
        with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE_AFTERWARDS + extra):
            assert client.get(url).status_code == 200


def test_query_count_does_not_grow_with_the_content(client):
    urls = public_urls()
    before = {url: count_queries(client, url) for url in urls}
    add_more_content(15)
    Grundsatz.objects.update(description="Beschreibung")
    after = {url: count_queries(client, url) for url in urls}
    assert after == before


def test_glossary_terms_sort_by_the_visitors_language(client, settings):
    """Terms at the same position are sorted by their name in the page's language."""
    settings.PAGE_CACHE_SECONDS = 0
    for term_de, term_ar in (("Aaa-Begriff", "يقين"), ("Zzz-Begriff", "أمل")):
        Begriff.objects.create(
            key=term_de.lower(), term_de=term_de, term_ar=term_ar, published=True, position=999
        )

    def order(language, first, second):
        body = client.get(f"/{language}/begriffe/").content.decode()
        assert first in body and second in body
        return body.index(first) < body.index(second)

    assert order("de", "Aaa-Begriff", "Zzz-Begriff")
    assert order("ar", "أمل", "يقين")
    assert order("de", "Aaa-Begriff", "Zzz-Begriff")
