"""The latest completion wins, whatever order sessions are finalized and competencies verified in.

One worker, one 12-month course, two sessions: an older one (ended about five months ago) and a
newer one (about three weeks ago), each with a result in {PASSED, FAILED, pending verification,
verified}. Every order of the events (finalize each session; verify each verified one after its
finalize) must leave the same compliance item: the one the results give in order of completion.
Both sessions end at 23:30 UTC, which is already the next day on a London summer site.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.handlers.test_post_session import (
    compliance,
    comply,
    entry,
    finalize,
    history,
    mark,
    now,
    records,
    scheduled_class,
    upload,
)
from tests.support import ApiClient
from titan_training.api import runtime

KINDS = ("PASSED", "FAILED", "PENDING", "VERIFIED")

# What the two results give, in order of completion (older first): the newer result wins, except
# that a fail or a pass awaiting verification never lowers a pass that is still valid.
# ("COMPLIANT", "older"/"newer") names whose expiry the item carries.
EXPECTED = {
    ("PASSED", "PASSED"): ("COMPLIANT", "newer"),
    ("PASSED", "FAILED"): ("COMPLIANT", "older"),
    ("PASSED", "PENDING"): ("COMPLIANT", "older"),
    ("PASSED", "VERIFIED"): ("COMPLIANT", "newer"),
    ("FAILED", "PASSED"): ("COMPLIANT", "newer"),
    ("FAILED", "FAILED"): ("NON_COMPLIANT", None),
    ("FAILED", "PENDING"): ("PENDING", None),
    ("FAILED", "VERIFIED"): ("COMPLIANT", "newer"),
    ("PENDING", "PASSED"): ("COMPLIANT", "newer"),
    ("PENDING", "FAILED"): ("NON_COMPLIANT", None),
    ("PENDING", "PENDING"): ("PENDING", None),
    ("PENDING", "VERIFIED"): ("COMPLIANT", "newer"),
    ("VERIFIED", "PASSED"): ("COMPLIANT", "newer"),
    ("VERIFIED", "FAILED"): ("COMPLIANT", "older"),
    ("VERIFIED", "PENDING"): ("COMPLIANT", "older"),
    ("VERIFIED", "VERIFIED"): ("COMPLIANT", "newer"),
}


def event_orders(older: str, newer: str) -> Iterator[tuple[tuple[str, str], ...]]:
    """Every order of finalize(older), finalize(newer) and verify(s) of each VERIFIED one, each verify
    after its own session's finalize."""
    events = [("finalize", "older"), ("finalize", "newer")]
    events += [("verify", name) for name, kind in (("older", older), ("newer", newer)) if kind == "VERIFIED"]
    for order in itertools.permutations(events):
        if all(
            order.index(("finalize", name)) < order.index(("verify", name)) for step, name in order if step == "verify"
        ):
            yield order


CASES = [
    pytest.param(site, older, newer, order, id=f"{site}-{older}-{newer}-" + ",".join(f"{s[0]}:{n}" for s, n in order))
    for site in ("UTC", "Europe/London")
    for older, newer in itertools.product(KINDS, KINDS)
    for order in event_orders(older, newer)
]


@pytest.fixture
def site(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, api: ApiClient) -> str:
    zone = request.param
    monkeypatch.setenv("SITE_TIMEZONE", zone)
    runtime.reset()
    return zone


def plus_twelve_months(day: date) -> date:
    """Computed here, not by the app: the same day a year later, 29 Feb becoming 28 Feb."""
    return day.replace(year=day.year + 1, day=min(day.day, calendar.monthrange(day.year + 1, day.month)[1]))


@dataclass
class Delivered:
    kind: str
    session_id: str
    end: datetime
    completion_date: str
    expiry_date: str


def deliver(api: ApiClient, course: dict[str, Any], person: dict[str, Any], kind: str, days_ago: int, zone: str):
    """A session of the course that ended `days_ago` days ago at 23:30 UTC, the worker marked for `kind`."""
    day = (now() - timedelta(days=days_ago)).date()
    end = datetime.combine(day, time(23, 30), ZoneInfo("UTC"))
    klass = scheduled_class(api, people=0, course=course, start=end - timedelta(hours=2), end=end)
    reply = api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [person["id"]]})
    assert reply.status == 200, reply.body
    result = "FAILED" if kind == "FAILED" else "PASSED"
    assert mark(api, klass.session_id, [entry(person["id"], "ATTENDED", result)]).status == 200
    upload(api, klass.session_id)
    completed = end.astimezone(ZoneInfo(zone)).date()
    return Delivered(kind, klass.session_id, end, completed.isoformat(), plus_twelve_months(completed).isoformat())


def finalize_as(api: ApiClient, course: dict[str, Any], delivered: Delivered) -> None:
    """Finalize; the course needs verification for the results that go through it (the admin switches
    it between sessions, the only way one course has both kinds of pass)."""
    needs = delivered.kind in ("PENDING", "VERIFIED")
    assert api.patch(f"/courses/{course['id']}", {"requiresVerification": needs}).status == 200
    reply = finalize(api, delivered.session_id)
    assert reply.status == 200, reply.body


def verify(api: ApiClient, delivered: Delivered) -> None:
    [pending] = records(api, delivered.session_id)["competencyRecords"]
    reply = api.post(f"/competency-records/{pending['id']}/verify", {"outcome": "VERIFIED"})
    assert reply.status == 200, reply.body


@pytest.mark.parametrize(("site", "older_kind", "newer_kind", "order"), CASES, indirect=["site"])
def test_the_latest_completion_wins_in_any_order(
    api: ApiClient, site: str, older_kind: str, newer_kind: str, order: tuple[tuple[str, str], ...]
) -> None:
    # Given a red worker and two delivered sessions of a 12-month course, ready to finalize
    course = api.course(validityMonths=12)
    person = api.person()
    comply(api, person["id"], course["id"], "NON_COMPLIANT", None)
    sessions = {
        "older": deliver(api, course, person, older_kind, 150, site),
        "newer": deliver(api, course, person, newer_kind, 20, site),
    }
    # When the sessions are finalized and the competencies verified in this order
    for step, name in order:
        if step == "finalize":
            finalize_as(api, course, sessions[name])
        else:
            verify(api, sessions[name])
    # Then the item is what the results give in order of completion
    status, whose = EXPECTED[(older_kind, newer_kind)]
    item = compliance(api, person["id"], course["id"])
    expiry = sessions[whose].expiry_date if whose else None
    assert (item["status"], item["expiryDate"]) == (status, expiry)
    # And every result is still on record: a training record for each decided one, on its site days
    written = {r["sessionId"]: r for r in history(api, person["id"])}
    decided = {s.session_id: s for s in sessions.values() if s.kind != "PENDING"}
    assert set(written) == set(decided)
    for session_id, delivered in decided.items():
        record = written[session_id]
        assert record["result"] == ("FAILED" if delivered.kind == "FAILED" else "PASSED")
        assert record["completionDate"] == delivered.completion_date
        assert record["expiryDate"] == (None if delivered.kind == "FAILED" else delivered.expiry_date)
    # And a pass still awaiting verification is still in the queue
    for delivered in sessions.values():
        competency = records(api, delivered.session_id)["competencyRecords"]
        if delivered.kind in ("PENDING", "VERIFIED"):
            assert [c["status"] for c in competency] == [
                "PENDING_VERIFICATION" if delivered.kind == "PENDING" else "VERIFIED"
            ]
            assert competency[0]["completionDate"] == delivered.completion_date


@pytest.mark.parametrize("site", ["UTC"], indirect=True)
@pytest.mark.parametrize("rejected", ["older", "newer"])
def test_a_rejected_competency_never_turns_a_validly_compliant_worker_red(api: ApiClient, site: str, rejected: str):
    # Given a worker who passed one session and is awaiting verification of the other
    course = api.course(validityMonths=12)
    person = api.person()
    kinds = {"older": "PASSED", "newer": "PASSED"} | {rejected: "PENDING"}
    sessions = {
        name: deliver(api, course, person, kinds[name], days, site) for name, days in (("older", 150), ("newer", 20))
    }
    for delivered in sessions.values():
        finalize_as(api, course, delivered)
    passed = next(s for name, s in sessions.items() if name != rejected)
    # When the pending one is rejected
    [pending] = records(api, sessions[rejected].session_id)["competencyRecords"]
    reply = api.post(f"/competency-records/{pending['id']}/verify", {"outcome": "REJECTED"})
    assert reply.status == 200, reply.body
    # Then the worker stays COMPLIANT until the pass's expiry
    item = compliance(api, person["id"], course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", passed.expiry_date)
