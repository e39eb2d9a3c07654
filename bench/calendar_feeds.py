"""Calendar feeds (issue 12): a trainer with two years of sessions (500: one a working day) and a worker on
the class lists of 200 of them, in a table of 5,000 other sessions; the feed of each, read through its
public handler with its token. DynamoDB requests and median ms per feed, and how many events it holds.
`python -m bench.run --only calendar` runs it alone (seeding in batch writes: a few seconds).
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench.run import BASE, DynamoDBRequests, Result, call, measure
from local.gateway import Gateway
from titan_training.domain.clock import iso_week, utc_now
from titan_training.domain.ids import new_id
from titan_training.domain.sessions import Session, SessionStatus
from titan_training.store.items.sessions import AttendeeItem, SessionItem
from titan_training.store.sessions import session_item

TRAINER_SESSIONS = 500  # two years, one a working day: 480 of history, 20 ahead
WORKER_SESSIONS = 200
OTHER_SESSIONS = 5_000
COURSES = 20
VENUES = 10


def _create(gateway: Gateway, path: str, body: dict) -> str:
    return call(gateway, "POST", path, body)["id"]


def _seed(gateway: Gateway, rng: random.Random) -> tuple[str, str]:
    """The trainer and the worker (ids); every session of the trainer, those of others, the worker's class lists."""
    now = utc_now()
    tag = new_id()[-6:]
    courses = [
        _create(gateway, "/courses", {"name": f"Bench course {n}", "code": f"BC-{tag}-{n}"}) for n in range(COURSES)
    ]
    venues = [
        _create(gateway, "/venues", {"name": f"Bench room {n}", "capacity": 20, "location": "Site"})
        for n in range(VENUES)
    ]
    trainer = _create(gateway, "/trainers", {"firstName": "Bench", "lastName": f"Trainer {tag}"})
    worker = _create(gateway, "/personnel", {"firstName": "Bench", "lastName": "Worker", "employeeNo": f"B-{tag}"})
    sessions = []
    for n in range(TRAINER_SESSIONS + OTHER_SESSIONS):
        mine = n < TRAINER_SESSIONS
        start = (now - timedelta(days=480 - n)) if mine else now + timedelta(hours=rng.randrange(-24 * 700, 24 * 30))
        start = start.replace(hour=9, minute=0, second=0, microsecond=0)
        status = SessionStatus.COMPLETED if start < now - timedelta(days=1) else SessionStatus.SCHEDULED
        if rng.random() < 0.05:
            status = SessionStatus.CANCELLED
        sessions.append(
            Session(
                id=new_id(),
                course_id=rng.choice(courses),
                trainer_id=trainer if mine else new_id(),
                venue_id=rng.choice(venues),
                start_time=start,
                end_time=start + timedelta(hours=3),
                status=status,
                created_by_id="bench",
                created_at=now,
                updated_at=now,
            )
        )
    attended = rng.sample(sessions, WORKER_SESSIONS)
    with SessionItem.batch_write() as batch:
        for session in sessions:
            week = iso_week(session.start_time, "UTC") if session.status is SessionStatus.SCHEDULED else None
            batch.save(session_item(session, week))
    with AttendeeItem.batch_write() as batch:
        for session in attended:
            batch.save(
                AttendeeItem(
                    *AttendeeItem.key(session.id, worker),
                    session_id=session.id,
                    personnel_id=worker,
                    first_name="Bench",
                    last_name="Worker",
                    employee_no="B-1",
                    status="REGISTERED",
                    added_at=now,
                    **AttendeeItem.list_keys(session.id, worker),
                )
            )
    return trainer, worker


def bench(gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int) -> list[Result]:
    trainer, worker = _seed(gateway, rng)
    results = []
    for kind, owner, label in (
        ("trainers", trainer, "trainer, 500 sessions over two years"),
        ("personnel", worker, "worker on 200 class lists over two years"),
    ):
        token = call(gateway, "POST", f"/calendar/{kind}/{owner}/token")["token"]

        def read(_: int, kind: str = kind, owner: str = owner, token: str = token) -> dict:
            response = gateway.invoke("GET", f"{BASE}/calendar/{kind}/{owner}.ics", query={"token": token})
            if response["statusCode"] != 200:
                raise RuntimeError(f"feed: {response['statusCode']} {response['body'][:300]}")
            return response

        events = read(0)["body"].count("BEGIN:VEVENT")
        requests, median = measure(counter, runs, read)
        target = "3 (token, TrainerIndex query, names)" if kind == "trainers" else "4 + 1 per 100 class lists"
        results.append(Result(f"calendar feed of a {label} ({events} events)", requests, median, runs, target))
    return results
