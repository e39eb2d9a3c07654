"""The load test's users (locust): HSE admins at work on the local server that bench/load.py starts.

Not run on its own: bench/load.py seeds a course, a trainer per user and venues, writes them to the
JSON file named by LOAD_SETUP, and runs locust on this file; every request's name, status and time go
to the JSON file named by LOAD_SAMPLES when the run stops, from which bench/load.py builds its table.
Each user books only its own trainer, so its bookings are free slots; one in ten asks again for a slot
it booked already, a 409 clash, which the console then deletes the draft of.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from locust import HttpUser, between, events, task

from bench.load import (
    ADMIN_HEADERS,
    API_PATH,
    CLASH,
    GROUPS,
    require_loopback,
)

SETUP = json.loads(Path(os.environ["LOAD_SETUP"]).read_text()) if os.environ.get("LOAD_SETUP") else {}
SAMPLES: list[list] = []
WINDOW: dict[str, float] = {}
_user_numbers = itertools.count()


@events.init.add_listener
def refuse_other_hosts(environment, **_: object) -> None:
    """Before any user starts: a target other than 127.0.0.1 ends locust (an error in a listener would not)."""
    try:
        require_loopback(environment.host or "")
    except ValueError as refused:
        raise SystemExit(str(refused)) from None


@events.test_start.add_listener
def start_clock(**_: object) -> None:
    WINDOW["start"] = time.monotonic()


@events.request.add_listener
def record(name: str, response_time: float, response, context: dict, exception, **_: object) -> None:
    status = getattr(response, "status_code", 0) or 0
    SAMPLES.append([name, status, response_time, status in context.get("expected", ())])


@events.test_stop.add_listener
def write_samples(**_: object) -> None:
    path = os.environ.get("LOAD_SAMPLES")
    if path:
        seconds = time.monotonic() - WINDOW.get("start", time.monotonic())
        Path(path).write_text(json.dumps({"seconds": seconds, "samples": SAMPLES}))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class HseAdmin(HttpUser):
    """Views the week most, opens sessions, asks the picker, plans, invites, and closes ended sessions."""

    wait_time = between(1, 3)  # a person reading a screen between clicks

    def on_start(self) -> None:
        require_loopback(self.host)
        number = next(_user_numbers)
        self.headers = {**ADMIN_HEADERS, "X-Dev-User-Id": f"load-admin-{number}"}
        self.trainer = SETUP["trainers"][number % len(SETUP["trainers"])]
        self.course = SETUP["course"]
        self.rng = random.Random(number)
        today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        self.monday = today - timedelta(days=today.weekday())
        # This user's trainer's free slots: ahead from tomorrow, behind from 60 days ago (to finalize).
        self.future = (today + timedelta(days=1 + n // 2, hours=8 + 4 * (n % 2)) for n in itertools.count())
        self.past = (today - timedelta(days=60 - n // 2, hours=-8 - 4 * (n % 2)) for n in itertools.count())
        self.booked: list[tuple[str, str]] = []  # (session id, start) of this user's bookings
        self.seen: list[str] = []  # session ids from the week views

    def _call(self, method: str, path: str, group: str, expected: tuple[int, ...] = (), **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        with self.client.request(
            method,
            API_PATH + path,
            name=group,
            headers=headers,
            context={"expected": expected},
            catch_response=True,
            **kwargs,
        ) as response:
            if response.status_code in expected:
                response.success()
            return response

    def _draft_and_schedule(self, start: datetime, expected: tuple[int, ...] = ()) -> str | None:
        draft = self._call("POST", "/sessions/draft", GROUPS["draft"], json={"courseId": self.course})
        if draft.status_code != 201:
            return None
        session = draft.json()["id"]
        plan = {
            "trainerId": self.trainer,
            "venueId": self.rng.choice(SETUP["venues"]),
            "startTime": _stamp(start),
            "endTime": _stamp(start + timedelta(hours=3)),
        }
        scheduled = self._call("PATCH", f"/sessions/{session}/schedule", GROUPS["schedule"], expected, json=plan)
        if scheduled.status_code == CLASH:
            self._call("DELETE", f"/sessions/{session}", GROUPS["delete"])
            return None
        return session if scheduled.status_code == 200 else None

    @task(8)
    def week_view(self) -> None:
        monday = self.monday + timedelta(weeks=self.rng.randrange(0, 3))
        query = {"from": _stamp(monday), "to": _stamp(monday + timedelta(days=7)), "limit": "100"}
        response = self._call("GET", "/sessions", GROUPS["week"], params=query)
        if response.status_code == 200:
            self.seen = [item["id"] for item in response.json()["items"]][:50] or self.seen

    @task(6)
    def session_page(self) -> None:
        ids = self.seen + [session for session, _ in self.booked]
        if ids:
            self._call("GET", f"/sessions/{self.rng.choice(ids)}", GROUPS["session"])

    @task(4)
    def picker(self) -> None:
        if self.booked:
            session = self.rng.choice(self.booked)[0]
            self._call("GET", f"/sessions/{session}/attendee-suggestions", GROUPS["picker"], params={"limit": "50"})

    @task(3)
    def trainers_load(self) -> None:
        year, week, _ = (self.monday + timedelta(weeks=self.rng.randrange(0, 3))).isocalendar()
        self._call("GET", "/trainers", GROUPS["trainers"], params={"week": f"{year}-W{week:02d}", "limit": "100"})

    @task(3)
    def plan_session(self) -> None:
        if self.booked and self.rng.random() < 0.1:  # the same trainer over hours already booked
            start = datetime.fromisoformat(self.rng.choice(self.booked)[1])
            self._draft_and_schedule(start, expected=(CLASH,))
            return
        start = next(self.future)
        session = self._draft_and_schedule(start)
        if session:
            self.booked.append((session, start.isoformat()))

    @task(2)
    def invite(self) -> None:
        if self.booked:
            session = self.rng.choice(self.booked)[0]
            people = self.rng.sample(SETUP["personnel"], k=min(5, len(SETUP["personnel"])))
            self._call("POST", f"/sessions/{session}/attendees", GROUPS["attendees"], json={"personnelIds": people})

    @task(1)
    def close_ended_session(self) -> None:
        """A session that has ended: its class, attendance, the signed sheet, then finalize."""
        session = self._draft_and_schedule(next(self.past))
        if not session:
            return
        people = self.rng.sample(SETUP["personnel"], k=min(8, len(SETUP["personnel"])))
        self._call("POST", f"/sessions/{session}/attendees", GROUPS["attendees"], json={"personnelIds": people})
        entries = [
            {"personnelId": pid, "status": "ATTENDED", "result": "FAILED" if n == 0 else "PASSED"}
            for n, pid in enumerate(people)
        ]
        self._call("PATCH", f"/sessions/{session}/attendance", GROUPS["attendance"], json={"entries": entries})
        form = self._call("POST", f"/sessions/{session}/evidence", GROUPS["evidence"])
        if form.status_code != 200:
            return
        upload = form.json()
        require_loopback(upload["url"])
        with self.client.post(
            upload["url"],
            name=GROUPS["upload"],
            data=upload["fields"],
            files={"file": ("sheet.pdf", b"%PDF-1.7 load test sheet", "application/pdf")},
            context={"expected": ()},
            catch_response=True,
        ):
            pass
        self._call(
            "POST",
            f"/sessions/{session}/finalize",
            GROUPS["finalize"],
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
