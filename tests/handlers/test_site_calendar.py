"""A SITE_TIMEZONE=Europe/London site, through the API: every day or week derived from an instant is
the site's, at late evening, just after local midnight and across both clock changes.

2026: BST starts 2026-03-29 at 01:00 UTC and ends 2026-10-25 at 01:00 UTC. Where "now" matters,
the test travels to it (time-machine); the data it reads was written at the real time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine

from local.refresh_suggestions import refresh_once
from tests.handlers.test_post_session import (
    compliance,
    comply,
    finalized,
    ready_class,
    records,
    scheduled_class,
)
from tests.support import ApiClient
from titan_training.api import runtime

LONDON = "Europe/London"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch, api: ApiClient) -> ApiClient:
    """The API of a site whose calendar is Europe/London."""
    monkeypatch.setenv("SITE_TIMEZONE", LONDON)
    runtime.reset()
    return api


def passed_at(api: ApiClient, end: datetime, **course: Any) -> tuple[Any, dict[str, Any]]:
    """A session that ended at `end`, finalized with one PASSED attendee: the class and its record."""
    klass = ready_class(api, [("ATTENDED", "PASSED")], api.course(**course), start=end - timedelta(hours=2), end=end)
    finalized(api, klass)
    return klass, records(api, klass.session_id)


# --- Completion day and expiry at finalize and verification ---------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "months", "completed_on", "expires"),
    [
        pytest.param(utc(2026, 1, 15, 23, 30), 6, "2026-01-15", "2026-07-15", id="6-months-from-2330-gmt"),
        pytest.param(utc(2026, 4, 30, 23, 30), 1, "2026-05-01", "2026-06-01", id="1-month-from-0030-bst"),
        pytest.param(utc(2026, 3, 28, 23, 30), 12, "2026-03-28", "2027-03-28", id="eve-of-spring-forward-2330-gmt"),
        pytest.param(utc(2026, 3, 29, 0, 30), 12, "2026-03-29", "2027-03-29", id="spring-forward-night-0030-gmt"),
        pytest.param(utc(2026, 3, 29, 23, 30), 1, "2026-03-30", "2026-04-30", id="after-spring-forward-0030-bst"),
        pytest.param(utc(2026, 10, 24, 22, 30), 12, "2026-10-24", "2027-10-24", id="eve-of-fall-back-2330-bst"),
        pytest.param(utc(2026, 10, 24, 23, 30), 12, "2026-10-25", "2027-10-25", id="fall-back-night-0030-bst"),
        pytest.param(utc(2026, 10, 25, 23, 30), 12, "2026-10-25", "2027-10-25", id="after-fall-back-2330-gmt"),
        pytest.param(utc(2026, 8, 30, 23, 30), 6, "2026-08-31", "2027-02-28", id="31-aug-bst-clamped-to-28-feb"),
    ],
)
def test_finalize_counts_validity_from_the_site_day_of_the_session_end(
    london: ApiClient, end: datetime, months: int, completed_on: str, expires: str
) -> None:
    # Given a course valid `months` months and a session ending at `end`, one attendee PASSED
    klass, produced = passed_at(london, end, validityMonths=months)
    # Then the record completes on the London day of the end and expires that day + months
    [record] = produced["trainingRecords"]
    assert record["completedAt"].startswith(end.strftime("%Y-%m-%dT%H:%M"))
    assert (record["completionDate"], record["expiryDate"]) == (completed_on, expires)
    # And the worker's compliance item carries the same expiry
    assert compliance(london, klass.pid(0), klass.course["id"])["expiryDate"] == expires


@pytest.mark.parametrize(
    ("end", "months", "completed_on", "expires"),
    [
        pytest.param(utc(2026, 1, 15, 23, 30), 6, "2026-01-15", "2026-07-15", id="6-months-from-2330-gmt"),
        pytest.param(utc(2026, 4, 30, 23, 30), 1, "2026-05-01", "2026-06-01", id="1-month-from-0030-bst"),
        pytest.param(utc(2026, 10, 24, 23, 30), 12, "2026-10-25", "2027-10-25", id="fall-back-night-0030-bst"),
    ],
)
def test_verification_counts_validity_from_the_same_site_day(
    london: ApiClient, end: datetime, months: int, completed_on: str, expires: str
) -> None:
    # Given a pending competency from a session ending at `end`
    klass, produced = passed_at(london, end, validityMonths=months, requiresVerification=True)
    [pending] = produced["competencyRecords"]
    assert pending["completionDate"] == completed_on
    # When it is verified (today, long after the session)
    reply = london.post(f"/competency-records/{pending['id']}/verify", {"outcome": "VERIFIED"})
    assert reply.status == 200, reply.body
    # Then the final record and the item count from the session's London day, not the day of verifying
    final = reply.body["trainingRecord"]
    assert (final["completionDate"], final["expiryDate"]) == (completed_on, expires)
    assert compliance(london, klass.pid(0), klass.course["id"])["expiryDate"] == expires


def test_the_same_session_on_a_utc_site_completes_on_the_utc_day(api: ApiClient) -> None:
    # Given a UTC site and a session ending 2026-04-30T23:30Z (00:30 on 1 May in London)
    _, produced = passed_at(api, utc(2026, 4, 30, 23, 30), validityMonths=1)
    # Then it completes on 30 April and expires on 30 May
    [record] = produced["trainingRecords"]
    assert (record["completionDate"], record["expiryDate"]) == ("2026-04-30", "2026-05-30")


# --- "Today": when an item lapses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expiry", "moment", "expired"),
    [
        pytest.param("2026-07-15", utc(2026, 7, 15, 22, 30), False, id="summer-2330-bst-on-the-last-day"),
        pytest.param("2026-07-15", utc(2026, 7, 15, 23, 30), True, id="summer-0030-bst-the-day-after"),
        pytest.param("2026-01-15", utc(2026, 1, 15, 23, 30), False, id="winter-2330-gmt-on-the-last-day"),
        pytest.param("2026-01-15", utc(2026, 1, 16, 0, 30), True, id="winter-0030-gmt-the-day-after"),
        pytest.param("2026-03-28", utc(2026, 3, 28, 23, 30), False, id="eve-of-spring-forward-2330-gmt"),
        pytest.param("2026-03-28", utc(2026, 3, 29, 0, 30), True, id="spring-forward-night-0030-gmt"),
        pytest.param("2026-03-29", utc(2026, 3, 29, 22, 30), False, id="spring-forward-day-2330-bst"),
        pytest.param("2026-03-29", utc(2026, 3, 29, 23, 30), True, id="after-spring-forward-0030-bst"),
        pytest.param("2026-10-24", utc(2026, 10, 24, 22, 30), False, id="eve-of-fall-back-2330-bst"),
        pytest.param("2026-10-24", utc(2026, 10, 24, 23, 30), True, id="fall-back-night-0030-bst"),
        pytest.param("2026-10-25", utc(2026, 10, 25, 23, 30), False, id="fall-back-day-2330-gmt"),
        pytest.param("2026-10-25", utc(2026, 10, 26, 0, 30), True, id="after-fall-back-0030-gmt"),
    ],
)
def test_an_item_lapses_at_local_midnight(london: ApiClient, expiry: str, moment: datetime, expired: bool) -> None:
    # Given a worker COMPLIANT through `expiry`
    course, person = london.course(), london.person()
    comply(london, person["id"], course["id"], "COMPLIANT", expiry)
    # When their compliance is read at `moment`
    with time_machine.travel(moment):
        item = compliance(london, person["id"], course["id"])
        by_course = london.get(f"/courses/{course['id']}/compliance").body["items"]
    # Then it has lapsed exactly from the first London minute after the expiry day
    assert item["expired"] is expired
    assert item["status"] == ("NON_COMPLIANT" if expired else "COMPLIANT")
    assert item["recordedStatus"] == "COMPLIANT"
    assert [(i["status"], i["expired"]) for i in by_course] == [(item["status"], expired)]


@pytest.mark.parametrize(
    ("moment", "group", "status"),
    [
        pytest.param(utc(2026, 7, 15, 22, 30), 3, "COMPLIANT", id="2330-bst-last-day-expiring"),
        pytest.param(utc(2026, 7, 15, 23, 30), 1, "NON_COMPLIANT", id="0030-bst-lapsed-red"),
    ],
)
def test_the_picker_judges_expiry_on_the_site_day(london: ApiClient, moment: datetime, group: int, status: str) -> None:
    # Given a worker COMPLIANT through 2026-07-15 and a draft of the course
    course, person = london.course(), london.person()
    comply(london, person["id"], course["id"], "COMPLIANT", "2026-07-15")
    draft = london.post("/sessions/draft", {"courseId": course["id"]}).body
    # When the picker ranks at `moment`
    with time_machine.travel(moment):
        reply = london.get(f"/sessions/{draft['id']}/attendee-suggestions")
    # Then the worker is yellow (expiring) until London midnight, red from then on
    assert reply.status == 200, reply.body
    [item] = [i for i in reply.body["items"] if i["personnelId"] == person["id"]]
    assert (item["group"], item["complianceStatus"]) == (group, status)


@pytest.mark.parametrize(
    ("zone", "source"), [pytest.param(LONDON, "cache", id="london-same-day"), pytest.param("UTC", "live", id="utc")]
)
def test_a_ranking_is_computed_for_the_site_day(api: ApiClient, monkeypatch, zone: str, source: str) -> None:
    # Given a site, a course with one ranked worker, and the picker refresh at 23:30 UTC in summer
    monkeypatch.setenv("SITE_TIMEZONE", zone)
    runtime.reset()
    course, person = api.course(), api.person()
    comply(api, person["id"], course["id"], "NON_COMPLIANT", None)
    draft = api.post("/sessions/draft", {"courseId": course["id"]}).body
    with time_machine.travel(utc(2026, 7, 15, 23, 30)):
        refresh_once()
    # When the picker is asked an hour later, the next UTC day but the same London day (16 July)
    with time_machine.travel(utc(2026, 7, 16, 0, 30)):
        reply = api.get(f"/sessions/{draft['id']}/attendee-suggestions")
    # Then London still serves the day's ranking; a UTC site has moved to a new day and ranks live
    assert reply.status == 200, reply.body
    assert reply.body["source"] == source


# --- ISO weeks: trainer load ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "week", "week_before"),
    [
        pytest.param(utc(2026, 5, 31, 22, 30), "2026-W22", "2026-W21", id="sunday-2330-bst"),
        pytest.param(utc(2026, 5, 31, 23, 30), "2026-W23", "2026-W22", id="monday-0030-bst-sunday-in-utc"),
        pytest.param(utc(2026, 3, 29, 22, 30), "2026-W13", "2026-W12", id="spring-forward-sunday-2330-bst"),
        pytest.param(utc(2026, 3, 29, 23, 30), "2026-W14", "2026-W13", id="after-spring-forward-0030-bst"),
        pytest.param(utc(2026, 10, 25, 23, 30), "2026-W43", "2026-W42", id="fall-back-sunday-2330-gmt"),
        pytest.param(utc(2026, 10, 26, 0, 30), "2026-W44", "2026-W43", id="after-fall-back-0030-gmt"),
    ],
)
def test_a_session_counts_in_the_iso_week_of_its_local_start(
    london: ApiClient, start: datetime, week: str, week_before: str
) -> None:
    # Given a 90-minute session starting at `start`
    klass = scheduled_class(london, people=0, start=start, end=start + timedelta(minutes=90))
    trainer = klass.trainer["id"]
    # Then the trainer's load counts it in the London ISO week of its start, and not the week before
    load = london.get(f"/trainers/{trainer}", query={"week": week}).body
    assert (load["loadWeek"], load["bookedMinutesThisWeek"]) == (week, 90)
    assert [s["id"] for s in load["sessionsThisWeek"]] == [klass.session_id]
    before = london.get(f"/trainers/{trainer}", query={"week": week_before}).body
    assert (before["bookedMinutesThisWeek"], before["sessionsThisWeek"]) == (0, [])


@pytest.mark.parametrize(
    ("moment", "week"),
    [
        pytest.param(utc(2026, 5, 31, 22, 30), "2026-W22", id="sunday-2330-bst"),
        pytest.param(utc(2026, 5, 31, 23, 30), "2026-W23", id="monday-0030-bst"),
        pytest.param(utc(2026, 10, 25, 23, 30), "2026-W43", id="sunday-2330-gmt"),
        pytest.param(utc(2026, 10, 26, 0, 30), "2026-W44", id="monday-0030-gmt"),
    ],
)
def test_this_week_turns_at_local_midnight_on_monday(london: ApiClient, moment: datetime, week: str) -> None:
    # Given a trainer
    trainer = london.trainer()
    # When their load is read without naming a week
    with time_machine.travel(moment):
        one = london.get(f"/trainers/{trainer['id']}").body
        listed = london.get("/trainers").body["items"]
    # Then it is the current London ISO week
    assert one["loadWeek"] == week
    assert {t["loadWeek"] for t in listed} == {week}
