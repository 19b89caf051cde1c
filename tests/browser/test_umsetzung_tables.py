"""The implementation pages with data: their wide tables scroll in their own focusable
region, the page itself reflows at 320 px, and axe finds no violation, left to right and
right to left (the real content has no measures or projects yet)."""

from decimal import Decimal

import pytest

from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from search.index import index_suspended
from tests.browser.test_reflow import OVERFLOW
from tests.support import axe_violations, describe_violations, open_page
from umsetzung.models import (
    Foerderaufruf,
    Foerderlinie,
    Foerderprojekt,
    Foerdertopf,
    Massnahme,
    Stadtbezirk,
    Status,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def records(site):
    statuses = list(Status.objects.published())
    fields = list(Handlungsfeld.objects.published())
    leitlinien = list(Leitlinie.objects.published())
    districts = list(Stadtbezirk.objects.published())
    with index_suspended():  # the measures' own pages come with the list of measures
        measures = []
        for i in range(12):
            measure = Massnahme.objects.create(
                key=f"massnahme-{i}",
                title=f"Interkulturelle Öffnung der Stadtteilarbeit {i}",
                status=statuses[i % len(statuses)],
                handlungsfeld=fields[i % len(fields)],
                published=True,
            )
            measure.leitlinien.set([leitlinien[i % 7], leitlinien[(i * 3) % 7]])
            measures.append(measure)
    lines = [
        Foerderlinie.objects.create(key=key, name=name, published=True, position=n)
        for n, (key, name) in enumerate((("gross", "Großprojekte"), ("klein", "Kleinprojekte")))
    ]
    for year in (2023, 2024, 2025):
        for line in lines:
            Foerdertopf.objects.create(
                key=f"{line.key}-{year}", line=line, year=year, amount=65000, published=True
            )
    Foerderaufruf.objects.create(
        key="aufruf", line=lines[0], measure=measures[0], title="Aufruf 2023", published=True
    )
    for i in range(10):
        Foerderprojekt.objects.create(
            key=f"projekt-{i}",
            title=f"Nachbarschaftsprojekt Sprachcafé {i}",
            organisation="Kulturverein Kirchrode-Bemerode-Wülferode e. V.",
            line=lines[i % 2],
            measure=measures[i],
            district=districts[i],
            year=2023 + i % 3,
            amount=None if i == 3 else Decimal(1234567 + i),
            published=True,
        )
    return site


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pages_with_data_reflow_and_pass_axe(records, page, language):
    problems, failures = [], []
    for path in ("umsetzung/", "umsetzung/foerderprogramm/", "umsetzung/matrix/"):
        url = f"{records}/{language}/{path}"
        page.set_viewport_size({"width": 320, "height": 640})
        open_page(page, url)
        assert page.locator(".table-scroll").count() >= 1, url
        problems += [f"{url}: {problem}" for problem in page.evaluate(OVERFLOW)]
        page.set_viewport_size({"width": 1280, "height": 800})
        if violations := axe_violations(page):
            failures.append(describe_violations(url, violations))
    assert not problems, "\n".join(problems)
    assert not failures, "\n".join(failures)
