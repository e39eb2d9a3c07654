"""The directory's lists read a page, not the table: DynamoDB requests per call, counted on DynamoDB Local.

Counts are deterministic (botocore's `before-send` event on the shared client, as bench/run.py counts
them). The directory here is large enough that the old reads exceed 3 requests: a filtered scan of
1,600 workers read 500 a request (4 requests for a rare search), and a course's trainers read the
course too (4).
"""

from __future__ import annotations

import random
import string
from datetime import timedelta
from typing import Any

import pytest

from local.request_count import DynamoDBRequests
from titan_training.api import runtime
from titan_training.domain.clock import utc_now
from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.ids import new_id
from titan_training.domain.personnel import Personnel
from titan_training.domain.trainers import Trainer
from titan_training.store.items.base import TableItem
from titan_training.store.items.personnel import ComplianceItemRow
from titan_training.store.items.trainers import QualificationItem
from titan_training.store.personnel import personnel_items
from titan_training.store.trainers import trainer_item, trainer_sort_key

pytestmark = pytest.mark.dynamodb_local

WORKERS = 1_600
TRAINERS = 60


def _filler_name(rng: random.Random) -> str:
    # Letters a-m only: no filler word begins with "z", so a search for "zeb" is rare here.
    return rng.choice("ABCDEFGHIJKLM") + "".join(rng.choices(string.ascii_lowercase[:13], k=rng.randint(3, 8)))


def _seed(local_api: Any) -> dict[str, Any]:
    """1,600 workers (3 of them Zebedees), 60 trainers qualified for one course, compliance for all."""
    rng = random.Random(11)
    runtime.store()  # binds the item classes to the test's table
    now = utc_now()
    people = [
        Personnel(
            id=new_id(),
            first_name="Zebedee" if n < 3 else _filler_name(rng),
            last_name=_filler_name(rng),
            email=None,
            employee_no=f"F-{n:05d}",
            active=n % 10 != 0,
            created_at=now,
            updated_at=now,
        )
        for n in range(WORKERS)
    ]
    course = local_api.course()
    with TableItem.batch_write() as batch:
        for person in people:
            for item in personnel_items(person):
                batch.save(item)
            course_pk, course_sk = ComplianceItemRow.course_key(person.id, course["id"])
            batch.save(
                ComplianceItemRow(
                    *ComplianceItemRow.key(person.id, course["id"]),
                    course_pk=course_pk,
                    course_sk=course_sk,
                    personnel_id=person.id,
                    course_id=course["id"],
                    status=ComplianceStatus.COMPLIANT.value,
                    expiry_date=(now + timedelta(days=rng.randint(-30, 400))).date().isoformat(),
                    updated_at=now,
                )
            )
        for _ in range(TRAINERS):
            trainer = Trainer(
                id=new_id(),
                first_name=_filler_name(rng),
                last_name=_filler_name(rng),
                email=None,
                user_id=None,
                qualified_course_ids=[course["id"]],
                created_at=now,
                updated_at=now,
            )
            batch.save(trainer_item(trainer))
            course_pk, course_sk = QualificationItem.course_key(trainer_sort_key(trainer), course["id"])
            batch.save(
                QualificationItem(
                    *QualificationItem.key(trainer.id, course["id"]),
                    course_pk=course_pk,
                    course_sk=course_sk,
                    trainer_id=trainer.id,
                    course_id=course["id"],
                    qualified_at=now,
                )
            )
    return {"people": people, "course": course["id"], "empty_course": local_api.course()["id"]}


def test_every_directory_list_reads_at_most_three_requests_a_page(local_api):
    # Given 1,600 workers, 60 trainers qualified for a course, a course with none, and venues
    seeded = _seed(local_api)
    local_api.venue()
    course, worker = seeded["course"], seeded["people"][5].id
    requests = DynamoDBRequests()
    cases = [
        ("/personnel", {}, 1),
        ("/personnel", {"search": "zeb"}, 1),  # rare: 3 of 1,600
        ("/personnel", {"search": "ZEBEDEE "}, 1),  # a full name's start
        ("/personnel", {"search": "f-0"}, 1),  # common: every employee number
        ("/personnel", {"search": "a"}, 2),
        ("/trainers", {}, 2),
        ("/trainers", {"courseId": course}, 3),
        ("/trainers", {"courseId": seeded["empty_course"]}, 2),
        ("/courses", {}, 1),
        ("/venues", {}, 1),
        (f"/courses/{course}/compliance", {}, 2),
        (f"/personnel/{worker}/compliance", {}, 2),
    ]
    for path, query, at_most in cases:
        # When the first page of 50 and the next one are read
        with requests.counting():
            first = local_api.get(path, {"limit": "50", **query})
        assert first.status == 200, (path, query, first.body)
        counts = [requests.count]
        if first.body["nextToken"]:
            with requests.counting():
                second = local_api.get(path, {"limit": "50", **query, "nextToken": first.body["nextToken"]})
            assert second.status == 200, (path, query, second.body)
            counts.append(requests.count)
        # Then each page took at most that many requests (the old reads took 4 or more where marked)
        assert max(counts) <= at_most, (path, query, counts)
    # And the rare search found exactly its three workers
    zebedees = local_api.get("/personnel", {"search": "zeb"}).body
    assert sorted(p["id"] for p in zebedees["items"]) == sorted(p.id for p in seeded["people"][:3])
    assert zebedees["nextToken"] is None


def test_a_common_search_pages_through_every_match_once_a_page_at_a_time(local_api):
    # Given 1,600 workers whose employee numbers all begin "F-"
    seeded = _seed(local_api)
    requests = DynamoDBRequests()
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        # When "f-" is searched 200 at a time, following nextToken
        query = {"search": "f-", "limit": "200", **({"nextToken": token} if token else {})}
        with requests.counting():
            reply = local_api.get("/personnel", query)
        assert reply.status == 200, reply.body
        # Then every page took at most 2 queries
        assert requests.count <= 2, requests.count
        seen += [p["id"] for p in reply.body["items"]]
        pages += 1
        token = reply.body["nextToken"]
        if token is None:
            break
        assert pages < 40, "paging never ends"
    # And every worker arrived exactly once, in employee-number order (the word they matched by)
    assert len(seen) == len(set(seen)) == WORKERS
    assert seen == [p.id for p in sorted(seeded["people"], key=lambda p: p.employee_no)]


def test_back_fill_gives_workers_of_an_older_table_their_search_entries(local_api):
    # Given workers stored as before search entries existed (their own items only)
    store = runtime.store()
    now = utc_now()
    people = [
        Personnel(
            id=new_id(),
            first_name=first,
            last_name="Older",
            email=None,
            employee_no=f"OLD-{n}",
            active=True,
            created_at=now,
            updated_at=now,
        )
        for n, first in enumerate(["Ines", "Ivo", "Uma"])
    ]
    with TableItem.batch_write() as batch:
        for person in people:
            batch.save(personnel_items(person)[0])
    assert store.personnel.search_entries_missing()
    assert local_api.get("/personnel", {"search": "older"}).body["items"] == []
    # When the back-fill script runs against the table (twice: it is safe to repeat)
    from local import backfill_personnel_search

    for _ in range(2):
        assert backfill_personnel_search.main() == 0
    # Then search finds them, and the table no longer needs it
    found = local_api.get("/personnel", {"search": "older"}).body["items"]
    assert [p["firstName"] for p in found] == ["Ines", "Ivo", "Uma"]
    assert [p["firstName"] for p in local_api.get("/personnel", {"search": "i"}).body["items"]] == ["Ines", "Ivo"]
    assert not store.personnel.search_entries_missing()
