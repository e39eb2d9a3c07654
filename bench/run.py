"""`make bench`: DynamoDB requests and median milliseconds per call, against DynamoDB Local.

Each scenario seeds data of realistic size, then calls the real handlers in-process (as the local
server does) and counts every HTTP request the shared botocore client sends to DynamoDB.
Writes the table to docs/benchmarks.md with the date and the machine. Not a test: nothing here
fails a build; the targets are printed beside the numbers.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import statistics
import string
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "shared")]

os.environ.update(
    AWS_REGION="us-east-1",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_ACCESS_KEY_ID="bench",
    AWS_SECRET_ACCESS_KEY="bench",
    POWERTOOLS_SERVICE_NAME="training-sessions",
    POWERTOOLS_METRICS_NAMESPACE="Titan/Training",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_METRICS_DISABLED="true",
    POWERTOOLS_LOG_LEVEL="ERROR",
    SITE_TIMEZONE="UTC",
)

import boto3  # noqa: E402

from bench import cold_start, directory, imports, load  # noqa: E402
from local.dynamodb_local import DynamoDBLocal, client, ensure_table  # noqa: E402
from local.events import claims_for  # noqa: E402
from local.gateway import Gateway  # noqa: E402
from local.handlers import load_handler  # noqa: E402
from local.request_count import DynamoDBRequests  # noqa: E402
from local.s3_local import S3Local  # noqa: E402
from titan_training.api import runtime  # noqa: E402
from titan_training.domain.clock import utc_now  # noqa: E402
from titan_training.domain.compliance import ComplianceStatus  # noqa: E402
from titan_training.domain.ids import new_id  # noqa: E402
from titan_training.domain.personnel import Personnel  # noqa: E402
from titan_training.domain.trainers import Trainer  # noqa: E402
from titan_training.services import suggestions  # noqa: E402
from titan_training.store.items.base import _shared_connection  # noqa: E402
from titan_training.store.items.personnel import ComplianceItemRow, PersonnelItem  # noqa: E402
from titan_training.store.items.sessions import AttendeeItem  # noqa: E402
from titan_training.store.items.trainers import TrainerItem  # noqa: E402
from titan_training.store.personnel import personnel_item  # noqa: E402
from titan_training.store.revisions import bump_directory_revision  # noqa: E402
from titan_training.store.trainers import trainer_item  # noqa: E402

BASE = "/api/v1/training"
ADMIN = claims_for("bench-admin", "hse-admin")
REPORT = ROOT / "docs" / "benchmarks.md"


@dataclass
class Result:
    scenario: str
    requests: float
    median_ms: float
    calls: int
    target: str


def call(gateway: Gateway, method: str, path: str, body=None, query=None) -> dict:
    response = gateway.invoke(method, BASE + path, query=query, body=body, claims=ADMIN)
    if response["statusCode"] >= 400:  # a benchmark of failures measures nothing
        raise RuntimeError(f"{method} {path}: {response['statusCode']} {response['body'][:300]}")
    return json.loads(response["body"]) if response.get("body") else {}


def measure(counter: DynamoDBRequests, runs: int, action: Callable[[int], object]) -> tuple[float, float]:
    """Median ms and mean DynamoDB requests of `runs` calls of action(i)."""
    timings, requests = [], []
    for i in range(runs):
        before = counter.count
        started = time.perf_counter()
        action(i)
        timings.append((time.perf_counter() - started) * 1000)
        requests.append(counter.count - before)
    return statistics.fmean(requests), statistics.median(timings)


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))


def seed_people(store, count: int, rng: random.Random) -> list[Personnel]:
    now = utc_now()
    people = [
        Personnel(
            id=new_id(),
            first_name=_name(rng),
            last_name=_name(rng),
            email=f"worker{n}.{uuid.uuid4().hex[:6]}@titan.example",
            employee_no=f"B-{n:06d}-{uuid.uuid4().hex[:4]}",
            active=rng.random() > 0.03,
            created_at=now,
            updated_at=now,
        )
        for n in range(count)
    ]
    with PersonnelItem.batch_write() as batch:
        for person in people:
            batch.save(personnel_item(person))
    bump_directory_revision()
    return people


def seed_compliance(store, course_id: str, people: list[Personnel], rng: random.Random) -> None:
    now = utc_now()
    today = runtime.today()  # the site calendar's day, as the functions judge expiry
    with ComplianceItemRow.batch_write() as batch:
        for person in people:
            roll = rng.random()
            status = (
                ComplianceStatus.NON_COMPLIANT
                if roll < 0.2
                else ComplianceStatus.PENDING
                if roll < 0.3
                else ComplianceStatus.COMPLIANT
            )
            expiry = today + timedelta(days=rng.randint(-60, 700)) if status is ComplianceStatus.COMPLIANT else None
            course_pk, course_sk = ComplianceItemRow.course_key(person.id, course_id)
            batch.save(
                ComplianceItemRow(
                    *ComplianceItemRow.key(person.id, course_id),
                    course_pk=course_pk,
                    course_sk=course_sk,
                    personnel_id=person.id,
                    course_id=course_id,
                    status=status.value,
                    expiry_date=expiry.isoformat() if expiry else None,
                    updated_at=now,
                )
            )
    store.suggestions.bump_compliance_revision(course_id, now)


def bench_compliance_summary(
    gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int
) -> list[Result]:
    """The Compliance dashboard over 300 workers x 6 courses (run first: the table holds only these):
    ranked live, then from the rankings the scheduled refresh stores."""
    people = seed_people(store, 300, rng)
    for n in range(6):
        course = call(
            gateway, "POST", "/courses", {"name": f"Bench Course {n}", "code": f"BS{n}-{uuid.uuid4().hex[:6]}"}
        )
        seed_compliance(store, course["id"], people, rng)
    rows = call(gateway, "GET", "/compliance/summary")["items"]
    active = sum(person.active for person in people)
    assert len(rows) == 6 and all(row["total"] == active for row in rows), rows
    requests, median = measure(counter, runs, lambda i: call(gateway, "GET", "/compliance/summary"))
    live = Result(
        "compliance summary, 300 workers x 6 courses, ranked live",
        requests,
        median,
        runs,
        "1 + directory pages + 1 per course",
    )
    suggestions.refresh_rankings(store, runtime.today(), runtime.settings().expiry_warning_days, utc_now())
    assert call(gateway, "GET", "/compliance/summary")["items"] == rows
    requests, median = measure(counter, runs, lambda i: call(gateway, "GET", "/compliance/summary"))
    cached = Result(
        "compliance summary, 300 workers x 6 courses, from the stored rankings",
        requests,
        median,
        runs,
        "2 (the course list, one batch of revisions and heads)",
    )
    return [live, cached]


def bench_schedule(gateway: Gateway, counter: DynamoDBRequests, runs: int) -> Result:
    course = call(gateway, "POST", "/courses", {"name": "Bench Scheduling", "code": f"BS-{uuid.uuid4().hex[:6]}"})
    trainer = call(gateway, "POST", "/trainers", {"firstName": "Busy", "lastName": "Trainer"})
    venue = call(gateway, "POST", "/venues", {"name": "Bench Room", "capacity": 30})
    call(gateway, "PUT", f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    start = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    for n in range(500):  # a trainer with 500 past sessions, booked through the real path
        draft = call(gateway, "POST", "/sessions/draft", {"courseId": course["id"]})
        slot = start + timedelta(days=n // 2, hours=4 * (n % 2))
        plan = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": slot.isoformat(),
            "endTime": (slot + timedelta(hours=3)).isoformat(),
        }
        call(gateway, "PATCH", f"/sessions/{draft['id']}/schedule", plan)
    drafts = [call(gateway, "POST", "/sessions/draft", {"courseId": course["id"]})["id"] for _ in range(runs)]
    future = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)

    def schedule(i: int) -> None:
        slot = future + timedelta(days=i)
        plan = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": slot.isoformat(),
            "endTime": (slot + timedelta(hours=3)).isoformat(),
        }
        call(gateway, "PATCH", f"/sessions/{drafts[i]}/schedule", plan)

    requests, median = measure(counter, runs, schedule)
    return Result("schedule (trainer with 500 past sessions)", requests, median, runs, "<= 6 requests")


def bench_recurring(gateway: Gateway, counter: DynamoDBRequests, runs: int) -> list[Result]:
    """Recurring drafts: a series of 52 weekly drafts (one transaction), then the series listed by seriesId."""
    course = call(gateway, "POST", "/courses", {"name": "Bench Series", "code": f"BR-{uuid.uuid4().hex[:6]}"})
    venue = call(gateway, "POST", "/venues", {"name": "Bench Series Room", "capacity": 20})
    series_ids: list[str] = []

    def create(i: int) -> None:
        start = datetime(2027, 1, 4, 9, 0, tzinfo=UTC) + timedelta(days=i)
        body = {
            "courseId": course["id"],
            "venueId": venue["id"],
            "startTime": start.isoformat(),
            "endTime": (start + timedelta(hours=3)).isoformat(),
            "recurrence": {"frequency": "WEEKLY", "count": 52},
        }
        series_ids.append(call(gateway, "POST", "/sessions/recurring-drafts", body)["seriesId"])

    def listed(i: int) -> None:
        page = call(gateway, "GET", "/sessions", query={"seriesId": series_ids[i], "limit": "100"})
        assert len(page["items"]) == 52

    created = measure(counter, runs, create)
    read = measure(counter, runs, listed)
    return [
        Result("POST /sessions/recurring-drafts, 52 weekly drafts", *created, runs, "1 request (one transaction)"),
        Result("GET /sessions?seriesId= (52 drafts, one page)", *read, runs, "1 request"),
    ]


def batch_put(items: list[dict], threads: int = 4) -> None:
    """Raw items (DynamoDB's JSON), 25 to a BatchWriteItem, a few requests in flight: seeding only."""
    from concurrent.futures import ThreadPoolExecutor

    table = runtime.settings().table_name
    dynamodb = _shared_connection(runtime.settings().aws_region, runtime.settings().dynamodb_endpoint_url).client

    def write(batch: list[dict]) -> None:
        waiting = {table: [{"PutRequest": {"Item": item}} for item in batch]}
        while waiting:
            waiting = dynamodb.batch_write_item(RequestItems=waiting).get("UnprocessedItems") or None

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(write, [items[n : n + 25] for n in range(0, len(items), 25)]))


def seed_people_fast(count: int, rng: random.Random) -> list[Personnel]:
    """`count` people (97% active) written as raw batches: what seed_people writes, only sooner."""
    now = utc_now()
    people = [
        Personnel.model_construct(
            id=new_id(),
            first_name=_name(rng),
            last_name=_name(rng),
            email=f"worker{n}.{uuid.uuid4().hex[:6]}@titan.example",
            employee_no=f"B-{n:06d}-{uuid.uuid4().hex[:4]}",
            active=rng.random() > 0.03,
            created_at=now,
            updated_at=now,
        )
        for n in range(count)
    ]
    batch_put([personnel_item(person).serialize() for person in people])
    bump_directory_revision()
    return people


def seed_compliance_fast(store, course_id: str, people: list[Personnel], rng: random.Random) -> None:
    """seed_compliance's mix (20% red, 10% pending, the rest compliant, some lapsed), as raw batches."""
    now = utc_now().strftime("%Y-%m-%dT%H:%M:%S.%f+0000")
    today = runtime.today()
    items = []
    for person in people:
        roll = rng.random()
        status = "NON_COMPLIANT" if roll < 0.2 else "PENDING" if roll < 0.3 else "COMPLIANT"
        pk, sk = ComplianceItemRow.key(person.id, course_id)
        course_pk, course_sk = ComplianceItemRow.course_key(person.id, course_id)
        item = {
            "PK": {"S": pk},
            "SK": {"S": sk},
            "CoursePK": {"S": course_pk},
            "CourseSK": {"S": course_sk},
            "personnel_id": {"S": person.id},
            "course_id": {"S": course_id},
            "status": {"S": status},
            "updated_at": {"S": now},
        }
        if status == "COMPLIANT":
            item["expiry_date"] = {"S": (today + timedelta(days=rng.randint(-60, 700))).isoformat()}
        items.append(item)
    batch_put(items)
    store.suggestions.bump_compliance_revision(course_id, utc_now())


PICKER_WORKERS, PICKER_COURSES = 50_000, 10
# The share of workers with an item in each course but the first: 1 is the worst case (500,000 items,
# about 5 minutes more of seeding: `BENCH_PICKER_SHARE=1 python -m bench.run --only picker`).
PICKER_SHARE = float(os.environ.get("BENCH_PICKER_SHARE", "0.2"))


def bench_picker(gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int) -> list[Result]:
    """The picker at 50,000 candidates: from cache (first page, a search), live once, and the scheduled
    refresh of a site of 50,000 workers and 10 courses in a process of its own (as one invocation).

    The first course has an item for every worker, the other nine for a PICKER_SHARE of them each."""
    people = seed_people_fast(PICKER_WORKERS, rng)
    courses = [
        call(gateway, "POST", "/courses", {"name": f"Bench Picker {n}", "code": f"BP{n}-{uuid.uuid4().hex[:6]}"})
        for n in range(PICKER_COURSES)
    ]
    seed_compliance_fast(store, courses[0]["id"], people, rng)
    for course in courses[1:]:
        seed_compliance_fast(store, course["id"], rng.sample(people, int(PICKER_WORKERS * PICKER_SHARE)), rng)
    items = PICKER_WORKERS + (PICKER_COURSES - 1) * int(PICKER_WORKERS * PICKER_SHARE)
    session = call(gateway, "POST", "/sessions/draft", {"courseId": courses[0]["id"]})
    path = f"/sessions/{session['id']}/attendee-suggestions"
    class_list = call(gateway, "GET", path, query={"limit": "20"})["items"]
    invited = {"personnelIds": [p["personnelId"] for p in class_list]}
    call(gateway, "POST", f"/sessions/{session['id']}/attendees", invited)
    before = counter.count
    started = time.perf_counter()
    live = call(gateway, "GET", path, query={"limit": "50"})
    live_ms, live_requests = (time.perf_counter() - started) * 1000, counter.count - before
    assert live["source"] == "live", live["source"]
    site_courses = len(store.suggestions.all_course_ids())  # a whole `make bench` has made a few more, smaller
    refresh = refresh_in_own_process()
    assert refresh["summary"] == {"courses": site_courses, "refreshed": site_courses, "fresh": 0}, refresh
    assert call(gateway, "GET", path, query={"limit": "50"}) == {**live, "source": "cache", "computedAt": ANY}
    again = refresh_in_own_process()
    assert again["summary"]["fresh"] == site_courses, again
    names = [p.last_name for p in rng.sample([p for p in people if p.active], 2 * runs)]

    def fresh_memory(action: Callable[[int], object]) -> Callable[[int], object]:
        """As the first call of a warm Lambda after a refresh: no chunk of the generation in memory yet."""

        def run(i: int) -> object:
            store.suggestions.forget_chunks()
            return action(i)

        return run

    def first_page(i: int) -> dict:
        return call(gateway, "GET", path, query={"limit": "50"})

    def search(i: int) -> dict:
        return call(gateway, "GET", path, query={"search": names[i], "limit": "50"})

    def search_again(i: int) -> dict:
        return call(gateway, "GET", path, query={"search": names[runs + i], "limit": "50"})

    assert search(0)["source"] == "cache"
    figures = {
        "first page": measure(counter, runs, fresh_memory(first_page)),
        "first page, chunk in memory": measure(counter, runs, first_page),
        "search (a last name)": measure(counter, runs, fresh_memory(search)),
        "search (another last name), chunks in memory": measure(counter, runs, search_again),
    }
    results = [
        Result(
            f"picker, {PICKER_WORKERS:,} candidates, from cache: {name}",
            requests,
            median,
            runs,
            "<= 3 requests, < 100 ms",
        )
        for name, (requests, median) in figures.items()
    ]
    return [
        *results,
        Result(
            f"picker, {PICKER_WORKERS:,} candidates, live",
            live_requests,
            live_ms,
            1,
            f"cache is {live_ms / figures['first page'][1]:.0f}x faster (first page)",
        ),
        Result(
            f"picker refresh of every course: {PICKER_WORKERS:,} workers x {site_courses} courses, "
            f"{items:,} compliance items (own process: one invocation)",
            refresh["requests"],
            refresh["seconds"] * 1000,
            1,
            f"{refresh['seconds']:.0f} s of 300 s, {refresh['peak_mb']:.0f} MB of 1,024 MB (template.yaml)",
        ),
        Result(
            "same refresh again, nothing changed (own process)",
            again["requests"],
            again["seconds"] * 1000,
            1,
            "1 + 1 per 49 courses, writes nothing",
        ),
    ]


class _Any:
    def __eq__(self, other: object) -> bool:
        return True


ANY = _Any()


def refresh_in_own_process() -> dict:
    """The scheduled refresh in a fresh interpreter, as a Lambda invocation runs it: its summary, its
    wall time (imports included), its DynamoDB requests and its peak memory (max RSS)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--refresh-once"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return {**measured, "seconds": time.perf_counter() - started}


def refresh_once_measured() -> int:
    """`--refresh-once` (bench_picker's child): the refresh handler once; prints what it measured."""
    import resource

    from local.refresh_suggestions import refresh_once

    counter = DynamoDBRequests()
    runtime.reset()
    runtime.store()
    counter.attach()
    summary = refresh_once()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"summary": summary, "requests": counter.count, "peak_mb": peak_mb}))
    return 0


def seed_trainers(count: int, rng: random.Random) -> list[str]:
    """`count` trainers with no qualifications, in batch writes of the store's own items; their ids."""
    now = utc_now()
    ids = []
    with TrainerItem.batch_write() as batch:
        for _ in range(count):
            trainer = Trainer(
                id=new_id(),
                first_name=_name(rng),
                last_name=_name(rng),
                email=None,
                user_id=None,
                qualified_course_ids=[],
                created_at=now,
                updated_at=now,
            )
            batch.save(trainer_item(trainer))
            ids.append(trainer.id)
    return ids


def bench_trainers(gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int) -> Result:
    seed_trainers(200, rng)
    requests, median = measure(counter, runs, lambda i: call(gateway, "GET", "/trainers", query={"limit": "200"}))
    return Result("GET /trainers, 200 trainers with weekly load", requests, median, runs, "grows with trainers/100")


def bench_bulk_add(gateway: Gateway, counter: DynamoDBRequests, store, rng: random.Random, runs: int) -> Result:
    course = call(gateway, "POST", "/courses", {"name": "Bench Attendees", "code": f"BA-{uuid.uuid4().hex[:6]}"})
    people = [p.id for p in seed_people(store, 500, random.Random(7)) if p.active]
    sessions = [call(gateway, "POST", "/sessions/draft", {"courseId": course["id"]})["id"] for _ in range(runs)]
    requests, median = measure(
        counter, runs, lambda i: call(gateway, "POST", f"/sessions/{sessions[i]}/attendees", {"personnelIds": people})
    )
    return Result(f"bulk add of {len(people)} attendees", requests, median, runs, "-")


FINALIZE_SIZES = {20: 3, 100: 3, 500: 2, 1_000: 1, 2_000: 1}  # attendees: calls (fewer for big classes)


def bench_imports(gateway: Gateway, counter: DynamoDBRequests, new_only: bool = False) -> list[Result]:
    """Spreadsheet imports of 10,000 rows, one call each (bench/imports.py); `new_only`: the new workers' alone."""

    def invoke(path: str, text: str, query: dict[str, str] | None) -> dict:
        headers = {"Content-Type": "text/csv"}
        response = gateway.invoke("POST", BASE + path, query=query, body=text, headers=headers, claims=ADMIN)
        if response["statusCode"] >= 400:
            raise RuntimeError(f"POST {path}: {response['statusCode']} {response['body'][:300]}")
        return json.loads(response["body"])

    rows = imports.scenario(
        invoke, lambda method, path, body=None: call(gateway, method, path, body), lambda: counter.count, new_only
    )
    return [Result(*row) for row in rows]


def finalize_target(attendees: int) -> int:
    """Issue 11's bound on the Finalize Gate's DynamoDB requests."""
    return math.ceil(3 * attendees / 100) + 6


def seed_class(session_id: str, size: int, rng: random.Random) -> None:
    """A class list of `size`, all ATTENDED (every 5th FAILED), written straight to the table in
    BatchWriteItem chunks (the API takes 500 a request and checks each: seconds at 2,000)."""
    now = utc_now()
    with AttendeeItem.batch_write() as batch:
        for n in range(size):
            pid = new_id()
            batch.save(
                AttendeeItem(
                    *AttendeeItem.key(session_id, pid),
                    session_id=session_id,
                    personnel_id=pid,
                    first_name=_name(rng),
                    last_name=_name(rng),
                    employee_no=f"F-{n:06d}-{uuid.uuid4().hex[:4]}",
                    status="ATTENDED",
                    result="FAILED" if n % 5 == 4 else "PASSED",
                    added_at=now,
                )
            )


def bench_finalize(gateway: Gateway, counter: DynamoDBRequests, size: int, runs: int) -> Result:
    """Finalize of a class of `size`: all ATTENDED (every 5th FAILED), one PDF, records and compliance.

    Also counts the evidence bucket's S3 requests (not DynamoDB's: shown in the target column)."""
    course = call(
        gateway,
        "POST",
        "/courses",
        {"name": f"Bench Finalize {size}", "code": f"BF-{uuid.uuid4().hex[:6]}", "validityMonths": 24},
    )
    trainer = call(gateway, "POST", "/trainers", {"firstName": "Final", "lastName": f"Trainer{size}"})
    venue = call(gateway, "POST", "/venues", {"name": "Bench Hall", "capacity": 500})
    call(gateway, "PUT", f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name="us-east-1")
    rng = random.Random(size)
    sessions = []
    for run in range(runs):
        draft = call(gateway, "POST", "/sessions/draft", {"courseId": course["id"]})
        start = datetime(2025, 1, 6, 8, 0, tzinfo=UTC) + timedelta(days=run)  # long past; a trainer per size
        plan = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": start.isoformat(),
            "endTime": (start + timedelta(hours=4)).isoformat(),
        }
        call(gateway, "PATCH", f"/sessions/{draft['id']}/schedule", plan)
        seed_class(draft["id"], size, rng)
        form = call(gateway, "POST", f"/sessions/{draft['id']}/evidence")
        s3.put_object(Bucket=os.environ["EVIDENCE_BUCKET"], Key=form["fileKey"], Body=b"%PDF-1.7 bench sheet")
        sessions.append(draft["id"])
    s3_requests = DynamoDBRequests()
    runtime.evidence()._s3.meta.events.register("before-send.s3", s3_requests)

    def finalize(i: int) -> None:
        reply = call(gateway, "POST", f"/sessions/{sessions[i]}/finalize")
        assert reply["trainingRecords"] == size, reply

    requests, median = measure(counter, runs, finalize)
    repeat, _ = measure(counter, 1, lambda i: call(gateway, "POST", f"/sessions/{sessions[0]}/finalize"))
    runtime.evidence()._s3.meta.events.unregister("before-send.s3", s3_requests)
    return Result(
        f"finalize, {size:,} attendees",
        requests,
        median,
        runs,
        f"<= {finalize_target(size)} (ceil(3n/100)+6); S3: {s3_requests.count / runs:.0f}; a repeat: {repeat:.0f}",
    )


FINALIZE_START = "<!-- finalize: written by bench/run.py -->"
FINALIZE_END = "<!-- /finalize -->"
# What the main table's rows say, written by hand: a run that rewrites the report keeps it.
NOTES_START = "<!-- notes: written by hand, kept by bench/run.py -->"
NOTES_END = "<!-- /notes -->"


def finalize_section(results: list[Result], stamp: str) -> str:
    """docs/benchmarks.md's Finalize Gate section, between its markers: the rows and what they count."""
    return (
        f"{FINALIZE_START}\n### The Finalize Gate: requests against ceil(3n/100) + 6\n\n"
        "Each class list is seeded straight into the table (all ATTENDED, every 5th FAILED) with one PDF;\n"
        "`make bench` measures it with the rest, `python -m bench.run --only finalize` alone on a fresh\n"
        "table (writing only this section). Before issue 11: 12 requests at 20, 15 at 100, 43 at 500\n"
        "(records in batches of 25, a progress write per 100). The DynamoDB requests of one finalize of n\n"
        "attendees are 1 (the session and its class list) + ceil((n + 1) / 100) (batch reads of the course\n"
        "and every attendee's compliance item, 100 keys each) + 1 (the freeze, which also keeps the course's\n"
        "rules for the records on the session) + ceil(n / 100) (record transactions) + 1 (the commit) +\n"
        "ceil((n + 2) / 100) (verdict transactions, the last also moving the picker's revision on and\n"
        "marking the session done): docs/data-model.md. tests/integration/test_finalize.py asserts the count\n"
        "at 20 and 250. Besides those, 6 S3 requests (list the uploads, head and first bytes of the upload,\n"
        "the copy, head and first bytes of the copy), whatever the size. A repeat on a finished session is\n"
        "1 read; a replay after a crash reads the frozen rules from the session, not the course.\n\n"
        f"Run: {stamp}, on {machine()}.\n\n{render(results)}\n{FINALIZE_END}\n"
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def render(results: list[Result]) -> str:
    lines = [
        "| scenario | DynamoDB requests per call | median ms per call | calls | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {r.scenario} | {r.requests:.1f} | {r.median_ms:.1f} | {r.calls} | {r.target} |" for r in results]
    return "\n".join(lines)


def web_bundle_size() -> str:
    """The console's initial JS, gzipped, as web/scripts/bundle-size.mjs measures it (`make bench` builds it first)."""
    measured = subprocess.run(
        ["npm", "run", "--silent", "size"], cwd=ROOT / "web", capture_output=True, text=True, check=False
    )
    return (measured.stdout + measured.stderr).strip() or f"npm run size exited {measured.returncode}"


def main() -> int:
    """Every scenario, written to docs/benchmarks.md; `--only summary` runs the dashboard's alone and only prints,
    `--only sessions` the session and record lists at 10,000 sessions (bench/session_lists.py) likewise;
    `--only directory` runs the directory lists' (bench/directory.py) alone and writes their section;
    `--only finalize` the Finalize Gate's at 20 to 2,000 attendees (under 3 minutes) and writes their section;
    `--only picker` the picker's at 50,000 candidates, and only prints; `--only recurring` a series of 52
    recurring drafts created and listed, and only prints; `--only imports` the spreadsheet imports' at
    10,000 rows (bench/imports.py), and only prints (`--only imports-new`: the import of 10,000 new
    workers alone); `--only alerts` the expiry alerts' daily run and list
    at 10,000 workers x 3 courses (and the bulk add of attendees, which clears their alerts), and only prints;
    `--only calendar` the calendar feeds' (bench/calendar_feeds.py), and only prints;
    `--only cold-start` measures the functions' cold starts alone and writes their section, `--only scaling`
    simulates docs/scaling.md's riskiest figures (bench/scaling.py) and writes theirs, `--only planning`
    plans issue 13's site with CP-SAT and the greedy baseline (bench/planning.py) and writes theirs."""
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if "--refresh-once" in sys.argv:
        return refresh_once_measured()
    if only == "cold-start":
        return write_cold_starts()
    if only == "scaling":
        return write_scaling()
    if only == "planning":
        return write_planning()
    runs = int(os.environ.get("BENCH_RUNS", "20"))
    rng = random.Random(42)
    s3 = S3Local().start()
    s3.ensure_bucket("bench-evidence")
    with DynamoDBLocal() as dynamodb:
        table = f"bench-{uuid.uuid4().hex[:6]}"
        ensure_table(client(dynamodb.endpoint_url), table)
        os.environ.update(
            TABLE_NAME=table,
            DYNAMODB_ENDPOINT_URL=dynamodb.endpoint_url,
            EVIDENCE_BUCKET="bench-evidence",
            S3_ENDPOINT_URL=s3.endpoint_url,
        )
        runtime.reset()
        store = runtime.store()
        counter = DynamoDBRequests()
        counter.attach()
        gateway = Gateway()
        for route in gateway.routes:  # import every handler now, as warm Lambdas would have
            load_handler(route)
        if only == "directory":
            try:
                return write_directory(gateway, counter, runs)
            finally:
                s3.stop()
        if only == "alerts":  # issue 12's expiry alerts alone, on a fresh table
            from bench import expiry_alerts

            results = expiry_alerts.bench(gateway, counter, rng, runs)
            # booking now clears each attendee's open alert in the same transaction: its cost
            results.append(bench_bulk_add(gateway, counter, store, rng, max(3, runs // 4)))
        elif only == "picker":
            results = bench_picker(gateway, counter, store, rng, runs)
        elif only in ("imports", "imports-new"):  # issue 12's spreadsheet imports alone, on a fresh table
            results = bench_imports(gateway, counter, new_only=only == "imports-new")
        elif only == "calendar":  # issue 12's calendar feeds alone, on a fresh table
            from bench import calendar_feeds

            results = calendar_feeds.bench(gateway, counter, store, rng, runs)
        elif only == "sessions":  # issue 11's session and record lists alone, on a fresh table
            from bench import session_lists

            results = session_lists.bench(gateway, counter, store, rng, int(os.environ.get("BENCH_RUNS", "10")))
            print(session_lists.describe())
        elif only == "recurring":  # issue 12's recurring drafts alone, on a fresh table
            results = bench_recurring(gateway, counter, runs)
        else:
            results = [] if only == "finalize" else bench_compliance_summary(gateway, counter, store, rng, runs)
        if only is None:
            results.append(bench_schedule(gateway, counter, runs))
            results += bench_picker(gateway, counter, store, rng, runs)
            results.append(bench_trainers(gateway, counter, store, rng, runs))
            results.append(bench_bulk_add(gateway, counter, store, rng, max(3, runs // 4)))
            results += bench_recurring(gateway, counter, runs)
            from bench import session_lists

            results += session_lists.bench(gateway, counter, store, rng, 10)
            results += bench_imports(gateway, counter)
            from bench import expiry_alerts

            results += expiry_alerts.bench(gateway, counter, rng, runs)
            from bench import calendar_feeds

            results += calendar_feeds.bench(gateway, counter, store, rng, runs)
            directory_rows = directory.scenario(
                lambda method, path, body=None, query=None: call(gateway, method, path, body, query),
                lambda calls, action: measure(counter, calls, action),
                runs,
            )
        finalized = []
        if only in (None, "finalize"):
            finalized = [bench_finalize(gateway, counter, size, calls) for size, calls in FINALIZE_SIZES.items()]
        if only in (None, "plans"):  # last: it binds the functions to a table of its own
            results.append(bench_plan_end_to_end(gateway, counter, dynamodb.endpoint_url))
    s3.stop()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    finalize_text = finalize_section(finalized, stamp)
    table_text = render(results)
    print(table_text if only != "finalize" else finalize_text)
    if only == "finalize":
        cold_start.write_section(REPORT, finalize_text, FINALIZE_START, FINALIZE_END)
        print(f"\nwrote the finalize section of {REPORT.relative_to(ROOT)}")
        return 0
    bundle = web_bundle_size() if only is None else ""
    print(bundle)
    if only is not None:
        return 0
    load_section = load.current_section(REPORT)  # `make load` writes it; this run keeps it
    notes = cold_start.current_section(REPORT, NOTES_START, NOTES_END)  # written by hand; kept likewise
    kept_notes = f"{notes}\n" if notes else ""
    REPORT.write_text(
        "# Benchmarks\n\n"
        "`make bench` (bench/run.py) seeds DynamoDB Local and calls the real handlers in-process; DynamoDB\n"
        "requests are counted with a botocore `before-send` hook on the shared client. DynamoDB Local is\n"
        "slower per request than DynamoDB, so milliseconds here compare scenarios with each other; the\n"
        "request counts are what carries over to AWS.\n\n"
        f"Run: {stamp}, on {machine()}.\n\n{table_text}\n\n{kept_notes}{finalize_text}\n"
        "## Web console: initial JS\n\n"
        "What `web/dist/index.html` loads before any lazy screen, gzipped (`npm run size`; budget 350 KB):\n\n"
        f"```\n{bundle}\n```\n" + (f"\n{load_section}" if load_section else "")
    )
    print(f"\nwrote {REPORT.relative_to(ROOT)}")
    print(directory.render(directory_rows))
    directory.write_section(REPORT, directory_rows, stamp, machine())
    write_scaling()
    write_planning()
    return write_cold_starts()


def write_directory(gateway: Gateway, counter: DynamoDBRequests, runs: int) -> int:
    """The directory's lists at 10,000 workers and 3,000 trainers (bench/directory.py), as a section of the report."""
    rows = directory.scenario(
        lambda method, path, body=None, query=None: call(gateway, method, path, body, query),
        lambda calls, action: measure(counter, calls, action),
        runs,
    )
    print(directory.render(rows))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    directory.write_section(REPORT, rows, stamp, machine())
    print(f"\nwrote the directory section of {REPORT.relative_to(ROOT)}")
    return 0


def write_scaling() -> int:
    """docs/scaling.md's two riskiest figures, simulated (bench/scaling.py), as a section of the report."""
    from bench import scaling

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(scaling.write(REPORT, stamp, machine()))
    print(f"\nwrote the scaling section of {REPORT.relative_to(ROOT)}")
    return 0


def bench_plan_end_to_end(gateway: Gateway, counter: DynamoDBRequests, endpoint_url: str) -> Result:
    """Issue 13's site through the API on a table of its own: seeded with bench/planning.py's site (courses,
    trainers with their qualifications and SCHEDULED sessions, venues, 2,000 workers and their compliance
    items), then POST /plans with the planner's function run in-process, timed until the plan is DONE."""
    from bench import planning

    table = f"bench-plan-{uuid.uuid4().hex[:6]}"
    ensure_table(client(endpoint_url), table)
    os.environ["TABLE_NAME"] = table
    runtime.reset()
    store = runtime.store()
    problem = planning.site()
    course_ids = {
        c: call(
            gateway,
            "POST",
            "/courses",
            {
                "name": f"Plan {c}",
                "code": f"P{c[-2:]}-{uuid.uuid4().hex[:4]}",
                "durationMinutes": course.duration_minutes,
            },
        )["id"]
        for c, course in problem.courses.items()
    }
    venue_ids = [
        call(gateway, "POST", "/venues", {"name": f"Room {v.venue_id}", "capacity": v.capacity})["id"]
        for v in problem.venues
    ]
    for t in problem.trainers:
        trainer = call(gateway, "POST", "/trainers", {"firstName": "Plan", "lastName": t.trainer_id})
        for c in t.course_ids:
            call(gateway, "PUT", f"/trainers/{trainer['id']}/qualifications/{course_ids[c]}")
        for n, (start, end) in enumerate(t.busy):  # existing bookings (an overlapping one is refused, as it should)
            draft = call(gateway, "POST", "/sessions/draft", {"courseId": course_ids[next(iter(t.course_ids))]})
            slot = {
                "trainerId": trainer["id"],
                "venueId": venue_ids[n % len(venue_ids)],
                "startTime": start.isoformat(),
                "endTime": end.isoformat(),
            }
            response = gateway.invoke("PATCH", f"{BASE}/sessions/{draft['id']}/schedule", body=slot, claims=ADMIN)
            assert response["statusCode"] in (200, 409), response["body"]
    people = seed_people(store, 2_000, random.Random(13))
    by_index = {f"worker-{n:05d}": person for n, person in enumerate(people)}
    statuses = {planning.Priority.RED: "NON_COMPLIANT", planning.Priority.YELLOW: "PENDING"}
    now = utc_now()
    with ComplianceItemRow.batch_write() as batch:
        for need in problem.needs:
            person, course_id = by_index[need.personnel_id], course_ids[need.course_id]
            course_pk, course_sk = ComplianceItemRow.course_key(person.id, course_id)
            expiry = None if need.priority in statuses else need.due.date().isoformat()
            batch.save(
                ComplianceItemRow(
                    *ComplianceItemRow.key(person.id, course_id),
                    course_pk=course_pk,
                    course_sk=course_sk,
                    personnel_id=person.id,
                    course_id=course_id,
                    status=statuses.get(need.priority, "COMPLIANT"),
                    expiry_date=expiry,
                    updated_at=now,
                )
            )

    class Inline:
        def start(self, plan_id: str) -> None:
            from titan_training.services import plans

            settings = runtime.settings()
            plans.run_plan(runtime.store(), plan_id, runtime.today(), settings.site_timezone, utc_now)

    deployed_worker = runtime.plan_worker
    runtime.plan_worker = lambda: Inline()
    try:
        return _plan_through_api(gateway, counter)
    finally:
        runtime.plan_worker = deployed_worker  # what follows (the cold starts) resets the runtime's caches


def _plan_through_api(gateway: Gateway, counter: DynamoDBRequests) -> Result:
    from bench import planning

    request = {
        "startDate": planning.START.isoformat(),
        "weeks": 8,
        "constraints": {"maxTrainerHoursPerWeek": 20, "minClassSize": 4, "timeLimitSeconds": 20},
    }
    before, started = counter.count, time.perf_counter()
    plan = call(gateway, "POST", "/plans", request)
    done = call(gateway, "GET", f"/plans/{plan['id']}")
    seconds, requests = time.perf_counter() - started, counter.count - before
    coverage = done["coverage"]
    return Result(
        f"a plan through the API: 2,000 workers, 10 courses, 15 trainers, 6 venues, 8 weeks ({coverage['covered']} of "
        f"{coverage['due']} covered, {coverage['sessions']} sessions, {done['solver']})",
        requests,
        seconds * 1000,
        1,
        "under 30 s, reads and writes included",
    )


def write_planning() -> int:
    """The planner against the greedy baseline (bench/planning.py), as a section of the report."""
    from bench import planning

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(planning.write(REPORT, stamp, machine()))
    print(f"\nwrote the planning section of {REPORT.relative_to(ROOT)}")
    return 0


def write_cold_starts() -> int:
    """Every function's cold start against the anchor (bench/cold_start.py), as a section of the report."""
    results = cold_start.measure()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(cold_start.render(results))
    cold_start.write_section(REPORT, cold_start.section(results, stamp, machine()))
    print(f"\nwrote the cold-start section of {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
