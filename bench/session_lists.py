"""Session and record lists at 10,000 sessions, 3,000 trainers and 10,000 personnel (issue 11, goal 3).

Seeds in batch writes, with the store's own item builders (so every index key is the one the write
paths give), then calls each list endpoint through its handler: DynamoDB requests per page of 50 and
median ms, for every filter of GET /sessions alone and in combination (the most selective key first,
and the combinations that must filter inside a big key: a rare status inside a course or a venue).
`python -m bench.run --only sessions` runs it alone.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from bench.run import ADMIN, BASE, DynamoDBRequests, Result, call, measure, seed_people, seed_trainers
from local.events import claims_for
from local.gateway import Gateway
from titan_training.domain.clock import iso_week, utc_now
from titan_training.domain.ids import new_id
from titan_training.domain.records import CompetencyRecord, CompetencyStatus, RecordKind, TrainingRecord, record_id
from titan_training.domain.sessions import Session, SessionStatus
from titan_training.store.items.sessions import AttendeeItem, SessionItem
from titan_training.store.records import competency_item, training_item
from titan_training.store.sessions import session_item

SESSIONS = 10_000
TRAINERS = 3_000
PERSONNEL = 10_000
COURSES = 60
VENUES = 40
PAGE = "50"
# Most sessions are history; a few are finalizing at any moment.
STATUS_WEIGHTS = {
    SessionStatus.COMPLETED: 55,
    SessionStatus.SCHEDULED: 25,
    SessionStatus.DRAFT: 10,
    SessionStatus.CANCELLED: 9,
    SessionStatus.FINALIZING: 1,
}
FIRST_DAY = datetime(2025, 1, 6, 7, 0, tzinfo=UTC)


def _sessions(count: int, trainers: list[str], courses: list[str], venues: list[str], rng: random.Random):
    """`count` sessions over two years (2025-2026), weighted by status; a third of drafts have no time yet."""
    now = utc_now()
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    sessions = []
    for n in range(count):
        status = rng.choices(statuses, weights)[0]
        loose = status is SessionStatus.DRAFT and n % 3 == 0
        start = None if loose else FIRST_DAY + timedelta(hours=rng.randrange(24 * 7 * 104))
        sessions.append(
            Session(
                id=new_id(),
                course_id=rng.choice(courses),
                trainer_id=None if loose else rng.choice(trainers),
                venue_id=None if loose else rng.choice(venues),
                start_time=start,
                end_time=start + timedelta(hours=3) if start else None,
                status=status,
                created_by_id="bench",
                created_at=now,
                updated_at=now,
            )
        )
    with SessionItem.batch_write() as batch:
        for session in sessions:
            week = iso_week(session.start_time, "UTC") if session.status is SessionStatus.SCHEDULED else None
            batch.save(session_item(session, week))
    return sessions


def _records(sessions: list[Session], people: list, rng: random.Random) -> tuple[Session, str, str]:
    """A class of 50 attended with its records; 3,000 competency records (2,000 pending) over the
    completed sessions; one worker with 30 training records, one veteran with 150.
    Returns (the class's session, the worker, the veteran)."""
    now = utc_now()
    completed = [s for s in sessions if s.status is SessionStatus.COMPLETED and s.trainer_id]
    finalizing = [s for s in sessions if s.status is SessionStatus.FINALIZING and s.trainer_id]

    def training(session: Session, person_id: str) -> TrainingRecord:
        return TrainingRecord(
            id=record_id(RecordKind.TRAINING, session.id, person_id),
            personnel_id=person_id,
            course_id=session.course_id,
            session_id=session.id,
            trainer_id=session.trainer_id,
            result="PASSED",
            completed_at=session.end_time,
            completion_date=session.end_time.date(),
            expiry_date=None,
            evidence_file_key=f"evidence/{session.id}/attendance-sheet.pdf",
            created_by_id="bench",
            created_at=now,
        )

    def competency(session: Session, person_id: str, status: CompetencyStatus) -> CompetencyRecord:
        return CompetencyRecord(
            id=record_id(RecordKind.COMPETENCY, session.id, person_id),
            personnel_id=person_id,
            course_id=session.course_id,
            session_id=session.id,
            trainer_id=session.trainer_id,
            status=status,
            completed_at=session.end_time,
            completion_date=session.end_time.date(),
            evidence_file_key=f"evidence/{session.id}/attendance-sheet.pdf",
            created_by_id="bench",
            created_at=now,
        )

    klass, worker, veteran = completed[0], people[0].id, people[1].id
    with SessionItem.batch_write() as batch:
        for n, person in enumerate(people[:50]):
            batch.save(
                AttendeeItem(
                    *AttendeeItem.key(klass.id, person.id),
                    session_id=klass.id,
                    personnel_id=person.id,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    employee_no=person.employee_no,
                    status="ATTENDED",
                    result="PASSED",
                    added_at=now,
                )
            )
            if n % 5 == 4:
                batch.save(competency_item(competency(klass, person.id, CompetencyStatus.PENDING_VERIFICATION)))
            else:
                batch.save(training_item(training(klass, person.id)))
        for n in range(3_000):
            session = rng.choice(finalizing if n % 100 == 0 else completed)  # 1 in 100 not yet visible
            status = CompetencyStatus.PENDING_VERIFICATION if n % 3 else CompetencyStatus.VERIFIED
            batch.save(competency_item(competency(session, rng.choice(people[2:]).id, status)))
        for person_id, count in ((worker, 30), (veteran, 150)):
            for session in rng.sample(completed[1:], count):
                batch.save(training_item(training(session, person_id)))
    return klass, worker, veteran


def item_bytes(item) -> int:
    """An item's size as DynamoDB counts it, near enough: attribute names plus their values' text."""
    return sum(len(name) + len(json.dumps(next(iter(value.values())))) for name, value in item.serialize().items())


def bench(gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int) -> list[Result]:
    people = seed_people(store, PERSONNEL, rng)
    courses = [
        call(gateway, "POST", "/courses", {"name": f"Bench List {n}", "code": f"BL-{n:03d}-{new_id()[-6:]}"})["id"]
        for n in range(COURSES)
    ]
    venues = [new_id() for _ in range(VENUES)]
    trainers = seed_trainers(TRAINERS, rng)
    # A trainer with a login (for "My sessions") and five qualifications (for the trainer's week view).
    login = f"bench-trainer-{new_id()[-8:]}"
    own = call(gateway, "POST", "/trainers", {"firstName": "Own", "lastName": "Trainer", "userId": login})["id"]
    for course_id in courses[:5]:
        call(gateway, "PUT", f"/trainers/{own}/qualifications/{course_id}")
    sessions = _sessions(SESSIONS, [*trainers, own], courses, venues, rng)
    klass, worker, veteran = _records(sessions, people, rng)
    sizes = sorted(item_bytes(session_item(s, "2026-W01")) for s in sessions[:500])
    print(f"session items: about {sizes[len(sizes) // 2]} bytes (median), {sizes[-1]} at most, before finalize fields")

    # Beyond the bound (docs/data-model.md): one course with 5,000 sessions, a rare status inside it.
    big_course = courses[-1]
    _sessions(5_000, trainers, [big_course], venues, rng)
    dated = [s for s in sessions if s.start_time and s.trainer_id]
    probes = [rng.choice(dated) for _ in range(runs)]  # a different session's trainer, course, venue each call
    week = (FIRST_DAY + timedelta(days=7 * 60), FIRST_DAY + timedelta(days=7 * 61))

    def sessions_page(**pick) -> callable:
        def action(i: int) -> None:
            probe = probes[i]
            values = {
                "trainerId": probe.trainer_id,
                "courseId": probe.course_id,
                "venueId": probe.venue_id,
                "status": probe.status.value,
                "from": (probe.start_time - timedelta(days=60)).isoformat(),
                "to": (probe.start_time + timedelta(days=60)).isoformat(),
            }
            query = {name: values[name] if value is True else value for name, value in pick.items()}
            call(gateway, "GET", "/sessions", query={**query, "limit": PAGE})

        return action

    page_three = {}

    def third_page(i: int) -> None:
        query = {"status": "COMPLETED", "limit": PAGE}
        if not page_three:
            token = call(gateway, "GET", "/sessions", query=query)["nextToken"]
            page_three["token"] = call(gateway, "GET", "/sessions", query={**query, "nextToken": token})["nextToken"]
        call(gateway, "GET", "/sessions", query={**query, "nextToken": page_three["token"]})

    def as_trainer(i: int) -> None:
        reply = gateway.invoke("GET", BASE + "/sessions", query={"limit": PAGE}, claims=claims_for(login, "trainer"))
        assert reply["statusCode"] == 200 and "items" in json.loads(reply["body"]), reply

    scenarios = [
        ("GET /sessions, no filter", sessions_page()),
        ("GET /sessions, page 3 of status=COMPLETED (nextToken)", third_page),
        ("GET /sessions?trainerId=", sessions_page(trainerId=True)),
        ("GET /sessions?courseId=", sessions_page(courseId=True)),
        ("GET /sessions?venueId=", sessions_page(venueId=True)),
        ("GET /sessions?status=SCHEDULED", sessions_page(status="SCHEDULED")),
        ("GET /sessions?status=FINALIZING (rare)", sessions_page(status="FINALIZING")),
        (
            "GET /sessions?from=&to= (one week)",
            sessions_page(**{"from": week[0].isoformat(), "to": week[1].isoformat()}),
        ),
        ("GET /sessions?status=&from=&to=", sessions_page(status=True, **{"from": True, "to": True})),
        ("GET /sessions?trainerId=&status=&from=", sessions_page(trainerId=True, status=True, **{"from": True})),
        ("GET /sessions?courseId=&status=FINALIZING", sessions_page(courseId=True, status="FINALIZING")),
        ("GET /sessions?venueId=&status=FINALIZING", sessions_page(venueId=True, status="FINALIZING")),
        ("GET /sessions?courseId=&venueId=", sessions_page(courseId=True, venueId=True)),
        (
            "GET /sessions?courseId=&venueId=&status=&from=&to=",
            sessions_page(courseId=True, venueId=True, status=True, **{"from": True, "to": True}),
        ),
        (
            "GET /sessions, all six filters",
            sessions_page(trainerId=True, courseId=True, venueId=True, status=True, **{"from": True, "to": True}),
        ),
        ("GET /sessions as a trainer (My sessions)", as_trainer),
        (
            "GET /competency-records?status=PENDING_VERIFICATION",
            lambda i: call(gateway, "GET", "/competency-records", query={"limit": PAGE}),
        ),
        (
            "GET /competency-records?status=VERIFIED",
            lambda i: call(gateway, "GET", "/competency-records", query={"status": "VERIFIED", "limit": PAGE}),
        ),
        ("GET /sessions/{id}/records, 50 attended", lambda i: call(gateway, "GET", f"/sessions/{klass.id}/records")),
        (
            "GET /personnel/{id}/training-records, 30 records",
            lambda i: call(gateway, "GET", f"/personnel/{worker}/training-records", query={"limit": PAGE}),
        ),
        (
            "GET /personnel/{id}/training-records, 150 records, a page of 50",
            lambda i: call(gateway, "GET", f"/personnel/{veteran}/training-records", query={"limit": PAGE}),
        ),
        (
            "GET /trainers/{id}?week= (5 qualifications, the week's sessions)",
            lambda i: call(gateway, "GET", f"/trainers/{own}", query={"week": iso_week(probes[i].start_time, "UTC")}),
        ),
        (
            "beyond the bound: GET /sessions?courseId=&status=FINALIZING, a course with 5,000 sessions",
            lambda i: call(gateway, "GET", "/sessions", query={"courseId": big_course, "status": "FINALIZING"}),
        ),
    ]
    results = []
    for title, action in scenarios:
        action(0)  # warm: the handler's first call
        requests, median = measure(counter, runs, action)
        target = "<= 3 requests"
        if title.startswith("beyond"):
            target = "about 1 per 1,000 sessions of the key"
        results.append(Result(title, requests, median, runs, target))
    return results


def describe() -> str:
    return (
        f"{SESSIONS:,} sessions ({', '.join(f'{s.value} {w}%' for s, w in STATUS_WEIGHTS.items())}) over two years, "
        f"{TRAINERS:,} trainers, {COURSES} courses, {VENUES} venues, {PERSONNEL:,} personnel; pages of {PAGE}; "
        "each call picks another session's trainer, course, venue, status and a 120-day window around its start"
    )


__all__ = ["ADMIN", "bench", "describe"]
