"""Scheduling under concurrency, against DynamoDB Local: the trainer double-booking block holds."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from titan_training.domain.clock import iso_week

pytestmark = pytest.mark.dynamodb_local

RACERS = 20


def _plan(trainer, venue, start, minutes):
    return {
        "trainerId": trainer["id"],
        "venueId": venue["id"],
        "startTime": start.isoformat(),
        "endTime": (start + timedelta(minutes=minutes)).isoformat(),
    }


def _qualified_setup(api):
    course = api.course()
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    return course, trainer, api.venue()


def _load(api, trainer_id, week):
    listed = api.get("/trainers", {"week": week, "limit": "200"}).body["items"]
    return next(t for t in listed if t["id"] == trainer_id)["bookedMinutesThisWeek"]


def test_twenty_racing_schedules_of_one_trainer_book_exactly_one_session(local_api):
    # Given a qualified trainer and 20 drafts of the course
    course, trainer, venue = _qualified_setup(local_api)
    drafts = [local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"] for _ in range(RACERS)]
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    # When 20 admins schedule them into overlapping slots of that trainer at the same moment
    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        replies = list(
            pool.map(
                lambda i: local_api.patch(
                    f"/sessions/{drafts[i]}/schedule", _plan(trainer, venue, start + timedelta(minutes=i), 120)
                ),
                range(RACERS),
            )
        )
    # Then exactly one is SCHEDULED and the 19 others are clean 409s naming it
    winners = [reply.body for reply in replies if reply.status == 200]
    assert len(winners) == 1, [reply.status for reply in replies]
    winner = winners[0]
    assert winner["status"] == "SCHEDULED"
    losers = [reply for reply in replies if reply.status != 200]
    assert {reply.status for reply in losers} == {409}
    for reply in losers:
        assert winner["id"] in reply.body["message"]
        assert [conflict["sessionId"] for conflict in reply.body["details"]] == [winner["id"]]
    scheduled = local_api.get("/sessions", {"status": "SCHEDULED", "trainerId": trainer["id"]}).body["items"]
    assert [s["id"] for s in scheduled] == [winner["id"]]
    # And the trainer's load is that one session
    assert _load(local_api, trainer["id"], iso_week(start, "UTC")) == 120


def test_racing_schedules_of_separate_slots_all_land(local_api):
    # Given a qualified trainer and 8 drafts
    course, trainer, venue = _qualified_setup(local_api)
    drafts = [local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"] for _ in range(8)]
    start = datetime(2026, 12, 14, 8, 0, tzinfo=UTC)
    # When they are scheduled at once into back-to-back hours (touching, not overlapping)
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(
            pool.map(
                lambda i: local_api.patch(
                    f"/sessions/{drafts[i]}/schedule", _plan(trainer, venue, start + timedelta(hours=i), 60)
                ),
                range(8),
            )
        )
    # Then every one is booked (they serialize on the trainer's schedule, none is lost)
    assert [reply.status for reply in replies] == [200] * 8
    assert _load(local_api, trainer["id"], iso_week(start, "UTC")) == 8 * 60


def test_cancelling_releases_the_slot_and_the_load(local_api):
    course, trainer, venue = _qualified_setup(local_api)
    first = local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
    second = local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
    start = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    week = iso_week(start, "UTC")
    assert local_api.patch(f"/sessions/{first}/schedule", _plan(trainer, venue, start, 90)).status == 200
    assert local_api.patch(f"/sessions/{second}/schedule", _plan(trainer, venue, start, 90)).status == 409
    # When the first is cancelled
    assert local_api.post(f"/sessions/{first}/cancel").body["status"] == "CANCELLED"
    assert _load(local_api, trainer["id"], week) == 0
    # Then the slot is free for the second
    assert local_api.patch(f"/sessions/{second}/schedule", _plan(trainer, venue, start, 90)).status == 200
    assert _load(local_api, trainer["id"], week) == 90


def test_moving_a_scheduled_session_moves_its_load_between_weeks(local_api):
    course, trainer, venue = _qualified_setup(local_api)
    session = local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
    # Given a session Sunday 23:00 to Monday 01:00: it counts in the week it starts in
    sunday = datetime(2026, 12, 27, 23, 0, tzinfo=UTC)
    assert local_api.patch(f"/sessions/{session}/schedule", _plan(trainer, venue, sunday, 120)).status == 200
    assert _load(local_api, trainer["id"], "2026-W52") == 120
    assert _load(local_api, trainer["id"], "2026-W53") == 0
    # When it is edited to start on Monday
    monday = sunday + timedelta(hours=2)
    reply = local_api.patch(
        f"/sessions/{session}", {"startTime": monday.isoformat(), "endTime": (monday + timedelta(hours=3)).isoformat()}
    )
    assert reply.status == 200, reply.body
    # Then the load has moved, with the new length
    assert _load(local_api, trainer["id"], "2026-W52") == 0
    assert _load(local_api, trainer["id"], "2026-W53") == 180
