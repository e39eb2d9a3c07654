"""A session's audit trail (issue 12): who changed it, when, and what.

Each change to a session makes one `HistoryEntry`, written by the store in the same transaction as
the change itself, so no change goes unrecorded and no entry describes a change that did not happen.
Entries are only ever added: nothing updates or deletes one. The builders here are pure; the store
turns an entry into its item (`store.history.history_item`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic.alias_generators import to_camel

from titan_training.domain.base import ApiModel
from titan_training.domain.callers import HSE_ADMIN, TRAINER, Caller
from titan_training.domain.clock import Instant, format_instant
from titan_training.domain.ids import EntityId, new_id


class HistoryAction(StrEnum):
    """What happened, in the order of a session's life: entries of one instant list in this order."""

    CREATED = "CREATED"
    EDITED = "EDITED"
    SCHEDULED = "SCHEDULED"
    RESCHEDULED = "RESCHEDULED"
    ATTENDEES_ADDED = "ATTENDEES_ADDED"
    ATTENDEE_REMOVED = "ATTENDEE_REMOVED"
    CANCELLED = "CANCELLED"
    DELETED = "DELETED"
    ATTENDANCE_MARKED = "ATTENDANCE_MARKED"
    EVIDENCE_UPLOAD_REQUESTED = "EVIDENCE_UPLOAD_REQUESTED"
    FINALIZE_STARTED = "FINALIZE_STARTED"
    FINALIZE_ABORTED = "FINALIZE_ABORTED"
    FINALIZE_COMMITTED = "FINALIZE_COMMITTED"
    COMPETENCY_VERIFIED = "COMPETENCY_VERIFIED"
    COMPETENCY_REJECTED = "COMPETENCY_REJECTED"

    @property
    def ordinal(self) -> int:
        return list(HistoryAction).index(self)


class FieldChange(ApiModel):
    """One field an edit changed: its value before and after (instants as UTC text, null: none)."""

    field: str
    old: str | None = None
    new: str | None = None


class HistoryEntry(ApiModel):
    """One change to a session: who (the caller's id and group), when (a UTC instant) and what."""

    id: EntityId
    session_id: EntityId
    at: Instant
    changed_by_id: str
    changed_by_group: str
    action: HistoryAction
    changes: list[FieldChange]
    details: dict[str, Any]


# The session fields an edit or a (re)schedule may change, by their wire names.
EDITABLE_FIELDS = {
    "trainer_id": "trainerId",
    "venue_id": "venueId",
    "start_time": "startTime",
    "end_time": "endTime",
}


def acting_group(caller: Caller) -> str:
    """The group the caller acted as: hse-admin over trainer when they have both."""
    if caller.is_admin:
        return HSE_ADMIN
    if TRAINER in caller.groups:
        return TRAINER
    return min(caller.groups, default="")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return format_instant(value)
    return str(getattr(value, "value", value))


def field_changes(before: Any, after: Any) -> list[FieldChange]:
    """The editable fields whose value differs between two versions of a session, old and new."""
    return [
        FieldChange(field=wire, old=_text(getattr(before, name)), new=_text(getattr(after, name)))
        for name, wire in EDITABLE_FIELDS.items()
        if getattr(before, name) != getattr(after, name)
    ]


def entry(
    session_id: str,
    caller: Caller,
    at: datetime,
    action: HistoryAction,
    changes: list[FieldChange] | None = None,
    **details: Any,
) -> HistoryEntry:
    """A new entry (its own id); details (by Python name, sent camelCase) whose value is None are left out."""
    return HistoryEntry(
        id=new_id(),
        session_id=session_id,
        at=at,
        changed_by_id=caller.user_id,
        changed_by_group=acting_group(caller),
        action=action,
        changes=changes or [],
        details={to_camel(name): _plain(value) for name, value in details.items() if value is not None},
    )


def _plain(value: Any) -> Any:
    """A detail as JSON holds it: instants as UTC text, enums by value, lists item by item, keys camelCase."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {to_camel(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, datetime) or hasattr(value, "value"):
        return _text(value)
    return value


def created(session: Any, caller: Caller, **details: Any) -> HistoryEntry:
    """The entry of a new session (a draft), with what it was created with: a batch of drafts
    (a recurring series) makes one per draft, passing e.g. `series_id=...` as a detail."""
    return entry(
        session.id,
        caller,
        session.created_at,
        HistoryAction.CREATED,
        course_id=session.course_id,
        status=session.status,
        **{name: getattr(session, name) for name in EDITABLE_FIELDS},
        **details,
    )
