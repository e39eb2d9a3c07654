"""Expiry alerts at 10,000 workers and 3 courses (issue 12, part 4): the daily run and `GET /alerts`.

Seeds each worker an item per course (compliant, expiring from 60 days ago to 700 days ahead: about
8% within the 60-day horizon) with the keys the write paths give them, then measures the first run
(claims and publishes every due item), a re-run (publishes nothing), and a page of 50 open alerts.
`python -m bench.run --only alerts` runs it alone.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from bench.run import DynamoDBRequests, Result, batch_put, call, measure, seed_people_fast
from local.gateway import Gateway
from titan_training.api import runtime
from titan_training.domain.clock import utc_now
from titan_training.services import alerts
from titan_training.store.event_bus import DomainEvent
from titan_training.store.items.personnel import ComplianceItemRow

WORKERS = 10_000
COURSES = 3


class _Discard:
    def publish(self, events: list[DomainEvent]) -> list[DomainEvent]:
        return []


def _seed(gateway: Gateway, rng: random.Random) -> None:
    people = seed_people_fast(WORKERS, rng)
    today = runtime.today()
    now = utc_now()
    items = []
    for number in range(COURSES):
        course = call(gateway, "POST", "/courses", {"name": f"Alerts course {number}", "code": f"ALERT-{number}"})
        for person in people:
            expiry = (today + timedelta(days=rng.randint(-60, 700))).isoformat()
            course_pk, course_sk = ComplianceItemRow.course_key(person.id, course["id"])
            row = ComplianceItemRow(
                *ComplianceItemRow.key(person.id, course["id"]),
                course_pk=course_pk,
                course_sk=course_sk,
                **ComplianceItemRow.expiry_keys(person.id, course["id"], "COMPLIANT", expiry),
                personnel_id=person.id,
                course_id=course["id"],
                status="COMPLIANT",
                expiry_date=expiry,
                updated_at=now,
            )
            items.append(row.serialize())
    batch_put(items)


def bench(gateway: Gateway, counter: DynamoDBRequests, rng: random.Random, runs: int) -> list[Result]:
    _seed(gateway, rng)
    store, today = runtime.store(), runtime.today()
    warning_days = runtime.settings().expiry_warning_days
    results = []
    for label in ("first run: claims and publishes every due item", "re-run: nothing new"):
        before, started = counter.count, time.perf_counter()
        summary = alerts.run_expiry_alerts(store, _Discard(), today, warning_days, utc_now())
        elapsed = (time.perf_counter() - started) * 1000
        scenario = f"expiry alerts {label} ({WORKERS} workers x {COURSES} courses, {summary['published']} published)"
        results.append(Result(scenario, counter.count - before, elapsed, 1, "1 Query per course, no scan"))
    requests, median = measure(counter, runs, lambda i: call(gateway, "GET", "/alerts", query={"limit": "50"}))
    total = call(gateway, "GET", "/alerts", query={"limit": "1"})["total"]
    results.append(Result(f"GET /alerts page of 50 ({total} open)", requests, median, runs, "4 requests"))
    return results
