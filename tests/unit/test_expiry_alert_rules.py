"""The expiry alerts' pure rules: horizons, days left, which horizons an item has reached."""

from datetime import date

from titan_training.domain.alerts import course_horizons, days_left, default_horizons, reached


def test_default_horizons_follow_the_expiry_warning_days() -> None:
    # Given EXPIRY_WARNING_DAYS, then it is the largest horizon, with 30 and 7 below it
    assert default_horizons(60) == [60, 30, 7]
    assert default_horizons(90) == [90, 30, 7]
    assert default_horizons(30) == [30, 7]
    assert default_horizons(10) == [10, 7]
    assert default_horizons(5) == [5]
    assert default_horizons(0) == []


def test_a_course_override_replaces_the_default() -> None:
    assert course_horizons([3, 14], 60) == [14, 3]
    assert course_horizons(None, 60) == [60, 30, 7]


def test_reached_horizons_count_site_days_and_stop_when_lapsed() -> None:
    today = date(2026, 3, 1)
    # Given an item valid through 31 March: 30 days left
    assert days_left(date(2026, 3, 31), today) == 30
    assert reached([60, 30, 7], 30) == {60, 30}
    assert reached([60, 30, 7], 31) == {60}
    assert reached([60, 30, 7], 0) == {60, 30, 7}
    assert reached([60, 30, 7], -1) == set()
    assert reached([60, 30, 7], 61) == set()
