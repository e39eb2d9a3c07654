"""Expiry alerts on DynamoDB Local: concurrent runs publish each event once; booking clears in its transaction."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

from tests.support import ApiClient
from titan_training.api import runtime
from titan_training.services import alerts
from titan_training.store.event_bus import DomainEvent

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
TODAY = NOW.date()


class Recorder:
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []
        self.lock = threading.Lock()

    def publish(self, events: list[DomainEvent]) -> list[DomainEvent]:
        with self.lock:
            self.events += events
        return []


def test_concurrent_runs_publish_each_event_exactly_once(local_api: ApiClient) -> None:
    # Given 30 workers whose items for two courses lapse within the horizons
    courses = [local_api.course(), local_api.course(expiryAlertDays=[20, 5])]
    expected = set()
    for number in range(30):
        worker = local_api.person()
        for course in courses:
            expiry = (TODAY + timedelta(days=1 + number % 19)).isoformat()
            local_api.put(
                f"/personnel/{worker['id']}/compliance/{course['id']}", {"status": "COMPLIANT", "expiryDate": expiry}
            )
            expected.add((worker["id"], course["id"]))

    # When four runs start at the same moment
    recorder = Recorder()
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def one_run() -> None:
        try:
            start.wait()
            alerts.run_expiry_alerts(runtime.store(), recorder, TODAY, 60, NOW)
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=one_run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then every worker and course was published exactly once, whichever run claimed it
    assert failures == []
    published = Counter((e.detail["personnelId"], e.detail["courseId"]) for e in recorder.events)
    assert set(published) == expected
    assert set(published.values()) == {1}
    # And one more run publishes nothing
    again = Recorder()
    alerts.run_expiry_alerts(runtime.store(), again, TODAY, 60, NOW)
    assert again.events == []


def test_adding_attendees_clears_their_alerts_in_the_same_transaction(local_api: ApiClient, monkeypatch) -> None:
    # Given 60 workers with open alerts for a course (more than one transaction of attendees)
    monkeypatch.setattr(runtime, "today", lambda: TODAY)
    course = local_api.course()
    workers = [local_api.person()["id"] for _ in range(60)]
    expiry = (TODAY + timedelta(days=10)).isoformat()
    for worker in workers:
        local_api.put(f"/personnel/{worker}/compliance/{course['id']}", {"status": "COMPLIANT", "expiryDate": expiry})
    alerts.run_expiry_alerts(runtime.store(), Recorder(), TODAY, 60, NOW)
    assert local_api.get("/alerts").body["total"] == 60

    # When 50 of them are added to a draft of the course
    draft = local_api.post("/sessions/draft", {"courseId": course["id"]}).body
    reply = local_api.post(f"/sessions/{draft['id']}/attendees", {"personnelIds": workers[:50]})
    assert reply.status == 200 and len(reply.body["added"]) == 50

    # Then only the other 10 stay open
    listed = local_api.get("/alerts", {"limit": "200"}).body
    assert listed["total"] == 10
    assert {item["personnelId"] for item in listed["items"]} == set(workers[50:])


def test_items_from_before_the_alerts_get_their_keys_and_are_then_found(local_api: ApiClient) -> None:
    # Given a COMPLIANT item expiring in 10 days whose alert keys are missing (written before them)
    from titan_training.store.items.personnel import ComplianceItemRow

    course = local_api.course()
    worker = local_api.person()
    expiry = (TODAY + timedelta(days=10)).isoformat()
    local_api.put(f"/personnel/{worker['id']}/compliance/{course['id']}", {"status": "COMPLIANT", "expiryDate": expiry})
    row = ComplianceItemRow.get(*ComplianceItemRow.key(worker["id"], course["id"]))
    row.update(actions=[ComplianceItemRow.list_pk.remove(), ComplianceItemRow.list_sk.remove()])
    recorder = Recorder()
    alerts.run_expiry_alerts(runtime.store(), recorder, TODAY, 60, NOW)
    assert recorder.events == []

    # When the back-fill runs (make run does on a kept table), then the next run finds the item
    assert runtime.store().alerts.backfill_expiry_keys() == 1
    assert runtime.store().alerts.backfill_expiry_keys() == 0
    alerts.run_expiry_alerts(runtime.store(), recorder, TODAY, 60, NOW)
    assert [event.detail["personnelId"] for event in recorder.events] == [worker["id"]]


def test_a_page_of_alerts_and_a_run_take_a_bounded_number_of_requests(local_api: ApiClient, monkeypatch) -> None:
    # Given 120 workers with items due for one course and 40 whose items lapse far later
    from local.request_count import counting_dynamodb_requests
    from titan_training.store.items.personnel import ComplianceItemRow

    monkeypatch.setattr(runtime, "today", lambda: TODAY)
    course = local_api.course()
    with ComplianceItemRow.batch_write() as batch:
        for number in range(160):
            worker = local_api.person()["id"]
            days = 1 + number % 50 if number < 120 else 400
            expiry = (TODAY + timedelta(days=days)).isoformat()
            keys = ComplianceItemRow.expiry_keys(worker, course["id"], "COMPLIANT", expiry)
            batch.save(
                ComplianceItemRow(
                    *ComplianceItemRow.key(worker, course["id"]),
                    course_pk=f"COURSE#{course['id']}",
                    course_sk=f"COMPLIANCE#{worker}",
                    **keys,
                    personnel_id=worker,
                    course_id=course["id"],
                    status="COMPLIANT",
                    expiry_date=expiry,
                    updated_at=NOW,
                )
            )

    # When the run runs, then it reads the 120 due by key: courses 1, items 1, workers 2, sessions 1,
    # states 2, 120 claims, open alerts 1, 5 batch writes of 25
    with counting_dynamodb_requests() as requests:
        summary = alerts.run_expiry_alerts(runtime.store(), Recorder(), TODAY, 60, NOW)
    assert summary["published"] == 120 and summary["open"] == 120
    assert requests.count == 1 + 1 + 2 + 1 + 2 + 120 + 1 + 5

    # When a re-run finds nothing new, then it writes nothing
    with counting_dynamodb_requests() as requests:
        assert alerts.run_expiry_alerts(runtime.store(), Recorder(), TODAY, 60, NOW)["published"] == 0
    assert requests.count == 1 + 1 + 2 + 1 + 2 + 1

    # When an admin reads a page of 50, then it is 4 requests: the page, the count, two BatchGets of 150 keys
    with counting_dynamodb_requests() as requests:
        page = local_api.get("/alerts", {"limit": "50"}).body
    assert len(page["items"]) == 50 and page["total"] == 120
    assert requests.count == 4
