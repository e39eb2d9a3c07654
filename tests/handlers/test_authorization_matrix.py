"""Who may call what: every route of template.yaml x five callers, the expected status written once.

The callers: anonymous (no identity), a login in no group, a trainer not assigned to the session the
request names, the session's assigned trainer (the trainer whose `userId` is their login), and an
hse-admin. Each route gets a real, valid request on a world built for it (an upcoming session with a
class list, one that has ended with attendance marked and the sheet uploaded, one COMPLETED with a
competency record pending verification), so a status says who may call, not what was wrong with the
request: the admin column is every route's success. The test is generated from template.yaml's
routes, so a new route without a row here fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

import boto3
import pytest

from local.events import claims_for
from local.template import api_routes
from tests.support import ADMIN, BASE, ApiClient, suffix
from titan_training.domain.clock import format_instant

PLAN_REQUEST = {"startDate": "2026-12-07", "weeks": 1, "constraints": {"timeLimitSeconds": 1}}
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def at(hours: float) -> str:
    return format_instant(datetime.now(UTC) + timedelta(hours=hours))


class World:
    """What the requests name: built per route, each session only when a request asks for it."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api
        self.course = api.course(requiresVerification=True)
        self.own_login, self.other_login = f"own-{suffix()}", f"other-{suffix()}"
        self.own = api.trainer(userId=self.own_login)  # assigned to every session below
        self.other = api.trainer(userId=self.other_login)  # a trainer too, assigned to none of them
        for trainer in (self.own, self.other):
            assert api.put(f"/trainers/{trainer['id']}/qualifications/{self.course['id']}").status == 200
        self.second_course = api.course()
        self.venue = api.venue()
        self.person = api.person()

    def _session(self, start: float, end: float, people: int = 1) -> tuple[str, list[str]]:
        """A SCHEDULED session of the own trainer from `start` to `end` hours from now, with people listed."""
        draft = self.api.post("/sessions/draft", {"courseId": self.course["id"]})
        assert draft.status == 201, draft.body
        plan = {"trainerId": self.own["id"], "venueId": self.venue["id"], "startTime": at(start), "endTime": at(end)}
        assert self.api.patch(f"/sessions/{draft.body['id']}/schedule", plan).status == 200
        listed = [self.api.person()["id"] for _ in range(people)]
        added = self.api.post(f"/sessions/{draft.body['id']}/attendees", {"personnelIds": listed})
        assert added.status == 200, added.body
        return draft.body["id"], listed

    def _marked_and_uploaded(self, session_id: str, listed: list[str]) -> None:
        entries = [{"personnelId": pid, "status": "ATTENDED", "result": "PASSED"} for pid in listed]
        assert self.api.patch(f"/sessions/{session_id}/attendance", {"entries": entries}).status == 200
        form = self.api.post(f"/sessions/{session_id}/evidence")
        assert form.status == 200, form.body
        boto3.client("s3").put_object(Bucket=os.environ["EVIDENCE_BUCKET"], Key=form.body["fileKey"], Body=PDF)

    @cached_property
    def draft(self) -> str:
        """A DRAFT of the own trainer, with no time yet."""
        reply = self.api.post("/sessions/draft", {"courseId": self.course["id"], "trainerId": self.own["id"]})
        assert reply.status == 201, reply.body
        return reply.body["id"]

    @cached_property
    def upcoming(self) -> tuple[str, str]:
        """A SCHEDULED session tomorrow and the one person on its class list."""
        session_id, [listed] = self._session(24, 26)
        return session_id, listed

    @cached_property
    def ended(self) -> tuple[str, str]:
        """A SCHEDULED session that ended an hour ago: its attendee marked PASSED, the sheet uploaded."""
        session_id, listed = self._session(-3, -1)
        self._marked_and_uploaded(session_id, listed)
        return session_id, listed[0]

    @cached_property
    def completed(self) -> str:
        """A COMPLETED session: its PASSED attendee's competency record awaits verification."""
        session_id, listed = self._session(-8, -6)
        self._marked_and_uploaded(session_id, listed)
        assert self.api.post(f"/sessions/{session_id}/finalize").status == 200
        return session_id

    @cached_property
    def pending_record(self) -> str:
        records = self.api.get(f"/sessions/{self.completed}/records").body["competencyRecords"]
        assert [r["status"] for r in records] == ["PENDING_VERIFICATION"], records
        return records[0]["id"]

    @cached_property
    def plan(self) -> str:
        """A plan the admin requested (computed at once by the in-process planner)."""
        reply = self.api.post("/plans", PLAN_REQUEST)
        assert reply.status == 202, reply.body
        return reply.body["id"]

    def feed_token(self, kind: str, owner_id: str) -> str:
        reply = self.api.post(f"/calendar/{kind}/{owner_id}/token")
        assert reply.status == 200, reply.body
        return reply.body["token"]

    def slot(self, start: float) -> dict[str, str]:
        return {
            "trainerId": self.own["id"],
            "venueId": self.venue["id"],
            "startTime": at(start),
            "endTime": at(start + 2),
        }


@dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, str] | None = None
    body: Any = None
    headers: dict[str, str] | None = None


CALLERS = ("anonymous", "no group", "trainer not assigned", "assigned trainer", "hse-admin")

# Who gets which status, one row per route of template.yaml (under the base path). Columns, as CALLERS:
# anonymous, a login in no group, a trainer not assigned to the session, its own trainer, an hse-admin.
# fmt: off
STATUSES: dict[str, tuple[int, int, int, int, int]] = {
    #                                                          anon  none  other own   admin
    "GET /config":                                            (200,  200,  200,  200,  200),
    "POST /courses":                                          (401,  403,  403,  403,  201),
    "GET /courses":                                           (401,  403,  200,  200,  200),
    "GET /courses/{courseId}":                                (401,  403,  200,  200,  200),
    "PATCH /courses/{courseId}":                              (401,  403,  403,  403,  200),
    "GET /courses/{courseId}/compliance":                     (401,  403,  403,  403,  200),
    "GET /courses/{courseId}/workers":                        (401,  403,  403,  403,  200),
    "GET /compliance/summary":                                (401,  403,  403,  403,  200),
    "POST /personnel":                                        (401,  403,  403,  403,  201),
    "GET /personnel":                                         (401,  403,  403,  403,  200),
    "GET /personnel/{personnelId}":                           (401,  403,  403,  403,  200),
    "PATCH /personnel/{personnelId}":                         (401,  403,  403,  403,  200),
    "GET /personnel/{personnelId}/compliance":                (401,  403,  403,  403,  200),
    "PUT /personnel/{personnelId}/compliance/{courseId}":     (401,  403,  403,  403,  200),
    "GET /personnel/{personnelId}/training-records":          (401,  403,  403,  403,  200),
    "POST /trainers":                                         (401,  403,  403,  403,  201),
    "GET /trainers":                                          (401,  403,  200,  200,  200),
    "GET /trainers/{trainerId}":                              (401,  403,  200,  200,  200),
    "PATCH /trainers/{trainerId}":                            (401,  403,  403,  403,  200),
    "PUT /trainers/{trainerId}/qualifications/{courseId}":    (401,  403,  403,  403,  200),
    "DELETE /trainers/{trainerId}/qualifications/{courseId}": (401,  403,  403,  403,  204),
    "POST /venues":                                           (401,  403,  403,  403,  201),
    "GET /venues":                                            (401,  403,  200,  200,  200),
    "GET /venues/{venueId}":                                  (401,  403,  200,  200,  200),
    "PATCH /venues/{venueId}":                                (401,  403,  403,  403,  200),
    "GET /availability":                                      (401,  403,  403,  403,  200),
    "POST /sessions/draft":                                   (401,  403,  403,  403,  201),
    "POST /sessions/recurring-drafts":                        (401,  403,  403,  403,  201),
    "GET /sessions":                                          (401,  403,  200,  200,  200),
    "GET /sessions/{sessionId}":                              (401,  403,  403,  200,  200),
    "PATCH /sessions/{sessionId}":                            (401,  403,  403,  403,  200),
    "DELETE /sessions/{sessionId}":                           (401,  403,  403,  403,  204),
    "PATCH /sessions/{sessionId}/schedule":                   (401,  403,  403,  403,  200),
    "POST /sessions/{sessionId}/cancel":                      (401,  403,  403,  403,  200),
    "POST /sessions/{sessionId}/attendees":                   (401,  403,  403,  403,  200),
    "DELETE /sessions/{sessionId}/attendees/{personnelId}":   (401,  403,  403,  403,  200),
    "GET /sessions/{sessionId}/attendee-suggestions":         (401,  403,  403,  403,  200),
    "PATCH /sessions/{sessionId}/attendance":                 (401,  403,  403,  200,  200),
    "POST /sessions/{sessionId}/evidence":                    (401,  403,  403,  200,  200),
    "GET /sessions/{sessionId}/evidence":                     (401,  403,  403,  200,  200),
    "POST /sessions/{sessionId}/finalize":                    (401,  403,  403,  403,  200),
    "GET /sessions/{sessionId}/records":                      (401,  403,  403,  200,  200),
    "GET /sessions/{sessionId}/history":                      (401,  403,  403,  403,  200),
    "GET /competency-records":                                (401,  403,  403,  403,  200),
    "POST /competency-records/{recordId}/verify":             (401,  403,  403,  403,  200),
    "POST /plans":                                            (401,  403,  403,  403,  202),
    "GET /plans/{planId}":                                    (401,  403,  403,  403,  200),
    "POST /plans/{planId}/accept":                            (401,  403,  403,  403,  409),
    "POST /imports/personnel":                                (401,  403,  403,  403,  200),
    "POST /imports/compliance":                               (401,  403,  403,  403,  200),
    "GET /alerts":                                            (401,  403,  403,  403,  200),
    "POST /calendar/trainers/{trainerId}/token":              (401,  403,  403,  200,  200),
    "POST /calendar/personnel/{personnelId}/token":           (401,  403,  403,  403,  200),
    "GET /calendar/trainers/{trainerId}":                     (200,  200,  200,  200,  200),
    "GET /calendar/personnel/{personnelId}":                  (200,  200,  200,  200,  200),
}
# fmt: on

# The request each route is sent: valid, so only who is calling decides its status.
REQUESTS: dict[str, Callable[[World], Request]] = {
    "GET /config": lambda w: Request("/config"),
    "POST /courses": lambda w: Request("/courses", body={"name": "New", "code": f"N-{suffix()}"}),
    "GET /courses": lambda w: Request("/courses"),
    "GET /courses/{courseId}": lambda w: Request(f"/courses/{w.course['id']}"),
    "PATCH /courses/{courseId}": lambda w: Request(f"/courses/{w.course['id']}", body={"name": "Renamed"}),
    "GET /courses/{courseId}/compliance": lambda w: Request(f"/courses/{w.course['id']}/compliance"),
    "GET /courses/{courseId}/workers": lambda w: Request(f"/courses/{w.course['id']}/workers", {"group": "1"}),
    "GET /compliance/summary": lambda w: Request("/compliance/summary"),
    "POST /personnel": lambda w: Request(
        "/personnel", body={"firstName": "Ann", "lastName": "New", "employeeNo": f"E-{suffix()}"}
    ),
    "GET /personnel": lambda w: Request("/personnel", {"search": w.person["lastName"]}),
    "GET /personnel/{personnelId}": lambda w: Request(f"/personnel/{w.person['id']}"),
    "PATCH /personnel/{personnelId}": lambda w: Request(f"/personnel/{w.person['id']}", body={"firstName": "Renamed"}),
    "GET /personnel/{personnelId}/compliance": lambda w: Request(f"/personnel/{w.person['id']}/compliance"),
    "PUT /personnel/{personnelId}/compliance/{courseId}": lambda w: Request(
        f"/personnel/{w.person['id']}/compliance/{w.course['id']}", body={"status": "PENDING"}
    ),
    "GET /personnel/{personnelId}/training-records": lambda w: Request(f"/personnel/{w.person['id']}/training-records"),
    "POST /trainers": lambda w: Request("/trainers", body={"firstName": "Tia", "lastName": "New"}),
    "GET /trainers": lambda w: Request("/trainers", {"courseId": w.course["id"]}),
    "GET /trainers/{trainerId}": lambda w: Request(f"/trainers/{w.own['id']}"),
    "PATCH /trainers/{trainerId}": lambda w: Request(f"/trainers/{w.own['id']}", body={"firstName": "Renamed"}),
    "PUT /trainers/{trainerId}/qualifications/{courseId}": lambda w: Request(
        f"/trainers/{w.own['id']}/qualifications/{w.second_course['id']}"
    ),
    "DELETE /trainers/{trainerId}/qualifications/{courseId}": lambda w: Request(
        f"/trainers/{w.other['id']}/qualifications/{w.course['id']}"
    ),
    "POST /venues": lambda w: Request("/venues", body={"name": "Hall", "capacity": 5}),
    "GET /venues": lambda w: Request("/venues"),
    "GET /venues/{venueId}": lambda w: Request(f"/venues/{w.venue['id']}"),
    "PATCH /venues/{venueId}": lambda w: Request(f"/venues/{w.venue['id']}", body={"capacity": 30}),
    "GET /availability": lambda w: Request(
        "/availability", {"trainerId": w.own["id"], "startTime": at(1), "endTime": at(2)}
    ),
    "POST /sessions/draft": lambda w: Request("/sessions/draft", body={"courseId": w.course["id"]}),
    "POST /sessions/recurring-drafts": lambda w: Request(
        "/sessions/recurring-drafts",
        body={
            "courseId": w.course["id"],
            "startTime": at(48),
            "endTime": at(50),
            "recurrence": {"frequency": "DAILY", "count": 2},
        },
    ),
    "GET /sessions": lambda w: Request("/sessions"),
    "GET /sessions/{sessionId}": lambda w: Request(f"/sessions/{w.upcoming[0]}"),
    "PATCH /sessions/{sessionId}": lambda w: Request(f"/sessions/{w.draft}", body={"venueId": w.venue["id"]}),
    "DELETE /sessions/{sessionId}": lambda w: Request(f"/sessions/{w.draft}"),
    "PATCH /sessions/{sessionId}/schedule": lambda w: Request(f"/sessions/{w.draft}/schedule", body=w.slot(48)),
    "POST /sessions/{sessionId}/cancel": lambda w: Request(f"/sessions/{w.upcoming[0]}/cancel"),
    "POST /sessions/{sessionId}/attendees": lambda w: Request(
        f"/sessions/{w.upcoming[0]}/attendees", body={"personnelIds": [w.person["id"]]}
    ),
    "DELETE /sessions/{sessionId}/attendees/{personnelId}": lambda w: Request(
        f"/sessions/{w.upcoming[0]}/attendees/{w.upcoming[1]}"
    ),
    "GET /sessions/{sessionId}/attendee-suggestions": lambda w: Request(
        f"/sessions/{w.upcoming[0]}/attendee-suggestions"
    ),
    "PATCH /sessions/{sessionId}/attendance": lambda w: Request(
        f"/sessions/{w.ended[0]}/attendance",
        body={"entries": [{"personnelId": w.ended[1], "status": "ATTENDED", "result": "FAILED"}]},
    ),
    "POST /sessions/{sessionId}/evidence": lambda w: Request(f"/sessions/{w.ended[0]}/evidence"),
    "GET /sessions/{sessionId}/evidence": lambda w: Request(f"/sessions/{w.ended[0]}/evidence"),
    "POST /sessions/{sessionId}/finalize": lambda w: Request(f"/sessions/{w.ended[0]}/finalize"),
    "GET /sessions/{sessionId}/records": lambda w: Request(f"/sessions/{w.completed}/records"),
    "GET /sessions/{sessionId}/history": lambda w: Request(f"/sessions/{w.completed}/history"),
    "GET /competency-records": lambda w: Request("/competency-records"),
    "POST /competency-records/{recordId}/verify": lambda w: Request(
        f"/competency-records/{w.pending_record}/verify", body={"outcome": "VERIFIED"}
    ),
    "POST /plans": lambda w: Request("/plans", body=PLAN_REQUEST),
    "GET /plans/{planId}": lambda w: Request(f"/plans/{w.plan}"),
    # The world's plan proposes nothing (no red worker): the admin's answer is the 409 saying so.
    "POST /plans/{planId}/accept": lambda w: Request(f"/plans/{w.plan}/accept"),
    "POST /imports/personnel": lambda w: Request(
        "/imports/personnel",
        body=f"first name,last name,employee number\nIma,Port,I-{suffix()}\n",
        headers={"Content-Type": "text/csv"},
    ),
    "POST /imports/compliance": lambda w: Request(
        "/imports/compliance",
        body=f"employee number,course code,status\n{w.person['employeeNo']},{w.course['code']},PENDING\n",
        headers={"Content-Type": "text/csv"},
    ),
    "GET /alerts": lambda w: Request("/alerts"),
    "POST /calendar/trainers/{trainerId}/token": lambda w: Request(f"/calendar/trainers/{w.own['id']}/token"),
    "POST /calendar/personnel/{personnelId}/token": lambda w: Request(f"/calendar/personnel/{w.person['id']}/token"),
    # The feeds need no identity: their own token (issued by an hse-admin here) opens them to anyone.
    "GET /calendar/trainers/{trainerId}": lambda w: Request(
        f"/calendar/trainers/{w.own['id']}.ics", {"token": w.feed_token("trainers", w.own["id"])}
    ),
    "GET /calendar/personnel/{personnelId}": lambda w: Request(
        f"/calendar/personnel/{w.person['id']}.ics", {"token": w.feed_token("personnel", w.person["id"])}
    ),
}

ROUTES = {f"{route.method} {route.path.removeprefix(BASE)}": route for route in api_routes()}


def test_every_row_is_a_route_of_the_template():
    # Given the routes template.yaml declares / Then the tables name no route that is not one of them
    assert sorted((set(STATUSES) | set(REQUESTS)) - set(ROUTES)) == []


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_who_may_call_the_route(api, route):
    # Given the route's row (a route without one fails here) and a world for its request
    if route not in STATUSES or route not in REQUESTS:
        pytest.fail(f"{route} has no row in STATUSES or REQUESTS: write down who may call it, and how")
    world = World(api)
    request = REQUESTS[route](world)
    method = route.split(" ")[0]
    callers = {
        "anonymous": None,
        "no group": claims_for(f"nobody-{suffix()}", None),
        "trainer not assigned": claims_for(world.other_login, "trainer"),
        "assigned trainer": claims_for(world.own_login, "trainer"),
        "hse-admin": ADMIN,
    }
    # When each caller sends it, in this order (only the last two may change anything)
    got = {}
    for name in CALLERS:
        reply = api.call(
            method, request.path, body=request.body, query=request.query, caller=callers[name], headers=request.headers
        )
        got[name] = reply.status
        if reply.status in (401, 403):
            assert reply.body["statusCode"] == reply.status and reply.body["message"], reply.body
    # Then each gets the status written in the row
    assert got == dict(zip(CALLERS, STATUSES[route], strict=True))
