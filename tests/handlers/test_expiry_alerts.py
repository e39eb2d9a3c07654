"""Expiry alerts (issue 12, part 4): the daily run's events and open alerts, `GET /alerts`, their clearing.

On moto. The run is called as the service with a fixed today and a recording publisher (what each run
publishes), and once through its Lambda handler publishing to a moto EventBridge bus, read back through
a rule into an SQS queue (the envelope other systems receive).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import boto3
import pytest

from local.expiry_alerts import alert_once
from tests.support import TRAINER, ApiClient
from titan_training.api import runtime
from titan_training.services import alerts
from titan_training.store.event_bus import DomainEvent
from titan_training.store.items.personnel import ComplianceItemRow

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """GET /alerts counts days from the site's today: make it TODAY, as the runs here see it."""
    monkeypatch.setattr(runtime, "today", lambda: TODAY)


class Recorder:
    """A publisher that keeps what it is given (the events of each run)."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    def publish(self, events: list[DomainEvent]) -> list[DomainEvent]:
        self.events += events
        return []


def run(today: date = TODAY, warning_days: int = 60) -> list[dict[str, Any]]:
    recorder = Recorder()
    alerts.run_expiry_alerts(runtime.store(), recorder, today, warning_days, NOW)
    return [event.detail for event in recorder.events]


def expiring(api: ApiClient, course: dict[str, Any], days: int | None, status: str = "COMPLIANT", **person: Any):
    """A worker whose item for `course` expires `days` after TODAY (None: no expiry)."""
    worker = api.person(**person)
    expiry = (TODAY + timedelta(days=days)).isoformat() if days is not None else None
    reply = api.put(f"/personnel/{worker['id']}/compliance/{course['id']}", {"status": status, "expiryDate": expiry})
    assert reply.status == 200, reply.body
    return worker


def by_worker(details: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {detail["personnelId"]: detail for detail in details}


def test_each_item_is_announced_at_the_smallest_default_horizon_it_reached(api: ApiClient) -> None:
    # Given items expiring in 61, 60, 45, 30, 8, 7 and 0 days
    course = api.course()
    workers = {days: expiring(api, course, days) for days in (61, 60, 45, 30, 8, 7, 0)}

    # When the daily run runs
    details = by_worker(run())

    # Then one event per item within 60 days, at the smallest horizon (60/30/7) it has reached
    expected = {60: 60, 45: 60, 30: 30, 8: 30, 7: 7, 0: 7}
    assert {details[w["id"]]["horizon"] for d, w in workers.items() if d in expected} == set(expected.values())
    for days, horizon in expected.items():
        detail = details[workers[days]["id"]]
        assert detail == {
            "personnelId": workers[days]["id"],
            "courseId": course["id"],
            "expiryDate": (TODAY + timedelta(days=days)).isoformat(),
            "daysLeft": days,
            "horizon": horizon,
        }
    assert workers[61]["id"] not in details


def test_a_course_override_replaces_the_default_horizons(api: ApiClient) -> None:
    # Given a course alerting only 14 and 3 days before expiry
    course = api.course(expiryAlertDays=[3, 14])
    assert course["expiryAlertDays"] == [14, 3]
    at_20, at_14, at_2 = (expiring(api, course, days) for days in (20, 14, 2))

    # When the run runs
    details = by_worker(run())

    # Then 20 days out is not yet due, 14 is at 14, 2 is at 3
    assert at_20["id"] not in details
    assert details[at_14["id"]]["horizon"] == 14
    assert details[at_2["id"]]["horizon"] == 3


def test_a_rerun_publishes_nothing_and_the_next_horizon_is_published_once(api: ApiClient) -> None:
    # Given an item 31 days from expiry, announced at 60
    course = api.course()
    worker = expiring(api, course, 31)
    assert [d["horizon"] for d in run()] == [60]

    # When the run runs again the same day, then nothing is published
    assert run() == []

    # When a day passes (30 days left), then the 30-day horizon is published, once
    tomorrow = TODAY + timedelta(days=1)
    assert [(d["personnelId"], d["horizon"], d["daysLeft"]) for d in run(tomorrow)] == [(worker["id"], 30, 30)]
    assert run(tomorrow) == []


def test_not_compliant_not_expiring_and_inactive_produce_nothing(api: ApiClient) -> None:
    # Given a NON_COMPLIANT, a PENDING, a COMPLIANT without expiry, a lapsed one and an inactive worker's item
    course = api.course()
    expiring(api, course, 10, status="NON_COMPLIANT")
    expiring(api, course, 10, status="PENDING")
    expiring(api, course, None)
    expiring(api, course, -1)
    inactive = expiring(api, course, 10)
    assert api.patch(f"/personnel/{inactive['id']}", {"active": False}).status == 200

    # When the run runs, then it publishes nothing and opens no alert
    assert run() == []
    assert api.get("/alerts").body["total"] == 0


def test_open_alerts_are_listed_soonest_first_with_a_total(api: ApiClient) -> None:
    # Given two workers expiring in 40 and 5 days, after the daily run
    course = api.course()
    later = expiring(api, course, 40, firstName="Lea")
    sooner = expiring(api, course, 5, firstName="Sam")
    run()

    # When an admin lists the alerts
    reply = api.get("/alerts", {"limit": "1"})

    # Then the soonest comes first, with names and the course, and the total counts both
    assert reply.status == 200, reply.body
    assert reply.body["total"] == 2
    (first,) = reply.body["items"]
    assert first["personnelId"] == sooner["id"] and first["firstName"] == "Sam"
    assert first["courseName"] == course["name"] and first["courseCode"] == course["code"]
    assert first["horizon"] == 7
    second = api.get("/alerts", {"limit": "1", "nextToken": reply.body["nextToken"]}).body
    assert [item["personnelId"] for item in second["items"]] == [later["id"]]
    assert second["nextToken"] is None


def test_a_trainer_may_not_list_alerts(api: ApiClient) -> None:
    # When a trainer asks for the alerts, then it is 403
    reply = api.get("/alerts", caller=TRAINER)
    assert reply.status == 403, reply.body


def test_booking_the_worker_onto_a_session_of_the_course_clears_the_alert(api: ApiClient) -> None:
    # Given an open alert
    course = api.course()
    worker = expiring(api, course, 20)
    other = expiring(api, course, 21)
    run()
    assert api.get("/alerts").body["total"] == 2

    # When the worker is added to a draft of the course
    draft = api.post("/sessions/draft", {"courseId": course["id"]}).body
    assert api.post(f"/sessions/{draft['id']}/attendees", {"personnelIds": [worker["id"]]}).status == 200

    # Then the alert is cleared at once, and the next runs (also at the next horizon) do not open it again
    listed = api.get("/alerts").body
    assert [item["personnelId"] for item in listed["items"]] == [other["id"]] and listed["total"] == 1
    run()
    run(TODAY + timedelta(days=14))
    assert worker["id"] not in {item["personnelId"] for item in api.get("/alerts").body["items"]}

    # When the session is cancelled, then the next run opens it again (nobody booked any more)
    assert api.post(f"/sessions/{draft['id']}/cancel").status == 200
    run()
    assert worker["id"] in {item["personnelId"] for item in api.get("/alerts").body["items"]}


def test_renewal_clears_the_alert(api: ApiClient) -> None:
    # Given two open alerts
    course = api.course()
    renewed, engine_renewed = expiring(api, course, 20), expiring(api, course, 25)
    run()
    assert api.get("/alerts").body["total"] == 2

    # When one is renewed through the API (a new item beyond the horizons)
    later = (TODAY + timedelta(days=700)).isoformat()
    api.put(f"/personnel/{renewed['id']}/compliance/{course['id']}", {"status": "COMPLIANT", "expiryDate": later})
    # and the other by a writer that does not clear alerts itself (as the Finalize Gate's engine writes)
    row = ComplianceItemRow.get(*ComplianceItemRow.key(engine_renewed["id"], course["id"]))
    row.update(actions=[ComplianceItemRow.expiry_date.set(later)])

    # Then neither is listed, before any run
    assert api.get("/alerts").body["items"] == []

    # And the next run clears the second too (the total counts it no more) and publishes nothing
    assert run() == []
    assert api.get("/alerts").body["total"] == 0


def test_course_alert_days_are_validated(api: ApiClient) -> None:
    # Given a course
    course = api.course()
    # When its horizons are not distinct positive whole numbers, at most five, then 422 naming the field
    for bad in ([7, 7], [0], [1, 2, 3, 4, 5, 6], ["7"], [1.5], []):
        reply = api.patch(f"/courses/{course['id']}", {"expiryAlertDays": bad})
        assert reply.status == 422, (bad, reply.body)
        assert {d["field"].split(".")[0] for d in reply.body["details"]} == {"expiryAlertDays"}, reply.body
    # When they are fine they are kept (largest first); null goes back to the site's default
    assert api.patch(f"/courses/{course['id']}", {"expiryAlertDays": [7, 90]}).body["expiryAlertDays"] == [90, 7]
    assert api.patch(f"/courses/{course['id']}", {"expiryAlertDays": None}).body["expiryAlertDays"] is None
    assert api.post("/courses", {"name": "X", "code": "X-1", "expiryAlertDays": [3, 3]}).status == 422


def test_the_scheduled_function_publishes_to_the_bus(api: ApiClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an alerts bus with a rule sending its ComplianceExpiring events to a queue
    events, sqs = boto3.client("events"), boto3.client("sqs")
    events.create_event_bus(Name="training-alerts")
    queue = sqs.create_queue(QueueName="alerts")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    pattern = {"source": ["titan.training"], "detail-type": ["ComplianceExpiring"]}
    events.put_rule(Name="to-queue", EventBusName="training-alerts", EventPattern=json.dumps(pattern))
    events.put_targets(Rule="to-queue", EventBusName="training-alerts", Targets=[{"Id": "q", "Arn": arn}])
    monkeypatch.setenv("EVENT_BUS_NAME", "training-alerts")
    runtime.reset()
    course = api.course()
    worker = expiring(api, course, 6)

    # When the scheduled function runs
    summary = alert_once()

    # Then the queue holds one event: source, detail-type and the detail other systems read
    assert summary["published"] == 1
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    (envelope,) = [json.loads(m["Body"]) for m in messages]
    assert envelope["source"] == "titan.training" and envelope["detail-type"] == "ComplianceExpiring"
    assert envelope["detail"]["personnelId"] == worker["id"] and envelope["detail"]["courseId"] == course["id"]
    assert set(envelope["detail"]) == {"personnelId", "courseId", "expiryDate", "daysLeft", "horizon"}

    # When it runs again, then nothing more is published
    assert alert_once()["published"] == 0
