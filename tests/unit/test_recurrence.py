"""Recurring drafts' rule (domain/recurrence.py): the sessions a recurrence yields on the site's calendar.

Europe/London in 2026: BST starts Sunday 2026-03-29 at 01:00 UTC and ends Sunday 2026-10-25 at 01:00 UTC,
so 09:00 local is 09:00Z in winter and 08:00Z in summer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from titan_training.domain.errors import InvalidInput
from titan_training.domain.recurrence import MAX_SERIES_SESSIONS, CreateRecurringDrafts, Recurrence, occurrences

LONDON = "Europe/London"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def rule(**parts: Any) -> Recurrence:
    return Recurrence.model_validate(parts)


def starts(start: datetime, end: datetime, recurrence: Recurrence, zone: str = LONDON) -> list[datetime]:
    return [o.start for o in occurrences(start, end, recurrence, zone)]


# --- Daylight saving: the local wall clock is kept ----------------------------------------------------------------


def test_weekly_sessions_across_the_spring_change_keep_0900_local():
    # Given a Thursday 09:00-12:00 GMT session in March, repeated weekly four times
    found = occurrences(utc(2026, 3, 19, 9), utc(2026, 3, 19, 12), rule(frequency="WEEKLY", count=4), LONDON)

    # Then the sessions after the last Sunday of March start at 08:00Z (09:00 BST) and end at 11:00Z
    assert [(o.start, o.end) for o in found] == [
        (utc(2026, 3, 19, 9), utc(2026, 3, 19, 12)),
        (utc(2026, 3, 26, 9), utc(2026, 3, 26, 12)),
        (utc(2026, 4, 2, 8), utc(2026, 4, 2, 11)),
        (utc(2026, 4, 9, 8), utc(2026, 4, 9, 11)),
    ]


def test_weekly_sessions_across_the_autumn_change_keep_0900_local():
    # Given a Monday 09:00 BST (08:00Z) session in October, repeated weekly until a day in November
    found = starts(utc(2026, 10, 19, 8), utc(2026, 10, 19, 10), rule(frequency="WEEKLY", until="2026-11-02"))

    # Then after the last Sunday of October they start at 09:00Z (09:00 GMT), the until day included
    assert found == [utc(2026, 10, 19, 8), utc(2026, 10, 26, 9), utc(2026, 11, 2, 9)]


def test_a_session_spanning_the_change_keeps_its_local_end_time():
    # Given Saturday 23:00-03:00 local, the night before the clocks go back, repeated daily twice
    found = occurrences(utc(2026, 10, 23, 22), utc(2026, 10, 24, 2), rule(frequency="DAILY", count=2), LONDON)

    # Then the second (Sat 24 23:00 BST to Sun 25 03:00 GMT) ends at 03:00 local: five real hours
    assert (found[1].start, found[1].end) == (utc(2026, 10, 24, 22), utc(2026, 10, 25, 3))


def test_the_same_rule_in_utc_keeps_utc_times():
    found = starts(utc(2026, 3, 19, 9), utc(2026, 3, 19, 12), rule(frequency="WEEKLY", count=3), "UTC")
    assert found == [utc(2026, 3, 19, 9), utc(2026, 3, 26, 9), utc(2026, 4, 2, 9)]


# --- Days: every N days, several weekdays, count and until ---------------------------------------------------------


def test_every_three_days_for_a_count():
    found = starts(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), rule(frequency="DAILY", interval=3, count=4))
    assert [moment.date() for moment in found] == [
        date(2027, 1, 4),
        date(2027, 1, 7),
        date(2027, 1, 10),
        date(2027, 1, 13),
    ]


def test_several_weekdays_every_other_week_until_a_day():
    # Given Monday 2027-01-04, MO/WE/FR every second week, until Friday 2027-01-22
    recurrence = rule(frequency="WEEKLY", interval=2, byWeekday=["MO", "WE", "FR"], until="2027-01-22")

    found = starts(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), recurrence)

    # Then the week of the 11th is skipped and the 22nd (the until day) is included
    assert [moment.day for moment in found] == [4, 6, 8, 18, 20, 22]


def test_until_is_a_site_calendar_day():
    # Given 00:30 BST on 2 July (23:30Z on 1 July), daily until 3 July
    found = starts(utc(2026, 7, 1, 23, 30), utc(2026, 7, 2, 0), rule(frequency="DAILY", until="2026-07-03"))

    # Then the sessions are on the local 2nd and 3rd, not on three UTC days
    assert found == [utc(2026, 7, 1, 23, 30), utc(2026, 7, 2, 23, 30)]


def test_the_first_session_must_fall_on_a_chosen_weekday():
    with pytest.raises(InvalidInput) as refused:
        occurrences(
            utc(2027, 1, 5, 9), utc(2027, 1, 5, 10), rule(frequency="WEEKLY", byWeekday=["MO"], count=2), LONDON
        )
    assert refused.value.problems[0].field == "recurrence.byWeekday"


# --- Limits ---------------------------------------------------------------------------------------------------------


def test_52_sessions_are_fine():
    found = starts(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), rule(frequency="WEEKLY", count=MAX_SERIES_SESSIONS))
    assert len(found) == 52


def test_a_count_of_53_is_refused_saying_the_limit():
    with pytest.raises(ValidationError, match="at most 52 sessions"):
        rule(frequency="WEEKLY", count=53)


def test_an_until_yielding_53_is_refused_not_cut_short():
    # Given daily sessions from 4 January until 24 February: 52 days, then one more day
    fits = starts(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), rule(frequency="DAILY", until="2027-02-24"))
    assert len(fits) == 52

    with pytest.raises(InvalidInput, match="at most 52 sessions"):
        occurrences(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), rule(frequency="DAILY", until="2027-02-25"), LONDON)


def test_an_until_before_the_first_session_yields_nothing_and_is_refused():
    with pytest.raises(InvalidInput, match="no session"):
        occurrences(utc(2027, 1, 4, 9), utc(2027, 1, 4, 10), rule(frequency="DAILY", until="2027-01-03"), LONDON)


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param({"frequency": "WEEKLY", "count": 2, "until": "2027-02-01"}, id="count-and-until"),
        pytest.param({"frequency": "WEEKLY"}, id="neither"),
        pytest.param({"frequency": "WEEKLY", "count": 0}, id="count-0"),
        pytest.param({"frequency": "WEEKLY", "count": 2, "interval": 0}, id="interval-0"),
        pytest.param({"frequency": "DAILY", "count": 2, "byWeekday": ["MO"]}, id="weekdays-with-daily"),
        pytest.param({"frequency": "WEEKLY", "count": 2, "byWeekday": ["XX"]}, id="unknown-weekday"),
        pytest.param({"frequency": "MONTHLY", "count": 2}, id="monthly"),
        pytest.param({"frequency": "WEEKLY", "count": "2"}, id="count-as-text"),
    ],
)
def test_malformed_recurrences_are_refused(parts):
    with pytest.raises(ValidationError):
        rule(**parts)


def test_the_first_session_must_end_after_it_starts():
    with pytest.raises(ValidationError, match="End time must be after start time"):
        CreateRecurringDrafts.model_validate(
            {
                "courseId": "cmx3ov74fwp1mpv6ilvv3fkfx",
                "startTime": "2027-01-04T10:00:00Z",
                "endTime": "2027-01-04T09:00:00Z",
                "recurrence": {"frequency": "DAILY", "count": 2},
            }
        )
