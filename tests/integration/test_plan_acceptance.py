"""Accepting a plan on DynamoDB Local: all or nothing, through a crash and a retry, and once under a race.

The drafts and their class lists are written unlisted first (several transactions at this size), then
one transaction marks the plan accepted and lists every draft: the tests stop it at each point.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import time_machine

from tests.support import ApiClient
from titan_training.api import runtime
from titan_training.domain.callers import Caller
from titan_training.services import plans
from titan_training.store import plans as plan_store
from titan_training.store.items.plans import PlanItem

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ADMIN_CALLER = Caller("admin-user", frozenset({"hse-admin"}))
REQUEST = {"startDate": "2026-12-07", "weeks": 2, "constraints": {"timeLimitSeconds": 5}}


@pytest.fixture
def planned(local_api: ApiClient, monkeypatch: pytest.MonkeyPatch) -> tuple[ApiClient, dict, dict]:
    """A DONE plan of four sessions for 40 red workers (rooms of ten), in transactions of ten items."""
    monkeypatch.setenv("TRANSACTION_MAX_ITEMS", "10")
    runtime.reset()  # the store is rebuilt with the smaller transactions (the planner stays in-process)
    api = local_api
    course = api.course(durationMinutes=120)
    trainer = api.trainer()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    api.venue(capacity=10)
    for _ in range(40):
        someone = api.person()
        assert (
            api.put(f"/personnel/{someone['id']}/compliance/{course['id']}", {"status": "NON_COMPLIANT"}).status == 200
        )
    with time_machine.travel(NOW, tick=False):
        created = api.post("/plans", REQUEST)
        assert created.status == 202, created.body
        body = api.get(f"/plans/{created.body['id']}").body
    assert body["status"] == "DONE" and len(body["sessions"]) == 4, body
    return api, course, body


def listed(api: ApiClient, course: dict) -> list[dict]:
    return api.get("/sessions", {"courseId": course["id"]}).body["items"]


def accept(api: ApiClient, plan_id: str):
    with time_machine.travel(NOW, tick=False):
        return api.post(f"/plans/{plan_id}/accept")


def test_a_crash_before_the_last_transaction_shows_nothing_and_a_retry_completes(planned, monkeypatch):
    # Given a plan whose 4 drafts, 40 attendees, 4 history entries and 40 expiry alerts cleared take 9
    # transactions of 10 items before the last one
    api, course, body = planned
    commits: list[int] = []
    real = plan_store.Writes.commit

    def die_before_the_last(self, *args, **kwargs):
        if len(commits) == 9:
            raise ConnectionError("the function timed out")
        commits.append(len(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(plan_store.Writes, "commit", die_before_the_last)
    # When the acceptance dies before its last transaction (the function's own call, as Lambda runs it)
    with pytest.raises(ConnectionError), time_machine.travel(NOW, tick=False):
        plans.accept_plan(runtime.store(), body["id"], None, ADMIN_CALLER, NOW, "UTC")
    # Then nothing is listed and the plan is not accepted
    assert commits == [10] * 8 + [8] and listed(api, course) == []
    assert api.get(f"/plans/{body['id']}").body["acceptedAt"] is None
    # And the retry completes it: the same four drafts, with the 40 on their class lists, once
    monkeypatch.setattr(plan_store.Writes, "commit", real)
    reply = accept(api, body["id"])
    assert reply.status == 201, reply.body
    drafts = listed(api, course)
    assert sorted(d["id"] for d in drafts) == sorted(d["id"] for d in reply.body["items"])
    assert sum(len(api.get(f"/sessions/{d['id']}").body["attendees"]) for d in drafts) == 40
    histories = [api.get(f"/sessions/{d['id']}/history").body["items"] for d in drafts]
    assert [[e["action"] for e in h] for h in histories] == [["CREATED"]] * 4  # the retry rewrote the same entry


def test_two_admins_accepting_at_once_create_the_drafts_once(planned):
    # Given a DONE plan / When two admins accept it at the same moment
    api, course, body = planned
    replies = []
    threads = [threading.Thread(target=lambda: replies.append(accept(api, body["id"]))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one is 201 and the other 409; four drafts exist, once
    assert sorted(reply.status for reply in replies) == [201, 409], [r.body for r in replies]
    assert len(listed(api, course)) == 4
    stored = PlanItem.get(*PlanItem.key(body["id"]), consistent_read=True)
    assert len(stored.accepted_session_ids) == 4
