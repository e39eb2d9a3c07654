"""`python -m bench.run --only directory`: the directory's lists at 10,000 workers and 3,000 trainers.

Seeds (BatchWriteItem, 25 items a request) 10,000 workers with their search entries and one
compliance item each, 3,000 trainers (every one qualified for a common course, five for a rare
one, each with a load this week), 10,000 sessions, 10 courses and 30 venues; then reads the first
page of 50 and the page after it of every directory list with each combination of its filters,
counting DynamoDB requests and timing the calls. Writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from titan_training.api import runtime
from titan_training.domain.clock import iso_week, utc_now
from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.ids import new_id
from titan_training.domain.personnel import Personnel
from titan_training.domain.sessions import Session, SessionStatus
from titan_training.domain.trainers import Trainer
from titan_training.store.items.base import TableItem
from titan_training.store.items.personnel import ComplianceItemRow
from titan_training.store.items.trainers import QualificationItem, TrainerLoadItem
from titan_training.store.personnel import personnel_items
from titan_training.store.revisions import bump_directory_revision
from titan_training.store.sessions import session_item
from titan_training.store.trainers import trainer_item, trainer_sort_key

SECTION_START = "<!-- directory: written by bench/directory.py -->"
SECTION_END = "<!-- /directory -->"
WORKERS = 10_000
TRAINERS = 3_000
SESSIONS = 10_000
RARE_FIRST_NAME = "Zebedee"  # 3 workers; no other word begins with "z"


@dataclass
class Row:
    endpoint: str
    filters: str
    requests: list[float]  # per page: first, next
    median_ms: list[float]


def _name(rng: random.Random) -> str:
    # Never beginning with Z, so a search for "zeb" is rare.
    return rng.choice(string.ascii_uppercase[:25]) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))


def seed(call: Callable[..., dict], rng: random.Random) -> dict[str, Any]:
    now = utc_now()
    week = iso_week(now, runtime.settings().site_timezone)
    courses = [
        call("POST", "/courses", {"name": f"Directory Course {n}", "code": f"DC{n}-{uuid.uuid4().hex[:6]}"})["id"]
        for n in range(10)
    ]
    for n in range(30):
        call("POST", "/venues", {"name": f"Directory Room {n}", "capacity": 20})
    common, rare = courses[0], courses[1]
    people = [
        Personnel(
            id=new_id(),
            first_name=RARE_FIRST_NAME if n < 3 else _name(rng),
            last_name=_name(rng),
            email=f"worker{n}@titan.example",
            employee_no=f"D-{n:06d}",
            active=rng.random() > 0.03,
            created_at=now,
            updated_at=now,
        )
        for n in range(WORKERS)
    ]
    with TableItem.batch_write() as batch:
        for person in people:
            for item in personnel_items(person):
                batch.save(item)
            status = rng.choice([ComplianceStatus.COMPLIANT, ComplianceStatus.NON_COMPLIANT, ComplianceStatus.PENDING])
            course_pk, course_sk = ComplianceItemRow.course_key(person.id, common)
            expiry = (now + timedelta(days=rng.randint(-60, 700))).date().isoformat()
            batch.save(
                ComplianceItemRow(
                    *ComplianceItemRow.key(person.id, common),
                    course_pk=course_pk,
                    course_sk=course_sk,
                    personnel_id=person.id,
                    course_id=common,
                    status=status.value,
                    expiry_date=expiry if status is ComplianceStatus.COMPLIANT else None,
                    updated_at=now,
                )
            )
        for n in range(TRAINERS):
            qualified = [common, rare] if n < 5 else [common]
            trainer = Trainer(
                id=new_id(),
                first_name=_name(rng),
                last_name=_name(rng),
                email=None,
                user_id=None,
                qualified_course_ids=qualified,
                created_at=now,
                updated_at=now,
            )
            batch.save(trainer_item(trainer))
            for course_id in qualified:
                course_pk, course_sk = QualificationItem.course_key(trainer_sort_key(trainer), course_id)
                batch.save(
                    QualificationItem(
                        *QualificationItem.key(trainer.id, course_id),
                        course_pk=course_pk,
                        course_sk=course_sk,
                        trainer_id=trainer.id,
                        course_id=course_id,
                        qualified_at=now,
                    )
                )
            batch.save(
                TrainerLoadItem(
                    *TrainerLoadItem.key(trainer.id, week),
                    trainer_id=trainer.id,
                    week=week,
                    booked_minutes=rng.choice([0, 90, 180, 480]),
                )
            )
        start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
        for n in range(SESSIONS):
            session_id = new_id()
            course_id = courses[n % len(courses)]
            begins = start + timedelta(hours=3 * n)
            draft = Session(
                id=session_id,
                course_id=course_id,
                trainer_id=None,
                venue_id=None,
                start_time=begins,
                end_time=begins + timedelta(hours=2),
                status=SessionStatus.DRAFT,
                created_by_id="bench",
                created_at=now,
                updated_at=now,
            )
            batch.save(session_item(draft, None))  # the store's own item: every index key a write gives
    bump_directory_revision()
    runtime.store().suggestions.bump_compliance_revision(common, now)
    return {"people": people, "common": common, "rare": rare, "empty": courses[2], "worker": people[7].id}


def scenario(
    call: Callable[..., dict], measure: Callable[[int, Callable[[int], object]], tuple[float, float]], runs: int
) -> list[Row]:
    """Seed, then measure the first page and the next of every list and filter combination."""
    from local.refresh_suggestions import refresh_once

    rng = random.Random(2026)
    seeded = seed(call, rng)
    common = seeded["common"]

    cases: list[tuple[str, str, str, dict[str, str], int]] = [
        ("GET /personnel", "-", "/personnel", {}, runs),
        ("GET /personnel", "search, rare first name (3 of 10,000)", "/personnel", {"search": "zeb"}, runs),
        ("GET /personnel", "search, rare employee number (1)", "/personnel", {"search": "d-004217"}, runs),
        ("GET /personnel", "search, employee-number prefix (10)", "/personnel", {"search": "D-00421"}, runs),
        ("GET /personnel", "search, full name (`zebedee <l>`)", "/personnel", {"search": "zebedee "}, runs),
        ("GET /personnel", "search, common (`a`)", "/personnel", {"search": "a"}, runs),
        ("GET /personnel", "search, everyone's email domain", "/personnel", {"search": "titan"}, runs),
        ("GET /trainers", "- (3,000, load this week)", "/trainers", {}, runs),
        ("GET /trainers", "courseId, 3,000 qualified", "/trainers", {"courseId": common}, runs),
        ("GET /trainers", "courseId, 5 qualified", "/trainers", {"courseId": seeded["rare"]}, runs),
        ("GET /trainers", "courseId, none qualified", "/trainers", {"courseId": seeded["empty"]}, runs),
        ("GET /courses", "-", "/courses", {}, runs),
        ("GET /venues", "-", "/venues", {}, runs),
        ("GET /courses/{id}/compliance", "10,000 items", f"/courses/{common}/compliance", {}, runs),
        ("GET /personnel/{id}/compliance", "-", f"/personnel/{seeded['worker']}/compliance", {}, runs),
    ]
    workers = f"/courses/{common}/workers"
    live_runs = max(3, runs // 5)
    rows = [_pages(call, measure, *case) for case in cases]
    # The course's workers before the picker's scheduled refresh (ranked live), then from its ranking.
    rows.append(_pages(call, measure, "GET /courses/{id}/workers", "live (stale ranking)", workers, {}, live_runs))
    refresh_once()
    for filters, query in (("from the ranking", {}), ("group=1, from the ranking", {"group": "1"})):
        rows.append(_pages(call, measure, "GET /courses/{id}/workers", filters, workers, query, runs))
    return rows


def _pages(
    call: Callable[..., dict],
    measure: Callable[[int, Callable[[int], object]], tuple[float, float]],
    endpoint: str,
    filters: str,
    path: str,
    query: dict[str, str],
    runs: int,
) -> Row:
    first_query = {"limit": "50", **query}
    first = call("GET", path, query=first_query)
    requests, ms = measure(runs, lambda i: call("GET", path, query=first_query))
    row = Row(endpoint, filters, [requests], [ms])
    if first.get("nextToken"):
        next_query = {**first_query, "nextToken": first["nextToken"]}
        requests, ms = measure(runs, lambda i: call("GET", path, query=next_query))
        row.requests.append(requests)
        row.median_ms.append(ms)
    return row


def render(rows: list[Row]) -> str:
    lines = [
        "| endpoint | filters | requests, page 1 | requests, page 2 | median ms, page 1 | median ms, page 2 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        second = len(row.requests) > 1
        lines.append(
            f"| {row.endpoint} | {row.filters} | {row.requests[0]:.0f} | "
            f"{f'{row.requests[1]:.0f}' if second else '(one page)'} | {row.median_ms[0]:.1f} | "
            f"{f'{row.median_ms[1]:.1f}' if second else '-'} |"
        )
    return "\n".join(lines)


def section(rows: list[Row], stamp: str, machine: str) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{SECTION_START}\n## Directory lists at 10,000 workers and 3,000 trainers\n\n"
        "`python -m bench.run --only directory` (bench/directory.py) seeds 10,000 workers (with their search\n"
        "entries and an item of one course each), 3,000 trainers (all qualified for that course, five for\n"
        "another, each with a load this week), 10,000 sessions, 10 courses and 30 venues, then reads the first\n"
        "page of 50 of each list and the page its `nextToken` names, through the real handlers in-process.\n"
        "Issue 11's goal: at most 3 requests a page, and a rare search under 50 ms. Before: the rare search\n"
        "read the whole directory (21 requests at 10,000, up to 1 s) and `courseId` read the course too (4).\n"
        "The live ranking of a course's workers (before the picker's scheduled refresh has ranked it) reads\n"
        "the directory by design, as the picker does; from the ranking it is bounded.\n\n"
        f"Run: {stamp}, on {machine}; load average {load:.1f} at the end (the machine is shared: milliseconds\n"
        "rise with it, request counts do not).\n\n"
        f"{render(rows)}\n{SECTION_END}\n"
    )


def write_section(report: Path, rows: list[Row], stamp: str, machine: str) -> None:
    from bench.cold_start import write_section as put_section

    put_section(report, section(rows, stamp, machine), SECTION_START, SECTION_END)
