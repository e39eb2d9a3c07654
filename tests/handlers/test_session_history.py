"""A session's audit trail (issue 12) through the Lambda handlers over a moto table.

Every change to a session makes exactly one entry (who, when, what), in the change's own transaction;
`GET /sessions/{id}/history` lists them newest first, paged, for an hse-admin only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from local.events import claims_for
from tests.handlers.test_post_session import (
    UNKNOWN_ID,
    entry,
    finalized,
    iso,
    mark,
    now,
    pending_ids,
    ready_class,
    scheduled_class,
    upload,
    verify,
)
from tests.support import ADMIN, TRAINER, ApiClient, error_fields
from titan_training.domain.records import RecordKind, record_id

ADMIN_SUB = ADMIN["sub"]


def history(api: ApiClient, session_id: str, **query: Any) -> list[dict[str, Any]]:
    """Every entry of the session's history, newest first, following `nextToken` to the end."""
    items: list[dict[str, Any]] = []
    token = None
    while True:
        reply = api.get(f"/sessions/{session_id}/history", query={**query, **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        assert set(reply.body) == {"items", "nextToken"}
        items += reply.body["items"]
        token = reply.body["nextToken"]
        if token is None:
            return items


def actions(api: ApiClient, session_id: str) -> list[str]:
    return [item["action"] for item in history(api, session_id)]


def plan_for(api: ApiClient, course: dict[str, Any], start: datetime, hours: int = 2) -> dict[str, str]:
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    venue = api.venue()
    return {
        "trainerId": trainer["id"],
        "venueId": venue["id"],
        "startTime": iso(start),
        "endTime": iso(start + timedelta(hours=hours)),
    }


def test_a_draft_created_edited_scheduled_and_rescheduled_has_one_entry_per_change(api):
    # Given a course, a venue and a qualified trainer
    course = api.course()
    start = now().replace(microsecond=0) + timedelta(days=10)
    plan = plan_for(api, course, start)
    # When an admin creates a draft with its venue
    created = api.post("/sessions/draft", {"courseId": course["id"], "venueId": plan["venueId"]})
    assert created.status == 201, created.body
    session_id = created.body["id"]
    # Then its history is one CREATED entry: who (id and group), when, and what it was created with
    (first,) = history(api, session_id)
    assert first["action"] == "CREATED"
    assert (first["changedById"], first["changedByGroup"]) == (ADMIN_SUB, "hse-admin")
    assert first["sessionId"] == session_id
    assert first["at"] == created.body["createdAt"]
    assert first["details"] == {"courseId": course["id"], "venueId": plan["venueId"], "status": "DRAFT"}
    assert first["changes"] == []
    # When the draft is edited (a trainer named), then scheduled, then moved an hour later
    assert api.patch(f"/sessions/{session_id}", {"trainerId": plan["trainerId"]}).status == 200
    assert api.patch(f"/sessions/{session_id}/schedule", plan).status == 200
    later = {"startTime": iso(start + timedelta(hours=1)), "endTime": iso(start + timedelta(hours=3))}
    moved = api.patch(f"/sessions/{session_id}", later)
    assert moved.status == 200, moved.body
    # Then there is exactly one entry per change, newest first
    entries = history(api, session_id)
    assert [e["action"] for e in entries] == ["RESCHEDULED", "SCHEDULED", "EDITED", "CREATED"]
    rescheduled, scheduled, edited, _ = entries
    # And each names the fields it changed, old and new
    assert edited["changes"] == [{"field": "trainerId", "old": None, "new": plan["trainerId"]}]
    assert scheduled["changes"] == [
        {"field": "startTime", "old": None, "new": plan["startTime"]},
        {"field": "endTime", "old": None, "new": plan["endTime"]},
    ]
    assert rescheduled["changes"] == [
        {"field": "startTime", "old": plan["startTime"], "new": later["startTime"]},
        {"field": "endTime", "old": plan["endTime"], "new": later["endTime"]},
    ]
    assert rescheduled["at"] == moved.body["updatedAt"]
    assert all(e["changedById"] == ADMIN_SUB for e in entries)


def test_cancelled_and_deleted_are_recorded_and_a_deleted_sessions_history_stays_readable(api):
    # Given a draft
    session_id = api.post("/sessions/draft", {"courseId": api.course()["id"]}).body["id"]
    # When it is cancelled, then deleted
    assert api.post(f"/sessions/{session_id}/cancel").status == 200
    assert api.delete(f"/sessions/{session_id}").status == 204
    # Then the session is gone from reads
    assert api.get(f"/sessions/{session_id}").status == 404
    # But its history is still there for an auditor, the deletion on top
    entries = history(api, session_id)
    assert [e["action"] for e in entries] == ["DELETED", "CANCELLED", "CREATED"]
    assert entries[0]["details"] == {"previousStatus": "CANCELLED"}
    assert entries[1]["details"] == {"previousStatus": "DRAFT"}


def test_attendees_added_and_removed_name_the_people(api):
    # Given a scheduled session with nobody on its list, and three workers
    klass = scheduled_class(api, people=0, start=timedelta(days=3), end=timedelta(days=3, hours=2))
    people = [api.person()["id"] for _ in range(3)]
    before = actions(api, klass.session_id)
    # When all three are added (one of them twice, and an unknown id), then one removed
    added = api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [*people, people[0], UNKNOWN_ID]})
    assert added.status == 200 and len(added.body["added"]) == 3, added.body
    assert api.delete(f"/sessions/{klass.session_id}/attendees/{people[1]}").status == 200
    # Then two entries were added: the three people actually listed, then the one removed
    removed, listed, *rest = history(api, klass.session_id)
    assert [e["action"] for e in rest] == before
    assert listed["action"] == "ATTENDEES_ADDED"
    assert sorted(listed["details"]["personnelIds"]) == sorted(people)
    assert removed["action"] == "ATTENDEE_REMOVED"
    assert removed["details"] == {"personnelId": people[1]}
    # When everyone already listed is added again (nothing changes)
    again = api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [people[0]]})
    assert again.status == 200 and again.body["added"] == []
    # Then no entry describes it
    assert len(history(api, klass.session_id)) == len(before) + 2


def test_attendance_evidence_finalize_and_verification_are_recorded_with_who_did_them(api):
    # Given an ended session of a course that needs verification, with two people on its list
    course = api.course(requiresVerification=True, validityMonths=12)
    klass = scheduled_class(api, people=2, course=course)
    trainer = klass.own_trainer
    # When its trainer marks attendance and asks for an upload form
    marks = [entry(klass.pid(0), "ATTENDED", "PASSED"), entry(klass.pid(1), "NO_SHOW")]
    assert mark(api, klass.session_id, marks, caller=trainer).status == 200
    file_key = upload(api, klass.session_id, caller=trainer)
    # And an admin finalizes it and verifies the pending competency
    body = finalized(api, klass)
    pending = record_id(RecordKind.COMPETENCY, klass.session_id, klass.pid(0))
    assert pending in pending_ids(api)
    assert verify(api, pending, {"outcome": "VERIFIED", "remarks": "Observed on site"}).status == 200
    # Then each of those changes is one entry, newest first
    entries = history(api, klass.session_id)
    assert [e["action"] for e in entries] == [
        "COMPETENCY_VERIFIED",
        "FINALIZE_COMMITTED",
        "FINALIZE_STARTED",
        "EVIDENCE_UPLOAD_REQUESTED",
        "ATTENDANCE_MARKED",
        "ATTENDEES_ADDED",
        "SCHEDULED",
        "CREATED",
    ]
    verified, committed, started, requested, marked = entries[:5]

    # And the trainer's entries name the trainer, the admin's the admin
    def who(e: dict[str, Any]) -> tuple[str, str]:
        return e["changedById"], e["changedByGroup"]

    assert [who(e) for e in (requested, marked)] == [(klass.login, "trainer")] * 2
    assert {who(e) for e in (verified, committed, started)} == {(ADMIN_SUB, "hse-admin")}
    # And what each did
    assert marked["details"] == {
        "entries": [
            {"personnelId": klass.pid(0), "status": "ATTENDED", "result": "PASSED"},
            {"personnelId": klass.pid(1), "status": "NO_SHOW"},
        ]
    }
    assert requested["details"] == {"fileKey": file_key}
    assert started["details"]["evidenceUploadKey"] == file_key
    assert started["details"]["evidenceFileKey"] == body["evidenceFileKey"]
    assert committed["details"] == {"trainingRecords": 0, "competencyRecords": 1, "noShows": 1}
    assert verified["details"] == {
        "competencyRecordId": pending,
        "personnelId": klass.pid(0),
        "remarks": "Observed on site",
    }
    # When the finalize is asked again (it is finished: it changes nothing)
    assert finalized(api, klass) == body
    # Then nothing more is recorded
    assert len(history(api, klass.session_id)) == len(entries)


def test_a_rejected_competency_is_recorded_as_rejected(api):
    # Given a finalized session whose one pass awaits verification
    course = api.course(requiresVerification=True)
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=course)
    finalized(api, klass)
    pending = record_id(RecordKind.COMPETENCY, klass.session_id, klass.pid(0))
    # When it is rejected
    assert verify(api, pending, {"outcome": "REJECTED"}).status == 200
    # Then the newest entry says so
    newest = history(api, klass.session_id)[0]
    assert (newest["action"], newest["details"]["personnelId"]) == ("COMPETENCY_REJECTED", klass.pid(0))


def test_changes_that_are_refused_write_no_entry(api):
    # Given a scheduled session with one person, and another session of the same trainer
    klass = scheduled_class(api, people=1, start=timedelta(days=5), end=timedelta(days=5, hours=2))
    other = api.post("/sessions/draft", {"courseId": klass.course["id"]}).body["id"]
    before = history(api, klass.session_id)
    before_other = history(api, other)
    # When the other is scheduled over the trainer's booking (409), someone not listed is removed
    # (404: the transaction's condition fails), and the finalize is asked before anything is marked (422)
    venue = api.venue()
    clash = {
        "trainerId": klass.trainer["id"],
        "venueId": venue["id"],
        "startTime": iso(klass.start),
        "endTime": iso(klass.end),
    }
    assert api.patch(f"/sessions/{other}/schedule", clash).status == 409
    assert api.delete(f"/sessions/{klass.session_id}/attendees/{api.person()['id']}").status == 404
    assert api.post(f"/sessions/{klass.session_id}/finalize").status == 409  # not ended yet
    # And a scheduled session may not be deleted (409)
    assert api.delete(f"/sessions/{klass.session_id}").status == 409
    # Then neither session's history changed
    assert history(api, klass.session_id) == before
    assert history(api, other) == before_other


def test_history_pages_newest_first_with_next_token(api):
    # Given a draft edited five times (six entries)
    course = api.course()
    session_id = api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
    start = now().replace(microsecond=0) + timedelta(days=20)
    for hour in range(5):
        body = {"startTime": iso(start + timedelta(hours=hour)), "endTime": iso(start + timedelta(hours=hour + 1))}
        assert api.patch(f"/sessions/{session_id}", body).status == 200
    everything = history(api, session_id, limit="50")
    assert len(everything) == 6
    # When it is read two at a time
    pages = []
    token = None
    while True:
        query = {"limit": "2", **({"nextToken": token} if token else {})}
        reply = api.get(f"/sessions/{session_id}/history", query=query)
        assert reply.status == 200, reply.body
        pages.append(reply.body["items"])
        token = reply.body["nextToken"]
        if token is None:
            break
    # Then three full pages hold every entry once, newest first (the last page hands out no token)
    assert [len(page) for page in pages] == [2, 2, 2]
    assert [e["id"] for page in pages for e in page] == [e["id"] for e in everything]
    instants = [e["at"] for e in everything]
    assert instants == sorted(instants, reverse=True)
    assert everything[-1]["action"] == "CREATED"
    # And the newest edit is first
    assert everything[0]["changes"][0]["new"] == iso(start + timedelta(hours=4))


def test_history_is_for_hse_admins_only(api):
    # Given a session whose trainer has a login
    klass = scheduled_class(api, people=0)
    # When its own trainer, another trainer and nobody ask for its history
    own = api.get(f"/sessions/{klass.session_id}/history", caller=klass.own_trainer)
    other = api.get(f"/sessions/{klass.session_id}/history", caller=TRAINER)
    nobody = api.get(f"/sessions/{klass.session_id}/history", caller=None)
    # Then the trainers are refused (403) and nobody is not let in (401)
    assert (own.status, other.status, nobody.status) == (403, 403, 401)
    assert own.body["statusCode"] == 403 and own.body["message"]


def test_an_unknown_session_has_no_history(api):
    # When the history of a session that never existed is asked for
    reply = api.get(f"/sessions/{UNKNOWN_ID}/history")
    # Then it is a 404 naming it
    assert reply.status == 404, reply.body
    assert UNKNOWN_ID in reply.body["message"]


def test_a_bad_limit_or_next_token_is_a_422_naming_it(api):
    # Given two sessions, one with a page token of its history
    first = api.post("/sessions/draft", {"courseId": api.course()["id"]}).body["id"]
    assert api.post(f"/sessions/{first}/cancel").status == 200
    token = api.get(f"/sessions/{first}/history", query={"limit": "1"}).body["nextToken"]
    assert token
    second = api.post("/sessions/draft", {"courseId": api.course()["id"]}).body["id"]
    # When the limit is out of range or not a number, or the token is garbage or another session's
    for query, field in [
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"nextToken": "not-a-token"}, "nextToken"),
        ({"nextToken": token}, "nextToken"),
    ]:
        reply = api.get(f"/sessions/{second}/history", query=query)
        # Then it is a 422 naming the parameter
        assert reply.status == 422, (query, reply.body)
        assert field in error_fields(reply), (query, reply.body)
    # And a malformed session id is a 422 too
    assert api.get("/sessions/not-a-cuid/history").status == 422


def test_a_trainer_acting_also_as_admin_is_recorded_as_admin(api):
    # Given a caller in both groups
    both = claims_for("dual-login", "hse-admin,trainer")
    # When they create a draft
    session_id = api.post("/sessions/draft", {"courseId": api.course()["id"]}, caller=both).body["id"]
    # Then the entry names them acting as hse-admin
    (created,) = history(api, session_id)
    assert (created["changedById"], created["changedByGroup"]) == ("dual-login", "hse-admin")
