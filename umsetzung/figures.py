"""The figures of the implementation, computed from the data, never typed in: how many
measures have each status, and how much money the funded projects got, per year, per
Handlungsfeld (through the project's measure), per Stadtbezirk and per funding line.

Each figure is one aggregating query, whatever the amount of data. Projects without a
known amount are not counted in any sum; the figures say how many there are, so that a
page can say so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import Status

#: The bucket of the projects that no source assigns to a year, a line, a district or a
#: Handlungsfeld: pages call it “ohne Angabe”.
UNSTATED = None


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


def measures_per_status(statuses, measures) -> list[StatusCount]:
    """Every status of ``statuses`` in its order, with how many of ``measures`` have it
    (also 0). One query."""
    counted = statuses.annotate(
        measure_count=Count("massnahmen", filter=Q(massnahmen__in=measures.values("pk")))
    )
    return [StatusCount(status, status.measure_count) for status in counted]


@dataclass(frozen=True)
class Share:
    """The money of one bucket: ``key`` is a year, or the id of a line, a district or a
    Handlungsfeld; ``UNSTATED`` where no source states it."""

    key: int | None
    total: Decimal
    projects: int


@dataclass
class FundingTotals:
    overall: Decimal = Decimal(0)
    counted: int = 0  # projects with a known amount: the sums count them
    without_amount: int = 0  # projects without a known amount: in no sum
    per_year: list[Share] = field(default_factory=list)
    per_line: list[Share] = field(default_factory=list)
    per_district: list[Share] = field(default_factory=list)
    per_field: list[Share] = field(default_factory=list)


# The buckets: the grouping column, and the columns that give its order (unstated last).
BUCKETS = {
    "per_year": ("year", ("year",)),
    "per_line": ("line", ("line__position", "line__key")),
    "per_district": ("district", ("district__number",)),
    "per_field": (
        "measure__handlungsfeld",
        ("measure__handlungsfeld__position", "measure__handlungsfeld__number"),
    ),
}


def funding_totals(projects) -> FundingTotals:
    """The money of ``projects`` with a known amount, overall and per bucket, and how many
    have no known amount. One query: the database sums per combination of year, line,
    district and Handlungsfeld; the buckets add those few rows up."""
    columns = [column for name, (key, order) in BUCKETS.items() for column in (key, *order)]
    rows = (
        projects.order_by()
        .values(*columns)
        .annotate(
            total=Sum("amount"),
            counted=Count("pk", filter=Q(amount__isnull=False)),
            without_amount=Count("pk", filter=Q(amount__isnull=True)),
        )
    )
    totals = FundingTotals()
    buckets = {name: {} for name in BUCKETS}
    for row in rows:
        totals.without_amount += row["without_amount"]
        if not row["counted"]:
            continue
        totals.overall += row["total"]
        totals.counted += row["counted"]
        for name, (key, order) in BUCKETS.items():
            sort = (row[key] is UNSTATED, *(row[column] or 0 for column in order), row[key] or 0)
            entry = buckets[name].setdefault(row[key], [sort, Decimal(0), 0])
            entry[1] += row["total"]
            entry[2] += row["counted"]
    for name, found in buckets.items():
        ordered = sorted(found.items(), key=lambda item: item[1][0])
        setattr(totals, name, [Share(key, total, count) for key, (_s, total, count) in ordered])
    return totals
