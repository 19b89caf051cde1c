"""Dates as precise as the strategy paper is: a year (“2022”), a month (“September 2022”)
or a day (“17.05.2021”).

A date is stored as a ``DateField`` beside its precision: a year or month as its first day
(or, for the end of a period, its last day), so that sorting and the database's rule
“the end is not before the start” keep working. Pages and the calendar file show a date
only as precisely as it is known.
"""

import calendar
import datetime
import re

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


# Staff type German (the admin speaks German), whatever language a page is in.
MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jänner", "jan"),
            ("februar", "feb"),
            ("märz", "maerz", "mär", "mrz"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("dezember", "dez"),
        ),
        start=1,
    )
    for name in names
}

_YEAR = r"(?P<year>\d{4})"
_MONTH_NAME = r"(?P<name>[^\W\d_]+)\.?"
PATTERNS = (
    (Precision.YEAR, re.compile(rf"{_YEAR}")),
    (Precision.MONTH, re.compile(rf"(?P<month>\d{{1,2}})\s*[./]\s*{_YEAR}")),
    (Precision.MONTH, re.compile(rf"{_MONTH_NAME}\s+{_YEAR}")),
    (Precision.MONTH, re.compile(rf"{_YEAR}-(?P<month>\d{{2}})")),  # as ``iso`` writes it
    (Precision.DAY, re.compile(rf"(?P<day>\d{{1,2}})\.\s*(?P<month>\d{{1,2}})\.\s*{_YEAR}")),
    (Precision.DAY, re.compile(rf"(?P<day>\d{{1,2}})\.\s*{_MONTH_NAME}\s+{_YEAR}")),
    (Precision.DAY, re.compile(rf"{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})")),
)


class PreciseDate(datetime.date):
    """A date that knows how precisely it is known (a ``date`` for everything else)."""

    precision = Precision.DAY

    @classmethod
    def of(cls, value: datetime.date | None, precision: str) -> "PreciseDate | None":
        if value is None:
            return None
        date = cls(value.year, value.month, value.day)
        date.precision = Precision(precision or Precision.DAY)
        return date


def period(value: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day that ``value`` at ``precision`` stands for."""
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1), value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    return value, value


def parse(text: str, end: bool = False) -> PreciseDate:
    """``text`` as staff type it; a year or month stands for its first day (its last day
    for the ``end`` of a period). Raises ValueError for anything else."""
    text = " ".join(text.split())
    for precision, pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if parts.get("name"):
            month = MONTHS.get(parts["name"].lower())
            if month is None:
                raise ValueError(text)
        else:
            month = int(parts.get("month") or 1)
        day = int(parts.get("day") or 1)
        value = datetime.date(year, month, day)  # ValueError for 31.02. or month 13
        first, last = period(value, precision)
        return PreciseDate.of(last if end else first, precision)
    raise ValueError(text)


def shown(value: datetime.date | None, precision: str) -> str:
    """The date as readers see it, in their language: “2022”, “September 2022”, “17. Mai
    2021”."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def typed(value: datetime.date | None, precision: str) -> str:
    """The date as staff type it: “2022”, “September 2022”, “17.05.2021”."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year}"
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{value.day:02}.{value.month:02}.{value.year}"


def iso(value: datetime.date | None, precision: str) -> str:
    """For ``<time datetime>``: “2022”, “2022-09”, “2021-05-17”."""
    if value is None:
        return ""
    return value.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7}.get(precision, 10)]


class PreciseDateField(forms.CharField):
    """A date typed as a year, a month or a day; cleans to a ``PreciseDate``."""

    default_error_messages = {
        "invalid": _(
            "Please enter the date as a year, a month or a day, e.g. 2022, September 2022 "
            "(or 09.2022) or 17.05.2021."
        ),
    }

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return typed(value, getattr(value, "precision", Precision.DAY))
        return value

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse(value, end=self.end)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def has_changed(self, initial, data):
        try:
            typed_now = self.prepare_value(self.to_python(data))
        except forms.ValidationError:
            return True
        return (self.prepare_value(initial) or "") != (typed_now or "")


def precision_field(label) -> models.CharField:
    """The ``<date>_precision`` column beside a date typed as a year, a month or a day."""
    return models.CharField(
        label, max_length=5, choices=Precision.choices, default=Precision.DAY, editable=False
    )


class PreciseDates:
    """For a model with dates typed as a year, a month or a day: ``DATES`` names them, each
    with its ``<name>_precision``; ``END_DATES`` those that end a period (a month then
    stands for its last day)."""

    DATES: tuple[str, ...] = ()
    END_DATES: tuple[str, ...] = ()

    def precise(self, name: str) -> PreciseDate | None:
        return PreciseDate.of(getattr(self, name), getattr(self, f"{name}_precision"))

    def date_shown(self, name: str) -> str:
        return shown(getattr(self, name), getattr(self, f"{name}_precision"))

    def date_iso(self, name: str) -> str:
        return iso(getattr(self, name), getattr(self, f"{name}_precision"))

    @classmethod
    def history_value(cls, field, value, values: dict) -> str | None:
        """A date in the history's “Änderungen”: as precisely as it was known then."""
        if field.name in cls.DATES:
            return shown(value, values.get(f"{field.name}_precision") or Precision.DAY)
        return None


class PreciseDatesForm(forms.ModelForm):
    """A model form whose dates (``model.DATES``) are typed as “2022”, “September 2022” or
    “17.05.2021”; the precision is saved in ``<name>_precision``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in model.DATES:
            if name not in self.fields:
                continue
            model_field = model._meta.get_field(name)
            self.fields[name] = PreciseDateField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                required=not model_field.blank,
                end=name in model.END_DATES,
            )
            if self.instance.pk:  # shown as precisely as it was typed (“September 2022”)
                self.initial[name] = self.instance.precise(name)

    def clean(self):
        cleaned = super().clean()
        for name in self._meta.model.DATES:
            value = cleaned.get(name)
            # (A value taken over from another editor's save keeps its stored precision.)
            if isinstance(value, PreciseDate):
                setattr(self.instance, f"{name}_precision", value.precision)
        return cleaned


def date_column(name: str, description, *, ordering: bool = True):
    """A column of an admin list or inline: the date ``name`` as precisely as it is known
    (“2024”, “März 2024”), or “–” where it is not known."""

    def column(_admin, obj) -> str:
        return obj.date_shown(name) or "–"

    column.short_description = description
    if ordering:
        column.admin_order_field = name
    return column
