"""GET /availability: overlapping SCHEDULED sessions of a trainer (a hard block) and a venue (a warning).

Sessions are created by a later feature, so these tests seed the calendars directly with booking items,
one in the trainer's partition and one in the venue's, as session scheduling will write them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support import NOBODY, TRAINER, ApiClient, error_fields
from titan_training.api import runtime
from titan_training.domain.clock import format_instant
from titan_training.domain.ids import new_id
from titan_training.store.items.sessions import BookingItem

DAY = datetime(2026, 11, 23, tzinfo=UTC)  # a Monday


def at(hour: int, minute: int = 0, day_offset: int = 0) -> datetime:
    return DAY + timedelta(days=day_offset, hours=hour, minutes=minute)


def iso(moment: datetime) -> str:
    return format_instant(moment)


def book(
    trainer_id: str, venue_id: str, start: datetime, end: datetime, course_id: str | None = None
) -> dict[str, Any]:
    """Seed one SCHEDULED session on the trainer's and the venue's calendars; return it as the API shows it."""
    runtime.store()  # binds the item classes to the test's table
    session_id = new_id()
    course_id = course_id or new_id()
    fields = dict(
        session_id=session_id,
        course_id=course_id,
        trainer_id=trainer_id,
        venue_id=venue_id,
        start_time=start,
        end_time=end,
    )
    sort_key = BookingItem.sort_key(format_instant(start), session_id)
    BookingItem(f"TRAINER#{trainer_id}", sort_key, **fields).save()
    BookingItem(f"VENUE#{venue_id}", sort_key, **fields).save()
    return {
        "sessionId": session_id,
        "courseId": course_id,
        "trainerId": trainer_id,
        "venueId": venue_id,
        "startTime": iso(start),
        "endTime": iso(end),
    }


def check(api: ApiClient, start: datetime | str, end: datetime | str, caller: Any = None, **ids: str):
    query = {
        "startTime": start if isinstance(start, str) else iso(start),
        "endTime": end if isinstance(end, str) else iso(end),
        **ids,
    }
    if caller is None:
        return api.get("/availability", query=query)
    return api.get("/availability", query=query, caller=caller)


@pytest.fixture
def trainer(api: ApiClient) -> dict[str, Any]:
    return api.trainer()


@pytest.fixture
def venue(api: ApiClient) -> dict[str, Any]:
    return api.venue()


# --- Free and booked ------------------------------------------------------------------------------------


def test_free_trainer_and_venue_are_available(api, trainer, venue):
    # Given a trainer and a venue with nothing booked
    # When a morning is checked for both
    reply = check(api, at(9), at(12), trainerId=trainer["id"], venueId=venue["id"])
    # Then both are free
    assert reply.status == 200
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_overlapping_session_blocks_the_trainer_and_warns_for_the_venue(api, trainer, venue):
    # Given a session 09:00-12:00 with this trainer in this venue
    session = book(trainer["id"], venue["id"], at(9), at(12))
    # When 11:00-13:00 is checked for both
    reply = check(api, at(11), at(13), trainerId=trainer["id"], venueId=venue["id"])
    # Then the trainer is not available, and the session is reported on both calendars in full
    assert reply.status == 200
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["venueConflicts"] == [session]


def test_window_inside_a_session_clashes(api, trainer, venue):
    # Given a session 08:00-17:00
    session = book(trainer["id"], venue["id"], at(8), at(17))
    # When 10:00-11:00, wholly inside it, is checked for the trainer
    reply = check(api, at(10), at(11), trainerId=trainer["id"])
    # Then the trainer is booked
    assert reply.body["available"] is False
    assert [c["sessionId"] for c in reply.body["trainerConflicts"]] == [session["sessionId"]]


def test_session_inside_the_window_clashes(api, trainer, venue):
    # Given a short session 13:00-14:00
    session = book(trainer["id"], venue["id"], at(13), at(14))
    # When the whole day 08:00-18:00 is checked for the trainer
    reply = check(api, at(8), at(18), trainerId=trainer["id"])
    # Then the session is a conflict
    assert reply.body["available"] is False
    assert [c["sessionId"] for c in reply.body["trainerConflicts"]] == [session["sessionId"]]


def test_session_starting_exactly_at_window_start_clashes(api, trainer, venue):
    # Given a session 09:00-10:00
    session = book(trainer["id"], venue["id"], at(9), at(10))
    # When exactly 09:00-10:00 is checked
    reply = check(api, at(9), at(10), trainerId=trainer["id"], venueId=venue["id"])
    # Then it clashes on both calendars
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["venueConflicts"] == [session]


# --- Half-open intervals -----------------------------------------------------------------------------------


def test_session_ending_when_the_window_starts_does_not_clash(api, trainer, venue):
    # Given a session 08:00-10:00
    book(trainer["id"], venue["id"], at(8), at(10))
    # When 10:00-12:00 is checked for both
    reply = check(api, at(10), at(12), trainerId=trainer["id"], venueId=venue["id"])
    # Then the touching endpoints are not a clash
    assert reply.status == 200
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_session_starting_when_the_window_ends_does_not_clash(api, trainer, venue):
    # Given a session 10:00-12:00
    book(trainer["id"], venue["id"], at(10), at(12))
    # When 08:00-10:00 is checked for both
    reply = check(api, at(8), at(10), trainerId=trainer["id"], venueId=venue["id"])
    # Then the touching endpoints are not a clash
    assert reply.status == 200
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_one_millisecond_of_overlap_clashes(api, trainer, venue):
    # Given a session ending at 10:00:00.001
    session = book(trainer["id"], venue["id"], at(8), at(10) + timedelta(milliseconds=1))
    # When 10:00-12:00 is checked
    reply = check(api, at(10), at(12), trainerId=trainer["id"])
    # Then the one shared millisecond is a clash
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]


# --- Bookings that began before the window -----------------------------------------------------------------


def test_overnight_session_from_the_day_before_clashes(api, trainer, venue):
    # Given a night shift session from 22:00 the day before to 02:00 on the day
    session = book(trainer["id"], venue["id"], at(22, day_offset=-1), at(2))
    # When 01:00-03:00 on the day is checked for both
    reply = check(api, at(1), at(3), trainerId=trainer["id"], venueId=venue["id"])
    # Then the session that started yesterday is found on both calendars
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["venueConflicts"] == [session]


def test_overnight_session_does_not_clash_after_it_ends(api, trainer, venue):
    # Given a session from 22:00 the day before to 02:00 on the day
    book(trainer["id"], venue["id"], at(22, day_offset=-1), at(2))
    # When 02:00-04:00 is checked
    reply = check(api, at(2), at(4), trainerId=trainer["id"], venueId=venue["id"])
    # Then it is free
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_three_day_session_starting_before_the_window_clashes(api, trainer, venue):
    # Given a residential course from two days before until the day after (three days and more)
    session = book(trainer["id"], venue["id"], at(9, day_offset=-2), at(17, day_offset=1))
    # When a short window on the middle day is checked
    reply = check(api, at(14), at(15), trainerId=trainer["id"], venueId=venue["id"])
    # Then the long session, which started well before the window, is a conflict
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["venueConflicts"] == [session]


def test_thirteen_day_session_is_still_found(api, trainer, venue):
    # Given a session lasting almost the longest allowed (14 days), that began 13 days before the window
    session = book(trainer["id"], venue["id"], at(9, day_offset=-13), at(17, day_offset=1))
    # When a window on its last-but-one day is checked
    reply = check(api, at(9), at(10), trainerId=trainer["id"])
    # Then it is a conflict
    assert reply.body["available"] is False
    assert [c["sessionId"] for c in reply.body["trainerConflicts"]] == [session["sessionId"]]


def test_sessions_well_before_and_after_are_ignored(api, trainer, venue):
    # Given sessions last week and next week, and one the same morning that overlaps
    book(trainer["id"], venue["id"], at(9, day_offset=-7), at(17, day_offset=-7))
    book(trainer["id"], venue["id"], at(9, day_offset=7), at(17, day_offset=7))
    today = book(trainer["id"], venue["id"], at(9), at(10))
    # When 09:30-11:00 is checked
    reply = check(api, at(9, 30), at(11), trainerId=trainer["id"], venueId=venue["id"])
    # Then only the overlapping session is reported
    assert reply.body["trainerConflicts"] == [today]
    assert reply.body["venueConflicts"] == [today]


def test_every_overlapping_session_is_reported(api, trainer, venue):
    # Given two sessions of the trainer that both overlap a long window, and one that does not
    first = book(trainer["id"], venue["id"], at(8), at(10))
    second = book(trainer["id"], venue["id"], at(13), at(15))
    book(trainer["id"], venue["id"], at(15), at(16))
    # When 09:00-15:00 is checked
    reply = check(api, at(9), at(15), trainerId=trainer["id"])
    # Then both overlapping sessions are reported in start order
    assert [c["sessionId"] for c in reply.body["trainerConflicts"]] == [first["sessionId"], second["sessionId"]]
    assert reply.body["venueConflicts"] == []


# --- Whose calendar ------------------------------------------------------------------------------------


def test_another_trainers_session_is_not_reported(api, trainer, venue):
    # Given another trainer booked in another venue at the same time
    other_trainer, other_venue = api.trainer(), api.venue()
    book(other_trainer["id"], other_venue["id"], at(9), at(12))
    # When this trainer and venue are checked for that time
    reply = check(api, at(9), at(12), trainerId=trainer["id"], venueId=venue["id"])
    # Then nothing is reported
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}
    # And the other trainer is indeed shown as booked
    assert check(api, at(9), at(12), trainerId=other_trainer["id"]).body["available"] is False


def test_venue_only_clash_is_a_warning_and_trainer_stays_available(api, trainer, venue):
    # Given another trainer booked in this venue 09:00-12:00
    other_trainer = api.trainer()
    session = book(other_trainer["id"], venue["id"], at(9), at(12))
    # When this trainer and this venue are checked for 10:00-11:00
    reply = check(api, at(10), at(11), trainerId=trainer["id"], venueId=venue["id"])
    # Then the venue clash is reported, but the trainer is available
    assert reply.status == 200
    assert reply.body["available"] is True
    assert reply.body["trainerConflicts"] == []
    assert reply.body["venueConflicts"] == [session]
    assert reply.body["venueConflicts"][0]["trainerId"] == other_trainer["id"]


def test_venue_only_check_reports_the_clash_and_stays_available(api, trainer, venue):
    # Given a session in the venue
    session = book(trainer["id"], venue["id"], at(9), at(12))
    # When only the venue is checked
    reply = check(api, at(10), at(11), venueId=venue["id"])
    # Then the clash is a warning: available stays true
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": [session]}


def test_trainer_booked_elsewhere_blocks_even_if_venue_free(api, trainer, venue):
    # Given this trainer booked in another venue
    other_venue = api.venue()
    session = book(trainer["id"], other_venue["id"], at(9), at(12))
    # When this trainer and this (free) venue are checked
    reply = check(api, at(10), at(11), trainerId=trainer["id"], venueId=venue["id"])
    # Then the trainer is blocked and the venue is clear
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["venueConflicts"] == []


# --- Exclusion -------------------------------------------------------------------------------------------


def test_exclude_session_id_leaves_that_session_out(api, trainer, venue):
    # Given the session being edited and another session that also overlaps
    edited = book(trainer["id"], venue["id"], at(9), at(11))
    other = book(trainer["id"], venue["id"], at(10), at(12))
    # When the window is checked excluding the edited session
    reply = check(
        api, at(9), at(12), trainerId=trainer["id"], venueId=venue["id"], excludeSessionId=edited["sessionId"]
    )
    # Then only the other session is reported, on both calendars
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [other]
    assert reply.body["venueConflicts"] == [other]


def test_excluding_the_only_clash_makes_the_trainer_available(api, trainer, venue):
    # Given a single session 09:00-11:00
    edited = book(trainer["id"], venue["id"], at(9), at(11))
    # When its own time is checked excluding it (as when editing it)
    reply = check(
        api, at(9), at(11), trainerId=trainer["id"], venueId=venue["id"], excludeSessionId=edited["sessionId"]
    )
    # Then nothing clashes
    assert reply.body == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_excluding_an_unrelated_session_changes_nothing(api, trainer, venue):
    # Given a session 09:00-11:00
    session = book(trainer["id"], venue["id"], at(9), at(11))
    # When checked excluding some other session id
    reply = check(api, at(9), at(11), trainerId=trainer["id"], excludeSessionId=new_id())
    # Then the session is still a conflict
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]


# --- Time zones ------------------------------------------------------------------------------------------


def test_window_with_an_offset_is_compared_in_utc(api, trainer, venue):
    # Given a session 09:00-10:00 UTC
    session = book(trainer["id"], venue["id"], at(9), at(10))
    # When 11:30-12:30 at +02:00 (09:30-10:30 UTC) is checked
    reply = check(api, "2026-11-23T11:30:00+02:00", "2026-11-23T12:30:00+02:00", trainerId=trainer["id"])
    # Then it clashes, and the conflict is shown in UTC
    assert reply.status == 200
    assert reply.body["available"] is False
    assert reply.body["trainerConflicts"] == [session]
    assert reply.body["trainerConflicts"][0]["startTime"] == "2026-11-23T09:00:00.000Z"


def test_window_with_an_offset_touching_a_session_does_not_clash(api, trainer, venue):
    # Given a session 09:00-10:00 UTC
    book(trainer["id"], venue["id"], at(9), at(10))
    # When 05:00-07:00 at -05:00 (10:00-12:00 UTC) is checked
    reply = check(api, "2026-11-23T05:00:00-05:00", "2026-11-23T07:00:00-05:00", trainerId=trainer["id"])
    # Then it only touches the session's end: free
    assert reply.status == 200
    assert reply.body["available"] is True
    assert reply.body["trainerConflicts"] == []


# --- Validation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("end_offset", [timedelta(0), timedelta(hours=-1)])
def test_end_not_after_start_is_422_naming_end_time(api, trainer, end_offset):
    # Given a window whose end is not after its start
    # When it is checked
    reply = check(api, at(10), at(10) + end_offset, trainerId=trainer["id"])
    # Then it is a 422 naming endTime in the query
    assert reply.status == 422
    assert reply.body["error"] == "Unprocessable Content"
    assert error_fields(reply) == {"endTime"}
    assert reply.body["details"][0]["location"] == "query"


@pytest.mark.parametrize("field", ["startTime", "endTime"])
def test_naive_time_is_422(api, trainer, field):
    # Given one of the times without a UTC offset
    query = {"startTime": iso(at(9)), "endTime": iso(at(10)), "trainerId": trainer["id"]}
    query[field] = query[field].replace("Z", "")
    # When it is checked
    reply = api.get("/availability", query=query)
    # Then it is a 422 naming that time
    assert reply.status == 422
    assert error_fields(reply) == {field}


@pytest.mark.parametrize("field", ["startTime", "endTime"])
def test_missing_or_garbage_time_is_422(api, trainer, field):
    # Given a window missing one time, and one with a time that is not a date
    base = {"startTime": iso(at(9)), "endTime": iso(at(10)), "trainerId": trainer["id"]}
    missing = {k: v for k, v in base.items() if k != field}
    garbage = {**base, field: "tomorrow-ish"}
    # When each is checked
    replies = [api.get("/availability", query=q) for q in (missing, garbage)]
    # Then both are 422 naming the time
    for reply in replies:
        assert reply.status == 422
        assert field in error_fields(reply)


def test_neither_trainer_nor_venue_is_422(api):
    # Given a valid window but no trainer or venue
    # When it is checked
    reply = check(api, at(9), at(10))
    # Then it is a 422 naming trainerId
    assert reply.status == 422
    assert "trainerId" in error_fields(reply)
    assert reply.body["details"][0]["location"] == "query"


def test_bad_window_and_no_ids_reports_both(api):
    # Given an inverted window and no trainer or venue
    # When it is checked
    reply = check(api, at(10), at(9))
    # Then the 422 names both problems at once
    assert reply.status == 422
    assert error_fields(reply) == {"endTime", "trainerId"}


@pytest.mark.parametrize("param", ["trainerId", "venueId", "excludeSessionId"])
def test_malformed_ids_are_422(api, trainer, venue, param):
    # Given a check where one id is not a cuid
    ids = {"trainerId": trainer["id"], "venueId": venue["id"], param: "not-a-cuid"}
    # When it is checked
    reply = check(api, at(9), at(10), **ids)
    # Then it is a 422 naming that parameter
    assert reply.status == 422
    assert error_fields(reply) == {param}


def test_unknown_trainer_is_404(api, venue):
    # Given a well-formed trainer id that names no trainer
    unknown = new_id()
    # When its availability is checked
    reply = check(api, at(9), at(10), trainerId=unknown, venueId=venue["id"])
    # Then it is a 404 naming the trainer
    assert reply.status == 404
    assert unknown in reply.body["message"]


def test_unknown_venue_is_404(api, trainer):
    # Given a well-formed venue id that names no venue
    unknown = new_id()
    # When its availability is checked
    reply = check(api, at(9), at(10), trainerId=trainer["id"], venueId=unknown)
    # Then it is a 404 naming the venue
    assert reply.status == 404
    assert unknown in reply.body["message"]


# --- Who may ask ------------------------------------------------------------------------------------------


def test_availability_is_for_planners_only(api, trainer, venue):
    # Given a session of the trainer
    book(trainer["id"], venue["id"], at(9), at(10))
    # When a trainer-group caller checks (it would name other trainers' sessions)
    reply = check(api, at(9), at(10), caller=TRAINER, trainerId=trainer["id"])
    # Then it is a 403: planning is hse-admin's
    assert reply.status == 403
    assert reply.body["error"] == "Forbidden"


def test_no_identity_is_401(api, trainer):
    # Given no caller identity
    # When availability is checked
    reply = api.get(
        "/availability",
        query={"startTime": iso(at(9)), "endTime": iso(at(10)), "trainerId": trainer["id"]},
        caller=NOBODY,
    )
    # Then it is a 401 in the standard error shape
    assert reply.status == 401
    assert reply.body["statusCode"] == 401
    assert reply.body["error"] == "Unauthorized"
