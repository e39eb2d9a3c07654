"""Post-session processing (Module 3.3) through the Lambda handlers over a moto table and a moto S3 bucket.

Attendance, the signed attendance sheet (evidence), the Finalize Gate and the records it writes, the
compliance engine, competency verification, and the picker cache going stale after a finalize.
The trainer's browser upload is simulated by putting the object at the fileKey the API handed out.
"""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from local import backfill_training_record_keys
from local.events import claims_for
from local.refresh_suggestions import refresh_once
from tests.support import ADMIN, ApiClient, Reply, error_fields, suffix
from titan_training.api import runtime
from titan_training.domain.clock import format_instant
from titan_training.store.items.records import TrainingRecordItem

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NOT_A_PDF = b"PK\x03\x04 this is a zip file, not a signed sheet"
UNKNOWN_ID = "cunknown0000000000000000"
FAR_FUTURE = "2999-12-31"
FAR_PAST = "2001-01-31"
ADMIN_SUB = ADMIN["sub"]


# --- Helpers -------------------------------------------------------------------------------------------------


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return format_instant(moment)


def plus_months(moment: datetime, months: int) -> str:
    """The expiry day of a pass at a UTC site: the end's day, calendar months later, clamped to the
    month's last day (computed here, not by the app)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return (
        moment.date()
        .replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))
        .isoformat()
    )


def s3() -> Any:
    return boto3.client("s3")


def bucket() -> str:
    return os.environ["EVIDENCE_BUCKET"]


def stored_bytes(key: str) -> bytes:
    return s3().get_object(Bucket=bucket(), Key=key)["Body"].read()


def trainer_caller(login: str) -> dict[str, str]:
    return claims_for(login, "trainer")


@dataclass
class Class:
    """A scheduled session of a course, its trainer (with a login) and the people on its list."""

    course: dict[str, Any]
    trainer: dict[str, Any]
    login: str
    session_id: str
    people: list[dict[str, Any]]
    start: datetime
    end: datetime
    file_key: str | None = None

    @property
    def own_trainer(self) -> dict[str, str]:
        return trainer_caller(self.login)

    def pid(self, n: int) -> str:
        return self.people[n]["id"]


def scheduled_class(
    api: ApiClient,
    people: int = 2,
    course: dict[str, Any] | None = None,
    start: timedelta | datetime = timedelta(hours=-3),
    end: timedelta | datetime = timedelta(hours=-1),
) -> Class:
    """A SCHEDULED session with `people` registered: by default started 3 h ago and ended 1 h ago
    (`start` and `end` are instants, or offsets from now)."""
    course = course or api.course()
    login = f"login-{suffix()}"
    trainer = api.trainer(userId=login)
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    venue = api.venue()
    draft = api.post("/sessions/draft", {"courseId": course["id"]})
    assert draft.status == 201, draft.body
    session_id = draft.body["id"]
    starts = start if isinstance(start, datetime) else now() + start
    ends = end if isinstance(end, datetime) else now() + end
    plan = {"trainerId": trainer["id"], "venueId": venue["id"], "startTime": iso(starts), "endTime": iso(ends)}
    reply = api.patch(f"/sessions/{session_id}/schedule", plan)
    assert reply.status == 200, reply.body
    listed = [api.person() for _ in range(people)]
    if listed:
        reply = api.post(f"/sessions/{session_id}/attendees", {"personnelIds": [p["id"] for p in listed]})
        assert reply.status == 200 and len(reply.body["added"]) == people, reply.body
    return Class(course, trainer, login, session_id, listed, starts, ends)


def session(api: ApiClient, session_id: str) -> dict[str, Any]:
    reply = api.get(f"/sessions/{session_id}")
    assert reply.status == 200, reply.body
    return reply.body


def attendees(api: ApiClient, session_id: str) -> dict[str, dict[str, Any]]:
    return {a["personnelId"]: a for a in session(api, session_id)["attendees"]}


def mark(api: ApiClient, session_id: str, entries: list[dict[str, Any]], caller: Any = ADMIN) -> Reply:
    return api.patch(f"/sessions/{session_id}/attendance", {"entries": entries}, caller=caller)


def entry(person_id: str, status: str, result: str | None = None, **more: Any) -> dict[str, Any]:
    body = {"personnelId": person_id, "status": status, **more}
    if result is not None:
        body["result"] = result
    return body


def upload(api: ApiClient, session_id: str, body: bytes | None = PDF, caller: Any = ADMIN) -> str:
    """Ask for an upload form and (unless body is None) put the file where the form says, as the browser would."""
    reply = api.post(f"/sessions/{session_id}/evidence", caller=caller)
    assert reply.status == 200, reply.body
    key = reply.body["fileKey"]
    if body is not None:
        s3().put_object(Bucket=bucket(), Key=key, Body=body, ContentType="application/pdf")
    return key


def ready_class(
    api: ApiClient, outcomes: list[tuple[str, str | None]], course: dict[str, Any] | None = None, **when: Any
) -> Class:
    """A session that has ended, every attendee marked as `outcomes` says, and a real PDF uploaded
    (`when`: the session's `start` and `end`, as scheduled_class takes them)."""
    klass = scheduled_class(api, people=len(outcomes), course=course, **when)
    reply = mark(
        api, klass.session_id, [entry(p["id"], s, r) for p, (s, r) in zip(klass.people, outcomes, strict=True)]
    )
    assert reply.status == 200, reply.body
    klass.file_key = upload(api, klass.session_id)
    return klass


def finalize(api: ApiClient, session_id: str, caller: Any = ADMIN) -> Reply:
    return api.post(f"/sessions/{session_id}/finalize", caller=caller)


def finalized(api: ApiClient, klass: Class) -> dict[str, Any]:
    reply = finalize(api, klass.session_id)
    assert reply.status == 200, reply.body
    return reply.body


def records(api: ApiClient, session_id: str) -> dict[str, Any]:
    reply = api.get(f"/sessions/{session_id}/records")
    assert reply.status == 200, reply.body
    return reply.body


def by_person(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["personnelId"]: item for item in items}


def history(api: ApiClient, person_id: str) -> list[dict[str, Any]]:
    reply = api.get(f"/personnel/{person_id}/training-records")
    assert reply.status == 200, reply.body
    return reply.body["items"]


def compliance(api: ApiClient, person_id: str, course_id: str) -> dict[str, Any] | None:
    reply = api.get(f"/personnel/{person_id}/compliance")
    assert reply.status == 200, reply.body
    found = [item for item in reply.body["items"] if item["courseId"] == course_id]
    return found[0] if found else None


def comply(api: ApiClient, person_id: str, course_id: str, status: str, expiry: str | None) -> dict[str, Any]:
    reply = api.put(f"/personnel/{person_id}/compliance/{course_id}", {"status": status, "expiryDate": expiry})
    assert reply.status == 200, reply.body
    return reply.body


def pending_ids(api: ApiClient, status: str = "PENDING_VERIFICATION") -> list[str]:
    reply = api.get("/competency-records", query={"status": status, "limit": "100"})
    assert reply.status == 200, reply.body
    assert set(reply.body) == {"items", "nextToken"}
    return [record["id"] for record in reply.body["items"]]


def verify(api: ApiClient, record_id: str, body: Any, caller: Any = ADMIN) -> Reply:
    return api.post(f"/competency-records/{record_id}/verify", body, caller=caller)


def detail_fields(reply: Reply) -> list[str]:
    return [d["field"] for d in reply.body["details"]]


def all_messages(reply: Reply) -> str:
    return " ".join([reply.body["message"], *(d["message"] for d in reply.body["details"])])


# --- Who may do what ---------------------------------------------------------------------------------------------


def test_the_sessions_own_trainer_marks_attendance_and_handles_evidence(api):
    # Given an ended session whose trainer logs in as klass.login
    klass = scheduled_class(api, people=2)
    # When that trainer marks attendance and uploads the signed sheet
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")], caller=klass.own_trainer)
    key = upload(api, klass.session_id, caller=klass.own_trainer)
    link = api.get(f"/sessions/{klass.session_id}/evidence", caller=klass.own_trainer)
    # Then all of it is accepted and stored
    assert reply.status == 200, reply.body
    assert reply.body["updated"] == 1
    assert attendees(api, klass.session_id)[klass.pid(0)]["status"] == "ATTENDED"
    assert link.status == 200, link.body
    assert link.body["fileKey"] == key


def test_another_trainer_may_not_touch_attendance_or_evidence(api):
    # Given an ended session with a PDF uploaded by the admin, and a trainer who is not its trainer
    klass = scheduled_class(api, people=1)
    upload(api, klass.session_id)
    stranger = api.trainer(userId=f"other-{suffix()}")
    other = trainer_caller(stranger["userId"])
    # When that trainer marks attendance, asks for an upload and asks for the sheet
    marked = mark(api, klass.session_id, [entry(klass.pid(0), "NO_SHOW")], caller=other)
    form = api.post(f"/sessions/{klass.session_id}/evidence", caller=other)
    link = api.get(f"/sessions/{klass.session_id}/evidence", caller=other)
    # Then every call is 403 and the attendee is still only registered
    assert (marked.status, form.status, link.status) == (403, 403, 403)
    assert attendees(api, klass.session_id)[klass.pid(0)]["status"] == "REGISTERED"


def test_a_trainer_token_without_a_trainer_login_match_is_403_even_with_the_trainer_id_as_sub(api):
    # Given an ended session; a trainer-group caller whose sub is the trainer's *record id*, not its login
    klass = scheduled_class(api, people=1)
    # When they mark attendance
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "NO_SHOW")], caller=trainer_caller(klass.trainer["id"]))
    # Then it is 403: only the login id (userId) counts
    assert reply.status == 403, reply.body


def test_finalize_and_verification_are_for_hse_admins_only(api):
    # Given a session ready to finalize, of a course that needs verification
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=api.course(requiresVerification=True))
    # When its own trainer tries to finalize
    reply = finalize(api, klass.session_id, caller=klass.own_trainer)
    # Then it is 403 and the session is still SCHEDULED with no records
    assert reply.status == 403, reply.body
    assert session(api, klass.session_id)["status"] == "SCHEDULED"
    assert records(api, klass.session_id)["competencyRecords"] == []
    # When the admin finalizes and the trainer tries to verify the pending competency
    finalized(api, klass)
    (record,) = records(api, klass.session_id)["competencyRecords"]
    denied = verify(api, record["id"], {"outcome": "VERIFIED"}, caller=klass.own_trainer)
    # Then that is 403 too and the record is still pending
    assert denied.status == 403, denied.body
    assert record["id"] in pending_ids(api)


# --- Attendance ----------------------------------------------------------------------------------------------------


def test_attendance_returns_the_summary_and_the_marked_list(api):
    # Given an ended session with four people
    klass = scheduled_class(api, people=4)
    # When three are marked (one passed, one failed, one no-show)
    reply = mark(
        api,
        klass.session_id,
        [
            entry(klass.pid(0), "ATTENDED", "PASSED", remarks="Good"),
            entry(klass.pid(1), "ATTENDED", "FAILED"),
            entry(klass.pid(2), "NO_SHOW"),
        ],
    )
    # Then the reply counts them and shows each one's status and result
    assert reply.status == 200, reply.body
    assert reply.body["sessionId"] == klass.session_id
    assert reply.body["updated"] == 3
    assert reply.body["summary"] == {"registered": 1, "attended": 2, "noShow": 1, "passed": 1, "failed": 1}
    listed = by_person(reply.body["attendees"])
    assert (listed[klass.pid(0)]["status"], listed[klass.pid(0)]["result"]) == ("ATTENDED", "PASSED")
    assert listed[klass.pid(0)]["remarks"] == "Good"
    assert (listed[klass.pid(1)]["status"], listed[klass.pid(1)]["result"]) == ("ATTENDED", "FAILED")
    assert (listed[klass.pid(2)]["status"], listed[klass.pid(2)]["result"]) == ("NO_SHOW", None)
    assert listed[klass.pid(3)]["status"] == "REGISTERED"
    # And the session reads the same
    assert attendees(api, klass.session_id) == listed


def test_attendance_can_be_sent_again_and_the_later_entry_wins(api):
    # Given one person marked ATTENDED / PASSED with a remark
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED", remarks="ok")]).status == 200
    # When they are marked again, first FAILED, then NO_SHOW
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "FAILED")]).status == 200
    failed = attendees(api, klass.session_id)[klass.pid(0)]
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "NO_SHOW")])
    # Then each sheet overwrote the last: the result and remark went with the NO_SHOW
    assert failed["result"] == "FAILED"
    assert reply.status == 200, reply.body
    person = attendees(api, klass.session_id)[klass.pid(0)]
    assert (person["status"], person["result"], person["remarks"]) == ("NO_SHOW", None, None)
    assert reply.body["summary"]["noShow"] == 1 and reply.body["summary"]["failed"] == 0


def test_attendance_before_the_start_is_409(api):
    # Given a session scheduled to start in an hour
    klass = scheduled_class(api, people=1, start=timedelta(hours=1), end=timedelta(hours=3))
    # When attendance is sent
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")])
    # Then it is 409 and nothing is marked
    assert reply.status == 409, reply.body
    assert attendees(api, klass.session_id)[klass.pid(0)]["status"] == "REGISTERED"


def test_attendance_is_open_once_the_session_started_even_before_it_ends(api):
    # Given a session that started an hour ago and ends in an hour
    klass = scheduled_class(api, people=1, start=timedelta(hours=-1), end=timedelta(hours=1))
    # When attendance is sent
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")])
    # Then it is taken
    assert reply.status == 200, reply.body
    assert attendees(api, klass.session_id)[klass.pid(0)]["result"] == "PASSED"


@pytest.mark.parametrize("status", ["DRAFT", "CANCELLED"])
def test_attendance_of_a_draft_or_cancelled_session_is_409(api, status):
    # Given a session with one person, left as a DRAFT or cancelled
    if status == "DRAFT":
        person = api.person()
        session_id = api.post("/sessions/draft", {"courseId": api.course()["id"]}).body["id"]
        assert api.post(f"/sessions/{session_id}/attendees", {"personnelIds": [person["id"]]}).status == 200
    else:
        klass = scheduled_class(api, people=1)
        session_id, person = klass.session_id, klass.people[0]
        assert api.post(f"/sessions/{session_id}/cancel").status == 200
    # When attendance is sent
    reply = mark(api, session_id, [entry(person["id"], "ATTENDED", "PASSED")])
    # Then it is 409 and the person stays registered
    assert reply.status == 409, reply.body
    assert attendees(api, session_id)[person["id"]]["status"] == "REGISTERED"


def test_people_not_on_the_list_are_named_and_nothing_is_applied(api):
    # Given an ended session with two people, and someone who is not on its list
    klass = scheduled_class(api, people=2)
    outsider = api.person()
    # When a sheet marks both listed people and the outsider
    reply = mark(
        api,
        klass.session_id,
        [
            entry(klass.pid(0), "ATTENDED", "PASSED"),
            entry(outsider["id"], "ATTENDED", "PASSED"),
            entry(klass.pid(1), "NO_SHOW"),
        ],
    )
    # Then it is 422 naming the outsider (and only them)
    assert reply.status == 422, reply.body
    assert detail_fields(reply) == ["entries.1.personnelId"]
    assert outsider["id"] in reply.body["details"][0]["message"]
    # And the listed people were not changed
    listed = attendees(api, klass.session_id)
    assert listed[klass.pid(0)]["status"] == "REGISTERED" and listed[klass.pid(0)]["result"] is None
    assert listed[klass.pid(1)]["status"] == "REGISTERED"


@pytest.mark.parametrize(
    ("bad", "field_name"),
    [
        ({"status": "NO_SHOW", "result": "PASSED"}, "entries.1.result"),
        ({"status": "NO_SHOW", "result": "FAILED"}, "entries.1.result"),
        ({"status": "REGISTERED"}, "entries.1.status"),
        ({"status": "LATE"}, "entries.1.status"),
        ({"status": "ATTENDED", "result": "MAYBE"}, "entries.1.result"),
    ],
    ids=["no-show-passed", "no-show-failed", "registered", "unknown-status", "unknown-result"],
)
def test_an_invalid_entry_is_422_and_nothing_is_applied(api, bad, field_name):
    # Given an ended session with two people
    klass = scheduled_class(api, people=2)
    # When a sheet has one good entry and one invalid one
    reply = mark(
        api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED"), {"personnelId": klass.pid(1), **bad}]
    )
    # Then it is 422 naming the invalid field
    assert reply.status == 422, reply.body
    assert field_name in detail_fields(reply)
    # And neither person was changed
    listed = attendees(api, klass.session_id)
    assert {a["status"] for a in listed.values()} == {"REGISTERED"}


def test_a_result_for_a_no_show_is_refused_with_a_message_saying_why(api):
    # Given an ended session with one person
    klass = scheduled_class(api, people=1)
    # When they are marked NO_SHOW with a result
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "NO_SHOW", "PASSED")])
    # Then the 422 explains a result needs ATTENDED
    assert reply.status == 422, reply.body
    assert "ATTENDED" in all_messages(reply)


# --- Evidence ------------------------------------------------------------------------------------------------------


def test_evidence_upload_form_is_a_presigned_pdf_post(api):
    # Given a scheduled session
    klass = scheduled_class(api, people=1)
    # When an upload is requested
    reply = api.post(f"/sessions/{klass.session_id}/evidence")
    # Then it is a presigned POST for a PDF at a key of this session
    assert reply.status == 200, reply.body
    body = reply.body
    assert set(body) == {"url", "fields", "fileKey", "expiresInSeconds", "maxBytes"}
    assert body["url"].startswith("http")
    assert body["fields"]["Content-Type"] == "application/pdf"
    assert body["fields"]["policy"]
    assert body["fields"]["key"] == body["fileKey"]
    assert klass.session_id in body["fileKey"] and body["fileKey"].endswith(".pdf")
    assert body["expiresInSeconds"] > 0
    assert body["maxBytes"] == 20 * 1024 * 1024


def test_each_upload_request_names_a_new_key(api):
    # Given a scheduled session
    klass = scheduled_class(api, people=1)
    # When two uploads are requested
    first = upload(api, klass.session_id, body=None)
    second = upload(api, klass.session_id, body=None)
    # Then they name different files
    assert first != second


def test_evidence_link_is_404_until_a_file_is_really_uploaded(api):
    # Given a scheduled session
    klass = scheduled_class(api, people=1)
    # Then before any upload the sheet is 404
    assert api.get(f"/sessions/{klass.session_id}/evidence").status == 404
    # When an upload form is handed out but nothing is sent
    key = upload(api, klass.session_id, body=None)
    # Then it is still 404
    assert api.get(f"/sessions/{klass.session_id}/evidence").status == 404
    # When the browser puts the PDF
    s3().put_object(Bucket=bucket(), Key=key, Body=PDF)
    reply = api.get(f"/sessions/{klass.session_id}/evidence")
    # Then a short-lived link to that file is served
    assert reply.status == 200, reply.body
    assert reply.body["fileKey"] == key
    assert key in reply.body["url"]
    assert 0 < reply.body["expiresInSeconds"] <= 3600
    assert reply.body["finalized"] is False


def test_a_new_upload_replaces_the_previous_one(api):
    # Given a non-PDF uploaded first, then a PDF in a second upload
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    first = upload(api, klass.session_id, body=NOT_A_PDF)
    second = upload(api, klass.session_id, body=PDF)
    # Then the link points at the second
    assert api.get(f"/sessions/{klass.session_id}/evidence").body["fileKey"] == second != first
    # When the session is finalized
    body = finalized(api, klass)
    # Then the frozen sheet is the second upload's content
    assert stored_bytes(body["evidenceFileKey"]) == PDF


def test_finalize_uses_the_latest_upload_even_when_an_earlier_one_was_a_pdf(api):
    # Given a PDF uploaded, then replaced by a newer upload that is not a PDF
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id, body=PDF)
    upload(api, klass.session_id, body=NOT_A_PDF)
    # When the session is finalized
    reply = finalize(api, klass.session_id)
    # Then the latest (non-PDF) upload is what is checked, so it is refused
    assert reply.status == 422, reply.body
    assert "not a PDF" in all_messages(reply)
    assert session(api, klass.session_id)["status"] == "SCHEDULED"


def test_after_finalize_the_evidence_is_frozen_and_still_readable(api):
    # Given a finalized session
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    body = finalized(api, klass)
    # When a new upload is requested, by the admin or by the session's trainer
    by_admin = api.post(f"/sessions/{klass.session_id}/evidence")
    by_trainer = api.post(f"/sessions/{klass.session_id}/evidence", caller=klass.own_trainer)
    # Then both are 409
    assert by_admin.status == 409, by_admin.body
    assert by_trainer.status == 409, by_trainer.body
    # And the link now serves the frozen sheet the records link
    link = api.get(f"/sessions/{klass.session_id}/evidence")
    assert link.status == 200, link.body
    assert link.body["fileKey"] == body["evidenceFileKey"]
    assert link.body["finalized"] is True
    assert stored_bytes(link.body["fileKey"]) == PDF


def test_the_frozen_sheets_link_is_signed_without_a_request_to_s3(api):
    # Given a finalized session, and a function that has not reached S3 since its cold start
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    body = finalized(api, klass)
    runtime.evidence.cache_clear()
    # When the evidence link is asked for
    link = api.get(f"/sessions/{klass.session_id}/evidence")
    # Then it links the frozen sheet (finalize checked it before its commit; no function may delete it)
    assert link.status == 200, link.body
    assert link.body["fileKey"] == body["evidenceFileKey"]
    assert f"/{bucket()}/{body['evidenceFileKey']}?" in link.body["url"]
    # And the link was signed without building an S3 client
    assert "_s3" not in vars(runtime.evidence())


def test_overwriting_the_upload_key_after_finalize_does_not_change_the_frozen_sheet(api):
    # Given a finalized session
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    body = finalized(api, klass)
    # When someone replays the old upload form with other content
    s3().put_object(Bucket=bucket(), Key=klass.file_key, Body=NOT_A_PDF)
    # Then the sheet the records link is unchanged
    assert stored_bytes(body["evidenceFileKey"]) == PDF
    assert records(api, klass.session_id)["trainingRecords"][0]["evidenceFileKey"] == body["evidenceFileKey"]


# --- The Finalize Gate: refusals -----------------------------------------------------------------------------------


def test_finalize_before_the_end_is_409(api):
    # Given a session under way (ends in an hour), fully marked with a PDF
    klass = scheduled_class(api, people=1, start=timedelta(hours=-1), end=timedelta(hours=1))
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id)
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is 409 and nothing changed
    assert reply.status == 409, reply.body
    assert session(api, klass.session_id)["status"] == "SCHEDULED"
    assert records(api, klass.session_id)["trainingRecords"] == []


@pytest.mark.parametrize("status", ["DRAFT", "CANCELLED"])
def test_finalize_of_a_draft_or_cancelled_session_is_409(api, status):
    # Given a draft session, or a scheduled one that was cancelled
    if status == "DRAFT":
        session_id = api.post("/sessions/draft", {"courseId": api.course()["id"]}).body["id"]
    else:
        session_id = scheduled_class(api, people=1).session_id
        assert api.post(f"/sessions/{session_id}/cancel").status == 200
    # When it is finalized
    reply = finalize(api, session_id)
    # Then it is 409 and the status is unchanged
    assert reply.status == 409, reply.body
    assert session(api, session_id)["status"] == status


def test_finalize_of_an_unknown_session_is_404(api):
    # Given a session id that names nothing (a real session exists, so the table is not empty)
    scheduled_class(api, people=1)
    # When the unknown session is finalized
    reply = finalize(api, UNKNOWN_ID)
    # Then it is 404
    assert reply.status == 404, reply.body


def test_finalize_lists_everything_missing(api):
    # Given an ended session: one person unmarked, one ATTENDED without a result, one NO_SHOW, and no PDF
    klass = scheduled_class(api, people=3)
    reply = mark(api, klass.session_id, [entry(klass.pid(1), "ATTENDED"), entry(klass.pid(2), "NO_SHOW")])
    assert reply.status == 200, reply.body
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is 422 naming the unmarked person, the one without a result and the missing evidence
    assert reply.status == 422, reply.body
    fields = detail_fields(reply)
    assert sorted(fields) == sorted([f"attendees.{klass.pid(0)}", f"attendees.{klass.pid(1)}", "evidence"])
    # And nothing was written: still SCHEDULED, no records, no compliance items
    assert session(api, klass.session_id)["status"] == "SCHEDULED"
    assert records(api, klass.session_id) == {
        "sessionId": klass.session_id,
        "trainingRecords": [],
        "competencyRecords": [],
    }
    for person in klass.people:
        assert compliance(api, person["id"], klass.course["id"]) is None


def test_finalize_with_an_upload_form_but_no_file_is_422(api):
    # Given a fully marked session whose upload form was never used
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id, body=None)
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is 422 about the evidence only
    assert reply.status == 422, reply.body
    assert detail_fields(reply) == ["evidence"]
    assert session(api, klass.session_id)["status"] == "SCHEDULED"


def test_finalize_with_a_file_that_is_not_a_pdf_is_422_and_can_be_fixed(api):
    # Given a fully marked session whose upload is a zip, not a PDF
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id, body=NOT_A_PDF)
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is 422 saying the file is not a PDF, and nothing is written
    assert reply.status == 422, reply.body
    assert detail_fields(reply) == ["evidence"]
    assert "not a PDF" in reply.body["details"][0]["message"]
    assert session(api, klass.session_id)["status"] == "SCHEDULED"
    assert records(api, klass.session_id)["trainingRecords"] == []
    # When a real PDF is uploaded and it is finalized again
    upload(api, klass.session_id, body=PDF)
    # Then it goes through
    assert finalized(api, klass)["status"] == "COMPLETED"


def test_an_empty_upload_is_not_a_pdf(api):
    # Given a fully marked session whose upload is empty
    klass = scheduled_class(api, people=1)
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id, body=b"")
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is 422 about the evidence
    assert reply.status == 422, reply.body
    assert detail_fields(reply) == ["evidence"]
    assert session(api, klass.session_id)["status"] == "SCHEDULED"


# --- The Finalize Gate: what it writes -----------------------------------------------------------------------------


def test_finalize_writes_a_training_record_per_attendee_and_none_for_no_shows(api):
    # Given an ended session of a 12-month course: one passed, one failed, one no-show, with a PDF
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "FAILED"), ("NO_SHOW", None)])
    passed, failed, no_show = klass.pid(0), klass.pid(1), klass.pid(2)
    # When the admin finalizes it
    reply = finalize(api, klass.session_id)
    # Then the answer counts two training records, no competency records, one no-show
    assert reply.status == 200, reply.body
    body = reply.body
    assert body["sessionId"] == klass.session_id
    assert body["status"] == "COMPLETED"
    assert (body["trainingRecords"], body["competencyRecords"], body["noShows"]) == (2, 0, 1)
    assert body["finalizedById"] == ADMIN_SUB
    assert body["evidenceFileKey"]
    # And each attendee has a record with the session's facts
    got = records(api, klass.session_id)
    assert got["sessionId"] == klass.session_id
    assert got["competencyRecords"] == []
    training = by_person(got["trainingRecords"])
    assert set(training) == {passed, failed}
    end = iso(klass.end)
    for person_id, result in ((passed, "PASSED"), (failed, "FAILED")):
        record = training[person_id]
        assert record["result"] == result
        assert record["courseId"] == klass.course["id"]
        assert record["sessionId"] == klass.session_id
        assert record["trainerId"] == klass.trainer["id"]
        assert record["completedAt"] == end
        assert record["evidenceFileKey"] == body["evidenceFileKey"]
        assert record["createdById"] == ADMIN_SUB
    # And the pass expires 12 calendar months after the session's end day; both are site-calendar days
    assert training[passed]["completionDate"] == klass.end.date().isoformat()
    assert training[passed]["expiryDate"] == plus_months(klass.end, 12)
    assert training[failed]["expiryDate"] is None
    # And the no-show has no record anywhere
    assert history(api, no_show) == []
    assert [r["id"] for r in history(api, passed)] == [training[passed]["id"]]
    assert history(api, failed) == [training[failed]]


def test_the_session_is_completed_with_who_finalized_it_and_when(api):
    # Given a ready session
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    before = now()
    # When it is finalized
    body = finalized(api, klass)
    after = now()
    # Then the session reads COMPLETED, finalized by the admin, between the two clock reads
    read = session(api, klass.session_id)
    assert read["status"] == "COMPLETED"
    assert read["finalizedById"] == ADMIN_SUB
    assert read["finalizedAt"] == body["finalizedAt"]
    finalized_at = datetime.fromisoformat(read["finalizedAt"])
    assert before - timedelta(seconds=1) <= finalized_at <= after + timedelta(seconds=1)
    assert read["evidenceFileKey"] == body["evidenceFileKey"]


def test_a_course_without_validity_gives_records_with_no_expiry(api):
    # Given a ready session of a course that never expires
    course = api.course(validityMonths=None)
    assert course["validityMonths"] is None
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=course)
    # When it is finalized
    finalized(api, klass)
    # Then the record has no expiry and the worker is compliant with no expiry
    (record,) = records(api, klass.session_id)["trainingRecords"]
    assert record["result"] == "PASSED"
    assert record["expiryDate"] is None
    item = compliance(api, klass.pid(0), course["id"])
    assert item is not None
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", None)


def test_a_course_needing_verification_gives_pending_competencies_for_passes(api):
    # Given a ready session of a course that needs verification: one passed, one failed, one no-show
    course = api.course(requiresVerification=True, validityMonths=24)
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "FAILED"), ("NO_SHOW", None)], course=course)
    passed, failed, no_show = klass.pid(0), klass.pid(1), klass.pid(2)
    # When it is finalized
    body = finalized(api, klass)
    # Then the pass became a pending competency, the fail still a training record, the no-show nothing
    assert (body["trainingRecords"], body["competencyRecords"], body["noShows"]) == (1, 1, 1)
    got = records(api, klass.session_id)
    (competency,) = got["competencyRecords"]
    (training,) = got["trainingRecords"]
    assert competency["personnelId"] == passed
    assert competency["status"] == "PENDING_VERIFICATION"
    assert competency["courseId"] == course["id"]
    assert competency["sessionId"] == klass.session_id
    assert competency["trainerId"] == klass.trainer["id"]
    assert competency["completedAt"] == iso(klass.end)
    assert competency["createdById"] == ADMIN_SUB
    assert competency["verifiedById"] is None
    assert (training["personnelId"], training["result"]) == (failed, "FAILED")
    # And both link the same evidence file
    assert competency["evidenceFileKey"] == training["evidenceFileKey"] == body["evidenceFileKey"]
    # And the passed worker has no training record yet, the no-show none at all
    assert history(api, passed) == []
    assert history(api, no_show) == []
    # And the competency waits in the verification queue
    assert competency["id"] in pending_ids(api)


def test_every_record_of_a_session_links_the_same_evidence(api):
    # Given a ready session with several outcomes
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "PASSED"), ("ATTENDED", "FAILED")])
    # When it is finalized
    body = finalized(api, klass)
    # Then every record names the one evidence file, which holds the uploaded PDF
    keys = {r["evidenceFileKey"] for r in records(api, klass.session_id)["trainingRecords"]}
    assert keys == {body["evidenceFileKey"]}
    assert stored_bytes(body["evidenceFileKey"]) == PDF


def test_records_are_empty_before_finalize(api):
    # Given a session ready to finalize but not finalized
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    # When its records and the worker's history are read
    got = records(api, klass.session_id)
    # Then there are none
    assert got == {
        "sessionId": klass.session_id,
        "trainingRecords": [],
        "competencyRecords": [],
    }
    assert history(api, klass.pid(0)) == []


def test_records_of_an_unknown_session_are_404(api):
    # Given a session id that names nothing
    assert api.get(f"/sessions/{UNKNOWN_ID}").status == 404
    # When its records are asked for
    reply = api.get(f"/sessions/{UNKNOWN_ID}/records")
    # Then it is 404
    assert reply.status == 404, reply.body


def two_sessions_of_one_worker(api: ApiClient) -> tuple[Class, Class, dict[str, Any]]:
    """A worker who failed an older session and passed a newer one, both ready to finalize."""
    older = ready_class(api, [("ATTENDED", "FAILED")])
    person = older.people[0]
    newer = scheduled_class(api, people=0, start=timedelta(hours=-2), end=timedelta(minutes=-30))
    assert api.post(f"/sessions/{newer.session_id}/attendees", {"personnelIds": [person["id"]]}).status == 200
    assert mark(api, newer.session_id, [entry(person["id"], "ATTENDED", "PASSED")]).status == 200
    upload(api, newer.session_id)
    return older, newer, person


def test_a_workers_history_spans_sessions_newest_first(api):
    # Given a worker who passed one session of a course and failed an earlier one of another
    older, newer, person = two_sessions_of_one_worker(api)
    # When both are finalized
    finalized(api, older)
    finalized(api, newer)
    # Then the worker's history lists both, the newer first
    items = history(api, person["id"])
    assert [(r["sessionId"], r["result"]) for r in items] == [
        (newer.session_id, "PASSED"),
        (older.session_id, "FAILED"),
    ]


def test_a_workers_history_pages_newest_first_and_records_written_before_get_their_keys(api):
    # Given a worker with two finalized sessions, and a third record's history keys removed as they
    # were before the worker's history was in ListIndex
    older, newer, person = two_sessions_of_one_worker(api)
    finalized(api, older)
    finalized(api, newer)
    # When it is read a record a page
    first = api.get(f"/personnel/{person['id']}/training-records", query={"limit": "1"})
    assert first.status == 200, first.body
    second = api.get(
        f"/personnel/{person['id']}/training-records", query={"limit": "1", "nextToken": first.body["nextToken"]}
    )
    # Then the pages hold the newer, then the older, and the last one says there is no more
    assert [r["sessionId"] for r in first.body["items"]] == [newer.session_id]
    assert [r["sessionId"] for r in second.body["items"]] == [older.session_id]
    assert second.body["nextToken"] is None
    # When the older record loses its history keys (written before them) and the back-fill runs
    TrainingRecordItem(*TrainingRecordItem.key(person["id"], older.session_id)).update(
        actions=[TrainingRecordItem.list_pk.remove(), TrainingRecordItem.list_sk.remove()]
    )
    assert [r["sessionId"] for r in history(api, person["id"])] == [newer.session_id]
    assert backfill_training_record_keys.main() == 0  # python -m local.backfill_training_record_keys
    # Then it is listed again, and a second run has nothing to do
    assert [r["sessionId"] for r in history(api, person["id"])] == [newer.session_id, older.session_id]
    assert runtime.store().records.backfill_history_keys() == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": "0"}, "limit"), ({"limit": "201"}, "limit"), ({"nextToken": "bogus"}, "nextToken")],
)
def test_a_workers_history_rejects_bad_paging(api, query, field):
    # Given a worker, and a bad limit or a token no list handed out
    person = api.person()
    # When their records are read
    reply = api.get(f"/personnel/{person['id']}/training-records", query=query)
    # Then it is a 422 naming that parameter
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}


def test_a_workers_history_refuses_another_workers_token_and_an_unknown_worker(api):
    # Given a worker with two records and the token of their first page
    older = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "PASSED")])
    finalized(api, older)
    other = scheduled_class(api, people=0, start=timedelta(hours=-2), end=timedelta(minutes=-30))
    assert api.post(f"/sessions/{other.session_id}/attendees", {"personnelIds": [older.pid(0)]}).status == 200
    assert mark(api, other.session_id, [entry(older.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, other.session_id)
    finalized(api, other)
    token = api.get(f"/personnel/{older.pid(0)}/training-records", query={"limit": "1"}).body["nextToken"]
    assert token
    # When it is used for another worker, and a worker who does not exist is read
    reply = api.get(f"/personnel/{older.pid(1)}/training-records", query={"nextToken": token})
    unknown = api.get(f"/personnel/{UNKNOWN_ID}/training-records")
    # Then the first is a 422 naming nextToken, the second a 404
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}
    assert unknown.status == 404, unknown.body


# --- The compliance engine -----------------------------------------------------------------------------------------


def test_a_pass_makes_the_worker_compliant_until_the_new_expiry(api):
    # Given a worker recorded NON_COMPLIANT for the course, in a ready session where they passed
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    comply(api, klass.pid(0), klass.course["id"], "NON_COMPLIANT", None)
    # When it is finalized
    finalized(api, klass)
    # Then they are COMPLIANT until 12 months after the session's end (a calendar date)
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert item["status"] == "COMPLIANT"
    assert item["expiryDate"] == plus_months(klass.end, 12)


def test_a_pass_never_shortens_a_longer_existing_expiry(api):
    # Given a worker already COMPLIANT far into the future, who passes again
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    comply(api, klass.pid(0), klass.course["id"], "COMPLIANT", FAR_FUTURE)
    # When it is finalized
    finalized(api, klass)
    # Then the later expiry wins: they stay COMPLIANT until the far date, and the record has its own
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", FAR_FUTURE)
    assert records(api, klass.session_id)["trainingRecords"][0]["expiryDate"] == plus_months(klass.end, 12)


def test_a_pass_extends_a_shorter_existing_expiry(api):
    # Given a worker COMPLIANT until next week, who passes again
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    soon = (klass.end + timedelta(days=7)).date().isoformat()
    comply(api, klass.pid(0), klass.course["id"], "COMPLIANT", soon)
    # When it is finalized
    finalized(api, klass)
    # Then they are COMPLIANT until 12 months after the session's end
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", plus_months(klass.end, 12))


def test_a_fail_never_lowers_a_valid_compliant_item(api):
    # Given a worker COMPLIANT until far in the future, who failed this session
    klass = ready_class(api, [("ATTENDED", "FAILED")])
    comply(api, klass.pid(0), klass.course["id"], "COMPLIANT", FAR_FUTURE)
    # When it is finalized
    finalized(api, klass)
    # Then they stay COMPLIANT with the same expiry
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", FAR_FUTURE)


@pytest.mark.parametrize("prior", [None, ("COMPLIANT", FAR_PAST), ("PENDING", None)], ids=["none", "lapsed", "pending"])
def test_a_fail_otherwise_makes_the_worker_non_compliant(api, prior):
    # Given a worker with no item, a lapsed COMPLIANT item or a PENDING one, who failed this session
    klass = ready_class(api, [("ATTENDED", "FAILED")])
    if prior:
        comply(api, klass.pid(0), klass.course["id"], *prior)
    # When it is finalized
    finalized(api, klass)
    # Then they are NON_COMPLIANT
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert item is not None
    assert item["status"] == "NON_COMPLIANT"
    assert item["recordedStatus"] == "NON_COMPLIANT"


def test_a_no_show_leaves_compliance_alone(api):
    # Given a worker COMPLIANT until far in the future and one without an item, both no-shows
    klass = ready_class(api, [("NO_SHOW", None), ("NO_SHOW", None)])
    before = comply(api, klass.pid(0), klass.course["id"], "COMPLIANT", FAR_FUTURE)
    # When it is finalized
    finalized(api, klass)
    # Then the first item is untouched and the second worker still has none
    assert compliance(api, klass.pid(0), klass.course["id"]) == before
    assert compliance(api, klass.pid(1), klass.course["id"]) is None


@pytest.mark.parametrize(
    ("prior", "expected"),
    [
        (None, ("PENDING", None)),
        (("NON_COMPLIANT", None), ("PENDING", None)),
        (("COMPLIANT", FAR_PAST), ("PENDING", None)),
        (("COMPLIANT", FAR_FUTURE), ("COMPLIANT", FAR_FUTURE)),
    ],
    ids=["none", "non-compliant", "lapsed", "valid"],
)
def test_a_pending_competency_makes_the_worker_pending_unless_validly_compliant(api, prior, expected):
    # Given a worker in some state, who passed a session of a course needing verification
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=api.course(requiresVerification=True))
    if prior:
        comply(api, klass.pid(0), klass.course["id"], *prior)
    # When it is finalized
    finalized(api, klass)
    # Then they are PENDING, unless they were COMPLIANT and unexpired
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert (item["status"], item["expiryDate"]) == expected


# --- Finalizing again, and what is frozen afterwards ----------------------------------------------------------------


def test_finalize_again_returns_the_same_answer_and_writes_nothing(api):
    # Given a finalized session with a pass, a fail and a pending competency
    course = api.course(requiresVerification=True)
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "FAILED")], course=course)
    first = finalized(api, klass)
    records_before = records(api, klass.session_id)
    session_before = session(api, klass.session_id)
    items_before = [compliance(api, p["id"], course["id"]) for p in klass.people]
    # When it is finalized again
    again = finalize(api, klass.session_id)
    # Then the answer is the same, and records, session and compliance items are unchanged
    assert again.status == 200, again.body
    assert again.body == first
    assert records(api, klass.session_id) == records_before
    assert session(api, klass.session_id) == session_before
    assert [compliance(api, p["id"], course["id"]) for p in klass.people] == items_before
    assert all(item is not None for item in items_before)


def test_finalize_again_does_not_undo_a_later_verification(api):
    # Given a finalized session whose pending competency was then verified
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=api.course(requiresVerification=True))
    first = finalized(api, klass)
    (pending,) = records(api, klass.session_id)["competencyRecords"]
    assert verify(api, pending["id"], {"outcome": "VERIFIED"}).status == 200
    verified = records(api, klass.session_id)
    item = compliance(api, klass.pid(0), klass.course["id"])
    # When the session is finalized again
    again = finalize(api, klass.session_id)
    # Then it answers as before and the verification and the worker's COMPLIANT item stand
    assert again.status == 200 and again.body == first
    assert records(api, klass.session_id) == verified
    assert compliance(api, klass.pid(0), klass.course["id"]) == item
    assert item["status"] == "COMPLIANT"


def test_after_finalize_attendance_and_class_list_are_read_only(api):
    # Given a finalized session
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("NO_SHOW", None)])
    finalized(api, klass)
    newcomer = api.person()
    # When attendance is sent again (by admin and by its trainer) and someone is added to the list
    by_admin = mark(api, klass.session_id, [entry(klass.pid(1), "ATTENDED", "PASSED")])
    by_trainer = mark(api, klass.session_id, [entry(klass.pid(0), "NO_SHOW")], caller=klass.own_trainer)
    added = api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [newcomer["id"]]})
    removed = api.delete(f"/sessions/{klass.session_id}/attendees/{klass.pid(1)}")
    # Then every change is 409
    assert (by_admin.status, by_trainer.status, added.status, removed.status) == (409, 409, 409, 409)
    # And the class list and its marks are as finalized
    listed = attendees(api, klass.session_id)
    assert set(listed) == {klass.pid(0), klass.pid(1)}
    assert (listed[klass.pid(0)]["status"], listed[klass.pid(0)]["result"]) == ("ATTENDED", "PASSED")
    assert listed[klass.pid(1)]["status"] == "NO_SHOW"


# --- Competency verification ---------------------------------------------------------------------------------------


def pending_class(api: ApiClient, people: int = 1, validity: int | None = 12) -> tuple[Class, list[dict[str, Any]]]:
    """A finalized session of a course needing verification, everyone PASSED: its pending competencies."""
    course = api.course(requiresVerification=True, validityMonths=validity)
    klass = ready_class(api, [("ATTENDED", "PASSED")] * people, course=course)
    finalized(api, klass)
    competencies = records(api, klass.session_id)["competencyRecords"]
    assert len(competencies) == people
    return klass, competencies


def test_the_queue_lists_pending_competencies_only_after_finalize(api):
    # Given a ready, not yet finalized session of a course needing verification
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=api.course(requiresVerification=True))
    # When the queue is read before finalize
    # Then it is empty
    assert pending_ids(api) == []
    # When it is finalized
    finalized(api, klass)
    # Then its competency is in the queue, and the default status is PENDING_VERIFICATION
    (competency,) = records(api, klass.session_id)["competencyRecords"]
    assert pending_ids(api) == [competency["id"]]
    default = api.get("/competency-records")
    assert default.status == 200, default.body
    assert [r["id"] for r in default.body["items"]] == [competency["id"]]
    assert default.body["nextToken"] is None
    # And each entry names the worker, so the queue needs no request per worker
    person = api.get(f"/personnel/{klass.pid(0)}").body
    assert default.body["items"][0]["personnelName"] == f"{person['firstName']} {person['lastName']}"
    assert pending_ids(api, "VERIFIED") == []


def test_verified_creates_the_final_passed_record_and_makes_the_worker_compliant(api):
    # Given a pending competency of a 12-month course
    klass, (competency,) = pending_class(api)
    # When the admin verifies it
    reply = verify(api, competency["id"], {"outcome": "VERIFIED", "remarks": "Observed on site"})
    # Then the competency is VERIFIED by the admin with the remark
    assert reply.status == 200, reply.body
    decided = reply.body["competencyRecord"]
    assert decided["id"] == competency["id"]
    assert decided["status"] == "VERIFIED"
    assert decided["verifiedById"] == ADMIN_SUB
    assert decided["verifiedAt"] is not None
    assert decided["remarks"] == "Observed on site"
    # And the final PASSED training record carries the session's facts and evidence
    final = reply.body["trainingRecord"]
    assert final["result"] == "PASSED"
    assert final["personnelId"] == klass.pid(0)
    assert final["courseId"] == klass.course["id"]
    assert final["sessionId"] == klass.session_id
    assert final["trainerId"] == klass.trainer["id"]
    assert final["completedAt"] == competency["completedAt"] == iso(klass.end)
    assert final["expiryDate"] == plus_months(klass.end, 12)
    assert final["evidenceFileKey"] == competency["evidenceFileKey"]
    # And the worker is COMPLIANT until the new expiry
    item = compliance(api, klass.pid(0), klass.course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", plus_months(klass.end, 12))
    # And the record shows in their history, in the session's records, and the queues moved
    assert [r["id"] for r in history(api, klass.pid(0))] == [final["id"]]
    got = records(api, klass.session_id)
    assert [r["id"] for r in got["trainingRecords"]] == [final["id"]]
    assert got["competencyRecords"][0]["status"] == "VERIFIED"
    assert competency["id"] not in pending_ids(api)
    assert competency["id"] in pending_ids(api, "VERIFIED")


def test_rejected_leaves_the_worker_non_compliant_with_no_training_record(api):
    # Given a pending competency (the worker is PENDING)
    klass, (competency,) = pending_class(api)
    assert compliance(api, klass.pid(0), klass.course["id"])["status"] == "PENDING"
    # When the admin rejects it
    reply = verify(api, competency["id"], {"outcome": "REJECTED", "remarks": "Unsafe practice"})
    # Then it is REJECTED with no training record, and the worker is NON_COMPLIANT
    assert reply.status == 200, reply.body
    assert reply.body["trainingRecord"] is None
    assert reply.body["competencyRecord"]["status"] == "REJECTED"
    assert reply.body["competencyRecord"]["remarks"] == "Unsafe practice"
    assert compliance(api, klass.pid(0), klass.course["id"])["status"] == "NON_COMPLIANT"
    assert history(api, klass.pid(0)) == []
    assert competency["id"] not in pending_ids(api)
    assert competency["id"] in pending_ids(api, "REJECTED")


@pytest.mark.parametrize("first", ["VERIFIED", "REJECTED"])
@pytest.mark.parametrize("second", ["VERIFIED", "REJECTED"])
def test_deciding_twice_is_409_and_changes_nothing(api, first, second):
    # Given a competency already decided
    klass, (competency,) = pending_class(api)
    assert verify(api, competency["id"], {"outcome": first}).status == 200
    item = compliance(api, klass.pid(0), klass.course["id"])
    decided = records(api, klass.session_id)
    # When it is decided again
    reply = verify(api, competency["id"], {"outcome": second})
    # Then it is 409 and nothing changed
    assert reply.status == 409, reply.body
    assert records(api, klass.session_id) == decided
    assert compliance(api, klass.pid(0), klass.course["id"]) == item


def test_verifying_an_unknown_record_is_404(api):
    # Given a real pending competency, and an id that names none
    pending_class(api)
    # When the unknown id is verified
    reply = verify(api, UNKNOWN_ID, {"outcome": "VERIFIED"})
    # Then it is 404
    assert reply.status == 404, reply.body


@pytest.mark.parametrize("outcome", ["PENDING_VERIFICATION", "MAYBE"])
def test_an_outcome_that_is_not_a_decision_is_422(api, outcome):
    # Given a pending competency
    klass, (competency,) = pending_class(api)
    # When it is "decided" with an outcome that is no decision
    reply = verify(api, competency["id"], {"outcome": outcome})
    # Then it is 422 naming the outcome, and the record is still pending
    assert reply.status == 422, reply.body
    assert "outcome" in detail_fields(reply)
    assert competency["id"] in pending_ids(api)
    assert compliance(api, klass.pid(0), klass.course["id"])["status"] == "PENDING"


def test_rejection_never_lowers_a_valid_compliant_item(api):
    # Given a worker COMPLIANT far into the future whose new competency is pending
    course = api.course(requiresVerification=True)
    klass = ready_class(api, [("ATTENDED", "PASSED")], course=course)
    comply(api, klass.pid(0), course["id"], "COMPLIANT", FAR_FUTURE)
    finalized(api, klass)
    (competency,) = records(api, klass.session_id)["competencyRecords"]
    # When it is rejected
    assert verify(api, competency["id"], {"outcome": "REJECTED"}).status == 200
    # Then they stay COMPLIANT with their old expiry
    item = compliance(api, klass.pid(0), course["id"])
    assert (item["status"], item["expiryDate"]) == ("COMPLIANT", FAR_FUTURE)


# --- The picker cache --------------------------------------------------------------------------------------------


def suggestion_source(api: ApiClient, session_id: str) -> str:
    reply = api.get(f"/sessions/{session_id}/attendee-suggestions")
    assert reply.status == 200, reply.body
    return reply.body["source"]


def test_finalize_makes_the_courses_picker_cache_stale(api):
    # Given a ready session of a course, another (draft) session of the same course, and a fresh cache
    course = api.course()
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "FAILED")], course=course)
    other = api.post("/sessions/draft", {"courseId": course["id"]}).body["id"]
    refresh_once()
    assert suggestion_source(api, other) == "cache"
    # When the session is finalized
    finalized(api, klass)
    # Then the other session's picker computes live, and shows the new compliance
    reply = api.get(f"/sessions/{other}/attendee-suggestions")
    assert reply.body["source"] == "live"
    statuses = {item["personnelId"]: item["complianceStatus"] for item in reply.body["items"]}
    assert statuses == {klass.pid(0): "COMPLIANT", klass.pid(1): "NON_COMPLIANT"}
    # And after the next refresh the cache is served again
    refresh_once()
    assert suggestion_source(api, other) == "cache"


def test_verification_makes_the_courses_picker_cache_stale(api):
    # Given a pending competency, another session of the course, and a fresh cache
    klass, (competency,) = pending_class(api)
    other = api.post("/sessions/draft", {"courseId": klass.course["id"]}).body["id"]
    refresh_once()
    assert suggestion_source(api, other) == "cache"
    # When the competency is verified
    assert verify(api, competency["id"], {"outcome": "VERIFIED"}).status == 200
    # Then the picker computes live
    assert suggestion_source(api, other) == "live"


# --- Changes that land between the Finalize Gate's checks and its freeze -------------------------------------------


def between_check_and_freeze(monkeypatch: pytest.MonkeyPatch, change: Any) -> list[Reply]:
    """Run `change()` once, right after finalize checked readiness and before it froze the session
    (what a second request in another Lambda can do); returns the replies the change got."""
    from titan_training.services import records as service

    original, replies = service._check_ready, []

    def check_then_change(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        if not replies:
            replies.append(change())

    monkeypatch.setattr(service, "_check_ready", check_then_change)
    return replies


def test_attendance_changed_during_finalize_never_completes_an_unready_list(api, monkeypatch):
    # Given a ready session, and the trainer clearing a result just after finalize checked the list
    klass = ready_class(api, [("ATTENDED", "PASSED"), ("ATTENDED", "PASSED")])
    replies = between_check_and_freeze(
        monkeypatch, lambda: mark(api, klass.session_id, [entry(klass.pid(1), "ATTENDED")], caller=klass.own_trainer)
    )
    # When the admin finalizes
    reply = finalize(api, klass.session_id)
    # Then the change was accepted (the session was still SCHEDULED)
    assert [r.status for r in replies] == [200]
    # And finalize neither commits nor wedges the session: it is refused, the session stays SCHEDULED
    monkeypatch.undo()
    state = session(api, klass.session_id)["status"]
    fix = mark(api, klass.session_id, [entry(klass.pid(1), "ATTENDED", "FAILED")])
    retry = finalize(api, klass.session_id)
    observed = {"finalize": reply.status, "status after": state, "fix": fix.status, "retry": retry.status}
    assert (reply.status in (409, 422), state) == (True, "SCHEDULED"), observed
    # And once the list is fixed, finalize goes through
    assert (fix.status, retry.status) == (200, 200), observed
    assert retry.body["trainingRecords"] == 2


def test_a_person_added_during_finalize_is_never_left_unmarked_in_a_completed_session(api, monkeypatch):
    # Given a ready session, and someone put on its list just after finalize checked the list
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    newcomer = api.person()
    replies = between_check_and_freeze(
        monkeypatch,
        lambda: api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [newcomer["id"]]}),
    )
    # When the admin finalizes
    reply = finalize(api, klass.session_id)
    # Then the add was accepted (the session was still SCHEDULED)
    assert [r.status for r in replies] == [200]
    # And a COMPLETED session never has an unmarked attendee: finalize refuses instead
    listed = attendees(api, klass.session_id)
    assert newcomer["id"] in listed
    if session(api, klass.session_id)["status"] == "COMPLETED":
        unmarked = [pid for pid, a in listed.items() if a["status"] == "REGISTERED"]
        raise AssertionError(f"finalize answered {reply.status} and COMPLETED the session with {unmarked} unmarked")
    assert reply.status in (409, 422), (reply.status, reply.body)


def test_asking_for_another_upload_form_keeps_the_sheet_already_uploaded(api):
    # Given a ready class whose signed sheet is uploaded
    klass = ready_class(api, [("ATTENDED", "PASSED")])
    # When the UI asks for a new form (a dialog opened, then cancelled) and never uploads to it
    unused = upload(api, klass.session_id, body=None)
    assert unused != klass.file_key
    # Then the evidence is still the sheet that was uploaded, and finalize freezes exactly that
    assert api.get(f"/sessions/{klass.session_id}/evidence").body["fileKey"] == klass.file_key
    reply = finalize(api, klass.session_id)
    assert reply.status == 200, reply.body
    assert stored_bytes(reply.body["evidenceFileKey"]) == PDF


def test_an_empty_class_list_cannot_be_finalized(api):
    # Given a session that ended with nobody on its list, and a sheet uploaded
    klass = scheduled_class(api, people=0)
    upload(api, klass.session_id)
    # When it is finalized
    reply = finalize(api, klass.session_id)
    # Then it is refused, saying why, and stays SCHEDULED
    assert reply.status == 422
    assert {
        "location": "session",
        "field": "attendees",
        "message": "the class list is empty: nobody to record",
        "type": "not_ready",
    } in reply.body["details"]
    assert session(api, klass.session_id)["status"] == "SCHEDULED"


def test_blank_remarks_from_a_form_mean_none(api):
    klass = scheduled_class(api, people=1)
    reply = mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED", remarks="")])
    assert reply.status == 200, reply.body
    assert attendees(api, klass.session_id)[klass.pid(0)]["remarks"] is None
