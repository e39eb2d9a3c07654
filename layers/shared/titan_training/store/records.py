"""Access patterns of Module 3.3: attendance, the evidence upload, the Finalize Gate and its records.

One aggregate's store over the table binding (store.table). docs/data-model.md lists every pattern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import UpdateError

from titan_training.domain.callers import Caller
from titan_training.domain.clock import format_instant
from titan_training.domain.compliance import ComplianceHistory, ComplianceStatus, Outcome, OutcomeKind, Standing
from titan_training.domain.courses import Course, RecordRules
from titan_training.domain.errors import ConcurrentChange, Conflict, NotFound
from titan_training.domain.history import HistoryAction, HistoryEntry, entry
from titan_training.domain.records import (
    AttendanceEntry,
    CompetencyRecord,
    CompetencyStatus,
    RecordKind,
    TrainingRecord,
    record_id,
)
from titan_training.domain.sessions import SessionStatus
from titan_training.store.aggregate import AggregateStore
from titan_training.store.courses import course_view
from titan_training.store.history import record as record_history
from titan_training.store.items.base import domain_view, own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import ComplianceItemRow, OutcomeMap
from titan_training.store.items.records import CompetencyRecordItem, TrainingRecordItem
from titan_training.store.items.sessions import AttendeeItem, SessionItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.revisions import compliance_revision_actions
from titan_training.store.transaction import Writes


@dataclass(frozen=True)
class StoredStanding:
    """A compliance item as the engine reads it, with what guards its next write."""

    standing: Standing  # as last computed and stored
    history: ComplianceHistory  # what the next standing is computed from
    updated_at: datetime | None  # None: no item yet
    applied_sessions: frozenset[str]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _undated(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _status(value: str | None) -> ComplianceStatus | None:
    return ComplianceStatus(value) if value else None


def stored_standing(row: ComplianceItemRow) -> StoredStanding:
    standing = Standing(ComplianceStatus(row.status), _undated(row.expiry_date))
    if row.outcomes is None:  # only ever put: the baseline is what was put
        history = ComplianceHistory(standing)
    else:
        baseline = Standing(_status(row.baseline_status), _undated(row.baseline_expiry_date))
        outcomes = tuple(
            Outcome(o.session_id, o.completed_at, OutcomeKind(o.kind), _undated(o.expiry_date)) for o in row.outcomes
        )
        history = ComplianceHistory(baseline, outcomes)
    return StoredStanding(standing, history, row.updated_at, frozenset(row.applied_sessions or ()))


def _training(item: TrainingRecordItem) -> TrainingRecord:
    return domain_view(TrainingRecord, item)


def _competency(item: CompetencyRecordItem) -> CompetencyRecord:
    return domain_view(CompetencyRecord, item)


def training_item(record: TrainingRecord) -> TrainingRecordItem:
    fields = record.model_dump()
    fields.update(completion_date=_day(record.completion_date), expiry_date=_day(record.expiry_date))
    return TrainingRecordItem(
        *TrainingRecordItem.key(record.personnel_id, record.session_id),
        **_history_keys(record.personnel_id, record.completed_at, record.session_id),
        **fields,
    )


def _history_keys(personnel_id: str, completed_at: datetime, session_id: str) -> dict[str, str]:
    return TrainingRecordItem.list_keys(personnel_id, format_instant(completed_at), session_id)


def competency_item(record: CompetencyRecord) -> CompetencyRecordItem:
    fields = record.model_dump()
    fields.update(status=record.status.value, completion_date=_day(record.completion_date))
    return CompetencyRecordItem(
        *CompetencyRecordItem.key(record.id),
        list_pk=f"COMPETENCY#{record.status.value}",
        list_sk=f"{record.completed_at.isoformat()}#{record.id}",
        **fields,
    )


def _standing_row(
    personnel_id: str,
    course_id: str,
    history: ComplianceHistory,
    today: date,
    applied: frozenset[str],
    now: datetime,
) -> ComplianceItemRow:
    """The item the engine writes: the standing computed from `history` as of `today` (site calendar)."""
    standing = history.standing(today)
    course_pk, course_sk = ComplianceItemRow.course_key(personnel_id, course_id)
    return ComplianceItemRow(
        *ComplianceItemRow.key(personnel_id, course_id),
        course_pk=course_pk,
        course_sk=course_sk,
        **ComplianceItemRow.expiry_keys(personnel_id, course_id, standing.status.value, _day(standing.expiry_date)),
        personnel_id=personnel_id,
        course_id=course_id,
        status=standing.status.value,
        expiry_date=_day(standing.expiry_date),
        updated_at=now,
        applied_sessions=set(applied) or None,
        baseline_status=history.baseline.status.value if history.baseline.status else None,
        baseline_expiry_date=_day(history.baseline.expiry_date),
        outcomes=[
            OutcomeMap(
                session_id=o.session_id, completed_at=o.completed_at, kind=o.kind.value, expiry_date=_day(o.expiry_date)
            )
            for o in sorted(history.outcomes, key=lambda o: (o.completed_at, o.session_id))
        ],
    )


def _standings(
    found: dict[tuple[str, str], dict[str, Any]], course_id: str, personnel_ids: list[str]
) -> dict[str, StoredStanding]:
    """Each person's compliance item among raw items read (missing ones read as no item)."""
    nothing = Standing(None, None)
    standings = {}
    for pid in personnel_ids:
        raw = found.get(ComplianceItemRow.key(pid, course_id))
        if raw is None:
            standings[pid] = StoredStanding(nothing, ComplianceHistory(nothing), None, frozenset())
        else:
            standings[pid] = stored_standing(ComplianceItemRow.from_raw_data(raw))
    return standings


def _unchanged(before: StoredStanding):
    """The item is as the engine read it (or still absent)."""
    if before.updated_at is None:
        return ComplianceItemRow.pk.does_not_exist()
    return ComplianceItemRow.updated_at == before.updated_at


def _status_set(status: SessionStatus) -> list:
    """A status change, with the session's StatusIndex partition moved in the same write."""
    return [SessionItem.status.set(status.value), SessionItem.status_pk.set(SessionItem.status_partition(status.value))]


def _status_is(status: SessionStatus):
    return (SessionItem.status == status.value) & SessionItem.deleted_at.does_not_exist()


def _finish(writes: Writes, session_id: str, course_id: str, now: datetime) -> None:
    """The compliance engine's end: the course's compliance revision moves on (the picker's cached
    ranking is stale) and the session is marked `compliance_applied`, in the same transaction."""
    writes.update(CourseItem(*CourseItem.key(course_id)), actions=compliance_revision_actions(now))
    writes.update(SessionItem(*SessionItem.key(session_id)), actions=[SessionItem.compliance_applied.set(True)])


class RecordStore(AggregateStore):
    """Attendance, the evidence upload, the Finalize Gate, compliance standings and records."""

    transaction_max_items: int

    def record_attendance(self, session_id: str, entries: list[AttendanceEntry], caller: Caller, now: datetime) -> None:
        """Mark attendance in transactions of 98, each checking the session is still SCHEDULED and
        recording an ATTENDANCE_MARKED entry with exactly the marks it writes."""
        size = self.transaction_max_items - 2
        for first in range(0, len(entries), size):
            writes = Writes()
            # Moves the session's revision on: a finalize that checked readiness before this sheet
            # landed fails to freeze (its revision is stale) instead of freezing an unchecked list.
            writes.update(
                SessionItem(*SessionItem.key(session_id)),
                actions=[SessionItem.revision.add(1)],
                condition=_status_is(SessionStatus.SCHEDULED),
                error=Conflict(f"Session {session_id} is no longer open for attendance"),
            )
            chunk = entries[first : first + size]
            for mark in chunk:
                writes.update(
                    AttendeeItem(*AttendeeItem.key(session_id, mark.personnel_id)),
                    actions=[
                        AttendeeItem.status.set(mark.status.value),
                        AttendeeItem.result.set(mark.result.value) if mark.result else AttendeeItem.result.remove(),
                        AttendeeItem.remarks.set(mark.remarks) if mark.remarks else AttendeeItem.remarks.remove(),
                    ],
                    condition=AttendeeItem.pk.exists(),
                    error=NotFound("Attendee", f"{mark.personnel_id} of session {session_id}"),
                )
            marks = [
                {"personnel_id": mark.personnel_id, "status": mark.status, "result": mark.result} for mark in chunk
            ]
            record_history(writes, entry(session_id, caller, now, HistoryAction.ATTENDANCE_MARKED, entries=marks))
            writes.commit()

    # --- The Finalize Gate ------------------------------------------------------------------------

    def begin_finalize(
        self,
        session_id: str,
        revision: int,
        upload_key: str,
        final_key: str,
        rules: RecordRules,
        finalizing_by_id: str,
        now: datetime,
        started: HistoryEntry,
    ) -> None:
        """SCHEDULED -> FINALIZING: the class list, attendance and evidence (this upload) freeze from
        here on, and so do the course's rules for the records (`rules`, on the session item).
        `started`: the FINALIZE_STARTED entry, in the same transaction (still one request)."""
        months = rules.validity_months
        writes = Writes()
        writes.update(
            SessionItem(*SessionItem.key(session_id)),
            actions=[
                *_status_set(SessionStatus.FINALIZING),
                SessionItem.evidence_upload_key.set(upload_key),
                SessionItem.evidence_file_key.set(final_key),
                SessionItem.frozen_requires_verification.set(rules.requires_verification),
                SessionItem.frozen_validity_months.set(months)
                if months is not None
                else SessionItem.frozen_validity_months.remove(),
                SessionItem.finalizing_at.set(now),
                SessionItem.finalizing_by_id.set(finalizing_by_id),
                SessionItem.updated_at.set(now),
                SessionItem.revision.add(1),
            ],
            condition=(SessionItem.revision == revision) & _status_is(SessionStatus.SCHEDULED),
            error=ConcurrentChange(f"Session {session_id} changed while finalizing began; try again"),
        )
        record_history(writes, started)
        writes.commit()

    def abort_finalize(self, session_id: str, first_attendee: str | None, aborted: HistoryEntry) -> bool:
        """FINALIZING -> SCHEDULED, only while no record is written (the frozen evidence was unusable).

        Every attempt writes its records in one fixed order, so the first attendee's record (of
        either kind) is in the first chunk any attempt writes: its absence means nothing was written.
        Returns False, having changed nothing, if a record is there or the session is no longer FINALIZING.
        """
        writes = Writes()
        refused = ConcurrentChange(f"Session {session_id} has records written; it stays FINALIZING")
        writes.update(
            SessionItem(*SessionItem.key(session_id)),
            actions=[*_status_set(SessionStatus.SCHEDULED), SessionItem.revision.add(1)],
            condition=SessionItem.status == SessionStatus.FINALIZING.value,
            error=refused,
        )
        if first_attendee is not None:
            competency = record_id(RecordKind.COMPETENCY, session_id, first_attendee)
            for model, key in (
                (TrainingRecordItem, TrainingRecordItem.key(first_attendee, session_id)),
                (CompetencyRecordItem, CompetencyRecordItem.key(competency)),
            ):
                writes.check(model, key, model.pk.does_not_exist(), refused)
        record_history(writes, aborted)
        try:
            writes.commit()
        except ConcurrentChange:
            return False
        return True

    def write_records(self, records: list[TrainingRecord | CompetencyRecord]) -> None:
        """Put up to `transaction_max_items` records in one request (a transaction; no conditions).

        Their keys and contents are deterministic, so writing them again changes nothing: a replay
        rewrites the chunks an earlier attempt wrote instead of keeping count of them.
        """
        writes = Writes()
        for record in records:
            writes.save(training_item(record) if isinstance(record, TrainingRecord) else competency_item(record))
        writes.commit()

    def commit_finalize(
        self,
        session_id: str,
        finalized_at: datetime,
        finalized_by_id: str,
        counts: tuple[int, int, int],
        now: datetime,
        compliance_applied: bool,
        committed: HistoryEntry,
    ) -> None:
        """FINALIZING -> COMPLETED: the commit point; from here on the session's records are served.

        `compliance_applied` is True when there is nothing for the compliance engine to apply.
        `committed`: the FINALIZE_COMMITTED entry, in the same transaction (still one request).
        """
        training, competency, no_shows = counts
        writes = Writes()
        writes.update(
            SessionItem(*SessionItem.key(session_id)),
            actions=[
                *_status_set(SessionStatus.COMPLETED),
                SessionItem.finalized_at.set(finalized_at),
                SessionItem.finalized_by_id.set(finalized_by_id),
                SessionItem.training_records.set(training),
                SessionItem.competency_records.set(competency),
                SessionItem.no_shows.set(no_shows),
                SessionItem.compliance_applied.set(compliance_applied),
                SessionItem.updated_at.set(now),
                SessionItem.revision.add(1),
            ],
            condition=SessionItem.status == SessionStatus.FINALIZING.value,
            error=ConcurrentChange(f"Session {session_id} was finalized by another request"),
        )
        record_history(writes, committed)
        writes.commit()

    def finish_compliance(self, session_id: str, course_id: str, now: datetime) -> None:
        """The compliance engine's end, when no verdict transaction had room for it: see `_finish`."""
        writes = Writes()
        _finish(writes, session_id, course_id, now)
        writes.commit()

    # --- The compliance engine's reads and writes --------------------------------------------------

    def standings(self, course_id: str, personnel_ids: list[str]) -> dict[str, StoredStanding]:
        """Each person's compliance item for the course (consistent; missing ones read as no item)."""
        found = self.batch_read(ComplianceItemRow.key(pid, course_id) for pid in personnel_ids)
        return _standings(found, course_id, personnel_ids)

    def course_and_standings(
        self, course_id: str, personnel_ids: list[str]
    ) -> tuple[Course | None, dict[str, StoredStanding]]:
        """The course and each person's compliance item for it, in one consistent batch read (99 people
        fill its request): what the Finalize Gate reads before it writes anything."""
        found = self.batch_read(
            [CourseItem.key(course_id), *(ComplianceItemRow.key(pid, course_id) for pid in personnel_ids)]
        )
        raw_course = found.get(CourseItem.key(course_id))
        course = course_view(CourseItem.from_raw_data(raw_course)) if raw_course else None
        return course, _standings(found, course_id, personnel_ids)

    def apply_standings(
        self,
        course_id: str,
        changes: list[tuple[str, StoredStanding, ComplianceHistory]],
        session_id: str,
        today: date,
        now: datetime,
        finish: bool = False,
    ) -> bool:
        """Write each item's new history and the standing it gives on `today` (site calendar), in one
        transaction, each only if its item is as it was read; with `finish`, the engine's end as well
        (`_finish`: two more items).

        Returns False, having written nothing, if any of them changed meanwhile.
        """
        writes = Writes()
        for personnel_id, before, history in changes:
            writes.save(
                _standing_row(personnel_id, course_id, history, today, before.applied_sessions | {session_id}, now),
                condition=_unchanged(before),
                error=ConcurrentChange("A compliance item changed meanwhile"),
            )
        if finish:
            _finish(writes, session_id, course_id, now)
        try:
            writes.commit()
        except ConcurrentChange:
            return False
        return True

    # --- Reading records ------------------------------------------------------------------------

    def records_by_key(
        self, training_keys: list[tuple[str, str]], competency_ids: list[str]
    ) -> tuple[list[TrainingRecord], list[CompetencyRecord]]:
        """Training records by (personnel id, session id) and competency records by id, in one batch
        read (100 keys a request): a class of 50 attendees is one request."""
        training = {TrainingRecordItem.key(pid, sid) for pid, sid in training_keys}
        found = self.batch_read([*training, *(CompetencyRecordItem.key(rid) for rid in competency_ids)])
        return (
            [_training(TrainingRecordItem.from_raw_data(raw)) for key, raw in found.items() if key in training],
            [_competency(CompetencyRecordItem.from_raw_data(raw)) for key, raw in found.items() if key not in training],
        )

    def personnel_training_records(
        self, personnel_id: str, limit: int, next_token: str | None
    ) -> tuple[list[TrainingRecord], str | None]:
        """One page of a worker's training records, newest first: one query of ListIndex."""
        partition = ("ListPK", TrainingRecordItem.list_partition(personnel_id))
        start = decode_token(next_token, partition)
        results = TrainingRecordItem.by_list.query(
            partition[1], scan_index_forward=False, limit=limit + 1, last_evaluated_key=start
        )
        return collect_page(results, limit, _training, partition)

    def backfill_history_keys(self) -> int:
        """Give training records written before the worker's history was in ListIndex their keys.

        A one-off Scan (a migration, never a request path); each update is conditioned on the keys
        still missing, so one written meanwhile is left alone. Returns how many records it updated.
        """
        updated = 0
        missing = TrainingRecordItem.sk.startswith("TRAINING_RECORD#") & TrainingRecordItem.list_pk.does_not_exist()
        for item in TrainingRecordItem.scan(filter_condition=missing):
            keys = _history_keys(item.personnel_id, item.completed_at, item.session_id)
            try:
                item.update(
                    actions=own_fields(TrainingRecordItem, keys), condition=TrainingRecordItem.list_pk.does_not_exist()
                )
                updated += 1
            except UpdateError as refused:
                if refused.cause_response_code != "ConditionalCheckFailedException":
                    raise
        return updated

    def competency_records_by_status(
        self, status: CompetencyStatus, limit: int, next_token: str | None
    ) -> tuple[list[CompetencyRecord], str | None]:
        partition = f"COMPETENCY#{status.value}"
        start = decode_token(next_token, ("ListPK", partition))
        results = CompetencyRecordItem.by_list.query(partition, limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, _competency, ("ListPK", partition))

    def get_competency_record(self, record_id: str) -> CompetencyRecord | None:
        try:
            return _competency(CompetencyRecordItem.get(*CompetencyRecordItem.key(record_id), consistent_read=True))
        except CompetencyRecordItem.DoesNotExist:
            return None

    def decide_competency(
        self,
        record: CompetencyRecord,
        decided: CompetencyRecord,
        final_record: TrainingRecord | None,
        before: StoredStanding,
        history: ComplianceHistory,
        today: date,
        now: datetime,
        decision: HistoryEntry,
    ) -> None:
        """Verify or reject, atomically with the final record, the worker's compliance item and the
        decision's entry in the session's history."""
        writes = Writes()
        writes.save(
            competency_item(decided),
            condition=CompetencyRecordItem.status == CompetencyStatus.PENDING_VERIFICATION.value,
            error=Conflict(f"Competency record {record.id} is already {record.status.value}"),
        )
        if final_record is not None:
            writes.save(training_item(final_record))
        writes.save(
            _standing_row(record.personnel_id, record.course_id, history, today, before.applied_sessions, now),
            condition=_unchanged(before),
            error=ConcurrentChange("The worker's compliance item changed meanwhile; try again"),
        )
        record_history(writes, decision)
        writes.commit()
