"""Calendar feeds against DynamoDB Local: bounded reads (request counts, not times), racing token
issues (exactly one token survives), and the back-fill of class-list entries written before the
worker's `ATTENDING#` keys existed."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import icalendar
import pytest

from local import backfill_attendee_keys
from local.request_count import DynamoDBRequests
from tests.handlers.test_post_session import scheduled_class
from tests.support import BASE, ApiClient
from titan_training.api import runtime
from titan_training.store.items.sessions import AttendeeItem


@pytest.fixture
def counter(local_table) -> Iterator[DynamoDBRequests]:
    requests = DynamoDBRequests()
    yield requests
    requests.detach()


def read_feed(api: ApiClient, kind: str, owner_id: str, token: str) -> dict:
    return api.gateway.invoke("GET", f"{BASE}/calendar/{kind}/{owner_id}.ics", query={"token": token})


def uids(response: dict) -> set[str]:
    assert response["statusCode"] == 200, response.get("body")
    return {str(event["UID"]) for event in icalendar.Calendar.from_ical(response["body"]).events}


def token(api: ApiClient, kind: str, owner_id: str) -> str:
    reply = api.post(f"/calendar/{kind}/{owner_id}/token")
    assert reply.status == 200, reply.body
    return reply.body["token"]


def test_a_feed_is_read_in_a_fixed_number_of_requests(local_api, counter):
    # Given a worker on three sessions of three trainers, and a trainer with those sessions' one
    classes = [
        scheduled_class(local_api, people=1, start=timedelta(days=d), end=timedelta(days=d, hours=2)) for d in (1, 2, 3)
    ]
    worker = classes[0].people[0]["id"]
    for klass in classes[1:]:
        reply = local_api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [worker]})
        assert reply.status == 200, reply.body
    worker_token = token(local_api, "personnel", worker)
    trainer_token = token(local_api, "trainers", classes[0].trainer["id"])
    # When each feed is read
    with counter.counting():
        worker_feed = read_feed(local_api, "personnel", worker, worker_token)
    worker_requests = counter.count
    with counter.counting():
        trainer_feed = read_feed(local_api, "trainers", classes[0].trainer["id"], trainer_token)
    trainer_requests = counter.count
    # Then they hold the sessions, read in 4 requests each: the token, the index query, (the worker's
    # sessions in one batch read,) the names in one batch read
    assert uids(worker_feed) == {f"{klass.session_id}@titan-training" for klass in classes}
    assert uids(trainer_feed) == {f"{classes[0].session_id}@titan-training"}
    assert worker_requests == 4
    assert trainer_requests == 3
    # And a wrong token costs one read
    with counter.counting():
        assert read_feed(local_api, "personnel", worker, "wrong")["statusCode"] == 404
    assert counter.count == 1


def test_racing_token_issues_leave_exactly_one_working_token(local_api):
    # Given a trainer
    trainer = local_api.trainer()
    # When eight tokens are issued at once
    with ThreadPoolExecutor(max_workers=8) as pool:
        tokens = list(pool.map(lambda _: token(local_api, "trainers", trainer["id"]), range(8)))
    # Then exactly one of them opens the feed
    statuses = [read_feed(local_api, "trainers", trainer["id"], t)["statusCode"] for t in tokens]
    assert sorted(statuses) == [200] + [404] * 7


def test_class_list_entries_without_the_workers_keys_get_them_from_the_backfill(local_api):
    # Given a worker on a session whose class-list entry was written before the ATTENDING# keys existed
    klass = scheduled_class(local_api, people=1, start=timedelta(days=1), end=timedelta(days=1, hours=2))
    worker = klass.people[0]["id"]
    AttendeeItem(*AttendeeItem.key(klass.session_id, worker)).update(
        actions=[AttendeeItem.list_pk.remove(), AttendeeItem.list_sk.remove()]
    )
    feed_token = token(local_api, "personnel", worker)
    assert uids(read_feed(local_api, "personnel", worker, feed_token)) == set()
    # When the back-fill runs (`python -m local.backfill_attendee_keys`, and `make run` on a kept table)
    assert backfill_attendee_keys.main() == 0
    # Then the session is in the worker's feed, and a second run has nothing to do
    assert uids(read_feed(local_api, "personnel", worker, feed_token)) == {f"{klass.session_id}@titan-training"}
    assert runtime.store().sessions.backfill_attendee_keys() == 0
