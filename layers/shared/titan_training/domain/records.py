"""Post-session processing (Module 3.3): attendance, the Finalize Gate and its records (evidence: domain.evidence).

The compliance engine lives here too: plain rules turning one outcome into a compliance item.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from dateutil.relativedelta import relativedelta
from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from titan_training.domain.base import ApiModel, Blankable, Remarks
from titan_training.domain.clock import CalendarDate, Instant, site_day
from titan_training.domain.ids import EntityId
from titan_training.domain.sessions import AttendanceStatus, Attendee


class Result(StrEnum):
    PASSED = "PASSED"
    FAILED = "FAILED"


class AttendanceEntry(ApiModel):
    personnel_id: EntityId
    # Only a mark: REGISTERED is what an attendee is before marking, never sent back.
    status: Annotated[
        Literal[AttendanceStatus.ATTENDED, AttendanceStatus.NO_SHOW], Field(description="ATTENDED or NO_SHOW")
    ]
    result: Annotated[Result | None, Field(description="PASSED or FAILED, only with ATTENDED.")] = None
    remarks: Annotated[Remarks | None, Blankable] = None

    # A result only with ATTENDED, said in the schema too.
    SCHEMA_EXTRA = {
        "if": {"properties": {"status": {"const": "NO_SHOW"}}, "required": ["status"]},
        "then": {"properties": {"result": {"type": "null"}}},
    }

    @field_validator("result")
    @classmethod
    def _only_for_attended(cls, result: Result | None, info) -> Result | None:
        if result is not None and info.data.get("status") is not AttendanceStatus.ATTENDED:
            raise PydanticCustomError("result_without_attendance", "a result is given only with ATTENDED")
        return result


class AttendanceSheet(ApiModel):
    EXAMPLE = {"entries": [{"personnelId": "cmx3ovj4r2froals0gxkrz0qh", "status": "ATTENDED", "result": "PASSED"}]}

    entries: list[AttendanceEntry] = Field(min_length=1, max_length=500, json_schema_extra={"uniqueItems": True})

    @field_validator("entries")
    @classmethod
    def _once_each(cls, entries: list[AttendanceEntry]) -> list[AttendanceEntry]:
        seen = [entry.personnel_id for entry in entries]
        if len(seen) != len(set(seen)):
            raise PydanticCustomError("duplicate_person", "each personnelId may appear once")
        return entries


class AttendanceSummary(ApiModel):
    registered: int
    attended: int
    no_show: int
    passed: int
    failed: int


class AttendanceRecorded(ApiModel):
    session_id: EntityId
    updated: int
    summary: AttendanceSummary
    attendees: list[Attendee]


def summarize(attendees: list[Attendee]) -> AttendanceSummary:
    return AttendanceSummary(
        registered=sum(a.status is AttendanceStatus.REGISTERED for a in attendees),
        attended=sum(a.status is AttendanceStatus.ATTENDED for a in attendees),
        no_show=sum(a.status is AttendanceStatus.NO_SHOW for a in attendees),
        passed=sum(a.result == Result.PASSED for a in attendees),
        failed=sum(a.result == Result.FAILED for a in attendees),
    )


def missing_for_finalize(attendees: list[Attendee]) -> list[dict[str, str]]:
    """What keeps a class list from finalizing: unmarked people, attendees without a result."""
    problems = []
    for a in attendees:
        if a.status is AttendanceStatus.REGISTERED:
            problems.append({"field": f"attendees.{a.personnel_id}", "message": "attendance is not marked"})
        elif a.status is AttendanceStatus.ATTENDED and a.result is None:
            problems.append({"field": f"attendees.{a.personnel_id}", "message": "ATTENDED without a result"})
    return problems


class RecordKind(StrEnum):
    TRAINING = "TRAINING"
    COMPETENCY = "COMPETENCY"


class CompetencyStatus(StrEnum):
    PENDING_VERIFICATION = "PENDING_VERIFICATION"
    VERIFIED = "VERIFIED"
    REJECTED = "REJECTED"


def record_id(kind: RecordKind, session_id: str, personnel_id: str) -> str:
    """Deterministic: finalizing twice names the same record, so a replay writes nothing new."""
    digest = hashlib.sha256(f"{kind.value}:{session_id}:{personnel_id}".encode()).digest()
    number = int.from_bytes(digest[:16], "big")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    chars = []
    for _ in range(24):
        number, remainder = divmod(number, 36)
        chars.append(alphabet[remainder])
    return "c" + "".join(chars)


def completion_day(end_time: datetime, site_timezone: str) -> date:
    """The day a session's result counts from: the site-calendar day its end (a UTC instant) falls on.

    A session ending 2026-04-30T23:30Z completes on 2026-05-01 in Europe/London (00:30 BST).
    """
    return site_day(end_time, site_timezone)


def expiry_day(completed_on: date, validity_months: int | None) -> date | None:
    """The last valid day of a pass: the completion day plus the course's validity in calendar months,
    a month end clamped to the shorter month (31 Jan + 1 month = 28 Feb; dateutil's relativedelta).
    None when the course's validity is not set (the pass does not expire)."""
    return completed_on + relativedelta(months=validity_months) if validity_months else None


class TrainingRecord(ApiModel):
    id: EntityId
    personnel_id: EntityId
    course_id: EntityId
    session_id: EntityId
    trainer_id: EntityId
    result: Result
    completed_at: Instant = Field(description="The session's end (UTC instant).")
    completion_date: CalendarDate = Field(description="The site-calendar day of completedAt: validity counts from it.")
    expiry_date: CalendarDate | None = Field(
        description="Last valid day (site calendar) of a PASSED record: completionDate plus the course's "
        "validityMonths; null for FAILED or a course without validity."
    )
    evidence_file_key: str
    created_by_id: str
    created_at: Instant


class CompetencyRecord(ApiModel):
    id: EntityId
    personnel_id: EntityId
    course_id: EntityId
    session_id: EntityId
    trainer_id: EntityId
    status: CompetencyStatus
    completed_at: Instant = Field(description="The session's end (UTC instant).")
    completion_date: CalendarDate = Field(description="The site-calendar day of completedAt.")
    evidence_file_key: str
    created_by_id: str
    created_at: Instant
    verified_by_id: str | None = None
    verified_at: Instant | None = None
    remarks: str | None = None


class QueuedCompetencyRecord(CompetencyRecord):
    """A competency record as the verification queue lists it: with the worker's name, so an admin can
    tell who they are deciding on without one request per worker."""

    personnel_name: str | None = Field(
        default=None, description="The worker's first and last name; null when they are no longer in the directory."
    )


class SessionRecords(ApiModel):
    session_id: EntityId
    training_records: list[TrainingRecord]
    competency_records: list[CompetencyRecord]


class Finalized(ApiModel):
    """What the Finalize Gate did; the same answer however often it is asked."""

    session_id: EntityId
    status: str
    finalized_at: Instant
    finalized_by_id: str
    evidence_file_key: str
    training_records: int
    competency_records: int
    no_shows: int


class Verification(ApiModel):
    EXAMPLE = {"outcome": "VERIFIED", "remarks": "Observed on site"}

    outcome: Annotated[
        Literal[CompetencyStatus.VERIFIED, CompetencyStatus.REJECTED], Field(description="VERIFIED or REJECTED")
    ]
    remarks: Remarks | None = None


class VerificationResult(ApiModel):
    competency_record: CompetencyRecord
    training_record: TrainingRecord | None = Field(description="The final PASSED record, when VERIFIED.")
