"""POST /plans and GET /plans/{planId}: a training plan requested, computed, read (issue 13).

The planner's function is started through `runtime.plan_worker()`; here it runs the function's own
handler in-process (as the local server does on a thread), so a plan is DONE when POST answers.
The site's today is Tuesday 2026-12-01; the horizon is the two weeks from Monday 2026-12-07.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import botocore.session
import pytest
import time_machine
from botocore.stub import Stubber

from local.events import LambdaContext
from local.handlers import load_module
from local.template import ROOT
from tests.support import NOBODY, TRAINER, ApiClient, InlinePlanWorker
from titan_training.api import runtime
from titan_training.domain import planning
from titan_training.store.plan_worker import PlanWorker

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
REQUEST = {"startDate": "2026-12-07", "weeks": 2, "constraints": {"timeLimitSeconds": 5}}
WORKER = load_module(ROOT / "functions" / "run_plan" / "app.py")


@pytest.fixture
def worker(api: ApiClient) -> InlinePlanWorker:
    """The in-process planner every handler test has (tests/conftest.py)."""
    return runtime.plan_worker()


def comply(api: ApiClient, course_id: str, status: str, expiry: str | None = None, **person: Any) -> dict:
    someone = api.person(**person)
    body = {"status": status, **({"expiryDate": expiry} if expiry else {})}
    assert api.put(f"/personnel/{someone['id']}/compliance/{course_id}", body).status == 200
    return someone


def plan(api: ApiClient, body: dict | None = None) -> dict:
    with time_machine.travel(NOW, tick=False):
        reply = api.post("/plans", body or REQUEST)
        assert reply.status == 202, reply.body
        assert reply.body["status"] == "RUNNING" and reply.body["sessions"] is None
        done = api.get(f"/plans/{reply.body['id']}")
    assert done.status == 200, done.body
    return done.body


def test_a_plan_covers_red_yellow_and_expiring_workers_and_no_one_else(api, worker):
    # Given a 2-hour course with one qualified trainer and a room of ten, and workers in every state
    course = api.course(durationMinutes=120)
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status in (200, 201)
    venue = api.venue(capacity=10)
    due = [
        comply(api, course["id"], "NON_COMPLIANT"),
        comply(api, course["id"], "COMPLIANT", "2026-11-30"),  # lapsed yesterday: red
        comply(api, course["id"], "PENDING"),
        comply(api, course["id"], "COMPLIANT", "2026-12-10"),  # expires inside the horizon
    ]
    comply(api, course["id"], "COMPLIANT", "2027-06-01")  # valid long after the horizon: not due
    gone = comply(api, course["id"], "NON_COMPLIANT")
    assert api.patch(f"/personnel/{gone['id']}", {"active": False}).status == 200  # inactive: not due
    # When the admin asks for a plan
    body = plan(api)
    # Then it is DONE: one session with the four due workers, before the expiring one's date
    assert body["status"] == "DONE" and body["solver"] == "CP-SAT" and body["optimal"] is True
    assert body["coverage"] == {
        "due": 4,
        "covered": 4,
        "red": 2,
        "yellow": 1,
        "expiring": 1,
        "sessions": 1,
        "trainerHours": 2.0,
    }
    (session,) = body["sessions"]
    assert session["courseId"] == course["id"] and session["trainerId"] == trainer["id"]
    assert session["venueId"] == venue["id"]
    assert session["startTime"] == "2026-12-07T08:00:00.000Z" and session["endTime"] == "2026-12-07T10:00:00.000Z"
    assert sorted(session["personnelIds"]) == sorted(p["id"] for p in due)
    assert (session["courseName"], session["trainerName"], session["venueName"]) == (
        course["name"],
        f"{trainer['firstName']} {trainer['lastName']}",
        venue["name"],
    )
    urgency = {w["personnelId"]: (w["name"], w["urgency"]) for w in session["workers"]}
    assert urgency == {
        due[0]["id"]: (f"Pat {due[0]['lastName']}", "RED"),
        due[1]["id"]: (f"Pat {due[1]['lastName']}", "RED"),
        due[2]["id"]: (f"Pat {due[2]['lastName']}", "YELLOW"),
        due[3]["id"]: (f"Pat {due[3]['lastName']}", "EXPIRING"),
    }
    assert body["uncovered"] == []
    assert body["request"]["weeks"] == 2 and body["expiresAt"] == "2026-12-08T09:00:00.000Z"
    assert len(worker.started) == 1


def test_a_worker_already_booked_in_time_is_not_planned_again(api, worker):
    # Given three red workers, one of them on a SCHEDULED session of the course on Wednesday
    course = api.course(durationMinutes=60)
    trainer = api.trainer()
    api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    venue = api.venue(capacity=10)
    people = [comply(api, course["id"], "NON_COMPLIANT") for _ in range(3)]
    with time_machine.travel(NOW, tick=False):
        draft = api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
        slot = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": "2026-12-02T09:00:00Z",
            "endTime": "2026-12-02T10:00:00Z",
        }
        assert api.patch(f"/sessions/{draft}/schedule", slot).status == 200
        assert api.post(f"/sessions/{draft}/attendees", {"personnelIds": [people[0]["id"]]}).status == 200
    # When planned with a smallest class of two
    body = plan(api, {**REQUEST, "constraints": {"minClassSize": 2, "timeLimitSeconds": 5}})
    # Then only the other two are due, and planned
    assert body["coverage"]["due"] == 2
    assert sorted(body["sessions"][0]["personnelIds"]) == sorted(p["id"] for p in people[1:])


def test_workers_no_plan_can_cover_are_listed_with_the_reason(api, worker):
    # Given a course nobody may teach, with three red workers, and a taught one with too few
    nobody = api.course()
    taught = api.course(durationMinutes=60)
    trainer = api.trainer()
    api.put(f"/trainers/{trainer['id']}/qualifications/{taught['id']}")
    api.venue(capacity=10)
    stranded = [comply(api, nobody["id"], "NON_COMPLIANT") for _ in range(3)]
    few = [comply(api, taught["id"], "PENDING") for _ in range(2)]
    # When planned
    body = plan(api)
    # Then no session, and each worker with the reason
    assert body["sessions"] == []
    reasons = {(u["personnelId"], u["courseId"]): u["reason"] for u in body["uncovered"]}
    assert {u["name"] for u in body["uncovered"]} == {f"Pat {p['lastName']}" for p in stranded + few}
    assert reasons == {
        **{(p["id"], nobody["id"]): "NO_QUALIFIED_TRAINER" for p in stranded},
        **{(p["id"], taught["id"]): "BELOW_MIN_CLASS_SIZE" for p in few},
    }


def test_only_the_courses_asked_for_are_planned(api, worker):
    first, second = api.course(durationMinutes=60), api.course(durationMinutes=60)
    trainer = api.trainer()
    for course in (first, second):
        api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}")
        for _ in range(3):
            comply(api, course["id"], "NON_COMPLIANT")
    api.venue()
    body = plan(api, {**REQUEST, "courseIds": [second["id"]]})
    assert {s["courseId"] for s in body["sessions"]} == {second["id"]} and body["coverage"]["due"] == 3


def test_a_plan_whose_computation_fails_is_failed_with_the_reason(api, worker, monkeypatch):
    # Given a solver that breaks
    def broken(problem, baseline=None):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr("titan_training.services.plans.solve", broken)
    course = api.course()
    for _ in range(3):
        comply(api, course["id"], "NON_COMPLIANT")
    # When planned: the request is accepted, the invocation fails (Lambda logs it, and would retry)
    with time_machine.travel(NOW, tick=False):
        assert api.post("/plans", REQUEST).status == 202
    assert [str(failure) for failure in worker.failures] == ["solver exploded"]
    # Then the plan reads FAILED with the reason, and a retried invocation leaves it so
    (plan_id,) = worker.started
    with time_machine.travel(NOW, tick=False):
        body = api.get(f"/plans/{plan_id}").body
        assert WORKER.lambda_handler({"planId": plan_id}, LambdaContext())["status"] is None
    assert body["status"] == "FAILED" and "solver exploded" in body["error"] and body["sessions"] is None


def test_a_finished_plan_is_not_computed_twice(api, worker, monkeypatch):
    api.course()
    body = plan(api)
    calls = []
    monkeypatch.setattr(planning, "solve", lambda *a: calls.append(a))
    assert WORKER.lambda_handler({"planId": body["id"]}, LambdaContext())["status"] is None
    assert calls == [] and api.get(f"/plans/{body['id']}").body["completedAt"] == body["completedAt"]


def test_a_plan_expires_after_seven_days(api, worker):
    body = plan(api)
    with time_machine.travel(datetime(2026, 12, 8, 8, 59, tzinfo=UTC), tick=False):
        assert api.get(f"/plans/{body['id']}").status == 200
    with time_machine.travel(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), tick=False):
        reply = api.get(f"/plans/{body['id']}")
    assert reply.status == 404 and reply.body["message"] == f"Plan {body['id']} not found"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weeks": 0}, "weeks"),
        ({"weeks": 13}, "weeks"),
        ({"startDate": "next monday"}, "startDate"),
        ({"courseIds": ["not-an-id"]}, "courseIds.0"),
        ({"constraints": {"dayStart": "17:00", "dayEnd": "08:00"}}, "constraints"),
        ({"constraints": {"weekdays": ["XX"]}}, "constraints.weekdays.0"),
        ({"constraints": {"minClassSize": 0}}, "constraints.minClassSize"),
    ],
)
def test_a_bad_request_is_422_naming_the_field_and_starts_nothing(api, worker, change, field):
    reply = api.post("/plans", {**REQUEST, **change})
    assert reply.status == 422, reply.body
    assert field in {detail["field"] for detail in reply.body["details"]}, reply.body
    assert worker.started == []


def test_an_unknown_course_is_404_and_starts_nothing(api, worker):
    reply = api.post("/plans", {**REQUEST, "courseIds": ["cunknowncourse0000000001"]})
    assert reply.status == 404 and reply.body["message"] == "Course cunknowncourse0000000001 not found"
    assert worker.started == []


def test_plans_are_for_admins_only(api, worker):
    assert api.post("/plans", REQUEST, caller=TRAINER).status == 403
    assert api.post("/plans", REQUEST, caller=NOBODY).status == 401
    assert api.get("/plans/cunknownplan000000000001", caller=TRAINER).status == 403
    assert api.get("/plans/cunknownplan000000000001").status == 404
    assert worker.started == []


def test_the_worker_is_started_by_an_asynchronous_lambda_invocation():
    # Given the worker as deployed (PLAN_WORKER_FUNCTION names the planner's function)
    worker = PlanWorker("stack-RunPlanFunction-abc", "eu-west-2")
    worker._client = botocore.session.get_session().create_client(
        "lambda", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x"
    )
    # When a plan is started / Then Lambda is asked for one Event invocation with the plan's id
    with Stubber(worker._client) as stub:
        stub.add_response(
            "invoke",
            {"StatusCode": 202},
            {"FunctionName": "stack-RunPlanFunction-abc", "InvocationType": "Event", "Payload": '{"planId": "p1"}'},
        )
        worker.start("p1")
        stub.assert_no_pending_responses()


def test_without_a_worker_function_a_plan_cannot_start():
    with pytest.raises(RuntimeError, match="PLAN_WORKER_FUNCTION is not set"):
        PlanWorker("", "us-east-1").start("p1")


def test_a_plan_whose_planner_cannot_be_started_is_failed_not_left_running(api, monkeypatch):
    # Given a deployment whose planner function cannot be invoked
    class Unreachable:
        def start(self, plan_id: str) -> None:
            raise ConnectionError("Lambda is unreachable")

    monkeypatch.setattr(runtime, "plan_worker", functools.cache(Unreachable))
    # When a plan is requested
    with time_machine.travel(NOW, tick=False):
        reply = api.post("/plans", REQUEST)
        (plan,) = [item for item in _plans(api)]
    # Then the answer is 503 naming the cause and the plan, and the stored plan reads FAILED
    assert reply.status == 503
    assert reply.body["error"] == "Service Unavailable"
    assert "The planner could not be started: Lambda is unreachable" in reply.body["message"]
    assert f"Plan {plan.plan_id} is FAILED" in reply.body["message"]
    assert plan.status.value == "FAILED" and "Lambda is unreachable" in plan.error


def _plans(api: ApiClient) -> list:
    from titan_training.store.items.plans import PlanItem

    return [
        runtime.store().plans.get_plan(item.pk.removeprefix("PLAN#"), NOW)
        for item in PlanItem.scan(PlanItem.pk.startswith("PLAN#"))
    ]


# --- POST /plans/{planId}/accept ---------------------------------------------------------------------------


class Site:
    """A 2-hour course, one qualified trainer, a room of ten, and `red` red workers."""

    def __init__(self, api: ApiClient, red: int = 8) -> None:
        self.api = api
        self.course = api.course(durationMinutes=120)
        self.trainer = api.trainer()
        assert api.put(f"/trainers/{self.trainer['id']}/qualifications/{self.course['id']}").status == 200
        self.venue = api.venue(capacity=10)
        self.red = [comply(api, self.course["id"], "NON_COMPLIANT") for _ in range(red)]

    def accept(self, plan_id: str, body: dict | None = None):
        with time_machine.travel(NOW, tick=False):
            return self.api.post(f"/plans/{plan_id}/accept", body)


def test_accepting_a_plan_creates_its_drafts_with_their_class_lists(api, worker):
    # Given a DONE plan of one session for eight red workers
    site = Site(api)
    body = plan(api)
    (proposed,) = body["sessions"]
    # When the admin accepts it
    reply = site.accept(body["id"])
    # Then one DRAFT with the plan's trainer, venue, times and the plan's id, its class list the eight
    assert reply.status == 201, reply.body
    (draft,) = reply.body["items"]
    assert reply.body["planId"] == body["id"]
    assert draft["status"] == "DRAFT" and draft["planId"] == body["id"]
    assert (draft["trainerId"], draft["venueId"]) == (proposed["trainerId"], proposed["venueId"])
    assert (draft["startTime"], draft["endTime"]) == (proposed["startTime"], proposed["endTime"])
    detail = api.get(f"/sessions/{draft['id']}").body
    assert sorted(a["personnelId"] for a in detail["attendees"]) == sorted(p["id"] for p in site.red)
    listed = api.get("/sessions", {"courseId": site.course["id"]}).body["items"]
    assert [s["id"] for s in listed] == [draft["id"]]
    # And its audit trail says it was created from the plan, by whom, with its class list
    (entry,) = api.get(f"/sessions/{draft['id']}/history").body["items"]
    assert (entry["action"], entry["changedById"]) == ("CREATED", "admin-user")
    assert entry["details"]["planId"] == body["id"]
    assert sorted(entry["details"]["personnelIds"]) == sorted(p["id"] for p in site.red)
    # And the plan says so; the draft can then be scheduled as any draft
    assert api.get(f"/plans/{body['id']}").body["acceptedSessionIds"] == [draft["id"]]
    slot = {k: draft[k] for k in ("trainerId", "venueId", "startTime", "endTime")}
    with time_machine.travel(NOW, tick=False):
        assert api.patch(f"/sessions/{draft['id']}/schedule", slot).status == 200


def test_a_plan_is_accepted_once(api, worker):
    site = Site(api)
    body = plan(api)
    assert site.accept(body["id"]).status == 201
    again = site.accept(body["id"])
    assert again.status == 409 and "was already accepted" in again.body["message"]
    assert len(api.get("/sessions", {"courseId": site.course["id"]}).body["items"]) == 1


def test_a_subset_of_the_proposed_sessions_can_be_accepted(api, worker):
    # Given a plan of two sessions (15 red workers, a room of ten)
    site = Site(api, red=15)
    body = plan(api)
    assert len(body["sessions"]) == 2
    # When only the second is accepted / Then only it becomes a draft
    reply = site.accept(body["id"], {"sessions": [1]})
    assert reply.status == 201, reply.body
    (draft,) = reply.body["items"]
    assert draft["startTime"] == body["sessions"][1]["startTime"]
    # And positions outside the plan, repeated, or none are refused
    other = plan(api)
    for bad in ({"sessions": [2]}, {"sessions": [0, 0]}, {"sessions": []}):
        refused = site.accept(other["id"], bad)
        assert refused.status == 422, (bad, refused.body)


def test_a_trainer_booked_meanwhile_makes_the_plan_out_of_date(api, worker):
    # Given a plan, then the trainer booked on another session at the proposed time
    site = Site(api)
    body = plan(api)
    (proposed,) = body["sessions"]
    other = api.course()
    api.put(f"/trainers/{site.trainer['id']}/qualifications/{other['id']}")
    with time_machine.travel(NOW, tick=False):
        draft = api.post("/sessions/draft", {"courseId": other["id"]}).body["id"]
        slot = {
            "trainerId": site.trainer["id"],
            "venueId": api.venue()["id"],
            "startTime": proposed["startTime"],
            "endTime": proposed["endTime"],
        }
        assert api.patch(f"/sessions/{draft}/schedule", slot).status == 200
    # When the plan is accepted / Then 409 naming the change, and nothing created
    reply = site.accept(body["id"])
    assert reply.status == 409, reply.body
    assert f"trainer {site.trainer['id']} was booked meanwhile (session {draft})" in reply.body["message"]
    assert "Ask for a new plan" in reply.body["message"]
    assert api.get("/sessions", {"courseId": site.course["id"]}).body["items"] == []
    assert api.get(f"/plans/{body['id']}").body["acceptedAt"] is None


def test_a_worker_added_elsewhere_meanwhile_makes_the_plan_out_of_date(api, worker):
    site = Site(api)
    body = plan(api)
    with time_machine.travel(NOW, tick=False):
        elsewhere = api.post("/sessions/draft", {"courseId": site.course["id"]}).body["id"]
        assert api.post(f"/sessions/{elsewhere}/attendees", {"personnelIds": [site.red[0]["id"]]}).status == 200
    reply = site.accept(body["id"])
    assert reply.status == 409
    assert f"worker {site.red[0]['id']} was added to session {elsewhere}" in reply.body["message"]


def test_only_a_done_plan_can_be_accepted(api, worker, monkeypatch):
    # Given a plan that failed
    monkeypatch.setattr("titan_training.services.plans.solve", lambda *a: 1 / 0)
    Site(api)
    with time_machine.travel(NOW, tick=False):
        plan_id = api.post("/plans", REQUEST).body["id"]
    # When accepted / Then 409; an unknown plan is 404
    reply = api.post(f"/plans/{plan_id}/accept")
    assert reply.status == 409 and "is FAILED: only a DONE plan can be accepted" in reply.body["message"]
    assert api.post("/plans/cunknownplan000000000001/accept").status == 404
    assert api.post(f"/plans/{plan_id}/accept", caller=TRAINER).status == 403
