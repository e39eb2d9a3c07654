"""Pure domain rules: compliance expiry, availability overlaps, and time in the site's zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from titan_training.domain.availability import (
    MAX_SESSION_LENGTH,
    Booking,
    booking_window,
    clashes,
    overlaps,
)
from titan_training.domain.clock import (
    format_instant,
    iso_week,
    parse_instant,
    site_today,
    to_utc,
    week_bounds,
)
from titan_training.domain.compliance import ComplianceStatus, effective_status, is_expired

TODAY = date(2026, 3, 15)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- compliance --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expiry", "expired"),
    [
        pytest.param(TODAY, False, id="expires-today-still-valid"),
        pytest.param(TODAY + timedelta(days=1), False, id="expires-tomorrow"),
        pytest.param(TODAY - timedelta(days=1), True, id="expired-yesterday"),
        pytest.param(TODAY - timedelta(days=400), True, id="expired-long-ago"),
        pytest.param(None, False, id="no-expiry-never-expires"),
    ],
)
def test_is_expired_from_the_day_after_expiry(expiry: date | None, expired: bool) -> None:
    assert is_expired(expiry, TODAY) is expired


@pytest.mark.parametrize(
    ("recorded", "expiry", "expected"),
    [
        pytest.param(ComplianceStatus.COMPLIANT, TODAY, ComplianceStatus.COMPLIANT, id="compliant-expiring-today"),
        pytest.param(
            ComplianceStatus.COMPLIANT,
            TODAY - timedelta(days=1),
            ComplianceStatus.NON_COMPLIANT,
            id="compliant-expired-yesterday-reads-red",
        ),
        pytest.param(ComplianceStatus.COMPLIANT, None, ComplianceStatus.COMPLIANT, id="compliant-without-expiry"),
        pytest.param(
            ComplianceStatus.PENDING, TODAY - timedelta(days=1), ComplianceStatus.PENDING, id="pending-expired"
        ),
        pytest.param(ComplianceStatus.PENDING, None, ComplianceStatus.PENDING, id="pending-without-expiry"),
        pytest.param(
            ComplianceStatus.NON_COMPLIANT,
            TODAY - timedelta(days=1),
            ComplianceStatus.NON_COMPLIANT,
            id="non-compliant-expired",
        ),
        pytest.param(
            ComplianceStatus.NON_COMPLIANT,
            TODAY + timedelta(days=30),
            ComplianceStatus.NON_COMPLIANT,
            id="non-compliant-in-date",
        ),
    ],
)
def test_effective_status_turns_only_lapsed_compliant_items_red(
    recorded: ComplianceStatus, expiry: date | None, expected: ComplianceStatus
) -> None:
    assert effective_status(recorded, expiry, TODAY) is expected


# --- availability ------------------------------------------------------------------------------------------------

NINE, TEN, ELEVEN, NOON = utc(2026, 3, 16, 9), utc(2026, 3, 16, 10), utc(2026, 3, 16, 11), utc(2026, 3, 16, 12)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param((NINE, TEN), (TEN, ELEVEN), False, id="touching-end-then-start"),
        pytest.param((TEN, ELEVEN), (NINE, TEN), False, id="touching-start-then-end"),
        pytest.param((NINE, TEN), (ELEVEN, NOON), False, id="disjoint"),
        pytest.param((NINE, ELEVEN), (TEN, NOON), True, id="partial-overlap"),
        pytest.param((TEN, NOON), (NINE, ELEVEN), True, id="partial-overlap-reversed"),
        pytest.param((NINE, NOON), (TEN, ELEVEN), True, id="contains"),
        pytest.param((TEN, ELEVEN), (NINE, NOON), True, id="contained"),
        pytest.param((NINE, TEN), (NINE, TEN), True, id="identical"),
        pytest.param((NINE, ELEVEN), (NINE, TEN), True, id="same-start"),
        pytest.param((NINE, ELEVEN), (TEN, ELEVEN), True, id="same-end"),
        pytest.param(
            (TEN, ELEVEN),
            (TEN - timedelta(milliseconds=1), TEN + timedelta(milliseconds=1)),
            True,
            id="overlap-by-a-millisecond",
        ),
    ],
)
def test_overlaps_treats_sessions_as_half_open(
    first: tuple[datetime, datetime], second: tuple[datetime, datetime], expected: bool
) -> None:
    assert overlaps(*first, *second) is expected


def test_overlaps_compares_instants_not_wall_clocks() -> None:
    # Given 10:00-11:00 UTC and 13:00-14:00 in Dubai (09:00-10:00 UTC)
    dubai = ZoneInfo("Asia/Dubai")
    start, end = TEN, ELEVEN
    other_start = datetime(2026, 3, 16, 13, tzinfo=dubai)
    other_end = datetime(2026, 3, 16, 14, tzinfo=dubai)

    # When / Then they touch but do not overlap
    assert overlaps(start, end, other_start, other_end) is False
    assert overlaps(start, end, other_start, other_end + timedelta(minutes=1)) is True


def _booking(session_id: str, start: datetime, end: datetime) -> Booking:
    return Booking(
        session_id=session_id,
        course_id="ccourse00000000000000000",
        trainer_id="ctrainer0000000000000000",
        venue_id="cvenue000000000000000000",
        start_time=start,
        end_time=end,
    )


def test_clashes_returns_only_overlapping_bookings() -> None:
    # Given bookings before, touching, overlapping and after a 10:00-11:00 window
    before = _booking("before", NINE - timedelta(hours=1), NINE)
    touching = _booking("touching", NINE, TEN)
    overlapping = _booking("overlapping", NINE, ELEVEN)
    inside = _booking("inside", TEN + timedelta(minutes=15), TEN + timedelta(minutes=45))
    after = _booking("after", ELEVEN, NOON)

    # When clashes are found
    found = clashes([before, touching, overlapping, inside, after], TEN, ELEVEN)

    # Then only the overlapping ones are returned, in their given order
    assert [booking.session_id for booking in found] == ["overlapping", "inside"]


def test_clashes_excludes_the_session_being_edited() -> None:
    # Given the edited session itself and another one at the same time
    itself = _booking("session-being-edited", TEN, ELEVEN)
    other = _booking("other-session", TEN, ELEVEN)

    # When clashes are found for the edited session's new time
    found = clashes([itself, other], TEN, ELEVEN, exclude_session_id="session-being-edited")

    # Then the session does not clash with itself, only with the other
    assert found == [other]


def test_clashes_without_exclusion_keeps_every_overlap() -> None:
    # Given two overlapping bookings
    bookings = [_booking("a", TEN, ELEVEN), _booking("b", NINE, NOON)]

    # When nothing is excluded
    found = clashes(bookings, TEN, ELEVEN)

    # Then both clash
    assert found == bookings


def test_clashes_of_no_bookings_is_empty() -> None:
    assert clashes([], TEN, ELEVEN) == []


def test_booking_window_starts_fourteen_days_before() -> None:
    start = utc(2026, 3, 16, 10)

    assert booking_window(start) == utc(2026, 3, 2, 10)
    assert start - booking_window(start) == timedelta(days=14)


def test_longest_booking_starting_at_the_window_edge_still_reaches_into_the_window() -> None:
    # Given a window starting at 10:00 and the longest possible booking starting at the earliest looked-up start
    start = TEN
    earliest = booking_window(start)

    # When that booking runs for MAX_SESSION_LENGTH plus a millisecond
    reaching = _booking("long", earliest, earliest + MAX_SESSION_LENGTH + timedelta(milliseconds=1))
    ending_at_edge = _booking("edge", earliest, earliest + MAX_SESSION_LENGTH)

    # Then the one that reaches past the window start clashes; the one ending at it does not
    assert clashes([reaching, ending_at_edge], start, ELEVEN) == [reaching]


# --- clock: ISO weeks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(utc(2026, 12, 31, 12), "2026-W53", id="2026-12-31-is-week-53"),
        pytest.param(utc(2027, 1, 1, 12), "2026-W53", id="2027-01-01-still-2026-W53"),
        pytest.param(utc(2027, 1, 3, 23, 59, 59), "2026-W53", id="2027-01-03-last-day-of-2026-W53"),
        pytest.param(utc(2027, 1, 4), "2027-W01", id="2027-01-04-first-monday"),
        pytest.param(utc(2024, 12, 30), "2025-W01", id="2024-12-30-is-2025-W01"),
        pytest.param(utc(2024, 12, 29, 23, 59), "2024-W52", id="2024-12-29-is-2024-W52"),
        pytest.param(utc(2026, 1, 1), "2026-W01", id="2026-01-01-thursday-is-W01"),
        pytest.param(utc(2021, 1, 3), "2020-W53", id="2021-01-03-is-2020-W53"),
        pytest.param(utc(2026, 3, 2), "2026-W10", id="single-digit-weeks-are-zero-padded"),
    ],
)
def test_iso_week_in_utc(moment: datetime, expected: str) -> None:
    assert iso_week(moment, "UTC") == expected


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        pytest.param(utc(2026, 1, 4, 23, 30), "UTC", "2026-W01", id="sunday-2330-utc"),
        pytest.param(utc(2026, 1, 4, 23, 30), "Asia/Dubai", "2026-W02", id="sunday-2330-utc-is-monday-in-dubai"),
        pytest.param(utc(2026, 1, 5, 3), "America/Los_Angeles", "2026-W01", id="monday-0300-utc-is-sunday-in-la"),
        pytest.param(utc(2027, 1, 3, 21), "Pacific/Auckland", "2027-W01", id="new-zealand-into-2027-W01"),
        pytest.param(utc(2024, 12, 30, 3), "America/New_York", "2024-W52", id="new-york-still-2024-W52"),
    ],
)
def test_iso_week_on_the_site_wall_clock(moment: datetime, zone: str, expected: str) -> None:
    assert iso_week(moment, zone) == expected


def test_iso_week_has_the_wire_format() -> None:
    assert re.fullmatch(r"\d{4}-W\d{2}", iso_week(utc(2026, 6, 1), "Europe/London"))


@pytest.mark.parametrize(
    ("week", "zone", "start", "end"),
    [
        pytest.param("2026-W02", "UTC", utc(2026, 1, 5), utc(2026, 1, 12), id="utc"),
        pytest.param("2026-W02", "Asia/Dubai", utc(2026, 1, 4, 20), utc(2026, 1, 11, 20), id="dubai-ahead-of-utc"),
        pytest.param("2026-W02", "America/New_York", utc(2026, 1, 5, 5), utc(2026, 1, 12, 5), id="new-york-behind-utc"),
        pytest.param(
            "2026-W13", "Europe/London", utc(2026, 3, 23), utc(2026, 3, 29, 23), id="london-spring-forward-week"
        ),
        pytest.param("2026-W43", "Europe/London", utc(2026, 10, 18, 23), utc(2026, 10, 26), id="london-fall-back-week"),
        pytest.param("2026-W53", "UTC", utc(2026, 12, 28), utc(2027, 1, 4), id="week-53-crosses-new-year"),
        pytest.param("2025-W01", "UTC", utc(2024, 12, 30), utc(2025, 1, 6), id="week-01-starts-in-previous-year"),
    ],
)
def test_week_bounds_are_monday_midnight_site_time_as_utc(week: str, zone: str, start: datetime, end: datetime) -> None:
    # When the bounds of a week are computed
    got_start, got_end = week_bounds(week, zone)

    # Then they are the UTC instants of the two Mondays' midnights, in UTC
    assert (got_start, got_end) == (start, end)
    assert got_start.utcoffset() == timedelta(0)
    assert got_end.utcoffset() == timedelta(0)


def test_a_london_dst_week_is_an_hour_short_or_long() -> None:
    spring_start, spring_end = week_bounds("2026-W13", "Europe/London")
    autumn_start, autumn_end = week_bounds("2026-W43", "Europe/London")

    assert spring_end - spring_start == timedelta(days=7, hours=-1)
    assert autumn_end - autumn_start == timedelta(days=7, hours=1)


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Asia/Dubai", "America/New_York", "Pacific/Auckland"])
def test_every_instant_falls_inside_the_bounds_of_its_own_week(zone: str) -> None:
    # Given instants every 5 hours 17 minutes through two years, crossing DST changes and year ends
    moment = utc(2025, 12, 1)
    step = timedelta(hours=5, minutes=17)
    while moment < utc(2027, 2, 1):
        # When its week and that week's bounds are computed
        start, end = week_bounds(iso_week(moment, zone), zone)

        # Then the instant lies in [start, end)
        assert start <= moment < end, (moment, zone)
        moment += step


# --- clock: instants and days ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(utc(2026, 3, 16, 10), "2026-03-16T10:00:00.000Z", id="whole-seconds"),
        pytest.param(
            datetime(2026, 3, 16, 10, 0, 0, 123456, tzinfo=UTC), "2026-03-16T10:00:00.123Z", id="microseconds-cut"
        ),
        pytest.param(
            datetime(2026, 3, 16, 14, 0, tzinfo=ZoneInfo("Asia/Dubai")), "2026-03-16T10:00:00.000Z", id="from-dubai"
        ),
        pytest.param(
            datetime(2026, 1, 1, 1, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            "2025-12-31T20:00:00.000Z",
            id="crosses-year-into-utc",
        ),
    ],
)
def test_format_instant_is_utc_milliseconds_with_z(moment: datetime, expected: str) -> None:
    text = format_instant(moment)

    assert text == expected
    assert text.endswith("Z")
    assert "+00:00" not in text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", text)


def test_formatted_instants_sort_as_text_in_time_order() -> None:
    # Given instants in different zones, out of order
    moments = [
        datetime(2026, 3, 16, 14, 0, 0, 1000, tzinfo=ZoneInfo("Asia/Dubai")),
        utc(2026, 3, 16, 9, 59, 59),
        datetime(2026, 3, 16, 6, tzinfo=ZoneInfo("America/New_York")),
        utc(2026, 3, 16, 10),
    ]

    # When formatted
    texts = [format_instant(moment) for moment in moments]

    # Then text order is time order
    assert sorted(texts) == [format_instant(moment) for moment in sorted(moments)]


def test_parse_instant_reads_back_what_format_instant_wrote() -> None:
    moment = datetime(2026, 3, 16, 10, 0, 0, 123000, tzinfo=UTC)

    assert parse_instant(format_instant(moment)) == moment


def test_to_utc_keeps_the_instant() -> None:
    local = datetime(2026, 7, 1, 12, tzinfo=ZoneInfo("Europe/London"))

    converted = to_utc(local)

    assert converted == local
    assert converted.utcoffset() == timedelta(0)
    assert converted.hour == 11


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        pytest.param(utc(2026, 1, 1, 22), "UTC", date(2026, 1, 1), id="utc"),
        pytest.param(utc(2026, 1, 1, 22), "Asia/Dubai", date(2026, 1, 2), id="dubai-already-tomorrow"),
        pytest.param(utc(2026, 1, 1, 3), "America/New_York", date(2025, 12, 31), id="new-york-still-yesterday"),
        pytest.param(utc(2026, 6, 30, 23, 30), "Europe/London", date(2026, 7, 1), id="london-summer-time"),
        pytest.param(utc(2026, 12, 31, 23, 30), "Europe/London", date(2026, 12, 31), id="london-winter-time"),
        pytest.param(
            datetime(2026, 1, 2, 1, tzinfo=ZoneInfo("Asia/Dubai")), "UTC", date(2026, 1, 1), id="aware-non-utc-now"
        ),
    ],
)
def test_site_today_is_the_date_on_the_site_wall_clock(now: datetime, zone: str, expected: date) -> None:
    assert site_today(zone, now) == expected


def test_site_today_defaults_to_the_current_time() -> None:
    # Given the current date on either side of the call
    before = datetime.now(UTC).date()

    # When today is asked for without a `now`
    today = site_today("UTC")

    # Then it is the current UTC date
    after = datetime.now(UTC).date()
    assert today in {before, after}
