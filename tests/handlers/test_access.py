"""What a trainer reads, through the Lambda handlers over a moto table (who may call which route at all
is tests/handlers/test_authorization_matrix.py).

A trainer is a login in the `trainer` group; their sessions are those whose trainer carries their login
as `userId`. They list and read only those, with the class list's names and attendance (no employee
numbers) and the records; of other trainers they see names, qualifications and load, not email,
login or sessions.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from local.events import claims_for
from tests.support import ApiClient, suffix
from titan_training.domain.clock import format_instant, iso_week

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def at(hours: float) -> str:
    return format_instant(datetime.now(UTC) + timedelta(hours=hours))


@dataclass
class Site:
    """Two trainers with logins (Ann and Bob), each with sessions, and a course both are qualified for."""

    api: ApiClient
    course: dict[str, Any]
    venue: dict[str, Any]
    ann: dict[str, Any]
    bob: dict[str, Any]

    def login(self, trainer: dict[str, Any]) -> dict[str, str]:
        return claims_for(trainer["userId"], "trainer")

    def session(self, trainer: dict[str, Any], start: float, end: float, people: int = 0) -> str:
        draft = self.api.post("/sessions/draft", {"courseId": self.course["id"]})
        assert draft.status == 201, draft.body
        plan = {"trainerId": trainer["id"], "venueId": self.venue["id"], "startTime": at(start), "endTime": at(end)}
        assert self.api.patch(f"/sessions/{draft.body['id']}/schedule", plan).status == 200
        if people:
            listed = [self.api.person(email=f"p{suffix()}@example.com")["id"] for _ in range(people)]
            assert self.api.post(f"/sessions/{draft.body['id']}/attendees", {"personnelIds": listed}).status == 200
        return draft.body["id"]


@pytest.fixture
def site(api: ApiClient) -> Site:
    course, venue = api.course(), api.venue()
    ann = api.trainer(firstName="Ann", lastName="Able", email="ann@example.com", userId=f"ann-{suffix()}")
    bob = api.trainer(firstName="Bob", lastName="Baker", email="bob@example.com", userId=f"bob-{suffix()}")
    for trainer in (ann, bob):
        assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    return Site(api, course, venue, ann, bob)


def ids(reply: Any) -> list[str]:
    assert reply.status == 200, reply.body
    return [item["id"] for item in reply.body["items"]]


# --- GET /sessions ---------------------------------------------------------------------------------------


def test_a_trainer_lists_only_their_own_sessions(api, site):
    # Given sessions of Ann and of Bob, and a draft of nobody yet
    ann_first, ann_second = site.session(site.ann, 24, 26), site.session(site.ann, 48, 50)
    bob_session = site.session(site.bob, 24, 26)
    api.post("/sessions/draft", {"courseId": site.course["id"]})
    # When Ann lists sessions
    reply = api.get("/sessions", caller=site.login(site.ann))
    # Then she sees hers, by start time, and nothing else
    assert ids(reply) == [ann_first, ann_second]
    # And Bob sees his, and an admin all four
    assert ids(api.get("/sessions", caller=site.login(site.bob))) == [bob_session]
    assert len(ids(api.get("/sessions"))) == 4


def test_a_trainers_filters_narrow_their_own_sessions_only(api, site):
    # Given a session of Ann and one of Bob
    ann_session = site.session(site.ann, 24, 26)
    site.session(site.bob, 30, 32)
    ann = site.login(site.ann)
    # When Ann filters by her own trainer id, by Bob's, and by status
    own = api.get("/sessions", {"trainerId": site.ann["id"]}, caller=ann)
    bobs = api.get("/sessions", {"trainerId": site.bob["id"]}, caller=ann)
    scheduled = api.get("/sessions", {"status": "SCHEDULED"}, caller=ann)
    # Then her own filter shows hers, Bob's shows nothing (not a 403: it is an empty intersection)
    assert ids(own) == [ann_session]
    assert bobs.body == {"items": [], "nextToken": None}
    assert ids(scheduled) == [ann_session]


def test_a_trainers_sessions_follow_their_login(api, site):
    # Given a session of Ann's
    session_id = site.session(site.ann, 24, 26)
    ann = site.login(site.ann)
    assert ids(api.get("/sessions", caller=ann)) == [session_id]
    # When an admin moves Ann's trainer to another login
    assert api.patch(f"/trainers/{site.ann['id']}", {"userId": f"new-{suffix()}"}).status == 200
    # Then the old login sees no session and may not read it
    assert ids(api.get("/sessions", caller=ann)) == []
    assert api.get(f"/sessions/{session_id}", caller=ann).status == 403


# --- GET /sessions/{id} and its records ------------------------------------------------------------------


def test_the_own_trainer_reads_the_class_list_names_and_attendance_only(api, site):
    # Given a session of Ann's that has started, with two people, one marked
    session_id = site.session(site.ann, -1, 1, people=2)
    admin_view = api.get(f"/sessions/{session_id}").body
    first, second = (a["personnelId"] for a in admin_view["attendees"])
    ann = site.login(site.ann)
    marked = api.patch(
        f"/sessions/{session_id}/attendance",
        {"entries": [{"personnelId": first, "status": "ATTENDED", "result": "PASSED"}]},
        caller=ann,
    )
    # When Ann reads the session
    reply = api.get(f"/sessions/{session_id}", caller=ann)
    # Then she sees everything an admin sees but the employee numbers
    assert reply.status == 200, reply.body
    assert all(a["employeeNo"] for a in admin_view["attendees"])
    expected = {**api.get(f"/sessions/{session_id}").body}
    expected["attendees"] = [{**a, "employeeNo": None} for a in expected["attendees"]]
    assert reply.body == expected
    assert {a["personnelId"]: a["status"] for a in reply.body["attendees"]} == {
        first: "ATTENDED",
        second: "REGISTERED",
    }
    # And her marking's answer showed the class list the same way
    assert marked.status == 200, marked.body
    assert [a["employeeNo"] for a in marked.body["attendees"]] == [None, None]


def test_another_trainer_may_not_read_the_session_or_its_records(api, site):
    # Given a session of Ann's with a class list
    session_id = site.session(site.ann, 24, 26, people=1)
    listed = api.get(f"/sessions/{session_id}").body["attendees"][0]
    bob = site.login(site.bob)
    # When Bob reads the session and its records
    replies = [api.get(f"/sessions/{session_id}", caller=bob), api.get(f"/sessions/{session_id}/records", caller=bob)]
    # Then both are 403 and show nothing of the class list
    assert [r.status for r in replies] == [403, 403]
    assert all(listed["lastName"] not in json.dumps(r.body) for r in replies)


def test_an_unknown_session_is_404_for_a_trainer_too(api, site):
    # When a trainer reads a session that does not exist / Then it is a 404, as for an admin
    reply = api.get("/sessions/cunknown0000000000000000", caller=site.login(site.ann))
    assert reply.status == 404, reply.body


def test_the_own_trainer_reads_the_records_of_their_finalized_session(api, site):
    # Given Ann's session that ended, marked, with the sheet uploaded, and finalized
    session_id = site.session(site.ann, -3, -1, people=1)
    person = api.get(f"/sessions/{session_id}").body["attendees"][0]["personnelId"]
    entries = [{"personnelId": person, "status": "ATTENDED", "result": "PASSED"}]
    assert api.patch(f"/sessions/{session_id}/attendance", {"entries": entries}).status == 200
    form = api.post(f"/sessions/{session_id}/evidence").body
    boto3.client("s3").put_object(Bucket=os.environ["EVIDENCE_BUCKET"], Key=form["fileKey"], Body=PDF)
    assert api.post(f"/sessions/{session_id}/finalize").status == 200
    # When Ann reads the session's records
    reply = api.get(f"/sessions/{session_id}/records", caller=site.login(site.ann))
    # Then she gets the same records an admin does: her attendee's pass
    assert reply.status == 200, reply.body
    assert reply.body == api.get(f"/sessions/{session_id}/records").body
    assert [(r["personnelId"], r["result"]) for r in reply.body["trainingRecords"]] == [(person, "PASSED")]
    # But not the worker's whole training history
    assert api.get(f"/personnel/{person}/training-records", caller=site.login(site.ann)).status == 403


# --- Trainers ---------------------------------------------------------------------------------------------


def test_a_trainer_sees_other_trainers_names_qualifications_and_load_only(api, site):
    # Given a session of Bob's this week-ish (booked load)
    site.session(site.bob, 1, 3)
    week = iso_week(datetime.now(UTC) + timedelta(hours=1), "UTC")
    ann = site.login(site.ann)
    # When Ann lists the trainers
    reply = api.get("/trainers", {"week": week}, caller=ann)
    # Then she sees both, herself in full, Bob without email or login but with courses and load
    assert reply.status == 200, reply.body
    admin_items = {t["id"]: t for t in api.get("/trainers", {"week": week}).body["items"]}
    seen = {t["id"]: t for t in reply.body["items"]}
    assert seen[site.ann["id"]] == admin_items[site.ann["id"]]
    assert seen[site.bob["id"]] == {**admin_items[site.bob["id"]], "email": None, "userId": None}
    assert seen[site.bob["id"]]["qualifiedCourseIds"] == [site.course["id"]]
    assert seen[site.bob["id"]]["bookedMinutesThisWeek"] == 120
    assert "bob@example.com" not in json.dumps(reply.body)


def test_a_trainer_reads_another_trainer_without_their_contact_or_sessions(api, site):
    # Given a session of Bob's in the week shown
    site.session(site.bob, 1, 3)
    week = iso_week(datetime.now(UTC) + timedelta(hours=1), "UTC")
    admin_view = api.get(f"/trainers/{site.bob['id']}", {"week": week}).body
    assert len(admin_view["sessionsThisWeek"]) == 1
    # When Ann reads Bob, and Bob reads himself
    by_ann = api.get(f"/trainers/{site.bob['id']}", {"week": week}, caller=site.login(site.ann))
    by_bob = api.get(f"/trainers/{site.bob['id']}", {"week": week}, caller=site.login(site.bob))
    # Then Ann sees his name, qualifications and load, not his email, login or sessions
    assert by_ann.status == 200, by_ann.body
    assert by_ann.body == {**admin_view, "email": None, "userId": None, "sessionsThisWeek": []}
    assert by_ann.body["qualifications"] == admin_view["qualifications"] != []
    # And Bob sees all of himself
    assert by_bob.body == admin_view


def test_a_login_in_both_groups_reads_as_an_admin(api, site):
    # Given a session of Ann's with a class list, and a login in both groups that is no trainer
    session_id = site.session(site.ann, 24, 26, people=1)
    both = claims_for(f"both-{suffix()}", "hse-admin,trainer")
    # When they read the session and list the trainers
    session = api.get(f"/sessions/{session_id}", caller=both)
    trainers = api.get("/trainers", caller=both)
    # Then they see everything
    assert session.status == 200 and session.body["attendees"][0]["employeeNo"]
    assert {t["email"] for t in trainers.body["items"]} == {"ann@example.com", "bob@example.com"}
