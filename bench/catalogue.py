"""A catalogue at the scale the issue names, for `make bench`: 1,000 measures, 3,000 progress
reports and 500 funded projects, with text in all 8 languages, districts, Leitlinien and
goals, so that the list of measures (with any filter) and a measure's page are measured
with a full database, not the few measures the sources name.

``python -m bench.catalogue`` (run by bench/run.py after ``load_strategy``, against the
bench's throwaway database). Every object it writes has a key starting with ``bench-``;
it is fictitious load, never content. Prints the seconds it took.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import random
import sys
import time

from scripts.project import PROJECT_MODULES

MEASURES, REPORTS, PROJECTS = 1000, 3000, 500
IMPORT_TARGET_SECONDS = 30
#: A measure the bench opens (its page) and a filter it applies (the list).
MEASURE_PATH = "/de/umsetzung/massnahmen/bench-0500/"
FILTERED_LIST_PATH = "/de/umsetzung/massnahmen/?handlungsfeld=bildung&status=in-umsetzung"
DISTRICT_LIST_PATH = "/ar/umsetzung/massnahmen/?bezirk=linden-limmer&jahr=2024"


def _texts(field: str, number: int, languages: list[str], words: int) -> dict[str, str]:
    body = " ".join(f"Lasttext{n}" for n in range(words))
    return {f"{field}_{code}": f"Lastmaßnahme {number} ({code}) {body}" for code in languages}


def build() -> float:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from content.models import TranslationState
    from handlungsfelder.models import Handlungsfeld
    from leitlinien.models import Leitlinie
    from umsetzung.models import (
        Foerderlinie,
        Foerderprojekt,
        Fortschrittsmeldung,
        Massnahme,
        Stadtbezirk,
        Status,
        Ziel,
    )

    started = time.monotonic()
    chance = random.Random(2022)  # noqa: S311 - the same fictitious catalogue in every run
    languages = [code for code, _name in settings.LANGUAGES]
    fields = list(Handlungsfeld.objects.all())
    guidelines = list(Leitlinie.objects.all())
    statuses = list(Status.objects.all())
    districts = list(Stadtbezirk.objects.all())
    lines = list(Foerderlinie.objects.all()) or [None]
    with transaction.atomic():
        goals = Ziel.objects.bulk_create(
            Ziel(
                key=f"bench-ziel-{n:03}",
                handlungsfeld=fields[n % len(fields)],
                published=True,
                **_texts("editorial_title", n, languages, 8),
            )
            for n in range(60)
        )
        measures = Massnahme.objects.bulk_create(
            Massnahme(
                key=f"bench-{n:04}",
                handlungsfeld=fields[n % len(fields)],
                status=statuses[n % len(statuses)],
                published=True,
                citywide=n % 10 == 0,
                responsible=f"Fachbereich {n % 12}",
                planned_start=datetime.date(2022 + n % 4, 1, 1),
                planned_start_precision="year",
                planned_end=datetime.date(2026 + n % 2, 12, 31),
                planned_end_precision="year",
                progress_from="typed" if n % 3 else "status",
                progress=(n * 7) % 101 if n % 3 else None,
                budget_approved=1000 * (n % 50),
                **_texts("title", n, languages, 3),
                **_texts("summary", n, languages, 20),
                **_texts("description", n, languages, 120),
            )
            for n in range(MEASURES)
        )
        through = Massnahme.districts.through
        through.objects.bulk_create(
            through(massnahme=m, stadtbezirk=d)
            for m in measures
            for d in chance.sample(districts, 2)
        )
        through = Massnahme.leitlinien.through
        through.objects.bulk_create(
            through(massnahme=m, leitlinie=g)
            for m in measures
            for g in chance.sample(guidelines, 2)
        )
        through = Massnahme.goals.through
        through.objects.bulk_create(
            through(massnahme=m, ziel=goals[n % len(goals)]) for n, m in enumerate(measures)
        )
        Fortschrittsmeldung.objects.bulk_create(
            Fortschrittsmeldung(
                key=f"bench-meldung-{n:04}",
                measure=measures[n % MEASURES],
                date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 1000),
                status=statuses[n % len(statuses)],
                progress=n % 101,
                published=True,
                **_texts("text", n, languages, 60),
            )
            for n in range(REPORTS)
        )
        Foerderprojekt.objects.bulk_create(
            Foerderprojekt(
                key=f"bench-projekt-{n:03}",
                title=f"Lastprojekt {n}",
                organisation=f"Lastverein {n % 40} e.V.",
                line=lines[n % len(lines)],
                measure=measures[(n * 3) % MEASURES],
                district=districts[n % len(districts)],
                year=2022 + n % 4,
                amount=500 + 37 * n,
                published=True,
            )
            for n in range(PROJECTS)
        )
        # Translations “not reviewed”, as loaded translations are: every page shows its notice.
        models = (Massnahme, Fortschrittsmeldung, Ziel)
        TranslationState.objects.bulk_create(
            TranslationState(
                content_type=ContentType.objects.get_for_model(model),
                object_id=pk,
                language=code,
                state=TranslationState.State.UNREVIEWED,
            )
            for model in models
            for pk in model.objects.filter(key__startswith="bench-").values_list("pk", flat=True)
            for code in languages
            if code != settings.SOURCE_LANGUAGE
        )
    from search.index import rebuild_index

    rebuild_index()
    return time.monotonic() - started


class _RolledBack(Exception):
    pass


def time_import() -> tuple[float, int]:
    """Seconds to import the 1,000 bench measures as a CSV file of new measures (their
    export with other keys), as staff would in the admin; rolled back afterwards."""
    from django.db import transaction

    from exchange.catalogue import export, import_file

    table = list(csv.reader(io.StringIO(export("csv").decode("utf-8-sig"))))
    header = table[0]
    # Descriptions in German only: with all eight the file passes the import's 5 MB limit.
    foreign = {i for i, name in enumerate(header) if name.startswith("description_")} - {
        header.index("description_de")
    }
    rows = [header] + [
        ["benchimport-" + row[0][len("bench-") :]]
        + ["" if i in foreign else cell for i, cell in enumerate(row) if i]
        for row in table[1:]
        if row[0].startswith("bench-")
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    started = time.monotonic()
    try:
        with transaction.atomic():
            result = import_file("bench.csv", buffer.getvalue().encode("utf-8"))
            seconds = time.monotonic() - started
            if result.problems:
                raise SystemExit(f"bench import refused: {result.problems[:3]}")
            raise _RolledBack
    except _RolledBack:
        pass
    return seconds, len(result.new)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", PROJECT_MODULES["settings"])
    import django

    django.setup()
    built = build()
    seconds, rows = time_import()
    verdict = "held" if seconds < IMPORT_TARGET_SECONDS else "missed"
    print(
        f"catalogue: {MEASURES:,} measures, {REPORTS:,} reports, {PROJECTS:,} projects built in "
        f"{built:.1f} s; import of a {rows:,}-row CSV file of new measures: {seconds:.1f} s "
        f"(target < {IMPORT_TARGET_SECONDS} s: {verdict})"
    )


if __name__ == "__main__":
    main()
    sys.exit(0)
