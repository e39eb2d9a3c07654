"""The local gateway keeps concurrent invocations apart, as Lambda's execution environments do.

Powertools keeps the current event on its resolver's base class and the matched route on the
resolver: one invocation per process in Lambda, but the local server and the in-process tests run
requests on threads. Each must still read its own identity and body.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from local.events import claims_for
from tests.handlers.test_post_session import scheduled_class
from tests.support import ApiClient
from titan_training.api import runtime
from titan_training.services import venues


def test_two_trainers_asking_at_once_are_each_seen_as_themselves(api: ApiClient, monkeypatch) -> None:
    # Given two sessions, each with its own trainer login
    sessions = [scheduled_class(api, people=1) for _ in range(2)]
    # And a function that reads the caller only after both requests have arrived
    both_arrived = threading.Barrier(2, timeout=10)
    evidence = runtime.evidence

    def after_both(*args: Any) -> Any:
        both_arrived.wait()
        return evidence(*args)

    after_both.cache_clear = evidence.cache_clear  # type: ignore[attr-defined]  # runtime.reset() calls it
    monkeypatch.setattr(runtime, "evidence", after_both)
    # When each trainer asks for their own session's upload form at the same moment
    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(
            pool.map(
                lambda k: api.post(f"/sessions/{k.session_id}/evidence", caller=claims_for(k.login, "trainer")),
                sessions,
            )
        )
    # Then both are answered as their own trainer (not one of them refused as the other)
    assert [r.status for r in replies] == [200, 200], [r.body for r in replies]
    assert [r.body["fileKey"].split("/")[1] for r in replies] == [k.session_id for k in sessions]


def test_two_requests_in_one_function_at_once_each_get_their_own_answer(api: ApiClient, monkeypatch) -> None:
    # Given a venue create that waits until a second one is inside the same function, and then lets
    # the second finish first
    both_inside = threading.Barrier(2, timeout=10)
    create = venues.create_venue

    def overlapping(store: Any, venue: Any, now: Any) -> Any:
        both_inside.wait()
        if venue.name == "Room First":
            time.sleep(0.3)
        return create(store, venue, now)

    monkeypatch.setattr(venues, "create_venue", overlapping)
    # When both are sent at once, each with its own idempotency key (the route's context is used after)
    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(
            pool.map(
                lambda name: api.post("/venues", {"name": name, "capacity": 10}, headers={"Idempotency-Key": name}),
                ["Room First", "Room Second"],
            )
        )
    # Then each is answered for its own request
    assert [(r.status, r.body["name"]) for r in replies] == [(201, "Room First"), (201, "Room Second")]
