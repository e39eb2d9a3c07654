"""Racing requests with one `Idempotency-Key`, against DynamoDB Local (moto does not serialize racing writes).

Deployed, requests that race run in separate Lambda execution environments; the local gateway gives
each concurrent invocation its own environment too (local/handlers.py), so racers go through it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from local.dynamodb_local import client
from local.template import time_to_live
from tests.support import ApiClient, Reply, suffix
from titan_training.api.idempotency import HEADER, REPLAYED_HEADER

pytestmark = pytest.mark.dynamodb_local

RACERS = 10


def race(actions: list[Callable[[], Reply]]) -> list[Reply]:
    """Run each action on its own thread, all released together by a barrier."""
    start = threading.Barrier(len(actions))

    def racer(action: Callable[[], Reply]) -> Reply:
        start.wait(timeout=30)
        return action()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(racer, actions))


def venues(api: ApiClient, _: dict[str, Any]) -> list[str]:
    return [venue["id"] for venue in api.get("/venues", {"limit": "200"}).body["items"]]


def drafts(api: ApiClient, body: dict[str, Any]) -> list[str]:
    return [s["id"] for s in api.get("/sessions", {"courseId": body["courseId"], "limit": "200"}).body["items"]]


@pytest.mark.parametrize("route", ["/venues", "/sessions/draft"])
def test_racing_requests_with_one_key_make_exactly_one_entity(local_api, route):
    # Given a create that nothing else makes unique (two venues or drafts may be alike), and one key
    if route == "/venues":
        body, listed = {"name": f"Room {suffix()}", "capacity": 20}, venues
    else:
        body, listed = {"courseId": local_api.course()["id"]}, drafts
    key = {HEADER: str(uuid.uuid4())}
    # When ten copies of the request race with that key (a client retrying over a flaky network)
    replies = race([lambda: local_api.post(route, body, headers=key)] * RACERS)
    # Then exactly one ran: exactly one entity exists
    (made,) = listed(local_api, body)
    ran = [reply for reply in replies if reply.status == 201 and REPLAYED_HEADER not in reply.headers]
    assert len(ran) == 1, [(reply.status, reply.body) for reply in replies]
    assert ran[0].body["id"] == made
    # And every other got the first's response, or a 409 saying the first is still in progress
    for reply in replies:
        if reply.status == 201:
            assert reply.body == ran[0].body
        else:
            assert reply.status == 409, reply.body
            assert reply.body["details"][0]["type"] == "idempotency_key_in_progress"
    # And a retry once all is done gets the first response
    again = local_api.post(route, body, headers=key)
    assert (again.status, again.body, again.headers.get(REPLAYED_HEADER)) == (201, ran[0].body, "true")


def test_racing_requests_with_different_keys_each_run(local_api):
    # Given ten different keys for the same venue body (ten intended creates, not retries)
    body = {"name": f"Room {suffix()}", "capacity": 20}
    keys = [{HEADER: str(uuid.uuid4())} for _ in range(RACERS)]
    # When they race
    replies = race([lambda key=key: local_api.post("/venues", body, headers=key) for key in keys])
    # Then each made its own venue
    assert [reply.status for reply in replies] == [201] * RACERS
    assert len(set(venues(local_api, body))) == RACERS


def test_the_local_table_expires_records_by_the_attribute_the_template_names(local_table, dynamodb_local):
    # Given a table made as `make run` and the tests make it (from template.yaml)
    described = client(dynamodb_local.endpoint_url).describe_time_to_live(TableName=local_table)
    # Then its TTL is on, on the attribute the template declares for the idempotency records
    assert described["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
    assert described["TimeToLiveDescription"]["AttributeName"] == time_to_live()["AttributeName"]
