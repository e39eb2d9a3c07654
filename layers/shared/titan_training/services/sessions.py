"""Session planning use cases (SPEC-3.2): drafts, publishing, edits, cancelling, the class list."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import datetime

from titan_training.domain.access import class_list_as_seen_by
from titan_training.domain.availability import SessionConflict, clashes
from titan_training.domain.base import Page
from titan_training.domain.callers import Caller
from titan_training.domain.clock import iso_week
from titan_training.domain.errors import (
    ConcurrentChange,
    Conflict,
    FieldProblem,
    InvalidInput,
    NotFound,
    NotQualified,
)
from titan_training.domain.history import HistoryAction, HistoryEntry, created, entry, field_changes
from titan_training.domain.ids import new_id
from titan_training.domain.sessions import (
    OPEN_STATUSES,
    AttendeesChange,
    Capacity,
    CreateDraft,
    ScheduleSession,
    Session,
    SessionChange,
    SessionDetail,
    SessionPatch,
    SessionStatus,
    capacity,
    capacity_warnings,
    venue_clash_warnings,
)
from titan_training.services import found, validated
from titan_training.services.access import own_trainer, require_assigned
from titan_training.store.sessions import SessionFilters, StoredSession
from titan_training.store.table import TrainingTable

# Racing bookings of one trainer serialize on the trainer's schedule revision: the losers re-read
# and try again, so a real clash is reported as a 409 naming the session that won.
SCHEDULE_ATTEMPTS = 12


def live_session(store: TrainingTable, session_id: str) -> StoredSession:
    """The session with its class list, or NotFound if it never existed or was deleted."""
    stored = store.sessions.read_session(session_id)
    if stored is None or stored.session.deleted_at is not None:
        raise NotFound("Session", session_id)
    return stored


def _open(stored: StoredSession, action: str) -> None:
    if stored.session.status not in OPEN_STATUSES:
        raise Conflict(f"Session {stored.session.id} is {stored.session.status.value}; it can no longer be {action}")


def _room(store: TrainingTable, venue_id: str | None, attendees: int, venue_capacity: int | None = None) -> Capacity:
    """How full the venue is with `attendees` (its capacity read unless the caller has it)."""
    if venue_capacity is None and venue_id:
        venue = store.venues.get_venue(venue_id)
        venue_capacity = venue.capacity if venue else None
    return capacity(attendees, venue_capacity)


def _booked_week(session: Session, site_timezone: str) -> str | None:
    """The ISO week a SCHEDULED session's booking counts in (None if it is not booked)."""
    return iso_week(session.start_time, site_timezone) if session.status is SessionStatus.SCHEDULED else None


def new_draft(draft: CreateDraft, created_by_id: str, now: datetime, series_id: str | None = None) -> Session:
    """A DRAFT session of the validated request, created now by `created_by_id` (in a series, or not)."""
    return Session(
        id=new_id(),
        status=SessionStatus.DRAFT,
        created_by_id=created_by_id,
        created_at=now,
        updated_at=now,
        series_id=series_id,
        **draft.model_dump(),
    )


def create_draft(store: TrainingTable, draft: CreateDraft, caller: Caller, now: datetime) -> SessionChange:
    session = new_draft(draft, caller.user_id, now)
    store.sessions.create_sessions([session], [created(session, caller)])
    return SessionChange(**session.model_dump())


def get_session(store: TrainingTable, session_id: str, caller: Caller) -> SessionDetail:
    """The session with its class list: hse-admin, or its own trainer (names and attendance only)."""
    stored = live_session(store, session_id)
    require_assigned(store, stored.session, caller, "read this session")
    room = _room(store, stored.session.venue_id, len(stored.attendees))
    return SessionDetail(
        **stored.session.model_dump(),
        attendees=class_list_as_seen_by(stored.attendees, caller),
        capacity=room,
        warnings=capacity_warnings(room),
    )


def list_sessions(
    store: TrainingTable, filters: SessionFilters, limit: int, next_token: str | None, caller: Caller
) -> Page[Session]:
    """Sessions matching the filters; for a trainer, only those assigned to them (none if no trainer
    has their login, or if `trainerId` names someone else)."""
    if filters.start_from and filters.start_to and filters.start_to <= filters.start_from:
        raise InvalidInput([FieldProblem("query", "to", "must be after `from`")])
    if not caller.is_admin:
        trainer = own_trainer(store, caller)
        if trainer is None or filters.trainer_id not in (None, trainer.id):
            return Page[Session](items=[], next_token=None)
        filters = replace(filters, trainer_id=trainer.id)
    items, token = store.sessions.list_sessions(filters, limit, next_token)
    return Page[Session](items=items, next_token=token)


def schedule_session(
    store: TrainingTable, session_id: str, plan: ScheduleSession, caller: Caller, now: datetime, site_timezone: str
) -> SessionChange:
    """Publish (or move) a session: strict fields, no trainer double-booking, a qualified trainer."""
    return _book(store, session_id, plan, caller, now, site_timezone, publishing=True)


def _book(
    store: TrainingTable,
    session_id: str,
    plan: ScheduleSession,
    caller: Caller,
    now: datetime,
    site_timezone: str,
    publishing: bool,
) -> SessionChange:
    for attempt in range(SCHEDULE_ATTEMPTS):
        before = live_session(store, session_id)
        _open(before, "scheduled" if publishing else "edited")
        if not publishing and before.session.status is not SessionStatus.SCHEDULED:
            raise Conflict(f"Session {session_id} is not SCHEDULED")
        context = store.sessions.schedule_context(before.session.course_id, plan.trainer_id, plan.venue_id)
        found(context.trainer, "Trainer", plan.trainer_id)
        venue = found(context.venue, "Venue", plan.venue_id)
        start, end = plan.start_time, plan.end_time
        # 1. Conflict check (a hard block), on the calendar read after the schedule revision
        trainer_clashes = clashes(store.trainers.trainer_bookings(plan.trainer_id, start, end), start, end, session_id)
        if trainer_clashes:
            names = ", ".join(booking.session_id for booking in trainer_clashes)
            raise Conflict(
                f"Trainer {plan.trainer_id} is already booked at that time by session(s) {names}",
                details=[
                    SessionConflict.from_booking(b).model_dump(mode="json", by_alias=True) for b in trainer_clashes
                ],
            )
        # 2. Qualification check
        if not context.qualified:
            raise NotQualified(
                f"Trainer {plan.trainer_id} is not qualified for course {before.session.course_id}",
                details=[{"trainerId": plan.trainer_id, "courseId": before.session.course_id}],
            )
        # 3. A venue clash is only a warning
        venue_clashes = clashes(store.venues.venue_bookings(plan.venue_id, start, end), start, end, session_id)
        after = before.session.model_copy(
            update={**plan.model_dump(), "status": SessionStatus.SCHEDULED, "updated_at": now}
        )
        previous_week = _booked_week(before.session, site_timezone)
        moved = before.session.status is SessionStatus.SCHEDULED
        change = entry(
            session_id,
            caller,
            now,
            HistoryAction.RESCHEDULED if moved else HistoryAction.SCHEDULED,
            field_changes(before.session, after),
        )
        try:
            store.sessions.commit_schedule(
                before, after, context.schedule_revision, iso_week(start, site_timezone), previous_week, change
            )
        except ConcurrentChange:
            if attempt == SCHEDULE_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
            continue
        warnings = venue_clash_warnings([b.session_id for b in venue_clashes]) + capacity_warnings(
            _room(store, venue.id, len(before.attendees), venue.capacity)
        )
        return SessionChange(**after.model_dump(), warnings=warnings)
    raise AssertionError("unreachable")


def update_session(
    store: TrainingTable, session_id: str, patch: SessionPatch, caller: Caller, now: datetime, site_timezone: str
) -> SessionChange:
    """Edit a session. A SCHEDULED one must still pass every check of publishing before it is saved."""
    before = live_session(store, session_id)
    _open(before, "edited")
    merged = {
        "trainer_id": before.session.trainer_id,
        "venue_id": before.session.venue_id,
        "start_time": before.session.start_time,
        "end_time": before.session.end_time,
        **patch.changes(),
    }
    if before.session.status is SessionStatus.SCHEDULED:
        missing = [
            FieldProblem("body", _camel(name), "a SCHEDULED session needs it")
            for name, v in merged.items()
            if v is None
        ]
        if missing:
            raise InvalidInput(missing)
        plan = validated(ScheduleSession, {_camel(k): v for k, v in merged.items()})
        return _book(store, session_id, plan, caller, now, site_timezone, publishing=False)
    # A draft stays flexible, but what it names must exist and its times must make sense.
    draft = validated(CreateDraft, {"courseId": before.session.course_id, **{_camel(k): v for k, v in merged.items()}})
    if draft.trainer_id:
        found(store.trainers.get_trainer(draft.trainer_id), "Trainer", draft.trainer_id)
    venue = found(store.venues.get_venue(draft.venue_id), "Venue", draft.venue_id) if draft.venue_id else None
    after = before.session.model_copy(update={**merged, "updated_at": now})
    edited = entry(session_id, caller, now, HistoryAction.EDITED, field_changes(before.session, after))
    store.sessions.update_session(before, after, edited)
    room = capacity(len(before.attendees), venue.capacity if venue else None)
    return SessionChange(**after.model_dump(), warnings=capacity_warnings(room))


def cancel_session(
    store: TrainingTable, session_id: str, caller: Caller, now: datetime, site_timezone: str
) -> SessionChange:
    """DRAFT or SCHEDULED to CANCELLED: its trainer and venue are free again, its load is gone."""
    before = live_session(store, session_id)
    _open(before, "cancelled")
    after = before.session.model_copy(update={"status": SessionStatus.CANCELLED, "updated_at": now})
    previous_week = _booked_week(before.session, site_timezone)
    cancelled = entry(session_id, caller, now, HistoryAction.CANCELLED, previous_status=before.session.status)
    store.sessions.cancel_session(before, after, previous_week, cancelled)
    return SessionChange(**after.model_dump())


def delete_session(store: TrainingTable, session_id: str, caller: Caller, now: datetime) -> None:
    """Soft delete of a DRAFT or CANCELLED session: hidden from lists and reads afterwards (its
    history stays readable: GET /sessions/{id}/history)."""
    before = live_session(store, session_id)
    if before.session.status not in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
        raise Conflict(
            f"Session {session_id} is {before.session.status.value}; only DRAFT or CANCELLED sessions can be deleted"
        )
    deleted = entry(session_id, caller, now, HistoryAction.DELETED, previous_status=before.session.status)
    store.sessions.update_session(
        before, before.session.model_copy(update={"deleted_at": now, "updated_at": now}), deleted
    )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def add_attendees(
    store: TrainingTable, session_id: str, personnel_ids: list[str], caller: Caller, now: datetime
) -> AttendeesChange:
    """Bulk add with status REGISTERED. Listed people are skipped; unknown or inactive ones are reported."""
    requested = list(dict.fromkeys(personnel_ids))
    before = live_session(store, session_id)
    _open(before, "changed")
    listed = {attendee.personnel_id for attendee in before.attendees}
    candidates = [pid for pid in requested if pid not in listed]
    people = store.personnel.get_personnel_many(candidates) if candidates else {}
    active = [people[pid] for pid in candidates if pid in people and people[pid].active]
    added, appeared = store.sessions.add_attendees(session_id, before.session.course_id, active, now, caller)
    total = len(listed) + len(added)
    room = _room(store, before.session.venue_id, total)
    return AttendeesChange(
        session_id=session_id,
        added=added,
        already_listed=[pid for pid in requested if pid in listed or pid in appeared],
        not_found=[pid for pid in candidates if pid not in people],
        inactive=[pid for pid in candidates if pid in people and not people[pid].active],
        capacity=room,
        warnings=capacity_warnings(room),
    )


def remove_attendee(
    store: TrainingTable, session_id: str, personnel_id: str, caller: Caller, now: datetime
) -> AttendeesChange:
    before = live_session(store, session_id)
    _open(before, "changed")
    removed = entry(session_id, caller, now, HistoryAction.ATTENDEE_REMOVED, personnel_id=personnel_id)
    store.sessions.remove_attendee(session_id, personnel_id, removed)
    room = _room(store, before.session.venue_id, len(before.attendees) - 1)
    return AttendeesChange(
        session_id=session_id, removed=[personnel_id], capacity=room, warnings=capacity_warnings(room)
    )


def session_history(store: TrainingTable, session_id: str, limit: int, next_token: str | None) -> Page[HistoryEntry]:
    """One page of a session's audit trail, newest first: one query. A deleted session's trail stays
    readable (an HSE auditor's question is most often about a session gone from the lists); a
    session that never existed is a 404, checked only when its first page is empty (every session
    created since the trail began has an entry)."""
    items, token = store.history.session_history(session_id, limit, next_token)
    if not items and not next_token and not store.sessions.sessions_by_id({session_id}):
        raise NotFound("Session", session_id)
    return Page[HistoryEntry](items=items, next_token=token)
