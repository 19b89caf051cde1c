"""Milestone dates as precise as the paper is: staff type a year, a month or a day; pages
and the calendar file show a date only as precisely as it is known."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar
from reversion.models import Version

from beteiligung.models import Meilenstein
from content.dates import Precision, parse
from tests.support import admin_url, form_data, visible_text

pytestmark = pytest.mark.django_db

HINT = "z. B. 2022, September 2022 oder 17.05.2021"


def edit(client, milestone, **typed):
    url = admin_url(milestone, "change", milestone.pk)
    data = form_data(client.get(url))
    data.update(typed)
    return client.post(url, data)


@pytest.mark.parametrize(
    "typed, stored, precision",
    [
        ("2022", datetime.date(2022, 1, 1), Precision.YEAR),
        ("September 2022", datetime.date(2022, 9, 1), Precision.MONTH),
        ("09.2022", datetime.date(2022, 9, 1), Precision.MONTH),
        ("sept. 2022", datetime.date(2022, 9, 1), Precision.MONTH),
        ("17.05.2021", datetime.date(2021, 5, 17), Precision.DAY),
        ("17.5.2021", datetime.date(2021, 5, 17), Precision.DAY),
        ("17. Mai 2021", datetime.date(2021, 5, 17), Precision.DAY),
    ],
)
def test_staff_type_a_year_a_month_or_a_day(admin_client, typed, stored, precision):
    milestone = Meilenstein.objects.get(key="expertinnenentwurf")
    assert edit(admin_client, milestone, planned_start=typed).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.planned_start, milestone.planned_start_precision) == (stored, precision)
    # The form shows it again as precisely as it was typed.
    shown = form_data(admin_client.get(admin_url(milestone, "change", milestone.pk)))
    assert (
        shown["planned_start"]
        == {
            Precision.YEAR: "2022",
            Precision.MONTH: "September 2022",
            Precision.DAY: "17.05.2021",
        }[precision]
    )


def test_the_end_of_a_period_given_as_a_month_is_its_last_day(admin_client):
    milestone = Meilenstein.objects.get(key="aktionswoche")
    response = edit(admin_client, milestone, planned_start="Mai 2021", planned_end="Juni 2021")
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.planned_end == datetime.date(2021, 6, 30)
    assert milestone.period() == (datetime.date(2021, 5, 1), datetime.date(2021, 6, 30))


@pytest.mark.parametrize("typed", ["Sommer 2022", "31.02.2021", "13.2022", "22", "bald"])
def test_a_date_staff_cannot_mean_is_refused_politely(admin_client, typed):
    milestone = Meilenstein.objects.get(key="expertinnenentwurf")
    before = milestone.planned_start
    response = edit(admin_client, milestone, planned_start=typed)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["planned_start"]
    assert errors == [
        "Bitte geben Sie das Datum als Jahr, Monat oder Tag ein, z. B. 2022, September 2022 "
        "(oder 09.2022) oder 17.05.2021."
    ]
    milestone.refresh_from_db()
    assert milestone.planned_start == before


def test_every_date_field_gives_the_formats_as_a_hint(admin_client):
    milestone = Meilenstein.objects.first()
    body = admin_client.get(admin_url(milestone, "change", milestone.pk)).content.decode()
    assert body.count(HINT) == 3  # planned date, planned end, actual date


def test_a_milestone_that_took_place_in_a_month_says_so(admin_client, client):
    milestone = Meilenstein.objects.get(key="lenkungsgruppe-und-klausurtagung")
    response = edit(admin_client, milestone, status=Meilenstein.Status.DONE, actual_date="11.2021")
    assert response.status_code == 302
    body = client.get(reverse("beteiligung:timeline")).content.decode()
    assert '<time datetime="2021-11">November 2021</time>' in body
    assert "stattgefunden im November 2021" in visible_text(body)

    edit(admin_client, milestone, actual_date="2021")
    text = visible_text(client.get(reverse("beteiligung:timeline")).content.decode())
    assert "stattgefunden im Jahr 2021" in text


def test_the_rules_for_a_milestone_that_took_place_still_hold(admin_client):
    milestone = Meilenstein.objects.get(key="expertinnenentwurf")
    response = edit(admin_client, milestone, status=Meilenstein.Status.DONE, actual_date="")
    assert "braucht ihr tatsächliches Datum" in response.content.decode()
    next_year = str(datetime.date.today().year + 1)
    response = edit(admin_client, milestone, status=Meilenstein.Status.DONE, actual_date=next_year)
    assert "nicht in der Zukunft" in response.content.decode()


def test_the_calendar_spans_a_month_or_a_year_it_does_not_invent_a_day(admin_client, client):
    by_month = Meilenstein.objects.get(key="lenkungsgruppe-und-klausurtagung")
    by_year = Meilenstein.objects.get(key="verwaltungsentwurf")
    assert edit(admin_client, by_month, planned_start="September 2021").status_code == 302
    assert edit(admin_client, by_year, planned_start="2021").status_code == 302
    calendar = Calendar.from_ical(client.get(reverse("beteiligung:milestones_ics")).content)
    events = {
        str(event["uid"]).partition("@")[0]: (event.decoded("dtstart"), event.decoded("dtend"))
        for event in calendar.walk("VEVENT")
    }
    assert events[by_month.key] == (datetime.date(2021, 9, 1), datetime.date(2021, 10, 1))
    assert events[by_year.key] == (datetime.date(2021, 1, 1), datetime.date(2022, 1, 1))
    # A day stays a day, a period of days stays that period.
    assert events["aktionswoche"] == (datetime.date(2021, 5, 17), datetime.date(2021, 5, 24))


def test_the_history_shows_a_date_as_precisely_as_it_was_typed(admin_client):
    milestone = Meilenstein.objects.get(key="expertinnenentwurf")
    assert edit(admin_client, milestone, position="7").status_code == 302
    assert edit(admin_client, milestone, planned_start="Juli 2021").status_code == 302
    version = Version.objects.get_for_object(milestone).first()
    url = f"{admin_url(milestone, 'history', milestone.pk)}{version.pk}/changes/"
    text = visible_text(admin_client.get(url).content.decode())
    assert "Geplantes Datum" in text
    assert "gelöscht: 31. Juli 2021 eingefügt: Juli 2021" in text


def test_dates_saved_before_precision_existed_are_days():
    assert set(Meilenstein.objects.values_list("planned_start_precision", flat=True)) == {"day"}
    assert set(Meilenstein.objects.values_list("planned_end_precision", flat=True)) == {"day"}


def test_a_year_or_month_stands_for_its_first_day_and_as_an_end_for_its_last():
    assert parse("Februar 2024", end=True) == datetime.date(2024, 2, 29)
    assert parse("2022", end=True) == datetime.date(2022, 12, 31)
    assert parse("17.05.2021", end=True) == datetime.date(2021, 5, 17)
