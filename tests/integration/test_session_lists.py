"""Session and record lists read pages, not tables: DynamoDB requests counted per page, on DynamoDB Local.

800 sessions are seeded in batches (with the store's own item builder, so every index key is the one
the write paths give). The old design read `ListIndex` 200 items a request and filtered the rest: a
trainer's sessions with no dates took 5 requests here (26 at 5,000 sessions). Every filter
combination below is answered by one index, each page in at most 3 requests, in start order, and
paging returns every match exactly once.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from local.request_count import DynamoDBRequests
from titan_training.api import runtime
from titan_training.domain.clock import format_instant, iso_week
from titan_training.domain.ids import new_id
from titan_training.domain.records import CompetencyRecord, CompetencyStatus, RecordKind, TrainingRecord, record_id
from titan_training.domain.sessions import Session, SessionStatus
from titan_training.store.items.sessions import AttendeeItem, SessionItem
from titan_training.store.records import competency_item, training_item
from titan_training.store.sessions import NO_TIME, session_item

pytestmark = pytest.mark.dynamodb_local

SESSIONS = 800
PAGE = 50
STATUSES = [
    *[SessionStatus.COMPLETED] * 8,
    *[SessionStatus.SCHEDULED] * 5,
    SessionStatus.DRAFT,
    SessionStatus.CANCELLED,
    SessionStatus.FINALIZING,
]
FILTERS = ("trainerId", "courseId", "venueId", "status")
DATES = ("none", "from", "to", "both")


def seed_sessions(count: int, trainers: list[str], courses: list[str], venues: list[str], rng: random.Random):
    """`count` sessions over a year, in batch writes; drafts without a time or trainer among them."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    sessions = []
    for n in range(count):
        status = rng.choice(STATUSES)
        loose = status is SessionStatus.DRAFT and n % 3 == 0  # a draft without time, trainer and venue
        start = None if loose else datetime(2026, 1, 5, 8, tzinfo=UTC) + timedelta(hours=rng.randrange(24 * 360))
        sessions.append(
            Session(
                id=new_id(),
                course_id=rng.choice(courses),
                trainer_id=None if loose else rng.choice(trainers),
                venue_id=None if loose else rng.choice(venues),
                start_time=start,
                end_time=start + timedelta(hours=3) if start else None,
                status=status,
                created_by_id="seed",
                created_at=now,
                updated_at=now,
            )
        )
    with SessionItem.batch_write() as batch:
        for session in sessions:
            scheduled = session.status is SessionStatus.SCHEDULED
            batch.save(session_item(session, iso_week(session.start_time, "UTC") if scheduled else None))
    return sessions


@pytest.fixture
def counter(local_table) -> Iterator[DynamoDBRequests]:
    """Counts the requests the functions' shared DynamoDB client sends during the test."""
    requests = DynamoDBRequests()
    requests.attach()
    yield requests
    requests.detach()


@pytest.fixture
def seeded(local_table):
    runtime.store()  # binds the item classes to the test's table
    rng = random.Random(11)
    trainers = [new_id() for _ in range(100)]  # 8 sessions each
    courses = [new_id() for _ in range(10)]  # 80 each
    venues = [new_id() for _ in range(8)]  # 100 each
    return seed_sessions(SESSIONS, trainers, courses, venues, rng)


def _order(session: Session) -> tuple[str, str]:
    return (format_instant(session.start_time) if session.start_time else NO_TIME, session.id)


def _query(probe: Session, names: tuple[str, ...], dates: str) -> dict[str, str]:
    values = {
        "trainerId": probe.trainer_id,
        "courseId": probe.course_id,
        "venueId": probe.venue_id,
        "status": probe.status.value,
    }
    query = {name: values[name] for name in names}
    if dates in ("from", "both"):
        query["from"] = (probe.start_time - timedelta(days=90)).isoformat()
    if dates in ("to", "both"):
        query["to"] = (probe.start_time + timedelta(days=90)).isoformat()
    return query


def _expected(sessions: list[Session], query: dict[str, str]) -> list[str]:
    def matches(s: Session) -> bool:
        if "from" in query and (s.start_time is None or s.start_time < datetime.fromisoformat(query["from"])):
            return False
        if "to" in query and (s.start_time is None or s.start_time >= datetime.fromisoformat(query["to"])):
            return False
        return (
            query.get("trainerId", s.trainer_id) == s.trainer_id
            and query.get("courseId", s.course_id) == s.course_id
            and query.get("venueId", s.venue_id) == s.venue_id
            and query.get("status", s.status.value) == s.status.value
        )

    return [s.id for s in sorted(filter(matches, sessions), key=_order)]


def _pages(api, path: str, query: dict[str, str], counter: DynamoDBRequests) -> tuple[list[str], list[int]]:
    """Every page of a list: the ids in order and the requests each page took."""
    ids, requests, token = [], [], None
    while True:
        before = counter.count
        reply = api.get(path, {**query, "limit": str(PAGE), **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        requests.append(counter.count - before)
        ids += [item["id"] for item in reply.body["items"]]
        token = reply.body.get("nextToken")
        if not token:
            return ids, requests


COMBINATIONS = [
    (names, dates)
    for size in range(len(FILTERS) + 1)
    for names in itertools.combinations(FILTERS, size)
    for dates in DATES
]


def test_every_filter_combination_pages_in_at_most_3_requests_in_start_order(local_api, seeded, counter):
    # Given 800 sessions of 100 trainers, 10 courses, 8 venues and five statuses over a year
    probes = [s for s in seeded if s.start_time and s.status is SessionStatus.SCHEDULED][:3]
    probes.append(next(s for s in seeded if s.start_time and s.status is SessionStatus.FINALIZING))  # a rare status
    for probe, (names, dates) in itertools.product(probes, COMBINATIONS):
        query = _query(probe, names, dates)
        # When every page of the list with these filters is read, 50 at a time
        ids, requests = _pages(local_api, "/sessions", query, counter)
        # Then each page took at most 3 requests
        assert max(requests) <= 3, (query, requests)
        # And the pages hold exactly the matching sessions, each once, by start time then id
        assert ids == _expected(seeded, query), query


def test_lists_keyed_by_one_filter_read_one_request_a_page(local_api, seeded, counter):
    # Given 800 sessions (8 a trainer, 80 a course, 100 a venue, about 400 COMPLETED)
    probe = next(s for s in seeded if s.trainer_id and s.status is SessionStatus.COMPLETED)
    for query in (
        {},
        {"trainerId": probe.trainer_id},
        {"courseId": probe.course_id},
        {"venueId": probe.venue_id},
        {"status": "COMPLETED"},
        {"status": "COMPLETED", "from": "2026-03-01T00:00:00Z", "to": "2026-09-01T00:00:00Z"},
    ):
        # When the list is paged through
        ids, requests = _pages(local_api, "/sessions", query, counter)
        # Then every page is exactly one query of its index (the old filtered read: 5 for a trainer)
        assert requests == [1] * len(requests), (query, requests)
        assert ids == _expected(seeded, query)
    assert len(_pages(local_api, "/sessions", {"status": "COMPLETED"}, counter)[1]) > 6  # it did page


def test_the_rarest_filter_inside_a_big_key_reads_its_partition_in_one_request(local_api, seeded, counter):
    # Given a venue (100 sessions) with few FINALIZING sessions, and a course with none on that trainer
    probe = next(s for s in seeded if s.status is SessionStatus.FINALIZING and s.venue_id)
    for query in (
        {"venueId": probe.venue_id, "status": "FINALIZING"},
        {"courseId": probe.course_id, "venueId": probe.venue_id, "status": "FINALIZING"},
        {"trainerId": probe.trainer_id, "courseId": new_id()},
    ):
        # When the list is read
        ids, requests = _pages(local_api, "/sessions", query, counter)
        # Then one request read the whole key (far below 1 MB), and the answer is right
        assert requests == [1], (query, requests)
        assert ids == _expected(seeded, query)


# --- Record lists and the trainer's week ------------------------------------------------------------


def _record_fields(session: Session, person_id: str) -> dict:
    return {
        "personnel_id": person_id,
        "course_id": session.course_id,
        "session_id": session.id,
        "trainer_id": session.trainer_id,
        "completed_at": session.end_time,
        "completion_date": session.end_time.date(),
        "evidence_file_key": f"evidence/{session.id}/attendance-sheet.pdf",
        "created_by_id": "seed",
        "created_at": session.created_at,
    }


def _training(session: Session, person_id: str) -> TrainingRecord:
    return TrainingRecord(
        id=record_id(RecordKind.TRAINING, session.id, person_id),
        result="PASSED",
        expiry_date=None,
        **_record_fields(session, person_id),
    )


def _competency(session: Session, person_id: str, status: CompetencyStatus) -> CompetencyRecord:
    return CompetencyRecord(
        id=record_id(RecordKind.COMPETENCY, session.id, person_id), status=status, **_record_fields(session, person_id)
    )


def test_a_session_records_and_a_workers_records_take_at_most_3_requests(local_api, seeded, counter):
    # Given a COMPLETED session whose 50 attendees all attended (40 training records, 10 competency
    # records), and a worker with 30 training records, one of them from a session still FINALIZING
    completed = [s for s in seeded if s.status is SessionStatus.COMPLETED and s.trainer_id]
    finalizing = next(s for s in seeded if s.status is SessionStatus.FINALIZING and s.trainer_id)
    klass, people = completed[0], [local_api.person() for _ in range(51)]
    worker = people[50]["id"]
    with SessionItem.batch_write() as batch:
        for n, person in enumerate(people[:50]):
            batch.save(
                AttendeeItem(
                    *AttendeeItem.key(klass.id, person["id"]),
                    session_id=klass.id,
                    personnel_id=person["id"],
                    first_name=person["firstName"],
                    last_name=person["lastName"],
                    employee_no=person["employeeNo"],
                    status="ATTENDED",
                    result="PASSED",
                    added_at=klass.created_at,
                )
            )
            pending = CompetencyStatus.PENDING_VERIFICATION
            batch.save(
                competency_item(_competency(klass, person["id"], pending))
                if n % 5 == 4
                else training_item(_training(klass, person["id"]))
            )
        for session in [*completed[1:30], finalizing]:
            batch.save(training_item(_training(session, worker)))
    # When the session's records are read by an hse-admin
    before = counter.count
    reply = local_api.get(f"/sessions/{klass.id}/records")
    # Then it is 2 requests (the session with its class list, one batch of both kinds of record)
    assert reply.status == 200, reply.body
    assert counter.count - before == 2
    assert len(reply.body["trainingRecords"]) == 40 and len(reply.body["competencyRecords"]) == 10
    # When the worker's records are read
    before = counter.count
    reply = local_api.get(f"/personnel/{worker}/training-records")
    # Then it is 2 requests (a page of their records, the sessions' commit check), newest first,
    # without the record of the session that has not committed
    assert reply.status == 200, reply.body
    assert counter.count - before == 2
    completed_at = [item["completedAt"] for item in reply.body["items"]]
    assert len(completed_at) == 29 and completed_at == sorted(completed_at, reverse=True)
    assert finalizing.id not in {item["sessionId"] for item in reply.body["items"]}
    # When a worker without records, and one who does not exist, are read
    before = counter.count
    assert local_api.get(f"/personnel/{people[4]['id']}/training-records").body["items"] == []  # competency only
    assert local_api.get(f"/personnel/{new_id()}/training-records").status == 404
    # Then each is 2 requests (their records, then the worker)
    assert counter.count - before == 4


def test_a_workers_120_records_page_newest_first_in_at_most_3_requests(local_api, seeded, counter):
    # Given a worker with 120 training records of COMPLETED sessions, and 3 of sessions still FINALIZING
    completed = [s for s in seeded if s.status is SessionStatus.COMPLETED and s.trainer_id][:120]
    finalizing = [s for s in seeded if s.status is SessionStatus.FINALIZING and s.trainer_id][:3]
    assert len(completed) == 120 and len(finalizing) == 3
    worker = local_api.person()["id"]
    with SessionItem.batch_write() as batch:
        for session in [*completed, *finalizing]:
            batch.save(training_item(_training(session, worker)))
    # When every page of their history is read, 50 at a time
    ids, requests = _pages(local_api, f"/personnel/{worker}/training-records", {}, counter)
    # Then each page is at most 3 requests (2: the page, its sessions' commit check), and the pages
    # hold exactly the committed records, newest first, once each, none of the uncommitted sessions
    assert len(requests) == 3 and max(requests) <= 3, requests
    newest_first = sorted(completed, key=lambda s: (format_instant(s.end_time), s.id), reverse=True)
    assert ids == [record_id(RecordKind.TRAINING, s.id, worker) for s in newest_first]


def test_the_verification_queue_pages_in_3_requests_without_gaps_or_duplicates(local_api, seeded, counter):
    # Given 160 pending competency records over completed sessions, and 4 of a session still FINALIZING
    completed = [s for s in seeded if s.status is SessionStatus.COMPLETED and s.trainer_id]
    finalizing = next(s for s in seeded if s.status is SessionStatus.FINALIZING and s.trainer_id)
    people = [local_api.person()["id"] for _ in range(8)]
    pending = CompetencyStatus.PENDING_VERIFICATION
    visible = [_competency(completed[n % 40], people[n % 8], pending) for n in range(160)]
    visible = list({r.id: r for r in visible}.values())
    hidden = [_competency(finalizing, person, pending) for person in people[:4]]
    with SessionItem.batch_write() as batch:
        for record in [*visible, *hidden]:
            batch.save(competency_item(record))
    # When every page of the queue is read, 50 at a time
    ids, requests = _pages(local_api, "/competency-records", {}, counter)
    # Then each page is at most 3 requests (the page, the sessions' commit check, the workers' names)
    assert max(requests) <= 3, requests
    # And the queue holds every visible record once, oldest first, and none of the uncommitted session
    assert sorted(ids) == sorted(r.id for r in visible) and len(ids) == len(set(ids))
    assert not {r.id for r in hidden} & set(ids)


def test_a_trainers_week_view_is_3_requests(local_api, counter):
    # Given a trainer qualified for 5 courses, with 2 sessions booked in one week
    courses = [local_api.course() for _ in range(5)]
    trainer, venue = local_api.trainer(), local_api.venue()
    for course in courses:
        assert local_api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    booked = []
    for day in (0, 2):
        draft = local_api.post("/sessions/draft", {"courseId": courses[day]["id"]}).body["id"]
        plan = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": (monday + timedelta(days=day)).isoformat(),
            "endTime": (monday + timedelta(days=day, hours=2)).isoformat(),
        }
        assert local_api.patch(f"/sessions/{draft}/schedule", plan).status == 200
        booked.append(draft)
    # When the trainer is read for that week
    before = counter.count
    reply = local_api.get(f"/trainers/{trainer['id']}", {"week": "2026-W50"})
    # Then it is 3 requests (the trainer's partition, the courses, the week's sessions), all of it right
    assert reply.status == 200, reply.body
    assert counter.count - before == 3
    assert len(reply.body["qualifications"]) == 5
    assert reply.body["bookedMinutesThisWeek"] == 240
    assert [s["id"] for s in reply.body["sessionsThisWeek"]] == booked
    # And an unknown trainer is a 404
    assert local_api.get(f"/trainers/{new_id()}", {"week": "2026-W50"}).status == 404
