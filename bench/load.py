"""`make load`: the API under load, at 20 and at 50 concurrent users, against its own `make run`.

Starts the local server exactly as `make run` does (`python -m local.server`) on free ports, with a
fresh DynamoDB Local store and local S3 in a temporary folder (nothing else's data is touched), seeds
a load-test course, a qualified trainer per user and venues through the API, then runs locust
headless on bench/locustfile.py once per user count, each for a bounded time. Only 127.0.0.1 is ever
aimed at. Every request's status and time is kept, so the table gives exact percentiles and splits
failures into expected 4xx (a 409 clash asked for on purpose), unexpected 4xx and 5xx (which must be
none), per endpoint group and in total. Writes its section of docs/benchmarks.md.

    python -m bench.load                         # 20 then 50 users, 120 s each; writes the section
    python -m bench.load --users 3 --seconds 5   # a smoke run: prints only
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
LOOPBACK = "127.0.0.1"
API_PATH = "/api/v1/training"
ADMIN_HEADERS = {"X-Dev-User-Id": "load-admin", "X-Dev-Groups": "hse-admin"}
CLASH = 409
STARTUP_SECONDS = 120
SECTION_START = "<!-- load: written by bench/load.py -->"
SECTION_END = "<!-- /load -->"

# Request names, one per endpoint group, in the order of the table.
GROUPS = {
    "week": "week view: GET /sessions?from&to",
    "session": "session page: GET /sessions/{id}",
    "picker": "picker: GET /sessions/{id}/attendee-suggestions",
    "trainers": "trainers' load: GET /trainers?week",
    "draft": "draft: POST /sessions/draft",
    "schedule": "schedule: PATCH /sessions/{id}/schedule",
    "delete": "delete a clashed draft: DELETE /sessions/{id}",
    "attendees": "add attendees: POST /sessions/{id}/attendees",
    "attendance": "attendance: PATCH /sessions/{id}/attendance",
    "evidence": "evidence form: POST /sessions/{id}/evidence",
    "upload": "sheet upload to local S3 (presigned POST)",
    "finalize": "finalize: POST /sessions/{id}/finalize",
}


def require_loopback(url: str) -> str:
    """The load test aims at this machine only: anything but http(s)://127.0.0.1 is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname != LOOPBACK:
        raise ValueError(f"the load test only aims at {LOOPBACK}, not {url!r}")
    return url


@dataclass(frozen=True)
class Row:
    group: str
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    expected_4xx: int
    unexpected_4xx: int
    server_errors: int
    no_answer: int


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the smallest value with at least `share` of them at or below it)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _row(group: str, samples: list[list], seconds: float) -> Row:
    times = [sample[2] for sample in samples]
    statuses = [(sample[1], sample[3]) for sample in samples]
    return Row(
        group=group,
        requests=len(samples),
        per_second=len(samples) / seconds if seconds > 0 else 0.0,
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
        expected_4xx=sum(1 for status, expected in statuses if 400 <= status < 500 and expected),
        unexpected_4xx=sum(1 for status, expected in statuses if 400 <= status < 500 and not expected),
        server_errors=sum(1 for status, _ in statuses if status >= 500),
        no_answer=sum(1 for status, _ in statuses if status == 0),
    )


def build_rows(samples: list[list], seconds: float) -> list[Row]:
    """A row per endpoint group that was called (in GROUPS' order, then any other name), then the total.

    Each sample is [name, status, milliseconds, expected]: status 0 is no answer (a refused or broken
    connection); `expected` marks a 4xx the user asked for on purpose (a clash)."""
    order = list(GROUPS.values())
    names = sorted(
        {sample[0] for sample in samples}, key=lambda name: (order.index(name) if name in order else 99, name)
    )
    rows = [_row(name, [s for s in samples if s[0] == name], seconds) for name in names]
    return [*rows, _row("total", samples, seconds)]


def render(scenarios: list[tuple[int, float, list[Row]]]) -> str:
    lines = []
    for users, seconds, rows in scenarios:
        lines += [
            f"**{users} concurrent users, {seconds:.0f} s**",
            "",
            "| endpoint group | requests | req/s | p50 ms | p95 ms | p99 ms "
            "| 4xx expected | 4xx unexpected | 5xx | no answer |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in rows:
            group = f"**{row.group}**" if row.group == "total" else row.group
            lines.append(
                f"| {group} | {row.requests} | {row.per_second:.1f} | {row.p50:.0f} | {row.p95:.0f} | {row.p99:.0f} "
                f"| {row.expected_4xx} | {row.unexpected_4xx} | {row.server_errors} | {row.no_answer} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def section(scenarios: list[tuple[int, float, list[Row]]], stamp: str, machine: str) -> str:
    """docs/benchmarks.md's load section, between its markers."""
    return (
        f"{SECTION_START}\n## Under load: 20 and 50 concurrent users\n\n"
        "`make load` (bench/load.py, locust on bench/locustfile.py) starts its own `make run` (`python -m\n"
        "local.server` on free ports, a fresh DynamoDB Local store and local S3 in a temporary folder, demo\n"
        "data loaded), seeds a load-test course, one qualified trainer per user and four venues, then runs\n"
        "hse-admin users (X-Dev-User-Id / X-Dev-Groups), each waiting 1-3 s between actions, weighted like a\n"
        "planner's day: week views 8, opening a session 6, the picker 4, trainers' weekly load 3, drafting\n"
        "and scheduling 3 (one in ten on purpose over hours its trainer already has: a 409 clash, counted as\n"
        "expected, after which the draft is deleted), adding attendees 2, and closing an ended session 1\n"
        "(a past booking, 8 attendees, attendance, the evidence form and the sheet's upload to local S3,\n"
        "finalize). Only 127.0.0.1 is aimed at. Times are the client's, in ms, exact nearest-rank\n"
        "percentiles; the server, DynamoDB Local and locust share the machine's cores, so the figures are\n"
        "this machine's, not AWS's (where each function scales out on its own). It runs apart from `make\n"
        "bench` to keep that within 15 minutes; `python -m bench.load --users 3 --seconds 5` is a smoke run.\n\n"
        f"Run: {stamp}, on {machine}.\n\n{render(scenarios)}\n{SECTION_END}\n"
    )


def current_section(report: Path = REPORT) -> str:
    """The load section the report holds now, markers included ("" if none), for `make bench` to keep."""
    from bench.cold_start import current_section as kept

    return kept(report, SECTION_START, SECTION_END)


def write_section(text: str, report: Path = REPORT) -> None:
    from bench.cold_start import write_section as put_section

    put_section(report, text, SECTION_START, SECTION_END)


class LocalServer:
    """`make run`'s server on free ports over a fresh store in a temporary folder (as web/e2e/support/server.ts)."""

    def __init__(self) -> None:
        from local.dynamodb_local import free_port

        self.port, self.dynamodb_port, self.s3_port = free_port(), free_port(), free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="titan-load-"))
        self.log = self.folder / "server.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> LocalServer:
        env = {**os.environ}
        for name in ("TABLE_NAME", "DYNAMODB_ENDPOINT_URL", "EVIDENCE_BUCKET", "S3_ENDPOINT_URL", "WEB_DIST"):
            env.pop(name, None)
        env.update(
            PORT=str(self.port),
            DYNAMODB_PORT=str(self.dynamodb_port),
            S3_PORT=str(self.s3_port),
            LOCAL_DATA_DIR=str(self.folder / "dynamodb"),
            S3_DATA_DIR=str(self.folder / "s3"),
            SITE_TIMEZONE="UTC",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "layers" / "shared")]),
            PYTHONUNBUFFERED="1",
        )
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "local.server"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while "listening on" not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the local server did not start:\n{self.log.read_text()}")
            time.sleep(0.2)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _admin_api(base_url: str):
    import requests

    api = require_loopback(base_url) + API_PATH
    http = requests.Session()
    http.headers.update(ADMIN_HEADERS)

    def call(method: str, path: str, body: dict | None = None) -> dict:
        response = http.request(method, api + path, json=body, timeout=60)
        response.raise_for_status()
        return response.json() if response.content else {}

    return call


def seed(base_url: str, trainers: int) -> dict:
    """A load-test course, four venues, the directory's active workers, and `trainers` fresh trainers."""
    call = _admin_api(base_url)
    course = call("POST", "/courses", {"name": "Load Test", "code": f"LT-{uuid.uuid4().hex[:6]}", "validityMonths": 24})
    venues = [call("POST", "/venues", {"name": f"Load Room {n}", "capacity": 30})["id"] for n in range(4)]
    people = call("GET", "/personnel?limit=200")["items"]
    setup = {
        "course": course["id"],
        "venues": venues,
        "personnel": [person["id"] for person in people if person.get("active", True)],
    }
    return {**setup, "trainers": fresh_trainers(base_url, course["id"], trainers)}


def fresh_trainers(base_url: str, course: str, count: int) -> list[str]:
    """`count` new trainers qualified for the course: one per user of a run, whose calendar is empty, so
    a run's users never clash with an earlier run's bookings (their slots start at the same hours)."""
    call = _admin_api(base_url)
    ids = []
    for n in range(count):
        trainer = call("POST", "/trainers", {"firstName": "Load", "lastName": f"Trainer{n}"})
        call("PUT", f"/trainers/{trainer['id']}/qualifications/{course}")
        ids.append(trainer["id"])
    return ids


def run_locust(base_url: str, setup_file: Path, users: int, seconds: int, folder: Path) -> tuple[float, list[list]]:
    """One headless locust run; returns its measured seconds and every request's sample."""
    require_loopback(base_url)
    samples_file = folder / f"samples-{users}.json"
    env = {**os.environ, "LOAD_SETUP": str(setup_file), "LOAD_SAMPLES": str(samples_file)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "layers" / "shared")])
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        base_url,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "30",
        "--only-summary",
        "--exit-code-on-error",
        "0",
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=seconds + 120, stdout=subprocess.DEVNULL)
    measured = json.loads(samples_file.read_text())
    return measured["seconds"], measured["samples"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50], help="concurrent users, one run each")
    parser.add_argument("--seconds", type=int, default=120, help="length of each run")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None, help="write the section")
    options = parser.parse_args(argv)
    write = options.write if options.write is not None else (options.users == [20, 50] and options.seconds >= 120)
    scenarios = []
    with LocalServer() as server:
        setup = seed(server.url, options.users[0])
        setup_file = server.folder / "setup.json"
        for number, users in enumerate(options.users):
            if number:
                setup["trainers"] = fresh_trainers(server.url, setup["course"], users)
            setup_file.write_text(json.dumps(setup))
            seconds, samples = run_locust(server.url, setup_file, users, options.seconds, server.folder)
            scenarios.append((users, options.seconds, build_rows(samples, seconds)))
            print(render(scenarios[-1:]), flush=True)
    if write:
        from bench.run import machine

        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        write_section(section(scenarios, stamp, machine()))
        print(f"\nwrote the load section of {REPORT.relative_to(ROOT)}")
    server_errors = sum(rows[-1].server_errors for _, _, rows in scenarios)
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
