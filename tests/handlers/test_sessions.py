"""Training sessions (SPEC-3.2), through the Lambda handlers over a moto table.

Drafts, reads, lists (filters and paging), edits, scheduling, cancelling, soft deletes, and who may
call what. The racing schedules of one trainer are covered against DynamoDB Local in
tests/integration/test_scheduling.py; here every request runs one after the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from local.events import claims_for
from tests.support import NOBODY, TRAINER, ApiClient, error_fields
from titan_training.api import runtime
from titan_training.domain.clock import format_instant
from titan_training.domain.ids import new_id
from titan_training.store.items.sessions import SessionItem

MALFORMED_ID = "not-a-cuid"
MONDAY = datetime(2027, 3, 1, tzinfo=UTC)  # a Monday, in the future of the test clock


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def iso(moment: datetime) -> str:
    return format_instant(moment)


@dataclass
class Setup:
    """A course, a trainer qualified for it, and a venue for 20."""

    course: dict[str, Any]
    trainer: dict[str, Any]
    venue: dict[str, Any]


def qualified_trainer(api: ApiClient, course: dict[str, Any]) -> dict[str, Any]:
    trainer = api.trainer()
    reply = api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    assert reply.status == 200, reply.body
    return trainer


@pytest.fixture
def setup(api: ApiClient) -> Setup:
    course = api.course()
    return Setup(course, qualified_trainer(api, course), api.venue(capacity=20))


def draft(api: ApiClient, course: dict[str, Any], **fields: Any) -> dict[str, Any]:
    reply = api.post("/sessions/draft", {"courseId": course["id"], **fields})
    assert reply.status == 201, reply.body
    return reply.body


def plan(trainer: dict[str, Any], venue: dict[str, Any], start: datetime, minutes: int = 120) -> dict[str, str]:
    return {
        "trainerId": trainer["id"],
        "venueId": venue["id"],
        "startTime": iso(start),
        "endTime": iso(start + timedelta(minutes=minutes)),
    }


def scheduled(
    api: ApiClient,
    setup: Setup,
    start: datetime,
    minutes: int = 120,
    trainer: dict[str, Any] | None = None,
    venue: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A session of the setup's course, scheduled (by default with the setup's trainer and venue)."""
    session = draft(api, setup.course)
    reply = api.patch(
        f"/sessions/{session['id']}/schedule", plan(trainer or setup.trainer, venue or setup.venue, start, minutes)
    )
    assert reply.status == 200, reply.body
    return reply.body


def force_status(session_id: str, status: str) -> None:
    """Put a session in a status no endpoint of this feature sets (COMPLETED comes with attendance)."""
    runtime.store()  # binds the item classes to the test's table
    SessionItem(*SessionItem.key(session_id)).update(
        actions=[SessionItem.status.set(status), SessionItem.status_pk.set(SessionItem.status_partition(status))]
    )


def read(api: ApiClient, session_id: str) -> dict[str, Any]:
    reply = api.get(f"/sessions/{session_id}")
    assert reply.status == 200, reply.body
    return reply.body


def listed_ids(api: ApiClient, **query: str) -> list[str]:
    reply = api.get("/sessions", query={"limit": "200", **query})
    assert reply.status == 200, reply.body
    assert reply.body["nextToken"] is None
    return [session["id"] for session in reply.body["items"]]


def walk(api: ApiClient, query: dict[str, str]) -> list[list[str]]:
    """The ids on every page of a session list, following nextToken until it is null (bounded)."""
    pages, token = [], None
    for _ in range(20):
        reply = api.get("/sessions", query={**query, **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        pages.append([session["id"] for session in reply.body["items"]])
        token = reply.body["nextToken"]
        if token is None:
            return pages
    raise AssertionError("nextToken never became null")


def as_listed(session: dict[str, Any]) -> dict[str, Any]:
    """A session as lists show it: without the warnings a change carries."""
    return {k: v for k, v in session.items() if k != "warnings"}


def as_read(session: dict[str, Any], attendees: int = 0, venue_capacity: int | None = 20) -> dict[str, Any]:
    """A session as GET shows it with an empty class list (no capacity warning)."""
    room = {"attendees": attendees, "venueCapacity": venue_capacity, "exceeded": False}
    return {**as_listed(session), "warnings": [], "attendees": [], "capacity": room}


# --- POST /sessions/draft ------------------------------------------------------------------------------


def test_draft_needs_only_a_course(api, setup):
    # Given only a course
    # When an admin creates a draft of it
    reply = api.post("/sessions/draft", {"courseId": setup.course["id"]})
    # Then a DRAFT exists with nothing else planned, created by the caller
    assert reply.status == 201
    session = reply.body
    assert session["id"].startswith("c") and len(session["id"]) >= 9
    assert session["courseId"] == setup.course["id"]
    assert session["status"] == "DRAFT"
    assert (session["trainerId"], session["venueId"], session["startTime"], session["endTime"]) == (None,) * 4
    assert session["createdById"] == "admin-user"
    assert session["createdAt"] == session["updatedAt"]
    assert session["createdAt"].endswith("Z")
    assert session["deletedAt"] is None
    assert session["warnings"] == []


def test_draft_with_everything_planned_reads_back_in_utc(api, setup):
    # Given a trainer, a venue and times written with a +02:00 offset
    body = {
        "courseId": setup.course["id"],
        "trainerId": setup.trainer["id"],
        "venueId": setup.venue["id"],
        "startTime": "2027-03-01T11:00:00+02:00",
        "endTime": "2027-03-01T13:30:00+02:00",
    }
    # When the draft is created
    reply = api.post("/sessions/draft", body)
    # Then it keeps them all, times as UTC instants, and reads back the same
    assert reply.status == 201
    assert reply.body["trainerId"] == setup.trainer["id"]
    assert reply.body["venueId"] == setup.venue["id"]
    assert reply.body["startTime"] == "2027-03-01T09:00:00.000Z"
    assert reply.body["endTime"] == "2027-03-01T11:30:00.000Z"
    assert reply.body["status"] == "DRAFT"
    assert read(api, reply.body["id"]) == as_read(reply.body)


def test_draft_creator_is_the_caller_never_the_body(api, setup):
    # Given a body that claims another creator and a status
    body = {"courseId": setup.course["id"], "createdById": "someone-else", "status": "SCHEDULED"}
    # When an admin creates the draft
    reply = api.post("/sessions/draft", body)
    # Then the creator is the caller's identity and it is still a DRAFT
    assert reply.status == 201
    assert reply.body["createdById"] == "admin-user"
    assert reply.body["status"] == "DRAFT"
    assert read(api, reply.body["id"])["createdById"] == "admin-user"


@pytest.mark.parametrize(("field", "kind"), [("courseId", "Course"), ("trainerId", "Trainer"), ("venueId", "Venue")])
def test_draft_naming_an_unknown_course_trainer_or_venue_is_404(api, setup, field, kind):
    # Given a draft body where one referenced id is well-formed but names nothing
    missing = new_id()
    body = {"courseId": setup.course["id"], "trainerId": setup.trainer["id"], "venueId": setup.venue["id"]}
    body[field] = missing
    # When it is posted
    reply = api.post("/sessions/draft", body)
    # Then it is a 404 naming what was missing, and no session was stored
    assert reply.status == 404
    assert reply.body["error"] == "Not Found"
    assert reply.body["message"] == f"{kind} {missing} not found"
    assert listed_ids(api) == []


@pytest.mark.parametrize("minutes", [0, -30])
def test_draft_ending_at_or_before_its_start_is_422_naming_end_time(api, setup, minutes):
    # Given a draft whose end is not after its start
    body = {
        "courseId": setup.course["id"],
        "startTime": iso(at(10)),
        "endTime": iso(at(10) + timedelta(minutes=minutes)),
    }
    # When it is posted
    reply = api.post("/sessions/draft", body)
    # Then it is a 422 naming endTime, and nothing was stored
    assert reply.status == 422
    assert error_fields(reply) == {"endTime"}
    assert listed_ids(api) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "courseId"),
        ({"courseId": MALFORMED_ID}, "courseId"),
        ({"courseId": "VALID", "trainerId": MALFORMED_ID}, "trainerId"),
        ({"courseId": "VALID", "startTime": "2027-03-01T09:00:00"}, "startTime"),
        ({"courseId": "VALID", "startTime": "next tuesday"}, "startTime"),
    ],
)
def test_draft_with_a_bad_field_is_422_naming_it(api, setup, body, field):
    # Given a draft body with one missing or malformed field (a time without offset is ambiguous)
    body = {k: setup.course["id"] if v == "VALID" else v for k, v in body.items()}
    # When it is posted
    reply = api.post("/sessions/draft", body)
    # Then it is a 422 naming that field
    assert reply.status == 422
    assert field in error_fields(reply)
    assert listed_ids(api) == []


def test_two_drafts_with_the_same_trainer_and_time_are_both_accepted(api, setup):
    # Given a draft with a trainer at 09:00-11:00
    times = {"trainerId": setup.trainer["id"], "startTime": iso(at(9)), "endTime": iso(at(11))}
    first = draft(api, setup.course, **times)
    # When a second draft with the same trainer and time is created
    reply = api.post("/sessions/draft", {"courseId": setup.course["id"], **times})
    # Then drafts are not checked for conflicts: both exist
    assert reply.status == 201
    assert reply.body["status"] == "DRAFT"
    assert sorted(listed_ids(api)) == sorted([first["id"], reply.body["id"]])


def test_draft_may_overlap_a_scheduled_session_and_name_an_unqualified_trainer(api, setup):
    # Given the trainer booked 09:00-11:00, and a trainer not qualified for the course
    booked = scheduled(api, setup, at(9))
    unqualified = api.trainer()
    # When drafts are made for the booked trainer at that time, and for the unqualified one
    overlapping = api.post(
        "/sessions/draft",
        {"courseId": setup.course["id"], "trainerId": setup.trainer["id"], "startTime": iso(at(10))},
    )
    unqualified_draft = api.post("/sessions/draft", {"courseId": setup.course["id"], "trainerId": unqualified["id"]})
    # Then both are fine as drafts; the booking is untouched
    assert (overlapping.status, unqualified_draft.status) == (201, 201)
    assert overlapping.body["startTime"] == iso(at(10))
    assert unqualified_draft.body["trainerId"] == unqualified["id"]
    assert read(api, booked["id"])["status"] == "SCHEDULED"


# --- GET /sessions/{sessionId} -------------------------------------------------------------------------


def test_read_a_session_with_its_empty_class_list_and_capacity(api, setup):
    # Given a draft in a 20-seat venue
    created = draft(api, setup.course, venueId=setup.venue["id"])
    # When it is read
    reply = api.get(f"/sessions/{created['id']}")
    # Then it is the session, no attendees, and a capacity block of 0/20
    assert reply.status == 200
    assert reply.body == {
        **created,
        "attendees": [],
        "capacity": {"attendees": 0, "venueCapacity": 20, "exceeded": False},
    }


def test_read_a_session_without_venue_has_no_capacity(api, setup):
    # Given a draft with no venue yet
    created = draft(api, setup.course)
    # When it is read
    reply = api.get(f"/sessions/{created['id']}")
    # Then the capacity block has no venue capacity and is not exceeded
    assert reply.status == 200
    assert reply.body["capacity"] == {"attendees": 0, "venueCapacity": None, "exceeded": False}
    assert reply.body["warnings"] == []


def test_read_an_unknown_session_is_404(api):
    # Given a well-formed id of no session
    missing = new_id()
    # When it is read
    reply = api.get(f"/sessions/{missing}")
    # Then it is a 404 naming it
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


# --- GET /sessions --------------------------------------------------------------------------------------


def test_list_is_sorted_by_start_with_undated_drafts_last(api, setup):
    # Given sessions created out of order, and a draft with no time
    undated = draft(api, setup.course)
    late = draft(api, setup.course, startTime=iso(at(15)))
    early = draft(api, setup.course, startTime=iso(at(8)))
    middle = scheduled(api, setup, at(11))
    # When they are listed
    reply = api.get("/sessions")
    # Then they come by start time, the undated draft last, and that is the whole list
    assert reply.status == 200
    assert [s["id"] for s in reply.body["items"]] == [early["id"], middle["id"], late["id"], undated["id"]]
    assert reply.body["nextToken"] is None
    assert reply.body["items"][1] == as_listed(middle)


def test_list_of_nothing_is_an_empty_page(api):
    # Given no sessions
    # When sessions are listed
    reply = api.get("/sessions")
    # Then the page is empty and final
    assert reply.status == 200
    assert reply.body == {"items": [], "nextToken": None}


def test_list_filters_by_status(api, setup):
    # Given a draft, a scheduled and a cancelled session
    draft_only = draft(api, setup.course, startTime=iso(at(8)))
    booked = scheduled(api, setup, at(9))
    cancelled = draft(api, setup.course, startTime=iso(at(10)))
    assert api.post(f"/sessions/{cancelled['id']}/cancel").status == 200
    # When each status is listed
    # Then each list holds only the sessions in that status
    assert listed_ids(api, status="DRAFT") == [draft_only["id"]]
    assert listed_ids(api, status="SCHEDULED") == [booked["id"]]
    assert listed_ids(api, status="CANCELLED") == [cancelled["id"]]
    assert listed_ids(api, status="COMPLETED") == []


def test_list_filters_by_trainer_venue_and_course(api, setup):
    # Given sessions that differ in trainer, venue and course
    other_course = api.course()
    other_trainer = qualified_trainer(api, setup.course)
    other_venue = api.venue()
    mine = scheduled(api, setup, at(9))
    other_trainers = scheduled(api, setup, at(9), trainer=other_trainer, venue=other_venue)
    other_courses = draft(api, other_course, trainerId=setup.trainer["id"], startTime=iso(at(13)))
    # When the list is filtered by each
    # Then each filter keeps exactly the matching sessions, in start order
    assert listed_ids(api, trainerId=setup.trainer["id"]) == [mine["id"], other_courses["id"]]
    assert listed_ids(api, trainerId=other_trainer["id"]) == [other_trainers["id"]]
    assert listed_ids(api, venueId=other_venue["id"]) == [other_trainers["id"]]
    assert listed_ids(api, courseId=other_course["id"]) == [other_courses["id"]]
    assert sorted(listed_ids(api, courseId=setup.course["id"])) == sorted([mine["id"], other_trainers["id"]])
    assert listed_ids(api, courseId=setup.course["id"], trainerId=other_trainer["id"]) == [other_trainers["id"]]
    assert listed_ids(api, trainerId=new_id()) == []


def test_from_and_to_bound_the_start_half_open(api, setup):
    # Given sessions starting at 08:00, 09:00, 10:00 and 11:00, and one undated draft
    starts = {hour: draft(api, setup.course, startTime=iso(at(hour)))["id"] for hour in (8, 9, 10, 11)}
    draft(api, setup.course)
    # When the list is bounded by from=09:00 and to=11:00
    ids = listed_ids(api, **{"from": iso(at(9)), "to": iso(at(11))})
    # Then the one starting at `from` is in, the one starting at `to` is out, the undated one too
    assert ids == [starts[9], starts[10]]


def test_from_alone_keeps_later_starts_only(api, setup):
    # Given sessions at 08:00 and 10:00 and an undated draft
    draft(api, setup.course, startTime=iso(at(8)))
    later = draft(api, setup.course, startTime=iso(at(10)))
    draft(api, setup.course)
    # When listed from 09:00 on
    ids = listed_ids(api, **{"from": iso(at(9))})
    # Then only the later dated session is listed
    assert ids == [later["id"]]


def test_to_alone_keeps_earlier_starts_only(api, setup):
    # Given sessions at 08:00 and 10:00 and an undated draft
    earlier = draft(api, setup.course, startTime=iso(at(8)))
    draft(api, setup.course, startTime=iso(at(10)))
    draft(api, setup.course)
    # When listed up to 09:00
    reply = api.get("/sessions", query={"to": iso(at(9))})
    # Then only the earlier session is listed
    assert reply.status == 200, reply.body
    assert [s["id"] for s in reply.body["items"]] == [earlier["id"]]


def test_date_bounds_combine_with_the_course_filter(api, setup):
    # Given sessions of the course at 08:00 and 10:00, and one of another course at 10:00
    earlier = draft(api, setup.course, startTime=iso(at(8)))
    later = draft(api, setup.course, startTime=iso(at(10)))
    draft(api, api.course(), startTime=iso(at(10)))
    # When the course's sessions from 09:00 are listed, and those before 09:00
    after_nine = listed_ids(api, courseId=setup.course["id"], **{"from": iso(at(9))})
    before_nine = listed_ids(api, courseId=setup.course["id"], to=iso(at(9)))
    # Then each holds only that course's session on that side
    assert after_nine == [later["id"]]
    assert before_nine == [earlier["id"]]


def test_list_pages_through_every_session_once(api, setup):
    # Given five dated sessions
    ids = [draft(api, setup.course, startTime=iso(at(hour)))["id"] for hour in (12, 8, 10, 9, 11)]
    by_start = [ids[1], ids[3], ids[2], ids[4], ids[0]]
    # When they are listed two at a time
    pages = walk(api, {"limit": "2"})
    # Then the pages are 2, 2, 1 in start order, and the last one has no token
    assert pages == [by_start[0:2], by_start[2:4], by_start[4:5]]


def test_a_page_that_ends_the_list_hands_out_no_token(api, setup):
    # Given exactly four sessions
    for hour in (8, 9, 10, 11):
        draft(api, setup.course, startTime=iso(at(hour)))
    # When listed two at a time
    pages = walk(api, {"limit": "2"})
    # Then there are two full pages and no empty third one
    assert [len(page) for page in pages] == [2, 2]


def test_filtered_list_pages_through_matching_sessions_only(api, setup):
    # Given the setup's trainer in 5 sessions interleaved with 5 of another trainer
    other = qualified_trainer(api, setup.course)
    mine = []
    for hour in range(8, 13):
        mine.append(draft(api, setup.course, trainerId=setup.trainer["id"], startTime=iso(at(hour)))["id"])
        draft(api, setup.course, trainerId=other["id"], startTime=iso(at(hour, 30)))
    # When the trainer's sessions are listed two at a time
    pages = walk(api, {"trainerId": setup.trainer["id"], "limit": "2"})
    # Then every page holds only theirs, in order, all of them once
    assert pages == [mine[0:2], mine[2:4], mine[4:5]]


def test_course_list_pages_through_its_sessions(api, setup):
    # Given three sessions of the course and one of another
    mine = [draft(api, setup.course, startTime=iso(at(hour)))["id"] for hour in (8, 9, 10)]
    draft(api, api.course(), startTime=iso(at(9, 30)))
    # When the course's sessions are listed two at a time
    pages = walk(api, {"courseId": setup.course["id"], "limit": "2"})
    # Then they come in two pages, in order
    assert pages == [mine[0:2], mine[2:3]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "PLANNED"}, "status"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2027-03-01"}, "to"),
        ({"trainerId": MALFORMED_ID}, "trainerId"),
        ({"venueId": MALFORMED_ID}, "venueId"),
        ({"courseId": MALFORMED_ID}, "courseId"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"nextToken": "garbage"}, "nextToken"),
        ({"from": "2027-03-01T10:00:00Z", "to": "2027-03-01T10:00:00Z"}, "to"),
        ({"from": "2027-03-01T10:00:00Z", "to": "2027-03-01T09:00:00Z"}, "to"),
    ],
)
def test_list_with_a_bad_query_is_422_naming_it(api, query, field):
    # Given a list query with one bad parameter (an empty range included)
    # When sessions are listed with it
    reply = api.get("/sessions", query=query)
    # Then it is a 422 naming that parameter
    assert reply.status == 422
    assert field in error_fields(reply)


def test_a_token_of_another_list_is_422(api, setup):
    # Given a nextToken from the plain list
    for hour in (8, 9, 10):
        draft(api, setup.course, startTime=iso(at(hour)))
    token = api.get("/sessions", query={"limit": "1"}).body["nextToken"]
    assert token
    # When it is passed to the course-filtered list
    reply = api.get("/sessions", query={"courseId": setup.course["id"], "nextToken": token})
    # Then it is refused as bad input, not a server error
    assert reply.status == 422
    assert error_fields(reply) == {"nextToken"}


# --- PATCH /sessions/{sessionId} ------------------------------------------------------------------------


def test_patch_a_draft_plans_trainer_venue_and_times(api, setup):
    # Given a bare draft
    created = draft(api, setup.course)
    body = plan(setup.trainer, setup.venue, at(9), 90)
    # When trainer, venue and times are set
    reply = api.patch(f"/sessions/{created['id']}", body)
    # Then they are saved, it stays a DRAFT, and the read agrees
    assert reply.status == 200
    for field, value in body.items():
        assert reply.body[field] == value
    assert reply.body["status"] == "DRAFT"
    assert reply.body["updatedAt"] >= created["updatedAt"]
    assert reply.body["createdAt"] == created["createdAt"]
    assert read(api, created["id"]) == as_read(reply.body)


def test_patch_a_draft_changes_only_what_is_sent(api, setup):
    # Given a draft with trainer, venue and times
    created = draft(api, setup.course, **plan(setup.trainer, setup.venue, at(9)))
    # When only the start is moved earlier
    reply = api.patch(f"/sessions/{created['id']}", {"startTime": iso(at(8))})
    # Then the rest is as it was
    assert reply.status == 200
    assert reply.body["startTime"] == iso(at(8))
    assert reply.body["endTime"] == created["endTime"]
    assert reply.body["trainerId"] == setup.trainer["id"]
    assert reply.body["venueId"] == setup.venue["id"]


def test_patch_a_draft_clears_fields_with_null(api, setup):
    # Given a fully planned draft
    created = draft(api, setup.course, **plan(setup.trainer, setup.venue, at(9)))
    # When every planned field is cleared with null
    body = {"trainerId": None, "venueId": None, "startTime": None, "endTime": None}
    reply = api.patch(f"/sessions/{created['id']}", body)
    # Then they are all empty again, in the reply and the read
    assert reply.status == 200
    detail = read(api, created["id"])
    for field in body:
        assert reply.body[field] is None
        assert detail[field] is None
    assert detail["status"] == "DRAFT"
    assert detail["capacity"]["venueCapacity"] is None


@pytest.mark.parametrize(("field", "kind"), [("trainerId", "Trainer"), ("venueId", "Venue")])
def test_patch_a_draft_to_an_unknown_trainer_or_venue_is_404(api, setup, field, kind):
    # Given a draft with a trainer and venue
    created = draft(api, setup.course, trainerId=setup.trainer["id"], venueId=setup.venue["id"])
    missing = new_id()
    # When one is changed to an id that names nothing
    reply = api.patch(f"/sessions/{created['id']}", {field: missing})
    # Then it is a 404 and the draft is unchanged
    assert reply.status == 404
    assert reply.body["message"] == f"{kind} {missing} not found"
    assert read(api, created["id"])[field] == created[field]


def test_patch_a_draft_with_its_end_before_its_start_is_422_naming_end_time(api, setup):
    # Given a bare draft
    created = draft(api, setup.course)
    # When times are sent whose end comes before the start
    reply = api.patch(f"/sessions/{created['id']}", {"startTime": iso(at(10)), "endTime": iso(at(9))})
    # Then it is a 422 naming endTime (not a server error), and nothing changed
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"endTime"}
    assert read(api, created["id"])["startTime"] is None


def test_patch_a_draft_end_before_its_stored_start_is_422(api, setup):
    # Given a draft starting at 10:00
    created = draft(api, setup.course, startTime=iso(at(10)))
    # When only an end at 09:00 is sent
    reply = api.patch(f"/sessions/{created['id']}", {"endTime": iso(at(9))})
    # Then the merged times are refused with a 422 naming endTime, and nothing changed
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"endTime"}
    assert read(api, created["id"])["endTime"] is None


def test_patch_with_nothing_to_change_is_422(api, setup):
    # Given a draft
    created = draft(api, setup.course)
    # When an empty body is patched
    reply = api.patch(f"/sessions/{created['id']}", {})
    # Then it is a 422 saying there is nothing to change
    assert reply.status == 422
    assert "Nothing to change" in reply.body["message"]


def test_patch_a_scheduled_session_to_a_free_slot_keeps_it_scheduled(api, setup):
    # Given a session scheduled 09:00-11:00
    session = scheduled(api, setup, at(9))
    # When it is moved to 14:00-17:00
    reply = api.patch(f"/sessions/{session['id']}", {"startTime": iso(at(14)), "endTime": iso(at(17))})
    # Then it is saved and still SCHEDULED
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert (reply.body["startTime"], reply.body["endTime"]) == (iso(at(14)), iso(at(17)))
    detail = read(api, session["id"])
    assert (detail["startTime"], detail["endTime"], detail["status"]) == (iso(at(14)), iso(at(17)), "SCHEDULED")


def test_patch_a_scheduled_session_into_the_trainers_other_booking_is_409_and_changes_nothing(api, setup):
    # Given the trainer booked 09:00-11:00 and 13:00-15:00
    first = scheduled(api, setup, at(9))
    second = scheduled(api, setup, at(13))
    # When the second is moved to 10:00-12:00
    reply = api.patch(f"/sessions/{second['id']}", {"startTime": iso(at(10)), "endTime": iso(at(12))})
    # Then it is a 409 naming the first, and the second is where it was
    assert reply.status == 409
    assert first["id"] in reply.body["message"]
    assert [c["sessionId"] for c in reply.body["details"]] == [first["id"]]
    assert read(api, second["id"]) == as_read(second)


def test_patch_a_scheduled_session_to_an_unqualified_trainer_is_400_and_changes_nothing(api, setup):
    # Given a scheduled session and a trainer not qualified for its course
    session = scheduled(api, setup, at(9))
    unqualified = api.trainer()
    # When the session is given to that trainer
    reply = api.patch(f"/sessions/{session['id']}", {"trainerId": unqualified["id"]})
    # Then it is a 400 and the session keeps its trainer
    assert reply.status == 400
    assert unqualified["id"] in reply.body["message"]
    assert reply.body["details"] == [{"trainerId": unqualified["id"], "courseId": setup.course["id"]}]
    assert read(api, session["id"])["trainerId"] == setup.trainer["id"]


def test_patch_a_scheduled_session_to_another_qualified_trainer_frees_the_first(api, setup):
    # Given a scheduled session and another qualified trainer
    session = scheduled(api, setup, at(9))
    other = qualified_trainer(api, setup.course)
    # When the session is handed to the other trainer
    reply = api.patch(f"/sessions/{session['id']}", {"trainerId": other["id"]})
    # Then it is theirs, and the first trainer is free to take another session at that time
    assert reply.status == 200
    assert reply.body["trainerId"] == other["id"]
    assert reply.body["status"] == "SCHEDULED"
    replacement = draft(api, setup.course)
    again = api.patch(f"/sessions/{replacement['id']}/schedule", plan(setup.trainer, setup.venue, at(9)))
    assert again.status == 200, again.body


def test_patch_a_scheduled_session_end_before_start_is_422_and_changes_nothing(api, setup):
    # Given a session scheduled 09:00-11:00
    session = scheduled(api, setup, at(9))
    # When its end is moved to 08:00
    reply = api.patch(f"/sessions/{session['id']}", {"endTime": iso(at(8))})
    # Then it is a 422 naming endTime, and the times are unchanged
    assert reply.status == 422
    assert error_fields(reply) == {"endTime"}
    assert read(api, session["id"])["endTime"] == session["endTime"]


@pytest.mark.parametrize("field", ["trainerId", "venueId", "startTime", "endTime"])
def test_patch_a_scheduled_session_may_not_clear_a_field(api, setup, field):
    # Given a scheduled session
    session = scheduled(api, setup, at(9))
    # When one of its planned fields is cleared with null
    reply = api.patch(f"/sessions/{session['id']}", {field: None})
    # Then it is a 422 naming the field, and the session keeps it
    assert reply.status == 422
    assert error_fields(reply) == {field}
    assert read(api, session["id"])[field] == session[field]


def test_patch_a_scheduled_session_into_a_booked_venue_only_warns(api, setup):
    # Given the venue booked 09:00-11:00 by another trainer, and our session at 13:00
    other = qualified_trainer(api, setup.course)
    venue_user = scheduled(api, setup, at(9), trainer=other)
    session = scheduled(api, setup, at(13))
    # When our session is moved onto the venue's booking
    reply = api.patch(f"/sessions/{session['id']}", {"startTime": iso(at(10)), "endTime": iso(at(12))})
    # Then it is saved with a venue double-booking warning naming the other session
    assert reply.status == 200
    assert [w["code"] for w in reply.body["warnings"]] == ["VENUE_DOUBLE_BOOKED"]
    assert venue_user["id"] in reply.body["warnings"][0]["message"]
    assert read(api, session["id"])["startTime"] == iso(at(10))


@pytest.mark.parametrize("status", ["COMPLETED", "CANCELLED"])
def test_patch_a_closed_session_is_409(api, setup, status):
    # Given a session that is COMPLETED or CANCELLED
    session = scheduled(api, setup, at(9))
    force_status(session["id"], status)
    # When its times are edited
    reply = api.patch(f"/sessions/{session['id']}", {"startTime": iso(at(8))})
    # Then it is a 409 naming the status, and nothing changed
    assert reply.status == 409
    assert status in reply.body["message"]
    detail = read(api, session["id"])
    assert (detail["startTime"], detail["status"]) == (session["startTime"], status)


def test_patch_an_unknown_session_is_404(api):
    # Given an id of no session
    missing = new_id()
    # When it is patched
    reply = api.patch(f"/sessions/{missing}", {"startTime": iso(at(9))})
    # Then it is a 404
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


# --- PATCH /sessions/{sessionId}/schedule ---------------------------------------------------------------


def test_schedule_a_draft(api, setup):
    # Given a bare draft and a qualified trainer with a free calendar
    created = draft(api, setup.course)
    body = plan(setup.trainer, setup.venue, at(9), 150)
    # When it is scheduled
    reply = api.patch(f"/sessions/{created['id']}/schedule", body)
    # Then it is SCHEDULED with the plan's fields and no warnings
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert reply.body["warnings"] == []
    for field, value in body.items():
        assert reply.body[field] == value
    assert reply.body["createdById"] == "admin-user"
    detail = read(api, created["id"])
    assert detail["status"] == "SCHEDULED"
    assert detail["endTime"] == iso(at(11, 30))


@pytest.mark.parametrize("field", ["trainerId", "venueId", "startTime", "endTime"])
def test_schedule_needs_every_field(api, setup, field):
    # Given a plan missing one field
    created = draft(api, setup.course)
    body = plan(setup.trainer, setup.venue, at(9))
    del body[field]
    # When it is used to schedule
    reply = api.patch(f"/sessions/{created['id']}/schedule", body)
    # Then it is a 422 naming it, and the session is still a DRAFT
    assert reply.status == 422
    assert error_fields(reply) == {field}
    assert read(api, created["id"])["status"] == "DRAFT"


@pytest.mark.parametrize("minutes", [0, -60])
def test_schedule_with_end_not_after_start_is_422_naming_end_time(api, setup, minutes):
    # Given a plan ending at or before its start
    created = draft(api, setup.course)
    # When it is used to schedule
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(9), minutes))
    # Then it is a 422 naming endTime, and the session is still a DRAFT
    assert reply.status == 422
    assert error_fields(reply) == {"endTime"}
    assert read(api, created["id"])["status"] == "DRAFT"


def test_schedule_a_double_booked_trainer_is_409_naming_the_session(api, setup):
    # Given the trainer booked 09:00-11:00
    booked = scheduled(api, setup, at(9))
    created = draft(api, setup.course)
    # When another session is scheduled with them at 10:00-12:00 (in another venue)
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, api.venue(), at(10)))
    # Then it is a 409 naming the booked session in message and details, and nothing changed
    assert reply.status == 409
    assert reply.body["error"] == "Conflict"
    assert booked["id"] in reply.body["message"]
    assert reply.body["details"] == [
        {
            "sessionId": booked["id"],
            "courseId": setup.course["id"],
            "trainerId": setup.trainer["id"],
            "venueId": setup.venue["id"],
            "startTime": iso(at(9)),
            "endTime": iso(at(11)),
        }
    ]
    detail = read(api, created["id"])
    assert (detail["status"], detail["trainerId"], detail["startTime"]) == ("DRAFT", None, None)


def test_schedule_over_two_bookings_names_both(api, setup):
    # Given the trainer booked 09:00-10:00 and 11:00-12:00
    first = scheduled(api, setup, at(9), 60)
    second = scheduled(api, setup, at(11), 60)
    created = draft(api, setup.course)
    # When another session spanning 09:30-11:30 is scheduled with them
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(9, 30)))
    # Then both bookings are named
    assert reply.status == 409
    assert first["id"] in reply.body["message"] and second["id"] in reply.body["message"]
    assert sorted(c["sessionId"] for c in reply.body["details"]) == sorted([first["id"], second["id"]])


def test_schedule_back_to_back_with_the_trainer_is_fine(api, setup):
    # Given the trainer booked 09:00-11:00
    scheduled(api, setup, at(9))
    created = draft(api, setup.course)
    # When another session is scheduled 11:00-12:00 (touching, not overlapping)
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, api.venue(), at(11), 60))
    # Then it is booked
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"


def test_schedule_an_unqualified_trainer_is_400_and_changes_nothing(api, setup):
    # Given a trainer not qualified for the course
    unqualified = api.trainer()
    created = draft(api, setup.course)
    # When a session of the course is scheduled with them
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(unqualified, setup.venue, at(9)))
    # Then it is a 400 naming trainer and course, and the session is still an untouched DRAFT
    assert reply.status == 400
    assert reply.body["error"] == "Bad Request"
    assert unqualified["id"] in reply.body["message"]
    assert setup.course["id"] in reply.body["message"]
    detail = read(api, created["id"])
    assert (detail["status"], detail["trainerId"]) == ("DRAFT", None)


def test_schedule_into_a_booked_venue_warns_and_schedules(api, setup):
    # Given the venue booked 09:00-11:00 by another qualified trainer
    other = qualified_trainer(api, setup.course)
    booked = scheduled(api, setup, at(9), trainer=other)
    created = draft(api, setup.course)
    # When our trainer is scheduled into the same venue at 10:00
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(10)))
    # Then it is SCHEDULED, with a VENUE_DOUBLE_BOOKED warning naming the other session
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert len(reply.body["warnings"]) == 1
    warning = reply.body["warnings"][0]
    assert warning["code"] == "VENUE_DOUBLE_BOOKED"
    assert booked["id"] in warning["message"]
    assert read(api, created["id"])["status"] == "SCHEDULED"


def test_schedule_in_the_past_is_allowed(api, setup):
    # Given a draft
    created = draft(api, setup.course)
    past = datetime(2020, 1, 6, 9, tzinfo=UTC)
    # When it is scheduled in 2020
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, past))
    # Then it is booked as asked
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert reply.body["startTime"] == "2020-01-06T09:00:00.000Z"


def test_rescheduling_moves_a_session_without_clashing_with_itself(api, setup):
    # Given a session scheduled 09:00-11:00
    session = scheduled(api, setup, at(9))
    # When it is scheduled again at 10:00-12:00, overlapping its old slot
    reply = api.patch(f"/sessions/{session['id']}/schedule", plan(setup.trainer, setup.venue, at(10)))
    # Then it moves, with no conflict and no venue warning about itself
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert reply.body["warnings"] == []
    assert read(api, session["id"])["startTime"] == iso(at(10))
    # And the trainer is blocked at its new time but free in the hour it left
    other = draft(api, setup.course)
    clash = api.patch(f"/sessions/{other['id']}/schedule", plan(setup.trainer, setup.venue, at(11), 60))
    assert clash.status == 409
    assert [c["sessionId"] for c in clash.body["details"]] == [session["id"]]
    free = api.patch(f"/sessions/{other['id']}/schedule", plan(setup.trainer, setup.venue, at(9), 60))
    assert free.status == 200, free.body


def test_rescheduling_to_another_venue_frees_the_first(api, setup):
    # Given a session booked 09:00-11:00 in the setup's venue
    session = scheduled(api, setup, at(9))
    other_venue = api.venue()
    # When it is scheduled again at the same time in another venue
    moved = api.patch(f"/sessions/{session['id']}/schedule", plan(setup.trainer, other_venue, at(9)))
    assert moved.status == 200, moved.body
    # Then another trainer's session in the first venue at that time has no venue warning
    other_trainer = qualified_trainer(api, setup.course)
    reply = api.patch(f"/sessions/{draft(api, setup.course)['id']}/schedule", plan(other_trainer, setup.venue, at(9)))
    assert reply.status == 200
    assert reply.body["warnings"] == []
    # And one in the new venue is warned about the moved session
    third = qualified_trainer(api, setup.course)
    clash = api.patch(f"/sessions/{draft(api, setup.course)['id']}/schedule", plan(third, other_venue, at(10)))
    assert clash.status == 200
    assert [w["code"] for w in clash.body["warnings"]] == ["VENUE_DOUBLE_BOOKED"]
    assert session["id"] in clash.body["warnings"][0]["message"]


def test_schedule_the_same_slot_again_is_fine(api, setup):
    # Given a session scheduled 09:00-11:00
    session = scheduled(api, setup, at(9))
    # When exactly the same plan is sent again
    reply = api.patch(f"/sessions/{session['id']}/schedule", plan(setup.trainer, setup.venue, at(9)))
    # Then it is still booked there, and lists once
    assert reply.status == 200
    assert reply.body["startTime"] == iso(at(9))
    assert listed_ids(api, status="SCHEDULED") == [session["id"]]


def test_a_cancelled_booking_no_longer_blocks_the_trainer(api, setup):
    # Given the trainer's booking 09:00-11:00 is cancelled
    booked = scheduled(api, setup, at(9))
    assert api.post(f"/sessions/{booked['id']}/cancel").status == 200
    created = draft(api, setup.course)
    # When another session is scheduled in that slot with them
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(9)))
    # Then it is booked, with no venue warning about the cancelled one
    assert reply.status == 200
    assert reply.body["warnings"] == []


@pytest.mark.parametrize(("field", "kind"), [("trainerId", "Trainer"), ("venueId", "Venue")])
def test_schedule_with_an_unknown_trainer_or_venue_is_404(api, setup, field, kind):
    # Given a plan naming a trainer or venue that does not exist
    created = draft(api, setup.course)
    body = plan(setup.trainer, setup.venue, at(9))
    missing = new_id()
    body[field] = missing
    # When it is used to schedule
    reply = api.patch(f"/sessions/{created['id']}/schedule", body)
    # Then it is a 404 naming it, and the session is still a DRAFT
    assert reply.status == 404
    assert reply.body["message"] == f"{kind} {missing} not found"
    assert read(api, created["id"])["status"] == "DRAFT"


@pytest.mark.parametrize("status", ["CANCELLED", "COMPLETED"])
def test_schedule_a_closed_session_is_409(api, setup, status):
    # Given a session that is CANCELLED or COMPLETED
    created = draft(api, setup.course)
    force_status(created["id"], status)
    # When it is scheduled
    reply = api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(9)))
    # Then it is a 409, and it stays as it was
    assert reply.status == 409
    assert status in reply.body["message"]
    assert read(api, created["id"])["status"] == status


def test_schedule_an_unknown_session_is_404(api, setup):
    # Given an id of no session
    missing = new_id()
    # When it is scheduled
    reply = api.patch(f"/sessions/{missing}/schedule", plan(setup.trainer, setup.venue, at(9)))
    # Then it is a 404
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


# --- POST /sessions/{sessionId}/cancel ------------------------------------------------------------------


def test_cancel_a_draft(api, setup):
    # Given a draft
    created = draft(api, setup.course)
    # When it is cancelled
    reply = api.post(f"/sessions/{created['id']}/cancel")
    # Then it is CANCELLED, and reads back so
    assert reply.status == 200
    assert reply.body["status"] == "CANCELLED"
    assert reply.body["id"] == created["id"]
    assert read(api, created["id"])["status"] == "CANCELLED"


def test_cancel_a_scheduled_session_keeps_it_readable(api, setup):
    # Given a scheduled session
    session = scheduled(api, setup, at(9))
    # When it is cancelled
    reply = api.post(f"/sessions/{session['id']}/cancel")
    # Then it is CANCELLED with its plan kept, and listed as such
    assert reply.status == 200
    assert reply.body["status"] == "CANCELLED"
    assert reply.body["trainerId"] == setup.trainer["id"]
    assert reply.body["startTime"] == iso(at(9))
    assert listed_ids(api, status="CANCELLED") == [session["id"]]
    assert listed_ids(api, status="SCHEDULED") == []


@pytest.mark.parametrize("status", ["CANCELLED", "COMPLETED"])
def test_cancel_a_closed_session_is_409(api, setup, status):
    # Given a session already CANCELLED or COMPLETED
    created = scheduled(api, setup, at(9))
    if status == "CANCELLED":
        assert api.post(f"/sessions/{created['id']}/cancel").status == 200
    else:
        force_status(created["id"], status)
    # When it is cancelled (again)
    reply = api.post(f"/sessions/{created['id']}/cancel")
    # Then it is a 409 and its status stands
    assert reply.status == 409
    assert status in reply.body["message"]
    assert read(api, created["id"])["status"] == status


def test_cancel_an_unknown_session_is_404(api):
    # Given an id of no session
    missing = new_id()
    # When it is cancelled
    reply = api.post(f"/sessions/{missing}/cancel")
    # Then it is a 404
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


# --- DELETE /sessions/{sessionId} -----------------------------------------------------------------------


def test_delete_a_draft_hides_it_everywhere(api, setup):
    # Given a dated draft and another session
    doomed = draft(api, setup.course, trainerId=setup.trainer["id"], startTime=iso(at(9)))
    kept = draft(api, setup.course, startTime=iso(at(10)))
    # When the draft is deleted
    reply = api.delete(f"/sessions/{doomed['id']}")
    # Then it is a 204 with no body, reads are 404, and no list shows it
    assert reply.status == 204
    assert reply.body is None
    gone = api.get(f"/sessions/{doomed['id']}")
    assert gone.status == 404
    assert gone.body["message"] == f"Session {doomed['id']} not found"
    assert listed_ids(api) == [kept["id"]]
    assert listed_ids(api, courseId=setup.course["id"]) == [kept["id"]]
    assert listed_ids(api, trainerId=setup.trainer["id"]) == []
    assert listed_ids(api, status="DRAFT", **{"from": iso(at(0))}) == [kept["id"]]


def test_delete_a_cancelled_session(api, setup):
    # Given a scheduled session that was cancelled
    session = scheduled(api, setup, at(9))
    assert api.post(f"/sessions/{session['id']}/cancel").status == 200
    # When it is deleted
    reply = api.delete(f"/sessions/{session['id']}")
    # Then it is gone from reads and lists
    assert reply.status == 204
    assert api.get(f"/sessions/{session['id']}").status == 404
    assert listed_ids(api, status="CANCELLED") == []


@pytest.mark.parametrize("status", ["SCHEDULED", "COMPLETED"])
def test_delete_a_scheduled_or_completed_session_is_409(api, setup, status):
    # Given a SCHEDULED (or COMPLETED) session
    session = scheduled(api, setup, at(9))
    if status != "SCHEDULED":
        force_status(session["id"], status)
    # When it is deleted
    reply = api.delete(f"/sessions/{session['id']}")
    # Then it is a 409, and it is still there
    assert reply.status == 409
    assert status in reply.body["message"]
    assert read(api, session["id"])["status"] == status
    assert listed_ids(api) == [session["id"]]


def test_a_deleted_session_cannot_be_touched_again(api, setup):
    # Given a deleted draft
    created = draft(api, setup.course)
    assert api.delete(f"/sessions/{created['id']}").status == 204
    # When it is deleted, edited, scheduled or cancelled
    replies = [
        api.delete(f"/sessions/{created['id']}"),
        api.patch(f"/sessions/{created['id']}", {"startTime": iso(at(9))}),
        api.patch(f"/sessions/{created['id']}/schedule", plan(setup.trainer, setup.venue, at(9))),
        api.post(f"/sessions/{created['id']}/cancel"),
    ]
    # Then every one is a 404, and it stays out of the lists
    assert [reply.status for reply in replies] == [404] * 4
    assert all(reply.body["message"] == f"Session {created['id']} not found" for reply in replies)
    assert listed_ids(api) == []


def test_delete_an_unknown_session_is_404(api):
    # Given an id of no session
    missing = new_id()
    # When it is deleted
    reply = api.delete(f"/sessions/{missing}")
    # Then it is a 404
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


# --- Permissions and malformed ids ----------------------------------------------------------------------

SESSION = "c" + "0" * 24  # well-formed; the caller is refused before it is looked up

WRITES = [
    ("POST", "/sessions/draft", {"courseId": SESSION}),
    ("PATCH", f"/sessions/{SESSION}", {"startTime": "2027-03-01T09:00:00Z"}),
    (
        "PATCH",
        f"/sessions/{SESSION}/schedule",
        {
            "trainerId": SESSION,
            "venueId": SESSION,
            "startTime": "2027-03-01T09:00:00Z",
            "endTime": "2027-03-01T10:00:00Z",
        },
    ),
    ("POST", f"/sessions/{SESSION}/cancel", None),
    ("DELETE", f"/sessions/{SESSION}", None),
    ("POST", f"/sessions/{SESSION}/attendees", {"personnelIds": [SESSION]}),
    ("DELETE", f"/sessions/{SESSION}/attendees/{SESSION}", None),
]
READS = [("GET", "/sessions", None), ("GET", f"/sessions/{SESSION}", None)]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
@pytest.mark.parametrize(("caller", "status", "error"), [(TRAINER, 403, "Forbidden"), (NOBODY, 401, "Unauthorized")])
def test_writes_need_an_admin(api, method, path, body, caller, status, error):
    # Given a trainer-group caller, or no identity at all
    # When they call a session write
    reply = api.call(method, path, body=body, caller=caller)
    # Then it is refused with 403 or 401 in the standard error shape
    assert reply.status == status
    assert reply.body["statusCode"] == status
    assert reply.body["error"] == error


def test_refused_writes_change_nothing(api, setup):
    # Given a draft
    created = draft(api, setup.course)
    # When a trainer-group caller tries to cancel and delete it, and to create another
    replies = [
        api.post(f"/sessions/{created['id']}/cancel", caller=TRAINER),
        api.delete(f"/sessions/{created['id']}", caller=TRAINER),
        api.post("/sessions/draft", {"courseId": setup.course["id"]}, caller=TRAINER),
    ]
    # Then each is a 403, and the draft is the only session, still a DRAFT
    assert [reply.status for reply in replies] == [403] * 3
    assert "hse-admin" in replies[0].body["message"]
    assert listed_ids(api) == [created["id"]]
    assert read(api, created["id"])["status"] == "DRAFT"


@pytest.mark.parametrize(("method", "path", "body"), READS)
def test_reads_need_an_identity(api, method, path, body):
    # Given no identity
    # When a session read is called
    reply = api.call(method, path, body=body, caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["message"] == "Authentication required"


@pytest.mark.parametrize(("method", "path", "body"), READS)
def test_reads_need_a_known_group(api, method, path, body):
    # Given a signed-in caller in no group of this module
    stranger = claims_for("stranger", "contractor")
    # When a session read is called
    reply = api.call(method, path, body=body, caller=stranger)
    # Then it is a 403
    assert reply.status == 403
    assert reply.body["error"] == "Forbidden"


def test_a_trainer_group_caller_of_no_trainer_lists_no_sessions(api, setup):
    # Given a draft, and a trainer-group login no trainer carries as userId
    draft(api, setup.course)
    # When they list sessions
    reply = api.get("/sessions", caller=TRAINER)
    # Then the list is empty: no session is assigned to them (tests/handlers/test_access.py has the rest)
    assert reply.status == 200
    assert reply.body == {"items": [], "nextToken": None}


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("GET", f"/sessions/{MALFORMED_ID}", None, "sessionId"),
        ("PATCH", f"/sessions/{MALFORMED_ID}", {"startTime": "2027-03-01T09:00:00Z"}, "sessionId"),
        ("DELETE", f"/sessions/{MALFORMED_ID}", None, "sessionId"),
        ("POST", f"/sessions/{MALFORMED_ID}/cancel", None, "sessionId"),
        ("PATCH", f"/sessions/{MALFORMED_ID}/schedule", WRITES[2][2], "sessionId"),
        ("POST", f"/sessions/{MALFORMED_ID}/attendees", {"personnelIds": [SESSION]}, "sessionId"),
        ("DELETE", f"/sessions/{MALFORMED_ID}/attendees/{SESSION}", None, "sessionId"),
        ("DELETE", f"/sessions/{SESSION}/attendees/{MALFORMED_ID}", None, "personnelId"),
        ("PATCH", f"/sessions/{SESSION}", {"trainerId": MALFORMED_ID}, "trainerId"),
        ("PATCH", f"/sessions/{SESSION}/schedule", {**WRITES[2][2], "venueId": MALFORMED_ID}, "venueId"),
    ],
)
def test_malformed_ids_are_422_naming_the_field(api, method, path, body, field):
    # Given an id that is not a cuid, in the path or the body
    # When the route is called by an admin
    reply = api.call(method, path, body=body)
    # Then it is a 422 naming that field, before anything is looked up
    assert reply.status == 422
    assert reply.body["error"] == "Unprocessable Content"
    assert field in error_fields(reply)
