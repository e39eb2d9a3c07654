"""README.md's walk-through, as a newcomer pastes it: its `sh` blocks, in order, run by bash against
the `make run` server this test starts, on the demo data, then the server restarted."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests
from dateutil.relativedelta import relativedelta

from local.dynamodb_local import free_port
from local.template import ROOT
from tests.http.test_local_server import LocalServer, start_server

pytestmark = pytest.mark.http

ADMIN = {"X-Dev-User-Id": "demo-admin", "X-Dev-Groups": "hse-admin"}
SECTION = "## Walk through the data flow"
SHEET = (ROOT / "local" / "attendance-sheet.pdf").read_bytes()


def walkthrough_blocks() -> list[str]:
    """The `sh` blocks of the README's walk-through section, in order."""
    section = (ROOT / "README.md").read_text().split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def run(script: str, server: LocalServer) -> str:
    """Run blocks as one bash session against `server`, stopping at the first failing command."""
    script = script.replace("http://127.0.0.1:3000", f"http://127.0.0.1:{server.port}")
    done = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def get(server: LocalServer, path: str) -> dict:
    status, body, _ = server.call("GET", path, headers=ADMIN)
    assert status == 200, (path, status, body)
    return body


def code_of(server: LocalServer) -> dict[str, str]:
    return {course["id"]: course["code"] for course in get(server, "/courses")["items"]}


def sessions(server: LocalServer, status: str) -> list[dict]:
    return get(server, f"/sessions?status={status}&limit=200")["items"]


def standing(server: LocalServer, personnel_id: str, course_id: str) -> dict:
    items = get(server, f"/personnel/{personnel_id}/compliance")["items"]
    return next(item for item in items if item["courseId"] == course_id)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_the_demo_story(server: LocalServer) -> None:
    codes = code_of(server)
    now = datetime.now(UTC)
    monday = datetime.combine(now.date() - timedelta(days=now.weekday()), datetime.min.time(), UTC)
    # Drafts: a course alone, and a course with trainer and room but no date
    drafts = sessions(server, "DRAFT")
    assert sorted((codes[d["courseId"]], bool(d["trainerId"]), bool(d["startTime"])) for d in drafts) == [
        ("CSE-01", False, False),
        ("FAW-3D", True, False),
    ]
    # A week of SCHEDULED sessions in this ISO week (the site's calendar is UTC here), picked class lists
    scheduled = sessions(server, "SCHEDULED")
    week = [s for s in scheduled if monday <= instant(s["startTime"]) < monday + timedelta(days=7)]
    assert {codes[s["courseId"]] for s in week} >= {"IND-01", "FIRE-WD", "WAH-01", "FAW-3D", "CSE-01"}
    first_aid = get(server, f"/sessions/{next(s['id'] for s in week if codes[s['courseId']] == 'FAW-3D')}")
    assert first_aid["capacity"] == {"attendees": 14, "venueCapacity": 12, "exceeded": True}
    # Confined Space Entry has nobody yet: its picker shows red, yellow, expiring and green workers
    confined = next(s["id"] for s in week if codes[s["courseId"]] == "CSE-01")
    suggested = get(server, f"/sessions/{confined}/attendee-suggestions?limit=200")["items"]
    assert [s["group"] for s in suggested] == sorted(s["group"] for s in suggested)
    assert {(s["group"], s["complianceStatus"]) for s in suggested} >= {
        (1, "NON_COMPLIANT"),
        (2, "PENDING"),
        (3, "COMPLIANT"),
        (4, "COMPLIANT"),
    }
    # One ended session, ready to mark: H2S Awareness, 20 from the picker, nobody marked
    [ended] = [s for s in scheduled if codes[s["courseId"]] == "H2S-AW"]
    assert instant(ended["endTime"]) < now
    ended = get(server, f"/sessions/{ended['id']}")
    assert len(ended["attendees"]) == 20 and {a["status"] for a in ended["attendees"]} == {"REGISTERED"}
    # One COMPLETED session whose records, evidence and green workers are real
    [completed] = sessions(server, "COMPLETED")
    assert codes[completed["courseId"]] == "WAH-01"
    made = get(server, f"/sessions/{completed['id']}/records")
    assert sorted(r["result"] for r in made["trainingRecords"]) == ["FAILED"] + ["PASSED"] * 9
    assert {r["evidenceFileKey"] for r in made["trainingRecords"]} == {completed["evidenceFileKey"]}
    link = get(server, f"/sessions/{completed['id']}/evidence")
    assert link["finalized"] and requests.get(link["url"], timeout=10).content == SHEET
    for record in made["trainingRecords"]:
        if record["result"] == "PASSED":
            expiry = date.fromisoformat(record["completionDate"]) + relativedelta(months=24)
            item = standing(server, record["personnelId"], completed["courseId"])
            assert (item["status"], item["expiryDate"]) == ("COMPLIANT", expiry.isoformat())


def test_the_demo_data_and_the_readme_walkthrough_work_as_written(tmp_path_factory: pytest.TempPathFactory):
    missing = [tool for tool in ("bash", "curl", "jq") if shutil.which(tool) is None]
    assert not missing, f"the README's walk-through needs {missing} on the PATH"
    blocks = walkthrough_blocks()
    assert len(blocks) >= 10, "the walk-through's sh blocks were not found in README.md"
    data_dir: Path = tmp_path_factory.mktemp("walkthrough-data")
    server = start_server(data_dir, free_port(), free_port())
    try:
        # Given the demo data of a new table
        check_the_demo_story(server)
        codes = {code: course_id for course_id, code in code_of(server).items()}
        [ended] = [s for s in sessions(server, "SCHEDULED") if s["courseId"] == codes["H2S-AW"]]
        scheduled_before = len(sessions(server, "SCHEDULED"))

        # When a newcomer pastes every block of the walk-through, in order
        output = run("\n".join(blocks), server)

        # Then 1-3: a Fire Warden draft was scheduled with Frank in two weeks, with 12 from the picker
        fire = [s for s in sessions(server, "SCHEDULED") if s["courseId"] == codes["FIRE-WD"]]
        assert len(fire) == 2 and len(sessions(server, "SCHEDULED")) == scheduled_before  # +1 new, -1 finalized
        planned = get(server, f"/sessions/{max(fire, key=lambda s: s['startTime'])['id']}")
        assert instant(planned["startTime"]).date() == (datetime.now(UTC) + timedelta(days=14)).date()
        assert len(planned["attendees"]) == 12
        assert '"statusCode": 409' in output  # the clash the README shows; its draft was deleted
        assert len(sessions(server, "DRAFT")) == 2
        # 4-6: the ended session was marked (18 passed, 2 no-shows), its sheet uploaded (S3's 204, and
        # the 403 for another Content-Type) and finalized
        assert "\n204\n" in output and "<Code>AccessDenied</Code>" in output
        finished = get(server, f"/sessions/{ended['id']}")
        assert finished["status"] == "COMPLETED"
        assert finished["evidenceFileKey"] == f"evidence/{ended['id']}/attendance-sheet.pdf"
        made = get(server, f"/sessions/{ended['id']}/records")["trainingRecords"]
        assert len(made) == 18 and {r["result"] for r in made} == {"PASSED"}
        # 7: the 18 workers are green, and the output says so
        for record in made:
            item = standing(server, record["personnelId"], codes["H2S-AW"])
            assert (item["status"], item["expiryDate"]) == ("COMPLIANT", record["expiryDate"])
        assert output.count("  COMPLIANT  until ") == 18
        assert output.rstrip().endswith("the signed sheet, as uploaded")
    finally:
        assert server.stop() == 0

    # When `make run` is stopped and started again on the same data
    again = start_server(data_dir, free_port(), free_port())
    try:
        # Then the last block still downloads the sheet the records link, and the demo's too
        last_block = blocks[0] + f"ENDED={ended['id']}\n" + blocks[-1]
        assert run(last_block, again).strip() == "the signed sheet, as uploaded"
        [demo_completed] = [s for s in sessions(again, "COMPLETED") if s["courseId"] == codes["WAH-01"]]
        link = get(again, f"/sessions/{demo_completed['id']}/evidence")
        assert requests.get(link["url"], timeout=10).content == SHEET
    finally:
        assert again.stop() == 0
