"""Training sessions (SPEC-3.2): flexible drafts, strict publishing, attendees and capacity."""

from __future__ import annotations

import math
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from titan_training.domain.availability import MAX_SESSION_LENGTH
from titan_training.domain.base import ApiModel, PatchModel
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId


class SessionStatus(StrEnum):
    DRAFT = "DRAFT"  # planning: validation is loose
    SCHEDULED = "SCHEDULED"  # locked in: validation is strict
    FINALIZING = "FINALIZING"  # the Finalize Gate is writing its records: everything is frozen
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class AttendanceStatus(StrEnum):
    REGISTERED = "REGISTERED"
    ATTENDED = "ATTENDED"
    NO_SHOW = "NO_SHOW"


OPEN_STATUSES = frozenset({SessionStatus.DRAFT, SessionStatus.SCHEDULED})
FINALIZED_STATUSES = frozenset({SessionStatus.FINALIZING, SessionStatus.COMPLETED})  # its class list is frozen


def _check_end(end: datetime | None, info: Any) -> datetime | None:
    """The seed's refine, as a field rule so the 422 names `endTime`."""
    start = info.data.get("start_time")
    if end is None or start is None:
        return end
    if end <= start:
        raise PydanticCustomError("end_before_start", "End time must be after start time")
    if end - start > MAX_SESSION_LENGTH:
        raise PydanticCustomError("session_too_long", "A session may last at most 14 days")
    return end


class CreateDraft(ApiModel):
    """CreateDraftSchema: only the course is required."""

    EXAMPLE = {"courseId": "cmx3ov74fwp1mpv6ilvv3fkfx"}

    course_id: EntityId
    trainer_id: EntityId | None = None
    venue_id: EntityId | None = None
    start_time: Instant | None = None
    end_time: Instant | None = None

    _end_after_start = field_validator("end_time")(_check_end)


class ScheduleSession(ApiModel):
    """ScheduleSessionSchema: trainer, venue and both times, the end after the start."""

    EXAMPLE = {
        "trainerId": "cmx3owesqcpk7yy6ey1uwagb7",
        "venueId": "cmx3ovt1uk17uee7qztdyacz8",
        "startTime": "2026-11-23T09:00:00Z",
        "endTime": "2026-11-23T13:00:00Z",
    }

    trainer_id: EntityId
    venue_id: EntityId
    start_time: Instant
    end_time: Instant

    _end_after_start = field_validator("end_time")(_check_end)


class SessionPatch(PatchModel):
    """An edit of a session's trainer, venue or times; `null` clears a field of a DRAFT."""

    EXAMPLE = {"startTime": "2026-11-24T09:00:00Z", "endTime": "2026-11-24T13:00:00Z"}

    trainer_id: EntityId | None = None
    venue_id: EntityId | None = None
    start_time: Instant | None = None
    end_time: Instant | None = None


class Warning(ApiModel):
    """Something the UI shows as a toast; it never blocks the change."""

    code: str
    message: str


class Session(ApiModel):
    id: EntityId
    course_id: EntityId
    trainer_id: EntityId | None
    venue_id: EntityId | None
    start_time: Instant | None
    end_time: Instant | None
    status: SessionStatus
    created_by_id: str
    created_at: Instant
    updated_at: Instant
    deleted_at: Instant | None = None
    evidence_file_key: str | None = Field(
        default=None, description="The signed attendance sheet (PDF) the records link; set when finalized."
    )
    finalized_at: Instant | None = None
    finalized_by_id: str | None = None
    plan_id: EntityId | None = Field(default=None, description="The training plan it was accepted from, if any.")
    series_id: EntityId | None = Field(
        default=None,
        description="The series of recurring drafts it was created in (`POST /sessions/recurring-drafts`).",
    )

    @property
    def minutes(self) -> int:
        """Its length in whole minutes (what trainer load adds up), rounded up."""
        if self.start_time is None or self.end_time is None:
            return 0
        return math.ceil((self.end_time - self.start_time).total_seconds() / 60)


class SessionChange(Session):
    """A session as a change left it, with the warnings for the UI."""

    warnings: list[Warning] = Field(default_factory=list)


class Attendee(ApiModel):
    personnel_id: EntityId
    first_name: str
    last_name: str
    employee_no: str | None = Field(description="hse-admin only; null when a trainer reads the class list.")
    status: AttendanceStatus
    result: str | None = None
    remarks: str | None = None
    added_at: Instant


class Capacity(ApiModel):
    attendees: int
    venue_capacity: int | None
    exceeded: bool


class SessionDetail(SessionChange):
    attendees: list[Attendee]
    capacity: Capacity


def capacity(attendees: int, venue_capacity: int | None) -> Capacity:
    return Capacity(
        attendees=attendees,
        venue_capacity=venue_capacity,
        exceeded=venue_capacity is not None and attendees > venue_capacity,
    )


def capacity_warnings(room: Capacity) -> list[Warning]:
    """The yellow alert of SPEC-3.2: shown, never blocking."""
    if not room.exceeded:
        return []
    return [
        Warning(
            code="VENUE_CAPACITY_EXCEEDED",
            message=f"Venue Capacity Exceeded ({room.attendees}/{room.venue_capacity}).",
        )
    ]


def venue_clash_warnings(sessions: list[str]) -> list[Warning]:
    if not sessions:
        return []
    return [
        Warning(
            code="VENUE_DOUBLE_BOOKED",
            message=f"The venue is also booked at this time by session(s) {', '.join(sessions)}.",
        )
    ]


MAX_ATTENDEES_PER_REQUEST = 500


class AddAttendees(ApiModel):
    EXAMPLE = {"personnelIds": ["cmx3ovj4r2froals0gxkrz0qh"]}

    personnel_ids: list[EntityId] = Field(min_length=1, max_length=MAX_ATTENDEES_PER_REQUEST)


class AttendeesChange(ApiModel):
    """What a change of the class list did, person by person, and how full the room now is."""

    session_id: EntityId
    added: list[str] = Field(default_factory=list)
    already_listed: list[str] = Field(default_factory=list, description="Skipped: on the list already.")
    not_found: list[str] = Field(default_factory=list, description="Not added: no such person.")
    inactive: list[str] = Field(default_factory=list, description="Not added: the person is inactive.")
    removed: list[str] = Field(default_factory=list)
    capacity: Capacity
    warnings: list[Warning] = Field(default_factory=list)


def moves_in_calendar(before: Session, after: Session) -> bool:
    """Whether a change is one a subscribed calendar must take over its older copy (RFC 5545 SEQUENCE):
    a booked session moved in time or place, or was called off."""
    if before.status is not SessionStatus.SCHEDULED:
        return False
    if after.status is SessionStatus.CANCELLED:
        return True
    return (before.start_time, before.end_time, before.venue_id) != (after.start_time, after.end_time, after.venue_id)
