"""Retries are safe: the `Idempotency-Key` header on every POST that creates something (moto table).

A frontend on a poor network sends a create again when it saw no answer. With the same key and body it
gets the first response back and nothing more is created; with another body it gets a 422. Races of one
key are tested against DynamoDB Local in tests/integration/test_idempotency_race.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import boto3
import pytest

from local.events import claims_for
from local.openapi import DOCUMENT
from local.template import ROOT, time_to_live
from tests.handlers.test_post_session import history, pending_ids, ready_class, records, scheduled_class
from tests.support import ApiClient, Reply, suffix
from titan_training.api.idempotency import HEADER, REPLAYED_HEADER, RETENTION_SECONDS
from titan_training.services import venues
from titan_training.store.idempotency import EXPIRY_ATTRIBUTE, RECORD_PREFIX

OTHER_ADMIN = claims_for("another-admin", "hse-admin")


def new_key() -> dict[str, str]:
    return {HEADER: str(uuid.uuid4())}


def listed(api: ApiClient, path: str, **query: str) -> list[dict[str, Any]]:
    reply = api.get(path, query={"limit": "200", **query})
    assert reply.status == 200, reply.body
    return reply.body["items"]


# --- One case per POST route that creates something --------------------------------------------------------------


@dataclass
class Create:
    """A create route ready to be called: its path and body, and how many things it has made so far."""

    path: str
    body: Any
    made: Callable[[], int]
    status: int = 201


def course_case(api: ApiClient) -> Create:
    body = {"name": f"Course {suffix()}", "code": f"C-{suffix()}", "validityMonths": 12}
    return Create("/courses", body, lambda: len(listed(api, "/courses")))


def personnel_case(api: ApiClient) -> Create:
    body = {"firstName": "Pat", "lastName": f"Worker{suffix()}", "employeeNo": f"E-{suffix()}"}
    return Create("/personnel", body, lambda: len(listed(api, "/personnel")))


def trainer_case(api: ApiClient) -> Create:
    body = {"firstName": "Terry", "lastName": f"Trainer{suffix()}"}
    return Create("/trainers", body, lambda: len(listed(api, "/trainers")))


def venue_case(api: ApiClient) -> Create:
    return Create("/venues", {"name": f"Room {suffix()}", "capacity": 20}, lambda: len(listed(api, "/venues")))


def draft_case(api: ApiClient) -> Create:
    course = api.course()
    made = lambda: len(listed(api, "/sessions", courseId=course["id"]))  # noqa: E731
    return Create("/sessions/draft", {"courseId": course["id"]}, made)


def series_case(api: ApiClient) -> Create:
    course = api.course()
    made = lambda: len(listed(api, "/sessions", courseId=course["id"]))  # noqa: E731
    body = {
        "courseId": course["id"],
        "startTime": "2027-03-01T09:00:00Z",
        "endTime": "2027-03-01T10:00:00Z",
        "recurrence": {"frequency": "WEEKLY", "count": 1},
    }
    return Create("/sessions/recurring-drafts", body, made)


def attendees_case(api: ApiClient) -> Create:
    klass = scheduled_class(api, people=0)
    person = api.person()
    made = lambda: len(api.get(f"/sessions/{klass.session_id}").body["attendees"])  # noqa: E731
    return Create(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [person["id"]]}, made, 200)


def evidence_case(api: ApiClient) -> Create:
    # Asking for a form writes nothing; the retry must hand out the same form (the same fileKey).
    klass = scheduled_class(api, people=1)
    return Create(f"/sessions/{klass.session_id}/evidence", None, lambda: 0, 200)


def finalize_case(api: ApiClient) -> Create:
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("NO_SHOW", None)])
    made = lambda: len(records(api, klass.session_id)["trainingRecords"])  # noqa: E731
    return Create(f"/sessions/{klass.session_id}/finalize", None, made, 200)


def verify_case(api: ApiClient) -> Create:
    course = api.course(requiresVerification=True)
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=course)
    assert api.post(f"/sessions/{klass.session_id}/finalize").status == 200
    (record_id,) = [r["id"] for r in records(api, klass.session_id)["competencyRecords"]]
    assert record_id in pending_ids(api)
    made = lambda: len(history(api, klass.pid(0)))  # noqa: E731
    return Create(f"/competency-records/{record_id}/verify", {"outcome": "VERIFIED"}, made, 200)


def _next_monday() -> str:
    today = date.today()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


def plan_case(api: ApiClient) -> Create:
    from titan_training.api import runtime
    from titan_training.store.items.plans import PlanItem

    runtime.store()  # binds the item classes to the test's table
    body = {"startDate": _next_monday(), "weeks": 1, "constraints": {"timeLimitSeconds": 2}}
    plans = lambda: sum(1 for _ in PlanItem.scan(PlanItem.pk.startswith("PLAN#")))  # noqa: E731
    return Create("/plans", body, plans, status=202)


def accept_case(api: ApiClient) -> Create:
    course = api.course(durationMinutes=60)
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    api.venue(capacity=10)
    for _ in range(3):
        someone = api.person()
        assert api.put(f"/personnel/{someone['id']}/compliance/{course['id']}", {"status": "PENDING"}).status == 200
    plan = api.post("/plans", {"startDate": _next_monday(), "weeks": 1, "constraints": {"timeLimitSeconds": 2}})
    assert plan.status == 202, plan.body
    made = lambda: len(listed(api, "/sessions", courseId=course["id"]))  # noqa: E731
    return Create(f"/plans/{plan.body['id']}/accept", None, made)


CASES = {
    "createCourse": course_case,
    "createPersonnel": personnel_case,
    "createTrainer": trainer_case,
    "createVenue": venue_case,
    "createSessionDraft": draft_case,
    "createRecurringDrafts": series_case,
    "addSessionAttendees": attendees_case,
    "requestEvidenceUpload": evidence_case,
    "finalizeSession": finalize_case,
    "verifyCompetencyRecord": verify_case,
    "createPlan": plan_case,
    "acceptPlan": accept_case,
}


@pytest.mark.parametrize("operation", sorted(CASES))
def test_a_retried_create_answers_the_first_response_and_makes_nothing_more(api, operation):
    # Given a create route and a request with a fresh key
    create = CASES[operation](api)
    before = create.made()
    key = new_key()
    # When it is sent, then sent again with the same key and body (the client never saw the answer)
    first = api.post(create.path, create.body, headers=key)
    again = api.post(create.path, create.body, headers=key)
    # Then the first did its work once
    assert first.status == create.status, first.body
    made = create.made()
    assert made == before + (0 if operation == "requestEvidenceUpload" else 1)
    # And the retry answers exactly the first response, marked as a replay, and makes nothing more
    assert (again.status, again.body) == (first.status, first.body)
    assert again.headers.get(REPLAYED_HEADER) == "true"
    assert REPLAYED_HEADER not in first.headers
    assert create.made() == made


def test_every_create_route_documents_the_header_and_only_those(api):
    # Given the committed OpenAPI document
    document = json.loads(DOCUMENT.read_text())
    # When the operations taking an Idempotency-Key header are collected
    taking = {
        operation["operationId"]: parameter
        for operations in document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "header" and parameter["name"].lower() == HEADER.lower()
    }
    # Then exactly the creating POSTs take it, optionally, with its meaning and limits
    assert set(taking) == set(CASES)
    for parameter in taking.values():
        assert parameter["required"] is False
        assert parameter["schema"]["type"] == "string"
        assert parameter["schema"]["maxLength"] == 255
        assert "24 hours" in parameter["description"]
    # And each of them documents the 409 (a request with the key still running) and the 422 (another body)
    for operations in document["paths"].values():
        for operation in operations.values():
            if operation["operationId"] in taking:
                assert {"409", "422"} <= set(operation["responses"]), operation["operationId"]


# --- Same key, another request -----------------------------------------------------------------------------------


def test_the_same_key_with_another_body_is_422_and_creates_nothing(api):
    # Given a venue created with a key
    key = new_key()
    first = api.post("/venues", {"name": f"Room {suffix()}", "capacity": 20}, headers=key)
    assert first.status == 201, first.body
    # When the key is sent again with another body
    reply = api.post("/venues", {"name": f"Room {suffix()}", "capacity": 30}, headers=key)
    # Then it is a 422 in the one error shape, naming the header
    assert reply.status == 422, reply.body
    assert set(reply.body) == {"statusCode", "error", "message", "details"}
    assert reply.body["error"] == "Unprocessable Content"
    assert HEADER in reply.body["message"]
    assert reply.body["details"] == [
        {
            "location": "header",
            "field": HEADER,
            "message": "was already used with a different request to this endpoint; send a new key for a new request",
            "type": "idempotency_key_reused",
        }
    ]
    # And only the first venue exists
    assert [venue["id"] for venue in listed(api, "/venues")] == [first.body["id"]]


def test_the_same_key_on_another_path_is_422(api):
    # Given an evidence form asked for one session with a key
    one, other = scheduled_class(api, people=1), scheduled_class(api, people=1)
    key = new_key()
    assert api.post(f"/sessions/{one.session_id}/evidence", headers=key).status == 200
    # When the same key asks for a form of another session
    reply = api.post(f"/sessions/{other.session_id}/evidence", headers=key)
    # Then it is refused: the path is part of the request the key stands for
    assert reply.status == 422, reply.body
    assert reply.body["details"][0]["type"] == "idempotency_key_reused"


def test_the_same_json_written_differently_is_the_same_request(api):
    # Given a course created with a key
    key = new_key()
    code, name = f"C-{suffix()}", f"Course {suffix()}"
    first = api.post("/courses", f'{{"name": "{name}", "code": "{code}", "validityMonths": 12}}', headers=key)
    assert first.status == 201, first.body
    # When the retry serializes the same JSON with other spacing and key order
    again = api.post("/courses", f'{{"validityMonths":12,"code":"{code}",\n"name":"{name}"}}', headers=key)
    # Then it is recognised as the same request
    assert (again.status, again.body) == (201, first.body)
    assert again.headers.get(REPLAYED_HEADER) == "true"


# --- Without a key, or keys of others ----------------------------------------------------------------------------


def test_without_a_key_a_retry_creates_again_as_it_always_did(api):
    # Given a venue body (venues have no unique field, so nothing stops a duplicate)
    body = {"name": f"Room {suffix()}", "capacity": 20}
    # When it is posted twice without a key
    first, again = api.post("/venues", body), api.post("/venues", body)
    # Then there are two venues, and neither answer is a replay
    assert (first.status, again.status) == (201, 201)
    assert first.body["id"] != again.body["id"]
    assert REPLAYED_HEADER not in again.headers
    assert len(listed(api, "/venues")) == 2


def test_two_callers_with_the_same_key_are_independent(api):
    # Given one key and one body, sent by two admins
    key, body = new_key(), {"name": f"Room {suffix()}", "capacity": 20}
    mine = api.post("/venues", body, headers=key)
    theirs = api.post("/venues", body, caller=OTHER_ADMIN, headers=key)
    # Then each made their own venue and neither saw the other's
    assert (mine.status, theirs.status) == (201, 201)
    assert mine.body["id"] != theirs.body["id"]
    assert REPLAYED_HEADER not in theirs.headers
    assert len(listed(api, "/venues")) == 2
    # And each one's retry answers their own first response
    assert api.post("/venues", body, caller=OTHER_ADMIN, headers=key).body == theirs.body
    assert api.post("/venues", body, headers=key).body == mine.body


def test_one_key_on_two_routes_is_two_requests(api):
    # Given one key used for a venue and then for a trainer
    key = new_key()
    venue = api.post("/venues", {"name": f"Room {suffix()}", "capacity": 20}, headers=key)
    trainer = api.post("/trainers", {"firstName": "Terry", "lastName": f"Trainer{suffix()}"}, headers=key)
    # Then both were created: a key belongs to one route
    assert (venue.status, trainer.status) == (201, 201)
    assert REPLAYED_HEADER not in trainer.headers


@pytest.mark.parametrize("value", ["", "k" * 256])
def test_an_empty_or_overlong_key_is_422_naming_the_header(api, value):
    # When a create is sent with a key that is empty or longer than 255 characters
    reply = api.post("/venues", {"name": f"Room {suffix()}", "capacity": 20}, headers={HEADER: value})
    # Then it is refused before anything is created
    assert reply.status == 422, reply.body
    assert [(d["location"], d["field"]) for d in reply.body["details"]] == [("header", "idempotency-key")]
    assert listed(api, "/venues") == []


def test_a_refused_caller_never_reaches_the_records(api):
    # When a trainer (not an admin) sends a keyed create twice
    trainer = claims_for("a-trainer", "trainer")
    body, key = {"name": f"Room {suffix()}", "capacity": 20}, new_key()
    replies = [api.post("/venues", body, caller=trainer, headers=key) for _ in range(2)]
    # Then both are 403 (identity is checked first) and no record was written
    assert [reply.status for reply in replies] == [403, 403]
    assert idempotency_items("createVenue") == []


# --- What is kept, and for how long --------------------------------------------------------------------------------


def idempotency_items(operation: str) -> list[dict[str, Any]]:
    table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return table.query(
        KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": f"{RECORD_PREFIX}{operation}"}
    )["Items"]


def test_a_record_is_one_item_of_the_training_table_expiring_after_24_hours(api):
    # Given a keyed create
    started = int(time.time())
    reply = api.post("/venues", {"name": f"Room {suffix()}", "capacity": 20}, headers=new_key())
    assert reply.status == 201
    # Then one item in the operation's partition keeps the finished response until 24 hours from now
    (item,) = idempotency_items("createVenue")
    assert item["SK"].startswith("createVenue#")
    assert item["status"] == "COMPLETED"
    assert json.loads(json.loads(item["data"])["body"]) == reply.body
    assert started + RETENTION_SECONDS <= int(item[EXPIRY_ATTRIBUTE]) <= int(time.time()) + RETENTION_SECONDS
    # And the table expires such items by that attribute (TTL, as template.yaml declares it)
    assert time_to_live() == {"AttributeName": EXPIRY_ATTRIBUTE, "Enabled": True}


def test_after_24_hours_the_key_is_new_again(api):
    # Given a venue created with a key whose record has passed its expiry (DynamoDB's TTL may not have run yet)
    key, body = new_key(), {"name": f"Room {suffix()}", "capacity": 20}
    first = api.post("/venues", body, headers=key)
    (item,) = idempotency_items("createVenue")
    table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    table.update_item(
        Key={"PK": item["PK"], "SK": item["SK"]},
        UpdateExpression="SET #expiry = :past",
        ExpressionAttributeNames={"#expiry": EXPIRY_ATTRIBUTE},
        ExpressionAttributeValues={":past": int(time.time()) - 1},
    )
    # When the same key and body come again
    again = api.post("/venues", body, headers=key)
    # Then it is a new request: a second venue
    assert again.status == 201
    assert again.body["id"] != first.body["id"]
    assert REPLAYED_HEADER not in again.headers


def test_an_error_is_not_kept_so_a_retry_after_fixing_the_cause_succeeds(api):
    # Given a course code already taken by another course
    taken = api.course()
    key = new_key()
    body = {"name": f"Course {suffix()}", "code": taken["code"], "validityMonths": 12}
    # When a keyed create with that code is refused
    refused = api.post("/courses", body, headers=key)
    assert refused.status == 409, refused.body
    assert idempotency_items("createCourse") == []
    # And the other course gives the code up, and the same request is retried with the same key
    assert api.patch(f"/courses/{taken['id']}", {"code": f"C-{suffix()}"}).status == 200
    retried = api.post("/courses", body, headers=key)
    # Then the retry ran (it was not answered with the old 409)
    assert retried.status == 201, retried.body
    assert REPLAYED_HEADER not in retried.headers


# --- A retry while the first request still runs ----------------------------------------------------------------------


def test_a_retry_while_the_first_still_runs_is_409_then_gets_the_first_response(api, monkeypatch):
    # Given a create that is held inside the service until released
    entered, release = threading.Event(), threading.Event()
    real_create = venues.create_venue

    def held_create(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(30), "never released"
        return real_create(*args, **kwargs)

    monkeypatch.setattr(venues, "create_venue", held_create)
    key, body = new_key(), {"name": f"Room {suffix()}", "capacity": 20}
    replies: list[Reply] = []
    first = threading.Thread(target=lambda: replies.append(api.post("/venues", body, headers=key)))
    first.start()
    try:
        assert entered.wait(30), "the first request never reached the service"
        # When the same key and body arrive while the first is still running
        retry = api.post("/venues", body, headers=key)
    finally:
        release.set()
        first.join(30)
    # Then the retry is a 409 saying to try again later, in the one error shape
    assert retry.status == 409, retry.body
    assert set(retry.body) == {"statusCode", "error", "message", "details"}
    assert "still in progress" in retry.body["message"]
    assert retry.body["details"][0]["type"] == "idempotency_key_in_progress"
    # And once the first finished, the retry gets its response, and there is one venue
    (created,) = replies
    assert created.status == 201, created.body
    later = api.post("/venues", body, headers=key)
    assert (later.status, later.body) == (201, created.body)
    assert [venue["id"] for venue in listed(api, "/venues")] == [created.body["id"]]


def test_a_cold_start_without_the_header_does_not_import_the_idempotency_utility():
    # Given a fresh Python process (a cold start) that loads a create function and serves one request without a key
    script = """
import sys
from local.gateway import Gateway
from local.events import claims_for
from moto import mock_aws
with mock_aws():
    Gateway().invoke("POST", "/api/v1/training/venues", body={"name": "Room", "capacity": 2},
                     claims=claims_for("me", "hse-admin"))
print("aws_lambda_powertools.utilities.idempotency" in sys.modules)
"""
    env = {**os.environ, "TABLE_NAME": "cold-start", "POWERTOOLS_METRICS_DISABLED": "true"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    # Then Powertools' idempotency package was never imported
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
