"""Days and weeks derived from instants on a Europe/London site: late evening, just after local
midnight, and across both clock changes (BST starts 2026-03-29 01:00 UTC, ends 2026-10-25 01:00 UTC).

Every day or week the system derives from an instant goes through one of these functions.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest

from titan_training.domain.clock import iso_week, site_day, site_today
from titan_training.domain.compliance import is_expired
from titan_training.domain.records import completion_day, expiry_day

LONDON = "Europe/London"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# (instant, the London day, the UTC day): late evening and just after local midnight, in winter,
# in summer, and on both sides of each clock change.
EDGES = [
    pytest.param(utc(2026, 1, 15, 23, 30), date(2026, 1, 15), date(2026, 1, 15), id="winter-late-evening-2330-gmt"),
    pytest.param(utc(2026, 1, 16, 0, 30), date(2026, 1, 16), date(2026, 1, 16), id="winter-after-midnight-0030-gmt"),
    pytest.param(utc(2026, 4, 30, 22, 30), date(2026, 4, 30), date(2026, 4, 30), id="summer-late-evening-2330-bst"),
    pytest.param(utc(2026, 4, 30, 23, 30), date(2026, 5, 1), date(2026, 4, 30), id="summer-after-midnight-0030-bst"),
    pytest.param(utc(2026, 3, 28, 23, 30), date(2026, 3, 28), date(2026, 3, 28), id="eve-of-spring-forward-2330-gmt"),
    pytest.param(utc(2026, 3, 29, 0, 30), date(2026, 3, 29), date(2026, 3, 29), id="spring-forward-night-0030-gmt"),
    pytest.param(utc(2026, 3, 29, 22, 59), date(2026, 3, 29), date(2026, 3, 29), id="spring-forward-day-2359-bst"),
    pytest.param(utc(2026, 3, 29, 23, 0), date(2026, 3, 30), date(2026, 3, 29), id="after-spring-forward-0000-bst"),
    pytest.param(utc(2026, 10, 24, 22, 30), date(2026, 10, 24), date(2026, 10, 24), id="eve-of-fall-back-2330-bst"),
    pytest.param(utc(2026, 10, 24, 23, 30), date(2026, 10, 25), date(2026, 10, 24), id="fall-back-night-0030-bst"),
    pytest.param(utc(2026, 10, 25, 1, 30), date(2026, 10, 25), date(2026, 10, 25), id="fall-back-repeated-0130-gmt"),
    pytest.param(utc(2026, 10, 25, 23, 30), date(2026, 10, 25), date(2026, 10, 25), id="after-fall-back-2330-gmt"),
]


@pytest.mark.parametrize(("moment", "london", "in_utc"), EDGES)
def test_the_day_of_an_instant_is_read_on_the_site_calendar(moment: datetime, london: date, in_utc: date) -> None:
    assert site_day(moment, LONDON) == london
    assert site_day(moment, "UTC") == in_utc
    assert site_today(LONDON, moment) == london
    assert completion_day(moment, LONDON) == london


@pytest.mark.parametrize(("moment", "london", "in_utc"), EDGES)
def test_the_iso_week_of_an_instant_is_the_week_of_its_site_day(moment: datetime, london: date, in_utc: date) -> None:
    year, week, _ = london.isocalendar()
    assert iso_week(moment, LONDON) == f"{year:04d}-W{week:02d}"


@pytest.mark.parametrize(
    ("moment", "london_week", "utc_week"),
    [
        pytest.param(utc(2026, 5, 31, 22, 30), "2026-W22", "2026-W22", id="sunday-2330-bst"),
        pytest.param(utc(2026, 5, 31, 23, 30), "2026-W23", "2026-W22", id="monday-0030-bst-is-sunday-in-utc"),
        pytest.param(utc(2026, 3, 29, 22, 30), "2026-W13", "2026-W13", id="spring-forward-sunday-2330-bst"),
        pytest.param(utc(2026, 3, 29, 23, 30), "2026-W14", "2026-W13", id="monday-after-spring-forward-0030-bst"),
        pytest.param(utc(2026, 10, 25, 23, 30), "2026-W43", "2026-W43", id="fall-back-sunday-2330-gmt"),
        pytest.param(utc(2026, 10, 26, 0, 30), "2026-W44", "2026-W44", id="monday-after-fall-back-0030-gmt"),
    ],
)
def test_a_week_turns_at_local_midnight_on_monday(moment: datetime, london_week: str, utc_week: str) -> None:
    assert iso_week(moment, LONDON) == london_week
    assert iso_week(moment, "UTC") == utc_week


@pytest.mark.parametrize(
    ("end", "months", "completed_on", "expires"),
    [
        # The two cases of the bug report: 6 months from 23:30 GMT, 1 month from 00:30 BST.
        pytest.param(utc(2026, 1, 15, 23, 30), 6, date(2026, 1, 15), date(2026, 7, 15), id="6-months-from-2330-gmt"),
        pytest.param(utc(2026, 4, 30, 23, 30), 1, date(2026, 5, 1), date(2026, 6, 1), id="1-month-from-0030-bst"),
        pytest.param(utc(2026, 3, 29, 0, 30), 12, date(2026, 3, 29), date(2027, 3, 29), id="spring-forward-night"),
        pytest.param(utc(2026, 10, 24, 23, 30), 12, date(2026, 10, 25), date(2027, 10, 25), id="fall-back-night"),
        pytest.param(utc(2026, 1, 30, 23, 30), 1, date(2026, 1, 30), date(2026, 2, 28), id="30-jan-to-end-of-feb"),
        pytest.param(utc(2026, 8, 30, 23, 30), 6, date(2026, 8, 31), date(2027, 2, 28), id="31-aug-bst-to-28-feb"),
        pytest.param(utc(2027, 1, 31, 12), 13, date(2027, 1, 31), date(2028, 2, 29), id="into-a-leap-february"),
        pytest.param(utc(2028, 2, 29, 12), 12, date(2028, 2, 29), date(2029, 2, 28), id="from-a-leap-day"),
        pytest.param(utc(2026, 5, 31, 23, 30), 120, date(2026, 6, 1), date(2036, 6, 1), id="ten-years"),
    ],
)
def test_expiry_is_the_completion_day_plus_calendar_months_clamped(
    end: datetime, months: int, completed_on: date, expires: date
) -> None:
    # When a session ending at `end` completes on a London site
    day = completion_day(end, LONDON)
    # Then the completion day is the local day, and expiry that day plus the months (clamped)
    assert day == completed_on
    assert expiry_day(day, months) == expires


@pytest.mark.parametrize("months", [None, 0])
def test_a_course_without_validity_gives_no_expiry(months: int | None) -> None:
    assert expiry_day(date(2026, 1, 31), months) is None


def test_month_ends_are_clamped_for_every_day_of_two_years() -> None:
    # Given every day of 2027 (not a leap year) and 2028 (a leap year)
    day = date(2027, 1, 1)
    while day < date(2029, 1, 1):
        # Then one month later is the same day of the next month, or that month's last day
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        last = calendar.monthrange(year, month)[1]
        assert expiry_day(day, 1) == date(year, month, min(day.day, last)), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("now", "expired"),
    [
        pytest.param(utc(2026, 7, 15, 22, 30), False, id="2330-bst-on-the-expiry-day"),
        pytest.param(utc(2026, 7, 15, 23, 30), True, id="0030-bst-the-day-after"),
    ],
)
def test_an_item_lapses_at_local_midnight(now: datetime, expired: bool) -> None:
    # Given an item valid through 2026-07-15 on a London site (in UTC it would still be the 15th)
    assert is_expired(date(2026, 7, 15), site_today(LONDON, now)) is expired
    assert is_expired(date(2026, 7, 15), site_today("UTC", now)) is False
