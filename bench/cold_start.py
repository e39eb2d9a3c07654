"""Cold starts against the libraries' own floor (bench/cold_start_anchor.py), as whole processes.

For each function: a fresh `python bench/cold_probe.py functions/<name>/app.py <event>` (import the
handler, one invocation against DynamoDB Local, exit), alternated with the same probe running the
anchor's one GET of one item; the figure is the median of the pairwise ratios project / anchor, for
wall time and for peak memory (max RSS, from the kernel's rusage of the finished process). Same
interpreter binary, same environment (tracing disabled, metrics namespace set), same DynamoDB Local.

Every function is screened with a few pairs; the named ones and the worst of the screen are then
measured with COLD_START_RUNS pairs (default 11). `python -m bench.cold_start` runs it alone.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "bench" / "cold_probe.py"
ANCHOR = ROOT / "bench" / "cold_start_anchor.py"
NAMED = ("get_session", "schedule_session", "finalize_session", "attendee_suggestions")
SAMPLE_SESSION = "csamplesession0000000001"
# Functions that change the session they are given get a draft of their own, so the reads stay comparable.
CHANGES_SESSION = {
    "add_session_attendees",
    "cancel_session",
    "delete_session",
    "record_attendance",
    "remove_session_attendee",
    "schedule_session",
    "update_session",
}
# Functions that act on a finished session get the one the demo data finalized.
FREE_DAY = "2031-03-04T"  # schedule_session's day: no demo session is anywhere near it
FINISHED_SESSION = {"finalize_session", "get_session_evidence", "list_session_records", "request_evidence_upload"}


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system
    max_rss_kb: int
    status_class: int


@dataclass
class ColdStart:
    function: str
    pairs: int
    seconds: float  # median of the function's runs
    anchor_seconds: float  # median of the anchor's runs alternated with them
    time_ratio: float  # median of the pairwise ratios
    cpu_ratio: float
    memory_ratio: float
    status_class: int


# Starts one run and reports its wall seconds, its own peak memory and its exit status. A small process of its
# own (`python -S`) forks the run: Linux carries the parent's peak RSS over a fork and an exec into the child's
# figure, so a run forked straight from this (large) bench process would report this process's peak, not its own.
LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - started, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(handler_file: Path, event_file: Path, environment: dict[str, str]) -> Run:
    launched = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, sys.executable, str(PROBE), str(handler_file), str(event_file)],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, cpu_seconds, max_rss_kb, status = launched.stdout.split()
    return Run(float(seconds), float(cpu_seconds), int(max_rss_kb), int(status))


def compare(
    name: str, handler_file: Path, event_file: Path, anchor_event: Path, environment: dict[str, str], pairs: int
) -> ColdStart:
    run_once(handler_file, event_file, environment)  # warm-up: page cache and bytecode, not counted
    project: list[Run] = []
    anchor: list[Run] = []
    for _ in range(pairs):
        anchor.append(run_once(ANCHOR, anchor_event, environment))
        project.append(run_once(handler_file, event_file, environment))
    return ColdStart(
        function=name,
        pairs=pairs,
        seconds=statistics.median(r.seconds for r in project),
        anchor_seconds=statistics.median(r.seconds for r in anchor),
        time_ratio=statistics.median(p.seconds / a.seconds for p, a in zip(project, anchor, strict=True)),
        cpu_ratio=statistics.median(p.cpu_seconds / a.cpu_seconds for p, a in zip(project, anchor, strict=True)),
        memory_ratio=statistics.median(p.max_rss_kb / a.max_rss_kb for p, a in zip(project, anchor, strict=True)),
        status_class=project[-1].status_class,
    )


def _session_ids(dynamodb: Any, table: str) -> dict[str, str]:
    """One session of each status the demo data made (the busiest SCHEDULED one for the reads)."""
    found: dict[str, tuple[int, str]] = {}
    pages = dynamodb.get_paginator("scan").paginate(TableName=table)
    attendees: dict[str, int] = {}
    sessions: dict[str, str] = {}
    for page in pages:
        for item in page["Items"]:
            pk, sk = item["PK"]["S"], item["SK"]["S"]
            if pk.startswith("SESSION#") and sk == "SESSION":
                sessions[item["id"]["S"]] = item["status"]["S"]
            elif pk.startswith("SESSION#") and sk.startswith("ATTENDEE#"):
                attendees[pk.removeprefix("SESSION#")] = attendees.get(pk.removeprefix("SESSION#"), 0) + 1
    for session_id, status in sessions.items():
        size = attendees.get(session_id, 0)
        if status not in found or size > found[status][0]:
            found[status] = (size, session_id)
    return {status: session_id for status, (_, session_id) in found.items()}


def _schedulable(dynamodb: Any, table: str, busy_draft: str) -> tuple[str, str]:
    """A draft of its own for schedule_session (not the one the other changing functions get), and a
    trainer qualified for its course: the bench measures a successful schedule, not a refusal."""
    pages = dynamodb.get_paginator("scan").paginate(TableName=table)
    drafts: dict[str, str] = {}
    qualified: dict[str, list[str]] = {}
    for page in pages:
        for item in page["Items"]:
            sk = item["SK"]["S"]
            if sk == "SESSION" and item["status"]["S"] == "DRAFT" and item["id"]["S"] != busy_draft:
                drafts[item["id"]["S"]] = item["course_id"]["S"]
            elif sk.startswith("QUALIFICATION#"):
                qualified.setdefault(item["course_id"]["S"], []).append(item["trainer_id"]["S"])
    session_id, course_id = min((s, c) for s, c in drafts.items() if qualified.get(c))
    return session_id, min(qualified[course_id])


def _first_ids(dynamodb: Any, table: str, prefix: str, count: int) -> list[str]:
    pages = dynamodb.get_paginator("scan").paginate(TableName=table)
    ids = [
        item["id"]["S"]
        for page in pages
        for item in page["Items"]
        if item["PK"]["S"].startswith(prefix) and item["SK"]["S"] == prefix.rstrip("#")
    ]
    return sorted(ids)[:count]


def write_events(folder: Path, dynamodb: Any, table: str) -> dict[str, Path]:
    """events/<function>.json with the sample ids swapped for ids the demo data made."""
    statuses = _session_ids(dynamodb, table)
    courses = _first_ids(dynamodb, table, "COURSE#", 1)
    people = _first_ids(dynamodb, table, "PERSONNEL#", 2)
    trainers = _first_ids(dynamodb, table, "TRAINER#", 1)
    venues = _first_ids(dynamodb, table, "VENUE#", 1)
    swaps = {
        "csamplecourse00000000001": courses[0],
        "csamplepersonnel00000001": people[0],
        "csamplepersonnel00000002": people[1],
        "csampletrainer0000000001": trainers[0],
        "csamplevenue000000000001": venues[0],
    }
    own_draft, qualified_trainer = _schedulable(dynamodb, table, statuses["DRAFT"])
    files = {}
    for sample in sorted((ROOT / "events").glob("*.json")):
        function = sample.stem
        text = sample.read_text()
        if function == "schedule_session":
            # Its own draft, a trainer qualified for its course, on a day nobody is booked
            session = own_draft
            text = text.replace("csampletrainer0000000001", qualified_trainer).replace("2026-11-23T", FREE_DAY)
        elif function in CHANGES_SESSION:
            session = statuses["DRAFT"]
        elif function in FINISHED_SESSION:
            session = statuses["COMPLETED"]
        else:
            session = statuses["SCHEDULED"]
        text = text.replace(SAMPLE_SESSION, session)
        for sample_id, real_id in swaps.items():
            text = text.replace(sample_id, real_id)
        files[function] = folder / sample.name
        files[function].write_text(text)
    return files


def anchor_event(folder: Path, dynamodb: Any, table: str) -> Path:
    """GET /items/anchor, and the one item it reads (the anchor's key shape, in the same table)."""
    dynamodb.put_item(TableName=table, Item={"PK": {"S": "ITEM#anchor"}, "SK": {"S": "ITEM"}, "name": {"S": "x"}})
    event = json.loads((ROOT / "events" / "get_course.json").read_text())
    event.update(
        resource="/items/{itemId}",
        path="/items/anchor",
        pathParameters={"itemId": "anchor"},
        httpMethod="GET",
        body=None,
    )
    event["requestContext"].update(resourcePath="/items/{itemId}", path="/prod/items/anchor", httpMethod="GET")
    path = folder / "anchor.json"
    path.write_text(json.dumps(event))
    return path


def child_environment() -> dict[str, str]:
    """The functions' environment as template.yaml sets it, pointed at the local table and bucket."""
    keep = ("PATH", "HOME", "LANG", "TABLE_NAME", "DYNAMODB_ENDPOINT_URL", "EVIDENCE_BUCKET", "S3_ENDPOINT_URL")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(
        PYTHONPATH=str(ROOT / "layers" / "shared"),
        AWS_REGION="us-east-1",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        SITE_TIMEZONE="UTC",
        POWERTOOLS_SERVICE_NAME="training-sessions",
        POWERTOOLS_METRICS_NAMESPACE="Titan/Training",
        POWERTOOLS_TRACE_DISABLED="true",
        POWERTOOLS_LOG_LEVEL="INFO",
    )
    return environment


def compile_bytecode() -> None:
    """Bytecode for the project's code, as `make build` ships it: no measured run compiles a module.

    (Installed packages have theirs from pip. Timestamp-checked here, so an edit is never run stale.)
    """
    for folder in ("layers/shared", "functions", "bench"):
        if not compileall.compile_dir(ROOT / folder, quiet=1):
            raise RuntimeError(f"{folder} does not compile")


def measure_all(dynamodb: Any, table: str, runs: int, screen: int, worst: int = 3) -> list[ColdStart]:
    """Screen every function, then measure the named ones and the `worst` screened ones with `runs` pairs."""
    compile_bytecode()
    environment = child_environment()
    with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
        folder = Path(scratch)
        events = write_events(folder, dynamodb, table)
        anchor = anchor_event(folder, dynamodb, table)
        run_once(ANCHOR, anchor, environment)  # warm-up

        def handler(function: str) -> Path:
            return ROOT / "functions" / function / "app.py"

        screened = [
            compare(function, handler(function), event, anchor, environment, screen)
            for function, event in events.items()
            if function not in NAMED
        ]
        screened.sort(key=lambda result: result.cpu_ratio, reverse=True)  # CPU: what other work disturbs least
        chosen = [*NAMED, *(result.function for result in screened[:worst])]
        measured = {
            function: compare(function, handler(function), events[function], anchor, environment, runs)
            for function in chosen
        }
        return [measured.get(result.function, result) for result in screened] + [measured[f] for f in NAMED]


def render(results: list[ColdStart]) -> str:
    named = [result for result in results if result.function in NAMED]
    by_ratio = sorted(results, key=lambda result: result.time_ratio, reverse=True)
    worst_time, worst_memory = by_ratio[0], max(results, key=lambda result: result.memory_ratio)
    worst_cpu = max(results, key=lambda result: result.cpu_ratio)
    lines = [
        "| function | pairs | median s | anchor median s | time ratio | CPU time ratio | peak memory ratio | answer |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in [*named, *(r for r in by_ratio if r.function not in NAMED)]:
        lines.append(
            f"| {result.function} | {result.pairs} | {result.seconds:.3f} | {result.anchor_seconds:.3f} "
            f"| {result.time_ratio:.2f}x | {result.cpu_ratio:.2f}x | {result.memory_ratio:.2f}x "
            f"| {result.status_class}xx |"
        )
    lines.append("")
    lines.append(
        f"Worst of all {len(results)} functions: time {worst_time.time_ratio:.2f}x ({worst_time.function}, "
        f"{worst_time.pairs} pairs), CPU time {worst_cpu.cpu_ratio:.2f}x ({worst_cpu.function}, "
        f"{worst_cpu.pairs} pairs), "
        f"peak memory {worst_memory.memory_ratio:.2f}x ({worst_memory.function}). "
        "Target: at most 1.10x for time and memory."
    )
    return "\n".join(lines)


def measure(serve: Path | None = None) -> list[ColdStart]:
    """A fresh DynamoDB Local and bucket holding `make run`'s demo data, then every function's cold start.

    With `serve`, instead: write the events and the probe's environment there and keep serving until
    interrupted, for timing single probes by hand.
    """
    sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "shared")]
    from local import demo_data
    from local.dynamodb_local import DynamoDBLocal, client, ensure_table
    from local.s3_local import S3Local
    from titan_training.api import runtime
    from titan_training.domain.clock import utc_now
    from titan_training.services import suggestions

    runs = int(os.environ.get("COLD_START_RUNS", "11"))
    screen = int(os.environ.get("COLD_START_SCREEN", "2"))
    s3 = S3Local().start()
    try:
        s3.ensure_bucket("cold-start-evidence")
        with DynamoDBLocal() as local:
            table = "cold-start"
            dynamodb = client(local.endpoint_url)
            ensure_table(dynamodb, table)
            os.environ.update(
                TABLE_NAME=table,
                DYNAMODB_ENDPOINT_URL=local.endpoint_url,
                EVIDENCE_BUCKET="cold-start-evidence",
                S3_ENDPOINT_URL=s3.endpoint_url,
                AWS_REGION="us-east-1",
                AWS_ACCESS_KEY_ID=os.environ.get("AWS_ACCESS_KEY_ID", "bench"),
                AWS_SECRET_ACCESS_KEY=os.environ.get("AWS_SECRET_ACCESS_KEY", "bench"),
                SITE_TIMEZONE="UTC",
            )
            runtime.reset()
            demo_data.load(runtime.store(), "UTC", runtime.evidence())
            # As deployed (the schedule, every 5 minutes) and under `make run` (at start): rankings stored.
            warning_days = runtime.settings().expiry_warning_days
            suggestions.refresh_rankings(runtime.store(), runtime.today(), warning_days, utc_now())
            if serve is not None:
                write_events(serve, dynamodb, table)
                anchor_event(serve, dynamodb, table)
                environment = child_environment()
                (serve / "env.sh").write_text("".join(f"export {k}='{v}'\n" for k, v in environment.items()))
                print(f"events and env.sh in {serve}; probe: {sys.executable} {PROBE} HANDLER EVENT", flush=True)
                while True:
                    time.sleep(3600)
            return measure_all(dynamodb, table, runs, screen)
    finally:
        s3.stop()


SECTION_START = "<!-- cold-start: written by bench/cold_start.py -->"
SECTION_END = "<!-- /cold-start -->"


def section(results: list[ColdStart], stamp: str, machine: str) -> str:
    """docs/benchmarks.md's cold-start section, between its markers."""
    return (
        f"{SECTION_START}\n## Cold starts against the libraries' floor\n\n"
        "Each function as a whole process (`python bench/cold_probe.py functions/<name>/app.py <event>`: import\n"
        "the handler, one invocation against DynamoDB Local, exit), alternated with the same probe running\n"
        "bench/cold_start_anchor.py (Powertools Logger, Metrics, Tracer and a validating resolver, pydantic,\n"
        "pynamodb, boto3: one GET of one item, no project code); the ratios are medians of the pairwise ratios\n"
        "(wall time; CPU time is user + system, less disturbed by other work on a shared machine; peak memory\n"
        "is the kernel's max RSS of the run alone). Same interpreter, same environment, same DynamoDB\n"
        "Local holding `make run`'s demo data, the picker's rankings stored (as the schedule keeps them\n"
        "deployed and `make run` does at start); the project's bytecode compiled first, as `make build` ships\n"
        "it (SAM leaves *.pyc out and Lambda's code folders are read-only: without it every cold start\n"
        "compiles). Every function is screened with a few pairs; the four named in issue 11 and the three\n"
        "worst of the screen are then measured with more. `answer` is the status class of the one\n"
        "invocation (a 4xx still reads the table; schedule_session publishes a draft of its own with a\n"
        "qualified trainer, so it answers 2xx).\n"
        "`python -m bench.cold_start` runs it alone; `python -m bench.run --only cold-start` also writes it here.\n\n"
        f"Run: {stamp}, on {machine}.\n\n{render(results)}\n{SECTION_END}\n"
    )


def current_section(report: Path, start: str, end: str) -> str:
    """The section between markers `start` and `end` the report holds now, markers included ("" if none),
    for a run that rewrites the report to keep."""
    text = report.read_text() if report.exists() else ""
    if start not in text or end not in text:
        return ""
    return start + text.split(start, 1)[1].split(end, 1)[0] + end + "\n"


def write_section(report: Path, text: str, start: str = SECTION_START, end: str = SECTION_END) -> None:
    """Put the section (between markers `start` and `end`) in the report, in place of the one there (or at its end)."""
    current = report.read_text() if report.exists() else "# Benchmarks\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        current = before + text + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    report.write_text(current)


def main() -> int:
    if "--serve" in sys.argv:
        measure(Path(sys.argv[sys.argv.index("--serve") + 1]))
    print(render(measure()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
