"""The Finalize Gate against DynamoDB Local and S3 on loopback: the seed's data flow, crashes, replays."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import boto3
import pytest
import requests
from dateutil.relativedelta import relativedelta

from local.events import claims_for
from local.request_count import counting_dynamodb_requests
from tests.support import ApiClient, suffix
from titan_training.api import runtime
from titan_training.domain.callers import Caller
from titan_training.domain.clock import utc_now
from titan_training.domain.personnel import Personnel
from titan_training.domain.records import RecordKind, record_id
from titan_training.services import records
from titan_training.store.items.base import _shared_connection
from titan_training.store.items.personnel import PersonnelItem
from titan_training.store.personnel import personnel_item

pytestmark = pytest.mark.dynamodb_local

ADMIN = Caller("admin-user", frozenset({"hse-admin"}))
PDF = b"%PDF-1.7\n% signed attendance sheet\n%%EOF\n"


class Crash(Exception):
    """A Lambda dying half way, at a checkpoint of our choosing."""


def _past_session(api: ApiClient, course: dict, hours_ago: int = 4) -> dict:
    trainer, venue = api.trainer(userId=f"login-{suffix()}"), api.venue(capacity=30)
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    session = api.post("/sessions/draft", {"courseId": course["id"]}).body
    start = utc_now() - timedelta(hours=hours_ago)
    plan = {
        "trainerId": trainer["id"],
        "venueId": venue["id"],
        "startTime": start.isoformat(),
        "endTime": (start + timedelta(hours=2)).isoformat(),
    }
    assert api.patch(f"/sessions/{session['id']}/schedule", plan).status == 200
    return {**session, "trainer": trainer}


def _upload_pdf(api: ApiClient, session_id: str, caller: dict, body: bytes = PDF) -> str:
    """What the trainer's browser does: ask for the form, then POST the file straight to S3."""
    form = api.call("POST", f"/sessions/{session_id}/evidence", caller=caller)
    assert form.status == 200, form.body
    sent = requests.post(
        form.body["url"], data=form.body["fields"], files={"file": ("sheet.pdf", body, "application/pdf")}, timeout=10
    )
    assert sent.status_code in (200, 204), sent.text
    return form.body["fileKey"]


def _standing(api: ApiClient, personnel_id: str, course_id: str) -> dict | None:
    items = api.get(f"/personnel/{personnel_id}/compliance").body["items"]
    return next((item for item in items if item["courseId"] == course_id), None)


def test_the_seed_data_flow_from_plan_to_proof(local_api):
    # 1. Draft: "H2S Awareness"; workers with mixed compliance for it
    course = local_api.course(name="H2S Awareness", validityMonths=24)
    workers = [local_api.person()["id"] for _ in range(24)]
    for n, worker in enumerate(workers):
        status = ["NON_COMPLIANT", "PENDING", "COMPLIANT"][n % 3]
        expiry = (
            (utc_now() + timedelta(days=20 if n % 2 else 400)).date().isoformat() if status == "COMPLIANT" else None
        )
        body = {"status": status, "expiryDate": expiry}
        assert local_api.put(f"/personnel/{worker}/compliance/{course['id']}", body).status == 200
    # 2. Schedule: trainer X, venue Y (it happened this morning)
    session = _past_session(local_api, course)
    trainer = claims_for(session["trainer"]["userId"], "trainer")
    # 3. Invite: 20 workers picked with the smart picker
    picked = local_api.get(f"/sessions/{session['id']}/attendee-suggestions", {"limit": "20"}).body["items"]
    invited = [item["personnelId"] for item in picked]
    assert len(invited) == 20
    assert local_api.post(f"/sessions/{session['id']}/attendees", {"personnelIds": invited}).body["added"] == invited
    before = {pid: _standing(local_api, pid, course["id"]) for pid in invited}
    # 4. Execute: the trainer marks 18 present and passed, 2 no-shows
    present, absent = invited[:18], invited[18:]
    entries = [{"personnelId": pid, "status": "ATTENDED", "result": "PASSED"} for pid in present]
    entries += [{"personnelId": pid, "status": "NO_SHOW", "remarks": "Did not attend"} for pid in absent]
    marked = local_api.call("PATCH", f"/sessions/{session['id']}/attendance", {"entries": entries}, caller=trainer)
    assert marked.status == 200 and marked.body["summary"]["passed"] == 18
    # 5. Evidence: the trainer uploads one signed attendance PDF
    _upload_pdf(local_api, session["id"], trainer)
    # 6. Finalize
    finalized = local_api.post(f"/sessions/{session['id']}/finalize")
    assert finalized.status == 200, finalized.body
    assert (finalized.body["trainingRecords"], finalized.body["noShows"]) == (18, 2)
    # The system created 18 TrainingRecords, all linking the same PDF file key
    produced = local_api.get(f"/sessions/{session['id']}/records").body
    assert sorted(r["personnelId"] for r in produced["trainingRecords"]) == sorted(present)
    assert {r["evidenceFileKey"] for r in produced["trainingRecords"]} == {finalized.body["evidenceFileKey"]}
    assert {r["result"] for r in produced["trainingRecords"]} == {"PASSED"}
    # The compliance engine ran: 18 workers turn green until the course's validity (24 months) runs out
    end = datetime.fromisoformat(local_api.get(f"/sessions/{session['id']}").body["endTime"].replace("Z", "+00:00"))
    for record in produced["trainingRecords"]:
        expiry = date.fromisoformat(record["expiryDate"])
        assert (expiry.year, expiry.month, expiry.day) == (end.year + 2, end.month, end.day)
        assert record["completionDate"] == end.date().isoformat()
        assert _standing(local_api, record["personnelId"], course["id"]) | {"updatedAt": None} == {
            "personnelId": record["personnelId"],
            "courseId": course["id"],
            "status": "COMPLIANT",
            "recordedStatus": "COMPLIANT",
            "expiryDate": expiry.isoformat(),
            "expired": False,
            "updatedAt": None,
        }
    # And the two no-shows are unchanged
    for pid in absent:
        assert _standing(local_api, pid, course["id"]) == before[pid]
    # The PDF can be read back through a short-lived link
    link = local_api.get(f"/sessions/{session['id']}/evidence").body
    assert requests.get(link["url"], timeout=10).content == PDF


def _big_class(api: ApiClient, size: int, requires_verification: bool = False) -> tuple[dict, dict, list[str]]:
    """A past session of `size` attendees, all marked (every 5th FAILED), with its PDF uploaded."""
    course = api.course(validityMonths=12, requiresVerification=requires_verification)
    session = _past_session(api, course)
    now = utc_now()
    people = [
        Personnel(
            id=f"cbig{suffix()}{n:05d}",
            first_name="Big",
            last_name=f"Class{n:05d}",
            email=None,
            employee_no=f"BIG-{suffix()}-{n}",
            active=True,
            created_at=now,
            updated_at=now,
        )
        for n in range(size)
    ]
    runtime.store()  # binds the item classes to the test's table
    with PersonnelItem.batch_write() as batch:
        for person in people:
            batch.save(personnel_item(person))
    ids = [p.id for p in people]
    assert len(api.post(f"/sessions/{session['id']}/attendees", {"personnelIds": ids}).body["added"]) == size
    entries = [
        {"personnelId": pid, "status": "ATTENDED", "result": "FAILED" if n % 5 == 4 else "PASSED"}
        for n, pid in enumerate(ids)
    ]
    for first in range(0, size, 500):
        assert (
            api.patch(f"/sessions/{session['id']}/attendance", {"entries": entries[first : first + 500]}).status == 200
        )
    _upload_pdf(api, session["id"], claims_for("admin-user", "hse-admin"))
    return course, session, ids


def _records_in_table(session_id: str, ids: list[str]) -> int:
    training, _ = runtime.store().records.records_by_key([(pid, session_id) for pid in ids], [])
    return len(training)


CRASH_POINTS = [
    ("frozen", 0),
    ("records", 100),
    ("records", 200),
    ("records", 250),
    ("committed", 0),
    ("compliance", 100),
    ("compliance", 200),
    ("compliance", 250),
]


@pytest.mark.parametrize(("stage", "count"), CRASH_POINTS, ids=[f"{s}-{c}" for s, c in CRASH_POINTS])
def test_a_finalize_that_dies_half_way_shows_nothing_partial_and_the_next_call_completes_it(local_api, stage, count):
    # Given a class of 250 ready to finalize (records go in chunks of 100)
    course, session, ids = _big_class(local_api, 250)
    sid = session["id"]

    def die(at_stage: str, done: int) -> None:
        if (at_stage, done) == (stage, count):
            raise Crash(f"{stage} {count}")

    # When the Lambda dies at that point
    with pytest.raises(Crash):
        records.finalize_session(runtime.store(), runtime.evidence(), sid, ADMIN, utc_now(), "UTC", checkpoint=die)
    committed = stage in ("committed", "compliance")
    # Then before the commit point nobody sees a record, though some may be in the table
    served = local_api.get(f"/sessions/{sid}/records").body["trainingRecords"]
    assert len(served) == (250 if committed else 0)
    assert (local_api.get(f"/personnel/{ids[0]}/training-records").body["items"] != []) is committed
    assert local_api.get(f"/sessions/{sid}").body["status"] == ("COMPLETED" if committed else "FINALIZING")
    # And the class list is frozen meanwhile
    assert (
        local_api.patch(
            f"/sessions/{sid}/attendance", {"entries": [{"personnelId": ids[0], "status": "NO_SHOW"}]}
        ).status
        == 409
    )
    # When finalize is called again
    reply = local_api.post(f"/sessions/{sid}/finalize")
    # Then it completes with exactly one record per attendee and every worker's compliance applied once
    assert reply.status == 200, reply.body
    assert (reply.body["status"], reply.body["trainingRecords"]) == ("COMPLETED", 250)
    assert _records_in_table(sid, ids) == 250
    served = local_api.get(f"/sessions/{sid}/records").body["trainingRecords"]
    assert len({r["id"] for r in served}) == 250
    for n in (0, 4, 249):
        standing = _standing(local_api, ids[n], course["id"])
        assert standing["status"] == ("NON_COMPLIANT" if n % 5 == 4 else "COMPLIANT"), (n, standing)


RULE_CHANGE_POINTS = [("records", 100), ("committed", 0)]


@pytest.mark.parametrize(("stage", "count"), RULE_CHANGE_POINTS, ids=[f"{s}-{c}" for s, c in RULE_CHANGE_POINTS])
def test_a_replay_follows_the_course_rules_frozen_at_the_start_whatever_the_course_says_now(local_api, stage, count):
    # Given a class of 150 of a 12-month course without verification, whose finalize died half way
    course, session, ids = _big_class(local_api, 150)
    sid = session["id"]

    def die(at_stage: str, done: int) -> None:
        if (at_stage, done) == (stage, count):
            raise Crash(f"{stage} {done}")

    with pytest.raises(Crash):
        records.finalize_session(runtime.store(), runtime.evidence(), sid, ADMIN, utc_now(), "UTC", checkpoint=die)
    # And the course then made to require verification, with a longer validity
    changed = local_api.patch(f"/courses/{course['id']}", {"requiresVerification": True, "validityMonths": 36})
    assert changed.status == 200 and changed.body["requiresVerification"] is True
    # When finalize is called again
    reply = local_api.post(f"/sessions/{sid}/finalize")
    # Then every attendee has exactly one record, all of the kind the course's rules made at the start:
    # training records expiring 12 months on, no competency record (served or in the table)
    assert reply.status == 200, reply.body
    assert (reply.body["trainingRecords"], reply.body["competencyRecords"]) == (150, 0)
    assert _records_in_table(sid, ids) == 150
    competencies = [record_id(RecordKind.COMPETENCY, sid, pid) for pid in ids]
    assert runtime.store().records.records_by_key([], competencies) == ([], [])
    produced = local_api.get(f"/sessions/{sid}/records").body
    assert produced["competencyRecords"] == []
    end = datetime.fromisoformat(local_api.get(f"/sessions/{sid}").body["endTime"].replace("Z", "+00:00"))
    passed = [r for r in produced["trainingRecords"] if r["result"] == "PASSED"]
    assert len(passed) == 120
    assert {r["expiryDate"] for r in passed} == {(end.date() + relativedelta(months=12)).isoformat()}
    # And compliance follows those records: a pass is COMPLIANT until its expiry, not awaiting verification
    for n in (0, 4, 149):
        standing = _standing(local_api, ids[n], course["id"])
        assert standing["status"] == ("NON_COMPLIANT" if n % 5 == 4 else "COMPLIANT"), (n, standing)
    assert _standing(local_api, ids[0], course["id"])["expiryDate"] == passed[0]["expiryDate"]


class WriteCounter:
    WRITES = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")

    def __init__(self) -> None:
        self.writes = 0

    def __call__(self, model, **_: object) -> None:
        if model.name in self.WRITES:
            self.writes += 1


@pytest.mark.parametrize("size", [20, 250])
def test_finalize_makes_at_most_3_requests_per_100_attendees_plus_6(local_api, size):
    # Given a ready class of `size` (250: three chunks of records and of verdicts)
    course, session, ids = _big_class(local_api, size)
    # When it is finalized
    with counting_dynamodb_requests() as counter:
        reply = local_api.post(f"/sessions/{session['id']}/finalize")
    # Then it is complete, in at most ceil(3 x attendees / 100) + 6 DynamoDB requests: the session; the
    # course with 99 compliance items, then 100 a request; the freeze; records 100 a transaction; the
    # commit; verdicts 100 a transaction, the last with the engine's end (20: 6 of 7; 250: 12 of 14)
    assert reply.status == 200, reply.body
    assert (reply.body["trainingRecords"], _records_in_table(session["id"], ids)) == (size, size)
    assert counter.count <= math.ceil(3 * size / 100) + 6, counter.count
    reads, records, verdicts = math.ceil((size + 1) / 100), math.ceil(size / 100), math.ceil((size + 2) / 100)
    assert counter.count == 1 + reads + 1 + records + 1 + verdicts, counter.count
    assert _standing(local_api, ids[-1], course["id"])["status"] == "NON_COMPLIANT"  # every 5th FAILED
    assert _standing(local_api, ids[0], course["id"])["status"] == "COMPLIANT"
    # And a repeat reads the session once and does nothing else
    with counting_dynamodb_requests() as again:
        assert local_api.post(f"/sessions/{session['id']}/finalize").body == reply.body
    assert again.count == 1


def test_finalizing_a_finalized_session_returns_the_same_answer_and_writes_nothing(local_api):
    _, session, _ = _big_class(local_api, 30)
    first = local_api.post(f"/sessions/{session['id']}/finalize")
    assert first.status == 200
    counter = WriteCounter()
    settings = runtime.settings()
    events = _shared_connection(settings.aws_region, settings.dynamodb_endpoint_url).client.meta.events
    events.register("before-call.dynamodb", counter)
    try:
        again = local_api.post(f"/sessions/{session['id']}/finalize")
    finally:
        events.unregister("before-call.dynamodb", counter)
    assert again.status == 200 and again.body == first.body
    assert counter.writes == 0


def test_racing_finalize_calls_all_get_the_one_result(local_api):
    _, session, ids = _big_class(local_api, 120)
    with ThreadPoolExecutor(max_workers=5) as pool:
        replies = list(pool.map(lambda _: local_api.post(f"/sessions/{session['id']}/finalize"), range(5)))
    assert {reply.status for reply in replies} == {200}, [reply.body for reply in replies]
    assert len({str(reply.body) for reply in replies}) == 1
    assert _records_in_table(session["id"], ids) == 120


def test_a_class_of_500_with_verification_makes_pending_competencies(local_api):
    course, session, ids = _big_class(local_api, 500, requires_verification=True)
    reply = local_api.post(f"/sessions/{session['id']}/finalize")
    assert reply.status == 200, reply.body
    assert (reply.body["trainingRecords"], reply.body["competencyRecords"]) == (100, 400)  # FAILED: training records
    assert _standing(local_api, ids[0], course["id"])["status"] == "PENDING"
    assert _standing(local_api, ids[4], course["id"])["status"] == "NON_COMPLIANT"


def test_a_sheet_spoiled_after_records_were_written_never_reopens_the_session(local_api):
    # Given a class of 150 whose finalize died after its first 100 records
    _, session, ids = _big_class(local_api, 150)
    sid = session["id"]

    def die(stage: str, done: int) -> None:
        if (stage, done) == ("records", 100):
            raise Crash(f"{stage} {done}")

    with pytest.raises(Crash):
        records.finalize_session(runtime.store(), runtime.evidence(), sid, ADMIN, utc_now(), "UTC", checkpoint=die)
    # And the upload it froze then overwritten with something else (a presigned form posted twice)
    settings = runtime.settings()
    s3 = boto3.client("s3", endpoint_url=settings.s3_endpoint_url, region_name=settings.aws_region)
    upload = runtime.store().sessions.read_session(sid).finalize.evidence_upload_key
    s3.put_object(Bucket=settings.evidence_bucket, Key=upload, Body=b"GIF89a not a sheet")
    # When finalize is called again
    reply = local_api.post(f"/sessions/{sid}/finalize")
    # Then it is refused, and the session stays FINALIZING: back to SCHEDULED, its list could change
    # under records already in the table
    assert reply.status == 422 and "not a PDF" in reply.body["message"], reply.body
    assert local_api.get(f"/sessions/{sid}").body["status"] == "FINALIZING"
    # And once the sheet is a PDF again, the next call completes it with one record per attendee
    s3.put_object(Bucket=settings.evidence_bucket, Key=upload, Body=PDF)
    reply = local_api.post(f"/sessions/{sid}/finalize")
    assert (reply.status, reply.body["trainingRecords"]) == (200, 150), reply.body
    assert _records_in_table(sid, ids) == 150


def test_an_upload_that_is_not_a_pdf_is_refused_at_finalize(local_api):
    course = local_api.course()
    session = _past_session(local_api, course)
    person = local_api.person()["id"]
    local_api.post(f"/sessions/{session['id']}/attendees", {"personnelIds": [person]})
    local_api.patch(
        f"/sessions/{session['id']}/attendance", {"entries": [{"personnelId": person, "status": "NO_SHOW"}]}
    )
    # S3 checks the form's declared Content-Type, not the bytes: the gate's own check refuses them
    _upload_pdf(local_api, session["id"], claims_for("admin-user", "hse-admin"), body=b"GIF89a not a sheet")
    reply = local_api.post(f"/sessions/{session['id']}/finalize")
    assert reply.status == 422
    assert "not a PDF" in reply.body["message"]
    assert local_api.get(f"/sessions/{session['id']}").body["status"] == "SCHEDULED"


# --- Two sessions of one course racing for the same workers ------------------------------------------------------


def _class_of(api: ApiClient, course: dict, ids: list[str], days_ago: int, results: list[str]) -> dict:
    """A session of `course` that ended `days_ago` days ago, these workers marked with these results."""
    session = _past_session(api, course, hours_ago=24 * days_ago)
    assert len(api.post(f"/sessions/{session['id']}/attendees", {"personnelIds": ids}).body["added"]) == len(ids)
    entries = [{"personnelId": pid, "status": "ATTENDED", "result": r} for pid, r in zip(ids, results, strict=True)]
    assert api.patch(f"/sessions/{session['id']}/attendance", {"entries": entries}).status == 200
    _upload_pdf(api, session["id"], claims_for("admin-user", "hse-admin"))
    return session


def test_racing_finalizes_of_an_older_and_a_newer_session_leave_the_newer_result(local_api):
    # Given 40 red workers in two sessions of a 12-month course: all passed the older one (150 days
    # ago), every other one failed the newer one (20 days ago)
    course = local_api.course(validityMonths=12)
    ids = [local_api.person()["id"] for _ in range(40)]
    for pid in ids:
        assert local_api.put(f"/personnel/{pid}/compliance/{course['id']}", {"status": "NON_COMPLIANT"}).status == 200
    older = _class_of(local_api, course, ids, 150, ["PASSED"] * 40)
    newer = _class_of(local_api, course, ids, 20, ["PASSED", "FAILED"] * 20)
    # When both are finalized at once, three calls each
    with ThreadPoolExecutor(max_workers=6) as pool:
        calls = [older["id"], newer["id"]] * 3
        replies = list(pool.map(lambda sid: local_api.post(f"/sessions/{sid}/finalize"), calls))
    assert {reply.status for reply in replies} == {200}, [reply.body for reply in replies if reply.status != 200]
    # Then each worker is COMPLIANT: until the newer expiry if they passed it, else the older one
    expiry = {}
    for session in (older, newer):
        for record in local_api.get(f"/sessions/{session['id']}/records").body["trainingRecords"]:
            expiry[(session["id"], record["personnelId"])] = record["expiryDate"]
    for n, pid in enumerate(ids):
        standing = _standing(local_api, pid, course["id"])
        which = newer if n % 2 == 0 else older
        assert (standing["status"], standing["expiryDate"]) == ("COMPLIANT", expiry[(which["id"], pid)]), n
        # And both of their records are kept
        assert len(local_api.get(f"/personnel/{pid}/training-records").body["items"]) == 2


def test_a_verification_racing_a_newer_finalize_keeps_the_newer_result(local_api):
    # Given 10 workers awaiting verification from an older session, who all passed a newer one
    course = local_api.course(validityMonths=12, requiresVerification=True)
    ids = [local_api.person()["id"] for _ in range(10)]
    older = _class_of(local_api, course, ids, 150, ["PASSED"] * 10)
    assert local_api.post(f"/sessions/{older['id']}/finalize").status == 200
    pending = local_api.get(f"/sessions/{older['id']}/records").body["competencyRecords"]
    assert local_api.patch(f"/courses/{course['id']}", {"requiresVerification": False}).status == 200
    newer = _class_of(local_api, course, ids, 20, ["PASSED"] * 10)

    # When the older competencies are verified while the newer session is finalized
    def verify(record: dict) -> int:
        return local_api.post(f"/competency-records/{record['id']}/verify", {"outcome": "VERIFIED"}).status

    with ThreadPoolExecutor(max_workers=6) as pool:
        finalizing = pool.submit(local_api.post, f"/sessions/{newer['id']}/finalize")
        verified = list(pool.map(verify, pending))
        assert finalizing.result().status == 200
    assert verified == [200] * 10
    # Then every worker is COMPLIANT until the newer session's expiry, with both records kept
    newer_records = local_api.get(f"/sessions/{newer['id']}/records").body["trainingRecords"]
    for record in newer_records:
        standing = _standing(local_api, record["personnelId"], course["id"])
        assert (standing["status"], standing["expiryDate"]) == ("COMPLIANT", record["expiryDate"])
        assert len(local_api.get(f"/personnel/{record['personnelId']}/training-records").body["items"]) == 2
