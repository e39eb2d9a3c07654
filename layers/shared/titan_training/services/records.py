"""Post-session processing use cases (Module 3.3): attendance, the Finalize Gate, records (evidence:
services.evidence).

The Finalize Gate is all-or-nothing as anyone can observe it, at any class size:
1. checks (SCHEDULED, ended, every attendee marked, every attendee with a result, a real PDF), then
   one consistent batch read of the course and the first 99 attendees' compliance items;
2. SCHEDULED -> FINALIZING freezes class list, attendance, evidence and the course's rules for the
   records (`RecordRules`, kept on the session: a replay reads no course, so a course edited after a
   crash never changes what a replay writes); the PDF is copied to a key no upload form names;
3. records are written in transactions of 100 with deterministic keys and contents: no progress is
   kept, a replay rewrites the same items;
4. FINALIZING -> COMPLETED is the commit point; records of a session that is not COMPLETED are
   never served;
5. the compliance engine applies the committed outcome, each item at most once per session (the
   session in its `applied_sessions` is the progress), in transactions of 100, each after the read
   of its items, the last also marking the session `compliance_applied`.
A crash anywhere is finished by the next call; a call on a finished session writes nothing.
DynamoDB requests for n attendees who attended: the session 1, reads ceil((n + 1) / 100), the freeze
1, records ceil(n / 100), the commit 1, verdicts ceil((n + 2) / 100): at most ceil(3n / 100) + 6.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from titan_training.domain.access import class_list_as_seen_by
from titan_training.domain.base import Page
from titan_training.domain.callers import Caller
from titan_training.domain.clock import site_today
from titan_training.domain.compliance import Outcome, OutcomeKind
from titan_training.domain.courses import RecordRules
from titan_training.domain.errors import (
    ConcurrentChange,
    Conflict,
    FieldProblem,
    InvalidInput,
    NotFound,
)
from titan_training.domain.evidence import MAX_EVIDENCE_BYTES, PDF_MAGIC
from titan_training.domain.history import HistoryAction, entry
from titan_training.domain.records import (
    AttendanceRecorded,
    AttendanceSheet,
    CompetencyRecord,
    CompetencyStatus,
    Finalized,
    QueuedCompetencyRecord,
    RecordKind,
    Result,
    SessionRecords,
    TrainingRecord,
    Verification,
    VerificationResult,
    completion_day,
    expiry_day,
    missing_for_finalize,
    record_id,
    summarize,
)
from titan_training.domain.sessions import FINALIZED_STATUSES, AttendanceStatus, Attendee, SessionStatus
from titan_training.services import found
from titan_training.services.access import require_assigned
from titan_training.services.courses import get_course
from titan_training.services.evidence import frozen_or_closed, uploads
from titan_training.services.sessions import live_session
from titan_training.store.aggregate import BATCH_GET_MAX_KEYS
from titan_training.store.evidence import EvidenceBucket, StoredFile
from titan_training.store.records import StoredStanding
from titan_training.store.sessions import StoredSession
from titan_training.store.table import TrainingTable

# Called after each stage of finalize ("frozen", "records", "committed", "compliance") with a count:
# the seam the crash tests use to stop finalize half way. Production passes nothing.
Checkpoint = Callable[[str, int], None]


def _no_checkpoint(stage: str, count: int) -> None:
    return None


# --- Attendance ---------------------------------------------------------------------------------


def record_attendance(
    store: TrainingTable, session_id: str, sheet: AttendanceSheet, caller: Caller, now: datetime
) -> AttendanceRecorded:
    stored = live_session(store, session_id)
    require_assigned(store, stored.session, caller, "mark attendance")
    frozen_or_closed(stored, "attendance")
    if stored.session.start_time and stored.session.start_time > now:
        raise Conflict(f"Session {session_id} has not started yet: attendance opens at its start time")
    listed = {a.personnel_id for a in stored.attendees}
    strangers = [
        FieldProblem("body", f"entries.{n}.personnelId", f"{entry.personnel_id} is not on the class list", "not_listed")
        for n, entry in enumerate(sheet.entries)
        if entry.personnel_id not in listed
    ]
    if strangers:
        raise InvalidInput(strangers)
    store.records.record_attendance(session_id, sheet.entries, caller, now)
    after = live_session(store, session_id)
    return AttendanceRecorded(
        session_id=session_id,
        updated=len(sheet.entries),
        summary=summarize(after.attendees),
        attendees=class_list_as_seen_by(after.attendees, caller),
    )


def _evidence_problems(file: StoredFile | None) -> list[dict[str, str]]:
    if file is None:
        return [{"field": "evidence", "message": "no signed attendance sheet (PDF) has been uploaded"}]
    if file.size > MAX_EVIDENCE_BYTES:
        return [{"field": "evidence", "message": f"the uploaded file is {file.size} bytes; 20 MB at most"}]
    if not file.head.startswith(PDF_MAGIC):
        return [{"field": "evidence", "message": "the uploaded file is not a PDF (it does not start with %PDF-)"}]
    return []


# --- The Finalize Gate ------------------------------------------------------------------------------


def finalize_session(
    store: TrainingTable,
    bucket: EvidenceBucket,
    session_id: str,
    caller: Caller,
    now: datetime,
    site_timezone: str,
    checkpoint: Checkpoint = _no_checkpoint,
) -> Finalized:
    """The Finalize Gate, in about 3 DynamoDB requests per 100 attendees plus 6 (docs/data-model.md)."""
    stored = live_session(store, session_id)
    status = stored.session.status
    if status is SessionStatus.COMPLETED and stored.finalize.compliance_applied:
        return _finalized(stored)  # finished: one read, no write
    if status in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
        raise Conflict(f"Session {session_id} is {status.value}: only a SCHEDULED session can be finalized")
    upload = _check_ready(stored, bucket, now) if status is SessionStatus.SCHEDULED else None
    rules, standings = _rules_and_standings(store, stored)
    if status is SessionStatus.SCHEDULED:
        stored = _freeze(store, stored, upload, rules, caller, now)
        rules = stored.finalize.rules or rules  # (another call froze it first: its rules)
        checkpoint("frozen", 0)
    if stored.session.status is SessionStatus.FINALIZING:
        _freeze_evidence(store, bucket, stored, caller, now)
        records = list(_outcomes(stored, rules, site_timezone))
        _write_records(store, records, checkpoint)
        stored = _commit(store, stored, records, caller, now)
        checkpoint("committed", 0)
    if not stored.finalize.compliance_applied:
        _apply_compliance(store, stored, rules, standings, now, site_timezone, checkpoint)
    return _finalized(stored)


def _rules_and_standings(store: TrainingTable, stored: StoredSession) -> tuple[RecordRules, dict[str, StoredStanding]]:
    """The rules the records follow and the first attendees' compliance items, in one batch read: with
    the course (and 99 items) before the freeze; once frozen, the session's own rules (and 100 items)."""
    attended = [a.personnel_id for a in _attended(stored)]
    # (rules are trusted only while frozen: an abort leaves them behind)
    if stored.session.status in FINALIZED_STATUSES and stored.finalize.rules is not None:
        return stored.finalize.rules, store.records.standings(stored.session.course_id, attended[:BATCH_GET_MAX_KEYS])
    first_read = attended[: BATCH_GET_MAX_KEYS - 1]
    course, standings = store.records.course_and_standings(stored.session.course_id, first_read)
    return RecordRules.of(found(course, "Course", stored.session.course_id)), standings


def _check_ready(stored: StoredSession, bucket: EvidenceBucket, now: datetime) -> str:
    """The upload to freeze, if the session is ready; otherwise a 422 listing everything missing."""
    session = stored.session
    if session.end_time is None or session.end_time > now:
        raise Conflict(f"Session {session.id} has not ended yet: it can be finalized after {session.end_time}")
    problems = missing_for_finalize(stored.attendees)
    if not stored.attendees:
        problems.append({"field": "attendees", "message": "the class list is empty: nobody to record"})
    upload = bucket.latest(uploads(session.id))
    problems += _evidence_problems(bucket.peek(upload) if upload else None)
    if problems:
        raise _not_ready(problems)
    return upload


def _not_ready(problems: list[dict[str, str]]) -> InvalidInput:
    """The 422 of a session finalize refuses, naming everything that is missing."""
    return InvalidInput([FieldProblem("session", p["field"], p["message"], "not_ready") for p in problems])


def _freeze(
    store: TrainingTable, stored: StoredSession, upload: str, rules: RecordRules, caller: Caller, now: datetime
) -> StoredSession:
    """SCHEDULED -> FINALIZING under the revision that was checked, freezing `rules`; the session as frozen.

    The write succeeding means the session is exactly what was read and checked, plus what the write
    set: no re-read. Otherwise another finalize froze it first, or the class list changed: re-read.
    """
    final_key = f"evidence/{stored.session.id}/attendance-sheet.pdf"
    try:
        started = entry(
            stored.session.id,
            caller,
            now,
            HistoryAction.FINALIZE_STARTED,
            evidence_upload_key=upload,
            evidence_file_key=final_key,
            requires_verification=rules.requires_verification,
            validity_months=rules.validity_months,
        )
        store.records.begin_finalize(
            stored.session.id, stored.revision, upload, final_key, rules, caller.user_id, now, started
        )
    except ConcurrentChange:
        return _frozen_by_another(store, stored.session.id, caller, now)
    session = stored.session.model_copy(update={"status": SessionStatus.FINALIZING, "evidence_file_key": final_key})
    state = replace(
        stored.finalize, evidence_upload_key=upload, finalizing_at=now, finalizing_by_id=caller.user_id, rules=rules
    )
    return StoredSession(session, stored.revision + 1, stored.attendees, state)


def _frozen_by_another(store: TrainingTable, session_id: str, caller: Caller, now: datetime) -> StoredSession:
    stored = live_session(store, session_id)
    if stored.session.status not in FINALIZED_STATUSES:
        raise Conflict(f"Session {session_id} changed while finalizing began; try again")
    late = missing_for_finalize(stored.attendees)
    if late and stored.session.status is SessionStatus.FINALIZING:  # defence in depth: never freeze an unready list
        _abort(store, stored, caller, now, late)
        raise _not_ready(late)
    return stored


def _abort(
    store: TrainingTable, stored: StoredSession, caller: Caller, now: datetime, problems: list[dict[str, str]]
) -> None:
    """Back to SCHEDULED if no attempt has written a record yet (else it stays FINALIZING)."""
    attended = _attended(stored)
    aborted = entry(
        stored.session.id, caller, now, HistoryAction.FINALIZE_ABORTED, problems=[p["message"] for p in problems]
    )
    store.records.abort_finalize(stored.session.id, attended[0].personnel_id if attended else None, aborted)


def _freeze_evidence(
    store: TrainingTable, bucket: EvidenceBucket, stored: StoredSession, caller: Caller, now: datetime
) -> None:
    """Copy the upload to the final key (idempotent) and check the copy really is the PDF."""
    final_key = stored.session.evidence_file_key
    if stored.finalize.evidence_upload_key:
        bucket.freeze(stored.finalize.evidence_upload_key, final_key)
    problems = _evidence_problems(bucket.peek(final_key))
    if problems:
        _abort(store, stored, caller, now, problems)
        raise _not_ready(problems)


def _attended(stored: StoredSession) -> list[Attendee]:
    """Who gets a record, in the fixed order records are written in (so chunks are stable)."""
    return sorted((a for a in stored.attendees if a.status is AttendanceStatus.ATTENDED), key=lambda a: a.personnel_id)


def _outcomes(stored: StoredSession, rules: RecordRules, site_timezone: str):
    """The records the session's attendance makes under the frozen `rules`, in a fixed order (so chunks are stable).

    Completion is the session's end: its site-calendar day is what validity counts from.
    """
    session, state = stored.session, stored.finalize
    completed_on = completion_day(session.end_time, site_timezone)
    for attendee in _attended(stored):
        result = Result(attendee.result)
        common = {
            "personnel_id": attendee.personnel_id,
            "course_id": session.course_id,
            "session_id": session.id,
            "trainer_id": session.trainer_id,
            "completed_at": session.end_time,
            "completion_date": completed_on,
            "evidence_file_key": session.evidence_file_key,
            "created_by_id": state.finalizing_by_id,
            "created_at": state.finalizing_at,
        }
        if result is Result.PASSED and rules.requires_verification:
            yield CompetencyRecord(
                id=record_id(RecordKind.COMPETENCY, session.id, attendee.personnel_id),
                status=CompetencyStatus.PENDING_VERIFICATION,
                **common,
            )
        else:
            expiry = expiry_day(completed_on, rules.validity_months) if result is Result.PASSED else None
            yield TrainingRecord(
                id=record_id(RecordKind.TRAINING, session.id, attendee.personnel_id),
                result=result,
                expiry_date=expiry,
                **common,
            )


def _write_records(
    store: TrainingTable, records: list[TrainingRecord | CompetencyRecord], checkpoint: Checkpoint
) -> None:
    """Every record, a transaction of up to 100 each, from the first: no progress is kept (a replay
    rewrites identical items, which costs requests only when an attempt died)."""
    size = store.transaction_max_items
    for first in range(0, len(records), size):
        chunk = records[first : first + size]
        store.records.write_records(chunk)
        checkpoint("records", first + len(chunk))


def _commit(
    store: TrainingTable,
    stored: StoredSession,
    records: list[TrainingRecord | CompetencyRecord],
    caller: Caller,
    now: datetime,
) -> StoredSession:
    """FINALIZING -> COMPLETED; the session as committed (re-read only if another call committed first)."""
    counts = (
        sum(isinstance(r, TrainingRecord) for r in records),
        sum(isinstance(r, CompetencyRecord) for r in records),
        sum(a.status is AttendanceStatus.NO_SHOW for a in stored.attendees),
    )
    nothing_to_apply = not records
    try:
        committed = entry(
            stored.session.id,
            caller,
            now,
            HistoryAction.FINALIZE_COMMITTED,
            training_records=counts[0],
            competency_records=counts[1],
            no_shows=counts[2],
        )
        store.records.commit_finalize(stored.session.id, now, caller.user_id, counts, now, nothing_to_apply, committed)
    except ConcurrentChange:  # another call committed first: read what it committed
        committed = live_session(store, stored.session.id)
        if committed.session.status is not SessionStatus.COMPLETED:
            raise Conflict(f"Session {stored.session.id} could not be finalized; try again") from None
        return committed
    session = stored.session.model_copy(
        update={"status": SessionStatus.COMPLETED, "finalized_at": now, "finalized_by_id": caller.user_id}
    )
    state = replace(stored.finalize, counts=counts, compliance_applied=nothing_to_apply)
    return StoredSession(session, stored.revision + 1, stored.attendees, state)


def _apply_compliance(
    store: TrainingTable,
    stored: StoredSession,
    rules: RecordRules,
    standings: dict[str, StoredStanding],
    now: datetime,
    site_timezone: str,
    checkpoint: Checkpoint,
) -> None:
    """The compliance engine over the committed records: each item changes at most once per session.

    Verdicts go in transactions of 100, each conditioned on its item being as read (one changed
    meanwhile is re-read and applied on its own). Items are read 100 a request just before the
    transaction that first needs them (the first 99 came with the course): so one finalize never
    writes a course's compliance faster than a read and a transaction take (docs/scaling.md). The
    engine's end (the picker's revision, `compliance_applied`) rides in the last transaction when it
    has room.
    """
    session = stored.session
    today = site_today(site_timezone, now)
    outcomes = list(_outcomes(stored, rules, site_timezone))
    ids = [o.personnel_id for o in outcomes]
    size = store.transaction_max_items
    finished = False
    for first in range(0, len(outcomes), size):
        chunk = outcomes[first : first + size]
        if any(o.personnel_id not in standings for o in chunk):  # this chunk's unread ones, then the next ones
            unread = [pid for pid in ids[first:] if pid not in standings][:BATCH_GET_MAX_KEYS]
            standings.update(store.records.standings(session.course_id, unread))
        pending = [o for o in chunk if session.id not in standings[o.personnel_id].applied_sessions]
        finish = first + size >= len(outcomes) and len(pending) + 2 <= size
        changes = [
            (o.personnel_id, standings[o.personnel_id], standings[o.personnel_id].history.with_outcome(outcome_of(o)))
            for o in pending
        ]
        if pending or finish:  # (none pending: an earlier attempt applied them all)
            if store.records.apply_standings(session.course_id, changes, session.id, today, now, finish=finish):
                finished = finish
            else:
                for record in pending:  # someone changed an item meanwhile: one by one, re-reading on conflict
                    _apply_one(store, session.id, session.course_id, record, standings, today, now)
        checkpoint("compliance", first + len(chunk))
    if not finished:
        store.records.finish_compliance(session.id, session.course_id, now)


def _apply_one(
    store: TrainingTable,
    session_id: str,
    course_id: str,
    record: TrainingRecord | CompetencyRecord,
    standings: dict[str, StoredStanding],
    today: date,
    now: datetime,
) -> None:
    for attempt in range(3):
        before = standings[record.personnel_id]
        if session_id in before.applied_sessions:
            return
        history = before.history.with_outcome(outcome_of(record))
        if store.records.apply_standings(course_id, [(record.personnel_id, before, history)], session_id, today, now):
            return
        if attempt == 2:
            raise ConcurrentChange(f"The compliance item of {record.personnel_id} keeps changing; finalize again")
        standings.update(store.records.standings(course_id, [record.personnel_id]))


def outcome_of(record: TrainingRecord | CompetencyRecord) -> Outcome:
    """What a record means for compliance: a pass (with its expiry), a fail, or a pass awaiting verification."""
    if isinstance(record, CompetencyRecord):
        kind = {
            CompetencyStatus.PENDING_VERIFICATION: OutcomeKind.PENDING_VERIFICATION,
            CompetencyStatus.REJECTED: OutcomeKind.FAILED,
        }.get(record.status, OutcomeKind.PASSED)
        return Outcome(record.session_id, record.completed_at, kind)
    if record.result is Result.PASSED:
        return Outcome(record.session_id, record.completed_at, OutcomeKind.PASSED, record.expiry_date)
    return Outcome(record.session_id, record.completed_at, OutcomeKind.FAILED)


def _finalized(stored: StoredSession) -> Finalized:
    training, competency, no_shows = stored.finalize.counts
    return Finalized(
        session_id=stored.session.id,
        status=stored.session.status.value,
        finalized_at=stored.session.finalized_at,
        finalized_by_id=stored.session.finalized_by_id,
        evidence_file_key=stored.session.evidence_file_key,
        training_records=training,
        competency_records=competency,
        no_shows=no_shows,
    )


# --- Reading the output -------------------------------------------------------------------------------


def session_records(store: TrainingTable, session_id: str, caller: Caller) -> SessionRecords:
    """A session's records (hse-admin, or its own trainer): none until it is COMPLETED (the Finalize
    Gate's commit point)."""
    stored = live_session(store, session_id)
    require_assigned(store, stored.session, caller, "read this session's records")
    if stored.session.status is not SessionStatus.COMPLETED:
        return SessionRecords(session_id=session_id, training_records=[], competency_records=[])
    attended = [a.personnel_id for a in stored.attendees if a.status is AttendanceStatus.ATTENDED]
    training, competency = store.records.records_by_key(
        [(pid, session_id) for pid in attended], [record_id(RecordKind.COMPETENCY, session_id, pid) for pid in attended]
    )
    return SessionRecords(
        session_id=session_id,
        training_records=sorted(training, key=lambda r: r.personnel_id),
        competency_records=sorted(competency, key=lambda r: r.personnel_id),
    )


def _committed(store: TrainingTable, session_ids: set[str]) -> set[str]:
    """Which of these sessions are COMPLETED: only their records exist as far as readers go."""
    found_sessions = store.sessions.sessions_by_id(session_ids) if session_ids else {}
    return {sid for sid, session in found_sessions.items() if session.status is SessionStatus.COMPLETED}


def personnel_training_records(
    store: TrainingTable, personnel_id: str, limit: int, next_token: str | None
) -> Page[TrainingRecord]:
    """One page of a worker's records of COMPLETED sessions, newest first by completion. Requests:
    the page (one query of the worker's history in ListIndex), one BatchGet of its sessions (the
    commit check; 100 a request), and the worker only when the first page is empty (records are only
    ever written for a worker who exists): 2 for a page of up to 100. Records of a session whose
    finalize has not committed are left out, so a page may be short and still carry a `nextToken`."""
    records, token = store.records.personnel_training_records(personnel_id, limit, next_token)
    if not records and not next_token:
        found(store.personnel.get_personnel(personnel_id), "Personnel", personnel_id)
    committed = _committed(store, {r.session_id for r in records})
    return Page[TrainingRecord](items=[r for r in records if r.session_id in committed], next_token=token)


def competency_records(
    store: TrainingTable, status: CompetencyStatus, limit: int, next_token: str | None
) -> Page[QueuedCompetencyRecord]:
    """One page of competency records with `status`, oldest first, each with the worker's name: the
    verification queue. Records of a session whose finalize has not committed are left out (they are
    not yet visible). Requests: the page, the sessions' commit check, one BatchGet of the workers."""
    records, token = store.records.competency_records_by_status(status, limit, next_token)
    committed = _committed(store, {r.session_id for r in records})
    listed = [r for r in records if r.session_id in committed]
    people = store.personnel.get_personnel_many(sorted({r.personnel_id for r in listed})) if listed else {}
    items = [
        QueuedCompetencyRecord(
            **r.model_dump(),
            personnel_name=(f"{p.first_name} {p.last_name}" if (p := people.get(r.personnel_id)) else None),
        )
        for r in listed
    ]
    return Page[QueuedCompetencyRecord](items=items, next_token=token)


def verify_competency(
    store: TrainingTable, record_id_: str, verification: Verification, caller: Caller, now: datetime, site_timezone: str
) -> VerificationResult:
    """Decide a pending competency record, atomically with the worker's compliance item.

    VERIFIED writes the final PASSED TrainingRecord (expiry counted from the session's completion day,
    not the day of verifying) and counts as a pass; REJECTED counts as a fail. The item is recomputed
    from all its outcomes in order of completion (domain.compliance.standing_from), so verifying an
    older session never undoes a newer one. Raises NotFound, Conflict (already decided),
    ConcurrentChange (the item changed meanwhile).
    """
    record = store.records.get_competency_record(record_id_)
    if record is None or record.session_id not in _committed(store, {record.session_id}):
        raise NotFound("Competency record", record_id_)
    if record.status is not CompetencyStatus.PENDING_VERIFICATION:
        raise Conflict(f"Competency record {record.id} is already {record.status.value}")
    course = get_course(store, record.course_id)
    decided = record.model_copy(
        update={
            "status": verification.outcome,
            "verified_by_id": caller.user_id,
            "verified_at": now,
            "remarks": verification.remarks,
        }
    )
    outcome = outcome_of(decided)
    final = None
    if verification.outcome is CompetencyStatus.VERIFIED:
        final = TrainingRecord(
            id=record_id(RecordKind.TRAINING, record.session_id, record.personnel_id),
            personnel_id=record.personnel_id,
            course_id=record.course_id,
            session_id=record.session_id,
            trainer_id=record.trainer_id,
            result=Result.PASSED,
            completed_at=record.completed_at,
            completion_date=record.completion_date,
            expiry_date=expiry_day(record.completion_date, course.validity_months),
            evidence_file_key=record.evidence_file_key,
            created_by_id=caller.user_id,
            created_at=now,
        )
        outcome = outcome_of(final)
    today = site_today(site_timezone, now)
    verified = verification.outcome is CompetencyStatus.VERIFIED
    decision = entry(
        record.session_id,
        caller,
        now,
        HistoryAction.COMPETENCY_VERIFIED if verified else HistoryAction.COMPETENCY_REJECTED,
        competency_record_id=record.id,
        personnel_id=record.personnel_id,
        remarks=verification.remarks,
    )
    for attempt in range(3):  # a finalize may change the worker's item meanwhile: re-read and recompute
        before = store.records.standings(record.course_id, [record.personnel_id])[record.personnel_id]
        try:
            store.records.decide_competency(
                record, decided, final, before, before.history.with_outcome(outcome), today, now, decision
            )
            break
        except ConcurrentChange:
            if attempt == 2:
                raise
    store.suggestions.bump_compliance_revision(record.course_id, now)
    return VerificationResult(competency_record=decided, training_record=final)
