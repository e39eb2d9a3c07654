"""A session's class list and venue capacity, and trainers' booked load per ISO week (SPEC-3.2).

Through the Lambda handlers over a moto table; the site timezone is UTC in tests.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support import NOBODY, TRAINER, ApiClient, error_fields
from titan_training.api import runtime
from titan_training.domain.clock import format_instant, iso_week, utc_now, week_bounds
from titan_training.domain.ids import new_id
from titan_training.domain.personnel import Personnel
from titan_training.store.items.personnel import PersonnelItem
from titan_training.store.items.sessions import SessionItem
from titan_training.store.personnel import personnel_item

MALFORMED_ID = "not-a-cuid"
MONDAY = datetime(2027, 3, 1, tzinfo=UTC)  # Monday of ISO week 2027-W09
WEEK = "2027-W09"
NEXT_WEEK = "2027-W10"


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def iso(moment: datetime) -> str:
    return format_instant(moment)


def qualified_trainer(api: ApiClient, course: dict[str, Any]) -> dict[str, Any]:
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    return trainer


def plan(trainer: dict[str, Any], venue: dict[str, Any], start: datetime, minutes: int) -> dict[str, str]:
    return {
        "trainerId": trainer["id"],
        "venueId": venue["id"],
        "startTime": iso(start),
        "endTime": iso(start + timedelta(minutes=minutes)),
    }


def new_draft(api: ApiClient, course: dict[str, Any], **fields: Any) -> str:
    reply = api.post("/sessions/draft", {"courseId": course["id"], **fields})
    assert reply.status == 201, reply.body
    return reply.body["id"]


def book(api: ApiClient, course, trainer, venue, start: datetime, minutes: int) -> str:
    session_id = new_draft(api, course)
    reply = api.patch(f"/sessions/{session_id}/schedule", plan(trainer, venue, start, minutes))
    assert reply.status == 200, reply.body
    return session_id


def force_status(session_id: str, status: str) -> None:
    """Put a session in a status no endpoint of this feature sets (COMPLETED comes with attendance)."""
    runtime.store()  # binds the item classes to the test's table
    SessionItem(*SessionItem.key(session_id)).update(
        actions=[SessionItem.status.set(status), SessionItem.status_pk.set(SessionItem.status_partition(status))]
    )


def people(api: ApiClient, count: int, **fields: Any) -> list[str]:
    return [api.person(**fields)["id"] for _ in range(count)]


def seeded_people(count: int) -> list[str]:
    """Active people written straight to the table in one batch (the API makes them one by one, slowly)."""
    runtime.store()  # binds the item classes to the test's table
    now = utc_now()
    ids = [new_id() for _ in range(count)]
    with PersonnelItem.batch_write() as batch:
        for number, personnel_id in enumerate(ids):
            person = Personnel(
                id=personnel_id,
                first_name="Seed",
                last_name=f"Person{number:03d}",
                email=None,
                employee_no=f"S-{personnel_id}",
                active=True,
                created_at=now,
                updated_at=now,
            )
            batch.save(personnel_item(person))
    return ids


def add(api: ApiClient, session_id: str, personnel_ids: list[str]):
    return api.post(f"/sessions/{session_id}/attendees", {"personnelIds": personnel_ids})


def read(api: ApiClient, session_id: str) -> dict[str, Any]:
    reply = api.get(f"/sessions/{session_id}")
    assert reply.status == 200, reply.body
    return reply.body


def load(api: ApiClient, trainer_id: str, week: str | None = None, **query: str) -> dict[str, Any]:
    """The trainer as the trainer list shows them (in `week`, or the current one)."""
    reply = api.get("/trainers", {"limit": "200", **({"week": week} if week else {}), **query})
    assert reply.status == 200, reply.body
    return next(t for t in reply.body["items"] if t["id"] == trainer_id)


def minutes(api: ApiClient, trainer_id: str, week: str) -> int:
    return load(api, trainer_id, week)["bookedMinutesThisWeek"]


@pytest.fixture
def course(api: ApiClient) -> dict[str, Any]:
    return api.course()


@pytest.fixture
def trainer(api: ApiClient, course) -> dict[str, Any]:
    return qualified_trainer(api, course)


@pytest.fixture
def venue(api: ApiClient) -> dict[str, Any]:
    return api.venue(capacity=20)


@pytest.fixture
def session_id(api: ApiClient, course, venue) -> str:
    """A DRAFT in the 20-seat venue."""
    return new_draft(api, course, venueId=venue["id"])


# --- POST /sessions/{sessionId}/attendees ---------------------------------------------------------------


def test_add_attendees_registers_them(api, session_id):
    # Given two active people
    ada = api.person(firstName="Ada", lastName="Byron", employeeNo="E-ADA-1")
    bo = api.person(firstName="Bo", lastName="Adams")
    # When both are added to the session
    reply = add(api, session_id, [ada["id"], bo["id"]])
    # Then both are added, nothing is skipped, and the room holds 2 of 20
    assert reply.status == 200
    assert reply.body == {
        "sessionId": session_id,
        "added": [ada["id"], bo["id"]],
        "alreadyListed": [],
        "notFound": [],
        "inactive": [],
        "removed": [],
        "capacity": {"attendees": 2, "venueCapacity": 20, "exceeded": False},
        "warnings": [],
    }
    # And the session lists them REGISTERED, by last name, with their names copied
    detail = read(api, session_id)
    assert [a["personnelId"] for a in detail["attendees"]] == [bo["id"], ada["id"]]
    first = detail["attendees"][1]
    assert first["firstName"] == "Ada" and first["lastName"] == "Byron" and first["employeeNo"] == "E-ADA-1"
    assert first["status"] == "REGISTERED"
    assert first["result"] is None and first["remarks"] is None
    assert first["addedAt"].endswith("Z")
    assert detail["capacity"] == {"attendees": 2, "venueCapacity": 20, "exceeded": False}


def test_add_attendees_sorts_out_listed_unknown_inactive_and_repeated_ids(api, session_id):
    # Given one person already listed, one new, one inactive and an id of nobody
    listed = api.person()["id"]
    assert add(api, session_id, [listed]).status == 200
    fresh = api.person()["id"]
    retired = api.person(active=False)["id"]
    nobody = new_id()
    # When all four are added, the new one named twice
    reply = add(api, session_id, [listed, fresh, retired, nobody, fresh])
    # Then only the new one is added, once, and each other id is reported where it belongs
    assert reply.status == 200
    assert reply.body["added"] == [fresh]
    assert reply.body["alreadyListed"] == [listed]
    assert reply.body["inactive"] == [retired]
    assert reply.body["notFound"] == [nobody]
    assert reply.body["capacity"]["attendees"] == 2
    assert sorted(a["personnelId"] for a in read(api, session_id)["attendees"]) == sorted([listed, fresh])


def test_adding_the_same_people_again_adds_nobody(api, session_id):
    # Given three people on the list
    ids = people(api, 3)
    assert add(api, session_id, ids).body["added"] == ids
    # When the same three are added again
    reply = add(api, session_id, ids)
    # Then all are skipped as already listed and the count stays 3
    assert reply.status == 200
    assert reply.body["added"] == []
    assert reply.body["alreadyListed"] == ids
    assert reply.body["capacity"]["attendees"] == 3
    assert len(read(api, session_id)["attendees"]) == 3


def test_attendees_can_be_added_to_a_scheduled_session(api, course, trainer, venue):
    # Given a SCHEDULED session
    scheduled = book(api, course, trainer, venue, at(9), 60)
    person = api.person()["id"]
    # When someone is added
    reply = add(api, scheduled, [person])
    # Then they are on its list
    assert reply.status == 200
    assert reply.body["added"] == [person]
    assert [a["personnelId"] for a in read(api, scheduled)["attendees"]] == [person]


def test_a_bulk_add_larger_than_one_transaction_adds_everyone(api, session_id):
    # Given 105 active people (more than one transaction of 99 puts)
    ids = seeded_people(105)
    # When they are added in one request
    reply = add(api, session_id, ids)
    # Then all 105 are added and listed
    assert reply.status == 200
    assert sorted(reply.body["added"]) == sorted(ids)
    assert reply.body["capacity"] == {"attendees": 105, "venueCapacity": 20, "exceeded": True}
    assert len(read(api, session_id)["attendees"]) == 105


def test_five_hundred_ids_are_accepted(api, session_id):
    # Given 500 well-formed ids of nobody
    ids = [new_id() for _ in range(500)]
    # When they are added in one request
    reply = add(api, session_id, ids)
    # Then the request is within the limit and every id is reported not found
    assert reply.status == 200
    assert reply.body["added"] == []
    assert sorted(reply.body["notFound"]) == sorted(ids)


@pytest.mark.parametrize(
    "body",
    [
        {"personnelIds": []},
        {"personnelIds": ["c" + f"{i:024d}" for i in range(501)]},
        {"personnelIds": [MALFORMED_ID]},
        {"personnelIds": "c" + "0" * 24},
        {},
    ],
    ids=["empty", "501", "malformed", "not-a-list", "missing"],
)
def test_add_attendees_with_a_bad_list_is_422_naming_it(api, session_id, body):
    # Given a list that is empty, too long (501), holds a malformed id, or is not a list
    # When it is posted
    reply = api.post(f"/sessions/{session_id}/attendees", body)
    # Then it is a 422 naming personnelIds, and nobody was added
    assert reply.status == 422
    assert any(field.split(".")[0] == "personnelIds" for field in error_fields(reply))
    assert read(api, session_id)["attendees"] == []


@pytest.mark.parametrize("status", ["CANCELLED", "COMPLETED"])
def test_add_attendees_to_a_closed_session_is_409(api, session_id, status):
    # Given a session that is CANCELLED or COMPLETED
    if status == "CANCELLED":
        assert api.post(f"/sessions/{session_id}/cancel").status == 200
    else:
        force_status(session_id, status)
    person = api.person()["id"]
    # When someone is added
    reply = add(api, session_id, [person])
    # Then it is a 409 and the list stays empty
    assert reply.status == 409
    assert status in reply.body["message"]
    assert read(api, session_id)["attendees"] == []


def test_add_attendees_to_a_deleted_or_unknown_session_is_404(api, session_id):
    # Given a deleted session and an id of no session
    assert api.delete(f"/sessions/{session_id}").status == 204
    missing = new_id()
    person = api.person()["id"]
    # When someone is added to each
    replies = [add(api, session_id, [person]), add(api, missing, [person])]
    # Then both are 404s naming the session
    assert [reply.status for reply in replies] == [404, 404]
    assert replies[0].body["message"] == f"Session {session_id} not found"
    assert replies[1].body["message"] == f"Session {missing} not found"


# --- Capacity -------------------------------------------------------------------------------------------


def test_twenty_five_in_a_room_for_twenty_warns_but_adds_everyone(api, session_id):
    # Given a session in a venue for 20, and 25 people
    ids = people(api, 25)
    # When all 25 are added
    reply = add(api, session_id, ids)
    # Then all are added, and the yellow warning says exactly how full it is
    assert reply.status == 200
    assert sorted(reply.body["added"]) == sorted(ids)
    assert reply.body["capacity"] == {"attendees": 25, "venueCapacity": 20, "exceeded": True}
    assert reply.body["warnings"] == [
        {"code": "VENUE_CAPACITY_EXCEEDED", "message": "Venue Capacity Exceeded (25/20)."}
    ]
    # And the session shows the same capacity and warning
    detail = read(api, session_id)
    assert detail["capacity"] == {"attendees": 25, "venueCapacity": 20, "exceeded": True}
    assert detail["warnings"] == [{"code": "VENUE_CAPACITY_EXCEEDED", "message": "Venue Capacity Exceeded (25/20)."}]
    assert len(detail["attendees"]) == 25


def test_exactly_full_is_not_exceeded(api, session_id):
    # Given a venue for 20
    ids = people(api, 20)
    # When exactly 20 are added
    reply = add(api, session_id, ids)
    # Then the room is full but not exceeded: no warning
    assert reply.status == 200
    assert reply.body["capacity"] == {"attendees": 20, "venueCapacity": 20, "exceeded": False}
    assert reply.body["warnings"] == []
    assert read(api, session_id)["warnings"] == []


def test_the_warning_counts_everyone_on_the_list(api, session_id):
    # Given 20 people already listed in a venue for 20
    assert add(api, session_id, people(api, 20)).body["warnings"] == []
    # When one more is added, and then an already-listed one again
    one_more = api.person()["id"]
    reply = add(api, session_id, [one_more])
    again = add(api, session_id, [one_more])
    # Then both replies count 21 of 20
    expected = [{"code": "VENUE_CAPACITY_EXCEEDED", "message": "Venue Capacity Exceeded (21/20)."}]
    assert reply.body["added"] == [one_more]
    assert reply.body["warnings"] == expected
    assert again.body["added"] == []
    assert again.body["warnings"] == expected


def test_a_session_without_venue_has_no_capacity_limit(api, course):
    # Given a draft with no venue
    bare = new_draft(api, course)
    # When 3 people are added
    reply = add(api, bare, people(api, 3))
    # Then there is nothing to exceed
    assert reply.status == 200
    assert reply.body["capacity"] == {"attendees": 3, "venueCapacity": None, "exceeded": False}
    assert reply.body["warnings"] == []


def test_moving_to_a_smaller_venue_warns_about_capacity(api, course, session_id):
    # Given 5 people on a draft in the 20-seat venue, and a venue for 4
    assert add(api, session_id, people(api, 5)).status == 200
    small = api.venue(capacity=4)
    # When the draft moves to the small venue
    reply = api.patch(f"/sessions/{session_id}", {"venueId": small["id"]})
    # Then the move is saved with a capacity warning of 5/4
    assert reply.status == 200
    assert reply.body["warnings"] == [{"code": "VENUE_CAPACITY_EXCEEDED", "message": "Venue Capacity Exceeded (5/4)."}]
    assert read(api, session_id)["capacity"] == {"attendees": 5, "venueCapacity": 4, "exceeded": True}


def test_scheduling_into_a_venue_too_small_warns_but_schedules(api, course, trainer, session_id):
    # Given 3 people on a draft, and a venue for 2
    assert add(api, session_id, people(api, 3)).status == 200
    small = api.venue(capacity=2)
    # When the draft is scheduled into the small venue
    reply = api.patch(f"/sessions/{session_id}/schedule", plan(trainer, small, at(9), 60))
    # Then it is SCHEDULED with a capacity warning
    assert reply.status == 200
    assert reply.body["status"] == "SCHEDULED"
    assert reply.body["warnings"] == [{"code": "VENUE_CAPACITY_EXCEEDED", "message": "Venue Capacity Exceeded (3/2)."}]


# --- DELETE /sessions/{sessionId}/attendees/{personnelId} -----------------------------------------------


def test_remove_an_attendee(api, session_id):
    # Given two people on the list
    stay, leave = people(api, 2)
    assert add(api, session_id, [stay, leave]).status == 200
    # When one is removed
    reply = api.delete(f"/sessions/{session_id}/attendees/{leave}")
    # Then the reply says who was removed and how full the room is now
    assert reply.status == 200
    assert reply.body == {
        "sessionId": session_id,
        "added": [],
        "alreadyListed": [],
        "notFound": [],
        "inactive": [],
        "removed": [leave],
        "capacity": {"attendees": 1, "venueCapacity": 20, "exceeded": False},
        "warnings": [],
    }
    # And only the other remains listed
    assert [a["personnelId"] for a in read(api, session_id)["attendees"]] == [stay]


def test_removing_below_capacity_clears_the_warning(api, session_id):
    # Given 21 people in a venue for 20
    ids = people(api, 21)
    assert add(api, session_id, ids).body["capacity"]["exceeded"] is True
    # When one is removed
    reply = api.delete(f"/sessions/{session_id}/attendees/{ids[0]}")
    # Then the room is 20/20 and there is no warning any more
    assert reply.status == 200
    assert reply.body["capacity"] == {"attendees": 20, "venueCapacity": 20, "exceeded": False}
    assert reply.body["warnings"] == []
    assert read(api, session_id)["capacity"]["exceeded"] is False


def test_remove_someone_not_listed_is_404(api, session_id):
    # Given one person listed, one person not listed, and one removed already
    listed, unlisted, removed = people(api, 3)
    assert add(api, session_id, [listed, removed]).status == 200
    assert api.delete(f"/sessions/{session_id}/attendees/{removed}").status == 200
    # When the unlisted and the already removed person are removed
    replies = [
        api.delete(f"/sessions/{session_id}/attendees/{unlisted}"),
        api.delete(f"/sessions/{session_id}/attendees/{removed}"),
    ]
    # Then both are 404s, and the listed person is untouched
    assert [reply.status for reply in replies] == [404, 404]
    assert unlisted in replies[0].body["message"]
    assert [a["personnelId"] for a in read(api, session_id)["attendees"]] == [listed]


def test_remove_from_a_cancelled_session_is_409(api, session_id):
    # Given a person on the list of a session that is then cancelled
    person = api.person()["id"]
    assert add(api, session_id, [person]).status == 200
    assert api.post(f"/sessions/{session_id}/cancel").status == 200
    # When they are removed
    reply = api.delete(f"/sessions/{session_id}/attendees/{person}")
    # Then it is a 409, and they are still listed
    assert reply.status == 409
    assert [a["personnelId"] for a in read(api, session_id)["attendees"]] == [person]


def test_remove_from_an_unknown_session_is_404(api):
    # Given an id of no session
    missing = new_id()
    # When someone is removed from it
    reply = api.delete(f"/sessions/{missing}/attendees/{new_id()}")
    # Then it is a 404 naming the session
    assert reply.status == 404
    assert reply.body["message"] == f"Session {missing} not found"


def test_trainer_group_cannot_change_the_class_list(api, session_id):
    # Given a person on the list
    person = api.person()["id"]
    assert add(api, session_id, [person]).status == 200
    newcomer = api.person()["id"]
    # When a trainer-group caller adds and removes people, and an anonymous one adds
    replies = [
        api.post(f"/sessions/{session_id}/attendees", {"personnelIds": [newcomer]}, caller=TRAINER),
        api.delete(f"/sessions/{session_id}/attendees/{person}", caller=TRAINER),
        api.post(f"/sessions/{session_id}/attendees", {"personnelIds": [newcomer]}, caller=NOBODY),
    ]
    # Then they are refused and the list is unchanged
    assert [reply.status for reply in replies] == [403, 403, 401]
    assert [a["personnelId"] for a in read(api, session_id)["attendees"]] == [person]


# --- Trainer load: GET /trainers -------------------------------------------------------------------------


def test_a_new_trainer_has_no_load_this_week(api, trainer):
    # Given a trainer with no sessions
    week_before = iso_week(utc_now(), "UTC")
    # When trainers are listed by a trainer-group caller without a week
    reply = api.get("/trainers", caller=TRAINER)
    week_after = iso_week(utc_now(), "UTC")
    # Then the load is zero, for the current ISO week
    assert reply.status == 200
    listed = next(t for t in reply.body["items"] if t["id"] == trainer["id"])
    assert listed["bookedMinutesThisWeek"] == 0
    assert listed["hoursBookedThisWeek"] == 0
    assert listed["loadWeek"] in {week_before, week_after}


def test_load_this_week_counts_sessions_booked_this_week(api, course, trainer, venue):
    # Given a session on Monday 09:00 of the current week, 90 minutes long
    week = iso_week(utc_now(), "UTC")
    monday, _ = week_bounds(week, "UTC")
    book(api, course, trainer, venue, monday + timedelta(hours=9), 90)
    # When trainers are listed without a week
    listed = load(api, trainer["id"])
    # Then this week's load is the session's 90 minutes, 1.5 hours
    assert listed["loadWeek"] == week
    assert listed["bookedMinutesThisWeek"] == 90
    assert listed["hoursBookedThisWeek"] == 1.5


def test_load_is_the_sum_of_scheduled_sessions_starting_in_the_week(api, course, trainer, venue):
    # Given sessions of 90 and 60 minutes this week, 45 minutes next week, and a dated draft this week
    book(api, course, trainer, venue, at(9), 90)
    book(api, course, trainer, venue, at(14, day=3), 60)
    book(api, course, trainer, venue, at(9, day=7), 45)
    new_draft(api, course, trainerId=trainer["id"], startTime=iso(at(9, day=1)), endTime=iso(at(17, day=1)))
    # When the trainer list is read for each week
    this_week = load(api, trainer["id"], WEEK)
    next_week = load(api, trainer["id"], NEXT_WEEK)
    # Then each week sums only its own SCHEDULED sessions (the draft counts nowhere)
    assert (this_week["loadWeek"], this_week["bookedMinutesThisWeek"], this_week["hoursBookedThisWeek"]) == (
        WEEK,
        150,
        2.5,
    )
    assert (next_week["loadWeek"], next_week["bookedMinutesThisWeek"], next_week["hoursBookedThisWeek"]) == (
        NEXT_WEEK,
        45,
        0.8,
    )


def test_load_belongs_to_the_trainer_who_gives_the_session(api, course, trainer, venue):
    # Given two qualified trainers, one booked for 2 hours
    other = qualified_trainer(api, course)
    book(api, course, trainer, venue, at(9), 120)
    # When the week is listed
    # Then only the booked trainer has load
    assert minutes(api, trainer["id"], WEEK) == 120
    assert minutes(api, other["id"], WEEK) == 0


def test_a_session_crossing_into_monday_counts_in_the_week_it_starts(api, course, trainer, venue):
    # Given a session Sunday 22:00 to Monday 02:00 (the Sunday closes 2027-W09)
    book(api, course, trainer, venue, at(22, day=6), 240)
    # When both weeks are listed
    # Then all four hours count in the week it starts in, none in the next
    assert minutes(api, trainer["id"], WEEK) == 240
    assert load(api, trainer["id"], WEEK)["hoursBookedThisWeek"] == 4.0
    assert minutes(api, trainer["id"], NEXT_WEEK) == 0


def test_a_session_starting_monday_midnight_counts_in_the_new_week(api, course, trainer, venue):
    # Given a session starting exactly at 00:00 on the Monday of 2027-W10
    book(api, course, trainer, venue, at(0, day=7), 60)
    # When both weeks are listed
    # Then it counts in 2027-W10 only
    assert minutes(api, trainer["id"], WEEK) == 0
    assert minutes(api, trainer["id"], NEXT_WEEK) == 60


def test_a_cancelled_session_no_longer_counts(api, course, trainer, venue):
    # Given sessions of 90 and 60 minutes in the week
    longer = book(api, course, trainer, venue, at(9), 90)
    book(api, course, trainer, venue, at(9, day=1), 60)
    assert minutes(api, trainer["id"], WEEK) == 150
    # When the 90-minute one is cancelled (and then deleted)
    assert api.post(f"/sessions/{longer}/cancel").status == 200
    after_cancel = minutes(api, trainer["id"], WEEK)
    assert api.delete(f"/sessions/{longer}").status == 204
    # Then only the other one counts, and the delete changes nothing more
    assert after_cancel == 60
    assert minutes(api, trainer["id"], WEEK) == 60


def test_cancelling_a_draft_leaves_the_load_alone(api, course, trainer, venue):
    # Given a booked session, and a draft with the trainer at another time
    book(api, course, trainer, venue, at(9), 60)
    planned = new_draft(api, course, trainerId=trainer["id"], startTime=iso(at(13)), endTime=iso(at(16)))
    # When the draft is cancelled
    assert api.post(f"/sessions/{planned}/cancel").status == 200
    # Then the load is still the booked hour
    assert minutes(api, trainer["id"], WEEK) == 60


def test_fifty_hours_in_a_week_is_shown_not_blocked(api, course, trainer, venue):
    # Given five 10-hour days booked Monday to Friday
    replies = []
    for day in range(5):
        session = new_draft(api, course)
        replies.append(api.patch(f"/sessions/{session}/schedule", plan(trainer, venue, at(7, day=day), 600)))
    # When the week is listed
    listed = load(api, trainer["id"], WEEK)
    # Then every booking was accepted and the load shows 50 hours
    assert [reply.status for reply in replies] == [200] * 5
    assert all(reply.body["status"] == "SCHEDULED" for reply in replies)
    assert listed["bookedMinutesThisWeek"] == 3000
    assert listed["hoursBookedThisWeek"] == 50.0


def test_editing_a_scheduled_session_changes_its_load(api, course, trainer, venue):
    # Given a 2-hour session on Monday
    session = book(api, course, trainer, venue, at(9), 120)
    # When it is lengthened to 3 hours by an edit
    reply = api.patch(f"/sessions/{session}", {"endTime": iso(at(12))})
    # Then the week holds 3 hours, not 5
    assert reply.status == 200, reply.body
    assert minutes(api, trainer["id"], WEEK) == 180


def test_rescheduling_within_the_week_does_not_count_twice(api, course, trainer, venue):
    # Given a 2-hour session on Monday
    session = book(api, course, trainer, venue, at(9), 120)
    # When it is scheduled again on Wednesday for 1 hour
    reply = api.patch(f"/sessions/{session}/schedule", plan(trainer, venue, at(9, day=2), 60))
    # Then the week holds the one hour only
    assert reply.status == 200
    assert minutes(api, trainer["id"], WEEK) == 60


def test_handing_a_session_to_another_trainer_moves_its_load(api, course, trainer, venue):
    # Given a 2-hour session and another qualified trainer
    session = book(api, course, trainer, venue, at(9), 120)
    other = qualified_trainer(api, course)
    # When the session is given to the other trainer
    reply = api.patch(f"/sessions/{session}", {"trainerId": other["id"]})
    # Then the load moved with it
    assert reply.status == 200
    assert minutes(api, trainer["id"], WEEK) == 0
    assert minutes(api, other["id"], WEEK) == 120


def test_a_refused_edit_leaves_the_load_alone(api, course, trainer, venue):
    # Given two bookings of the trainer on Monday, 09:00-11:00 and 13:00-14:00
    book(api, course, trainer, venue, at(9), 120)
    later = book(api, course, trainer, venue, at(13), 60)
    # When the later one is moved onto the first and lengthened (a 409)
    reply = api.patch(f"/sessions/{later}", {"startTime": iso(at(10)), "endTime": iso(at(14))})
    # Then the load is still 3 hours
    assert reply.status == 409
    assert minutes(api, trainer["id"], WEEK) == 180


def test_course_filtered_trainer_list_carries_the_load(api, course, trainer, venue):
    # Given a booked trainer qualified for the course
    book(api, course, trainer, venue, at(9), 80)
    # When trainers of that course are listed for the week
    listed = load(api, trainer["id"], WEEK, courseId=course["id"])
    # Then the load is on the item
    assert listed["bookedMinutesThisWeek"] == 80
    assert listed["hoursBookedThisWeek"] == 1.3
    assert listed["loadWeek"] == WEEK


def test_week_53_of_a_long_year_is_a_week(api, trainer):
    # Given 2026, which has 53 ISO weeks
    # When its week 53 is asked for
    reply = api.get("/trainers", {"week": "2026-W53"})
    # Then it is a valid week, with no load yet
    assert reply.status == 200
    listed = next(t for t in reply.body["items"] if t["id"] == trainer["id"])
    assert listed["loadWeek"] == "2026-W53"
    assert listed["bookedMinutesThisWeek"] == 0


@pytest.mark.parametrize("week", ["2025-W53", "2027-W53"])
def test_a_week_the_year_does_not_have_is_422(api, trainer, week):
    # Given a year with only 52 ISO weeks
    # When its week 53 is asked for
    reply = api.get("/trainers", {"week": week})
    # Then it is a 422 naming week
    assert reply.status == 422
    assert error_fields(reply) == {"week"}
    assert week in reply.body["message"]


@pytest.mark.parametrize("week", ["2026-53", "2026-W5", "2026-W00", "2026-W54", "26-W10", "2026-w10", "W10-2026", ""])
def test_a_badly_formatted_week_is_422(api, trainer, week):
    # Given a week not written as YYYY-Www (or out of 01-53)
    # When trainers are listed for it
    reply = api.get("/trainers", {"week": week})
    # Then it is a 422 naming week
    assert reply.status == 422
    assert error_fields(reply) == {"week"}


def test_a_trainers_detail_lists_the_weeks_scheduled_sessions_from_the_trainer_week_index(api):
    # Given a qualified trainer with two sessions in ISO week 2026-W50 and one the week after
    course, trainer, venue = api.course(), api.trainer(), api.venue()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    starts = ["2026-12-09T09:00:00Z", "2026-12-07T13:00:00Z", "2026-12-14T09:00:00Z"]
    ids = []
    for start in starts:
        draft = api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
        end = start.replace("09:00", "11:00").replace("13:00", "16:00")
        plan = {"trainerId": trainer["id"], "venueId": venue["id"], "startTime": start, "endTime": end}
        assert api.patch(f"/sessions/{draft}/schedule", plan).status == 200
        ids.append(draft)
    # When the trainer is read for that week
    detail = api.get(f"/trainers/{trainer['id']}", {"week": "2026-W50"}).body
    # Then the week's sessions are listed by start, with their load
    assert [s["id"] for s in detail["sessionsThisWeek"]] == [ids[1], ids[0]]
    assert (detail["loadWeek"], detail["bookedMinutesThisWeek"], detail["hoursBookedThisWeek"]) == (
        "2026-W50",
        300,
        5.0,
    )
    # And a cancelled one leaves the list
    assert api.post(f"/sessions/{ids[0]}/cancel").status == 200
    detail = api.get(f"/trainers/{trainer['id']}", {"week": "2026-W50"}).body
    assert [s["id"] for s in detail["sessionsThisWeek"]] == [ids[1]]
    assert detail["bookedMinutesThisWeek"] == 180
