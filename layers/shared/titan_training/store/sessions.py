"""Access patterns of sessions, their bookings, trainer load and attendees (SPEC-3.2).

One aggregate's store over the table binding (store.table). docs/data-model.md lists every pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pynamodb.exceptions import UpdateError

from titan_training.domain.clock import format_instant
from titan_training.domain.courses import RecordRules
from titan_training.domain.errors import ConcurrentChange, Conflict, NotFound
from titan_training.domain.history import HistoryAction, HistoryEntry, entry
from titan_training.domain.sessions import (
    OPEN_STATUSES,
    AttendanceStatus,
    Attendee,
    Session,
    SessionStatus,
    moves_in_calendar,
)
from titan_training.store.aggregate import AggregateStore
from titan_training.store.history import history_item, record
from titan_training.store.items.alerts import OpenAlertItem
from titan_training.store.items.base import TableItem, domain_view, own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.sessions import AttendeeItem, BookingItem, SessionItem
from titan_training.store.items.trainers import QualificationItem, TrainerItem, TrainerLoadItem, TrainerScheduleItem
from titan_training.store.items.venues import VenueItem
from titan_training.store.paging import ListQuery, collect_page, decode_token
from titan_training.store.transaction import Writes

if TYPE_CHECKING:
    from titan_training.domain.callers import Caller
    from titan_training.domain.personnel import Personnel
    from titan_training.domain.trainers import Trainer
    from titan_training.domain.venues import Venue

NO_TIME = "~"  # sorts after every timestamp: drafts without a time come last
# The attributes of every index a live session is listed in (`SessionItem.index_keys`): a draft written
# without them is in no list until they are set.
INDEX_KEYS = tuple(SessionItem.index_keys("id", "start", "status", "course", "trainer", "venue", "series"))


@dataclass
class FinalizeState:
    """What the Finalize Gate keeps on the session item between (and across) its attempts."""

    evidence_upload_key: str | None = None
    finalizing_at: datetime | None = None
    finalizing_by_id: str | None = None
    rules: RecordRules | None = None  # frozen with FINALIZING (None: not finalizing yet)
    counts: tuple[int, int, int] = (0, 0, 0)
    compliance_applied: bool = False


@dataclass
class StoredSession:
    """A session as stored: the revision its next write is conditioned on, and its class list."""

    session: Session
    revision: int
    attendees: list[Attendee]
    finalize: FinalizeState = field(default_factory=FinalizeState)


@dataclass
class ScheduleContext:
    """What scheduling reads in one consistent batch before it checks the trainer's calendar."""

    trainer: Trainer | None
    venue: Venue | None
    qualified: bool
    schedule_revision: int | None


@dataclass
class TrainerWeek:
    """A trainer with their qualifications and their booked minutes in one ISO week."""

    trainer: Trainer
    qualifications: list[Any]  # store.trainers.StoredQualification
    booked_minutes: int


@dataclass
class SessionFilters:
    status: SessionStatus | None = None
    start_from: datetime | None = None
    start_to: datetime | None = None
    trainer_id: str | None = None
    course_id: str | None = None
    venue_id: str | None = None
    series_id: str | None = None


# Items a filtered query evaluates per request: about what DynamoDB's 1 MB holds of sessions (0.9 KB each),
# so DynamoDB Local, which does not stop at 1 MB, counts requests as DynamoDB would.
FILTERED_READ = 1000


@dataclass(frozen=True)
class _SessionList:
    """The index a session list reads: its partition, its sort key (by start), and what it filters."""

    index: Any
    attribute: str
    partition: str
    sort_key: Any
    sort_prefix: str
    filters: list[tuple[Any, str]]


def _session_list(filters: SessionFilters) -> _SessionList:
    """The most selective key the filters name, in this order: series (at most 52 sessions), trainer (a
    handful of sessions a week), course, venue, status (a few partitions holding every session between
    them), else every session. The other filters given are checked on what that key reads."""
    given = {
        "series": (SessionItem.series_id, filters.series_id),
        "trainer": (SessionItem.trainer_id, filters.trainer_id),
        "course": (SessionItem.course_id, filters.course_id),
        "venue": (SessionItem.venue_id, filters.venue_id),
        "status": (SessionItem.status, filters.status.value if filters.status else None),
    }
    if filters.series_id:
        partition = SessionItem.series_partition(filters.series_id)
        key, listing = "series", (SessionItem.by_series, "SeriesPK", partition)
        sort_key, prefix = SessionItem.series_sk, ""
    elif filters.trainer_id:
        key, listing = "trainer", (SessionItem.by_trainer, "TrainerPK", f"TRAINER#{filters.trainer_id}")
        sort_key, prefix = SessionItem.trainer_sk, ""
    elif filters.course_id:
        key, listing = "course", (SessionItem.by_course, "CoursePK", f"COURSE#{filters.course_id}")
        sort_key, prefix = SessionItem.course_sk, "SESSION#"
    elif filters.venue_id:
        key, listing = "venue", (SessionItem.by_venue, "VenuePK", f"VENUE#{filters.venue_id}")
        sort_key, prefix = SessionItem.venue_sk, ""
    elif filters.status:
        partition = SessionItem.status_partition(filters.status.value)
        key, listing = "status", (SessionItem.by_status, "StatusPK", partition)
        sort_key, prefix = SessionItem.status_sk, ""
    else:
        key, listing = "all", (SessionItem.by_list, "ListPK", "SESSION")
        sort_key, prefix = SessionItem.list_sk, ""
    rest = [(attribute, value) for name, (attribute, value) in given.items() if name != key and value is not None]
    return _SessionList(*listing, sort_key, prefix, rest)


def _open_for_attendees():
    """The session still takes changes to its class list (DRAFT or SCHEDULED, not deleted)."""
    return SessionItem.status.is_in(*(s.value for s in OPEN_STATUSES)) & SessionItem.deleted_at.does_not_exist()


def _start_key(session: Session) -> str:
    return format_instant(session.start_time) if session.start_time else NO_TIME


def _session_fields(session: Session, week: str | None) -> dict[str, Any]:
    """Every attribute of a live session item, index keys included (None: remove it)."""
    scheduled = session.status is SessionStatus.SCHEDULED
    start = _start_key(session)
    keys = SessionItem.index_keys(
        session.id,
        start,
        session.status.value,
        session.course_id,
        session.trainer_id,
        session.venue_id,
        session.series_id,
    )
    return {
        "course_id": session.course_id,
        "trainer_id": session.trainer_id,
        "venue_id": session.venue_id,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "status": session.status.value,
        "created_by_id": session.created_by_id,
        "updated_at": session.updated_at,
        "deleted_at": session.deleted_at,
        "plan_id": session.plan_id,
        "series_id": session.series_id,
        **{name: None if session.deleted_at else value for name, value in keys.items()},
        "trainer_week_pk": f"TRAINER#{session.trainer_id}#WEEK#{week}" if scheduled else None,
        "trainer_week_sk": SessionItem.start_sort_key(start, session.id) if scheduled else None,
    }


def session_item(session: Session, week: str | None) -> SessionItem:
    """A whole new session item, index keys included (`week`: its ISO week, when SCHEDULED)."""
    fields = {k: v for k, v in _session_fields(session, week).items() if v is not None}
    return SessionItem(*SessionItem.key(session.id), id=session.id, created_at=session.created_at, revision=1, **fields)


def _session(item: SessionItem) -> Session:
    return domain_view(Session, item)


def _rules(item: SessionItem) -> RecordRules | None:
    """The course rules the Finalize Gate froze on the session, if it did."""
    if item.frozen_requires_verification is None:
        return None
    months = item.frozen_validity_months
    return RecordRules(int(months) if months is not None else None, item.frozen_requires_verification)


def _attendee(item: AttendeeItem) -> Attendee:
    return domain_view(Attendee, item)


def attendee_item(session_id: str, person: Personnel, now: datetime) -> AttendeeItem:
    return AttendeeItem(
        *AttendeeItem.key(session_id, person.id),
        session_id=session_id,
        personnel_id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        employee_no=person.employee_no,
        status=AttendanceStatus.REGISTERED.value,
        added_at=now,
        **AttendeeItem.list_keys(session_id, person.id),
    )


def _bookings_of(session: Session) -> list[BookingItem]:
    """The calendar entries a SCHEDULED session occupies: its trainer's and its venue's."""
    sort_key = BookingItem.sort_key(format_instant(session.start_time), session.id)
    fields = {
        "session_id": session.id,
        "course_id": session.course_id,
        "trainer_id": session.trainer_id,
        "venue_id": session.venue_id,
        "start_time": session.start_time,
        "end_time": session.end_time,
    }
    return [
        BookingItem(f"TRAINER#{session.trainer_id}", sort_key, **fields),
        BookingItem(f"VENUE#{session.venue_id}", sort_key, **fields),
    ]


class SessionStore(AggregateStore):
    """Sessions, their bookings on the calendars, trainer load and class lists."""

    # --- Reading ---------------------------------------------------------------------------------

    def read_session(self, session_id: str) -> StoredSession | None:
        """The session and its whole class list: one strongly consistent query of its partition."""
        connection = TableItem._get_connection()
        partition = SessionItem.key(session_id)[0]
        session_item, attendees, start = None, [], None
        while True:
            page = connection.query(partition, consistent_read=True, exclusive_start_key=start)
            for raw in page.get("Items", []):
                sort_key = raw["SK"]["S"]
                if sort_key == "SESSION":
                    session_item = SessionItem.from_raw_data(raw)
                elif sort_key.startswith("ATTENDEE#"):
                    attendees.append(_attendee(AttendeeItem.from_raw_data(raw)))
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        if session_item is None:
            return None
        attendees.sort(key=lambda a: (a.last_name.lower(), a.first_name.lower(), a.personnel_id))
        state = FinalizeState(
            evidence_upload_key=session_item.evidence_upload_key,
            finalizing_at=session_item.finalizing_at,
            finalizing_by_id=session_item.finalizing_by_id,
            rules=_rules(session_item),
            counts=(
                int(session_item.training_records or 0),
                int(session_item.competency_records or 0),
                int(session_item.no_shows or 0),
            ),
            compliance_applied=bool(session_item.compliance_applied),
        )
        return StoredSession(_session(session_item), int(session_item.revision or 0), attendees, state)

    def schedule_context(self, course_id: str, trainer_id: str, venue_id: str | None) -> ScheduleContext:
        """Trainer, venue, qualification and the trainer's schedule revision, in one consistent batch."""
        keys = [
            TrainerItem.key(trainer_id),
            QualificationItem.key(trainer_id, course_id),
            TrainerScheduleItem.key(trainer_id),
        ]
        if venue_id:
            keys.append(VenueItem.key(venue_id))
        from titan_training.store.trainers import trainer_view  # only scheduling reads these aggregates here
        from titan_training.store.venues import venue_view

        found = self.batch_read(keys)
        trainer_row = found.get(TrainerItem.key(trainer_id))
        venue_row = found.get(VenueItem.key(venue_id)) if venue_id else None
        schedule_row = found.get(TrainerScheduleItem.key(trainer_id))
        return ScheduleContext(
            trainer=trainer_view(TrainerItem.from_raw_data(trainer_row)) if trainer_row else None,
            venue=venue_view(VenueItem.from_raw_data(venue_row)) if venue_row else None,
            qualified=QualificationItem.key(trainer_id, course_id) in found,
            schedule_revision=int(schedule_row["revision"]["N"]) if schedule_row else None,
        )

    def list_sessions(
        self, filters: SessionFilters, limit: int, next_token: str | None
    ) -> tuple[list[Session], str | None]:
        """Sessions by start time (then id; drafts without a time last), from the index of the most
        selective filter given (`_session_list`), the dates as its sort key range; the filters that are
        not its key narrow what it reads, within partitions that small keys keep small."""
        listing = _session_list(filters)
        query = ListQuery((listing.attribute, listing.partition), asdict(filters))
        start = decode_token(next_token, query)
        prefix = listing.sort_prefix
        low = format_instant(filters.start_from) if filters.start_from else "0"  # below every timestamp
        high = format_instant(filters.start_to) if filters.start_to else ("9999" if filters.start_from else None)
        if high is not None:
            key_condition = listing.sort_key.between(f"{prefix}{low}", f"{prefix}{high}")
        else:
            key_condition = listing.sort_key.startswith(prefix) if prefix else None
        narrowing = None
        for attribute, value in listing.filters:
            condition = attribute == value
            narrowing = condition if narrowing is None else narrowing & condition
        results = listing.index.query(
            listing.partition,
            key_condition,
            filter_condition=narrowing,
            limit=limit + 1,
            # Filtered: each request reads as far as 1 MB would, not just the page's length.
            page_size=FILTERED_READ if narrowing is not None else limit + 1,
            last_evaluated_key=start,
        )
        return collect_page(results, limit, _session, query)

    def sessions_by_id(self, session_ids: set[str]) -> dict[str, Session]:
        """Sessions (without their class lists) by id, one consistent batch read per 100."""
        found = self.batch_read(SessionItem.key(session_id) for session_id in session_ids)
        return {raw["id"]["S"]: _session(SessionItem.from_raw_data(raw)) for raw in found.values()}

    def trainer_loads(self, trainer_ids: list[str], week: str) -> dict[str, int]:
        """Booked minutes per trainer in one week: one batch read per 100 trainers."""
        keys = [TrainerLoadItem.key(trainer_id, week) for trainer_id in trainer_ids]
        return {item.trainer_id: int(item.booked_minutes or 0) for item in TrainerLoadItem.batch_get(keys)}

    def trainer_week(self, trainer_id: str, week: str) -> TrainerWeek | None:
        """The trainer, their qualifications and their load in `week`: one consistent query of the
        trainer's partition from `LOAD#<week>` to `TRAINER` (the week's and later weeks' load counters,
        the qualifications, the schedule revision and the trainer; never the bookings, which sort first)."""
        from titan_training.store.trainers import StoredQualification, trainer_view

        partition = TrainerItem.key(trainer_id)[0]
        load_key = TrainerLoadItem.key(trainer_id, week)[1]
        connection = TableItem._get_connection()
        trainer, qualifications, minutes, start = None, [], 0, None
        while True:
            page = connection.query(
                partition,
                range_key_condition=TableItem.sk.between(load_key, TrainerItem.key(trainer_id)[1]),
                consistent_read=True,
                exclusive_start_key=start,
            )
            for raw in page.get("Items", []):
                sort_key = raw["SK"]["S"]
                if sort_key == load_key:
                    minutes = int(TrainerLoadItem.from_raw_data(raw).booked_minutes or 0)
                elif sort_key.startswith("QUALIFICATION#"):
                    qualifications.append(StoredQualification(QualificationItem.from_raw_data(raw)))
                elif sort_key == TrainerItem.key(trainer_id)[1]:
                    trainer = trainer_view(TrainerItem.from_raw_data(raw))
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        return TrainerWeek(trainer, qualifications, minutes) if trainer else None

    def trainer_week_sessions(self, trainer_id: str, week: str) -> list[Session]:
        """The trainer's SCHEDULED sessions starting in an ISO week, by start (TrainerWeekIndex)."""
        return [_session(item) for item in SessionItem.by_trainer_week.query(f"TRAINER#{trainer_id}#WEEK#{week}")]

    # --- Writing ---------------------------------------------------------------------------------

    def create_sessions(
        self,
        sessions: list[Session],
        entries: list[HistoryEntry],
        class_lists: dict[str, list[Personnel]] | None = None,
        now: datetime | None = None,
        also: Callable[[Writes], None] | None = None,
    ) -> None:
        """New DRAFTs with their CREATED history entries (and class lists), all or none: one draft, a
        series of recurring drafts, or an accepted plan's sessions (`also` adds the plan's own write).

        Every course, trainer and venue they name is checked once. When everything fits one transaction
        (`transaction_max_items`), it is one: the checks, a Put per draft, entry and attendee, and
        `also`'s writes. Otherwise the drafts without their index keys (so no list shows them), their
        class lists and entries go first, in transactions of up to `transaction_max_items`; then one last
        transaction holds the checks, `also`'s writes and every draft's index keys, so the drafts appear
        together or not at all, and a failure leaves only unlisted items (rewritten as they were by a
        retry with the same ids). Raises NotFound for a course, trainer or venue that does not exist.
        """
        checks = Writes()
        for course_id in dict.fromkeys(s.course_id for s in sessions):
            checks.check(CourseItem, CourseItem.key(course_id), CourseItem.pk.exists(), NotFound("Course", course_id))
        for trainer_id in dict.fromkeys(s.trainer_id for s in sessions if s.trainer_id):
            checks.check(
                TrainerItem, TrainerItem.key(trainer_id), TrainerItem.pk.exists(), NotFound("Trainer", trainer_id)
            )
        for venue_id in dict.fromkeys(s.venue_id for s in sessions if s.venue_id):
            checks.check(VenueItem, VenueItem.key(venue_id), VenueItem.pk.exists(), NotFound("Venue", venue_id))
        if also is not None:
            also(checks)
        listed = class_lists or {}
        attendees = [attendee_item(s.id, person, now) for s in sessions for person in listed.get(s.id, [])]
        # Booked: each person's open expiry alert for the course is cleared with the write that lists them.
        alerts = [OpenAlertItem(*OpenAlertItem.key(p.id, s.course_id)) for s in sessions for p in listed.get(s.id, [])]
        if len(checks) + 2 * len(sessions) + 2 * len(attendees) <= self.transaction_max_items:
            for session, created in zip(sessions, entries, strict=True):
                checks.save(
                    session_item(session, None),
                    condition=SessionItem.pk.does_not_exist(),
                    error=Conflict(f"Session {session.id} already exists"),
                )
                record(checks, created)
            for item in attendees:
                checks.save(item)
            for alert in alerts:
                checks.delete(alert)
            checks.commit()
            return
        if len(checks) + len(sessions) > self.transaction_max_items:
            raise ValueError(f"{len(sessions)} drafts and their checks do not fit the last transaction")
        unlisted: list[Any] = []
        for session, created in zip(sessions, entries, strict=True):
            item = session_item(session, None)
            for name in INDEX_KEYS:
                setattr(item, name, None)
            unlisted += [item, history_item(created)]
        unlisted += attendees + alerts
        # A draft is new, or the same unlisted one a retry wrote before: never a listed or deleted session.
        new_or_unlisted = SessionItem.pk.does_not_exist() | (
            SessionItem.list_pk.does_not_exist() & SessionItem.deleted_at.does_not_exist()
        )
        for first in range(0, len(unlisted), self.transaction_max_items):
            writes = Writes()
            for item in unlisted[first : first + self.transaction_max_items]:
                if isinstance(item, SessionItem):
                    writes.save(item, new_or_unlisted, Conflict(f"Session {item.id} already exists"))
                elif isinstance(item, OpenAlertItem):
                    writes.delete(item)
                else:
                    writes.save(item)
            writes.commit()
        for session in sessions:
            keys = _session_fields(session, None)
            checks.update(
                SessionItem(*SessionItem.key(session.id)),
                actions=own_fields(SessionItem, {n: keys[n] for n in INDEX_KEYS if keys[n] is not None}),
                condition=SessionItem.pk.exists() & SessionItem.list_pk.does_not_exist(),
                error=Conflict(f"Session {session.id} was changed meanwhile"),
            )
        checks.commit()

    def _session_update(self, writes: Writes, before: StoredSession, after: Session, week: str | None) -> None:
        """The session's own write: conditioned on the revision that was read."""
        moved = [SessionItem.sequence.add(1)] if moves_in_calendar(before.session, after) else []
        writes.update(
            SessionItem(*SessionItem.key(after.id)),
            actions=[*own_fields(SessionItem, _session_fields(after, week)), SessionItem.revision.add(1), *moved],
            condition=SessionItem.revision == before.revision,
            error=ConcurrentChange(f"Session {after.id} was changed by another request; reload and try again"),
        )

    def _release(self, writes: Writes, before: Session, week: str, keep: set[tuple[str, str]]) -> None:
        """Take a SCHEDULED session off its calendars and its trainer's load (keys in `keep` stay)."""
        for booking in _bookings_of(before):
            if (booking.pk, booking.sk) not in keep:
                writes.delete(booking)
        if (TrainerLoadItem.key(before.trainer_id, week)) not in keep:
            writes.update(
                TrainerLoadItem(*TrainerLoadItem.key(before.trainer_id, week)),
                actions=[TrainerLoadItem.booked_minutes.add(-before.minutes)],
            )

    def commit_schedule(
        self,
        before: StoredSession,
        after: Session,
        schedule_revision: int | None,
        week: str,
        previous_week: str | None,
        change: HistoryEntry,
    ) -> None:
        """Book `after` (SCHEDULED) on its trainer's and venue's calendars, atomically.

        Commits only if the trainer's schedule revision and the session's revision are the ones that
        were read: otherwise another booking may have landed in between (ConcurrentChange: re-read).
        """
        writes = Writes()
        was_scheduled = before.session.status is SessionStatus.SCHEDULED
        new_bookings = _bookings_of(after)
        load_key = TrainerLoadItem.key(after.trainer_id, week)
        writes.update(
            TrainerScheduleItem(*TrainerScheduleItem.key(after.trainer_id)),
            actions=[
                TrainerScheduleItem.trainer_id.set(after.trainer_id),
                TrainerScheduleItem.revision.set((schedule_revision or 0) + 1),
            ],
            condition=(
                TrainerScheduleItem.revision == schedule_revision
                if schedule_revision is not None
                else TrainerScheduleItem.pk.does_not_exist()
            ),
            error=ConcurrentChange(f"Trainer {after.trainer_id}'s schedule changed meanwhile; try again"),
        )
        self._session_update(writes, before, after, week)
        for booking in new_bookings:
            writes.save(booking)
        minutes = after.minutes
        if was_scheduled:
            kept = {(b.pk, b.sk) for b in new_bookings}
            old_load = TrainerLoadItem.key(before.session.trainer_id, previous_week)
            if old_load == load_key:
                minutes -= before.session.minutes
                kept.add(old_load)
            self._release(writes, before.session, previous_week, kept)
        writes.update(
            TrainerLoadItem(*load_key),
            actions=[
                TrainerLoadItem.trainer_id.set(after.trainer_id),
                TrainerLoadItem.week.set(week),
                TrainerLoadItem.booked_minutes.add(minutes),
            ],
        )
        record(writes, change)
        writes.commit()

    def update_session(self, before: StoredSession, after: Session, change: HistoryEntry) -> None:
        """An edit that books nothing: a DRAFT's fields, or a soft delete (its history stays)."""
        writes = Writes()
        self._session_update(writes, before, after, None)
        record(writes, change)
        writes.commit()

    def cancel_session(
        self, before: StoredSession, after: Session, previous_week: str | None, change: HistoryEntry
    ) -> None:
        writes = Writes()
        self._session_update(writes, before, after, None)
        if before.session.status is SessionStatus.SCHEDULED:
            self._release(writes, before.session, previous_week, set())
        record(writes, change)
        writes.commit()

    def backfill_index_keys(self) -> int:
        """Give sessions written before TrainerIndex, VenueIndex and StatusIndex existed their keys.

        A one-off Scan (the only one in the store: a migration, never a request path). Each update is
        conditioned on the revision read and on the keys still missing, so a session written meanwhile
        (which writes its keys itself) is left alone. Returns how many sessions it updated.
        """
        updated = 0
        missing = (SessionItem.sk == "SESSION") & SessionItem.status_pk.does_not_exist()
        for item in SessionItem.scan(filter_condition=missing & SessionItem.deleted_at.does_not_exist()):
            session = _session(item)
            keys = SessionItem.index_keys(
                session.id,
                _start_key(session),
                session.status.value,
                session.course_id,
                session.trainer_id,
                session.venue_id,
            )
            try:
                item.update(
                    actions=own_fields(SessionItem, keys),
                    condition=(SessionItem.revision == item.revision) & SessionItem.status_pk.does_not_exist(),
                )
                updated += 1
            except UpdateError as refused:
                if refused.cause_response_code != "ConditionalCheckFailedException":
                    raise
        return updated

    def backfill_attendee_keys(self) -> int:
        """Give class-list entries written before a worker's sessions were in ListIndex (`ATTENDING#`,
        the worker's calendar feed) their keys. A one-off Scan (a migration, never a request path); each
        update is conditioned on the keys still missing. Returns how many entries it updated."""
        updated = 0
        missing = AttendeeItem.sk.startswith("ATTENDEE#") & AttendeeItem.list_pk.does_not_exist()
        for item in AttendeeItem.scan(filter_condition=missing):
            keys = AttendeeItem.list_keys(item.session_id, item.personnel_id)
            try:
                item.update(actions=own_fields(AttendeeItem, keys), condition=AttendeeItem.list_pk.does_not_exist())
                updated += 1
            except UpdateError as refused:
                if refused.cause_response_code != "ConditionalCheckFailedException":
                    raise
        return updated

    # --- Class list ------------------------------------------------------------------------------

    def add_attendees(
        self, session_id: str, course_id: str, people: list[Personnel], now: datetime, caller: Caller
    ) -> tuple[list[str], set[str]]:
        """Put people on the list in transactions of 49, each checking the session is still open and
        recording an ATTENDEES_ADDED entry naming exactly the people that transaction lists.

        Each put is conditioned on the person not being listed yet, and deletes the person's open
        expiry alert for the course (booked: cleared in the same write). If someone else listed one of
        them meanwhile, that chunk is retried without them. Returns (ids added, ids that appeared).
        """
        added: list[str] = []
        appeared: set[str] = set()
        size = (self.transaction_max_items - 2) // 2  # each person: the attendee and the alert cleared
        for first in range(0, len(people), size):
            chunk = people[first : first + size]
            for attempt in range(3):
                writes = Writes()
                writes.update(  # moves the revision on, so a finalize that checked before this fails to freeze
                    SessionItem(*SessionItem.key(session_id)),
                    actions=[SessionItem.revision.add(1)],
                    condition=_open_for_attendees(),
                    error=Conflict(f"Session {session_id} is no longer open for changes to its attendees"),
                )
                for person in chunk:
                    writes.save(
                        attendee_item(session_id, person, now),
                        condition=AttendeeItem.pk.does_not_exist(),
                        error=ConcurrentChange(f"The class list of session {session_id} changed meanwhile"),
                    )
                    writes.delete(OpenAlertItem(*OpenAlertItem.key(person.id, course_id)))
                ids = [person.id for person in chunk]
                record(writes, entry(session_id, caller, now, HistoryAction.ATTENDEES_ADDED, personnel_ids=ids))
                try:
                    if chunk:
                        writes.commit()
                    break
                except ConcurrentChange:
                    if attempt == 2:
                        raise
                    listed = self.batch_read(AttendeeItem.key(session_id, person.id) for person in chunk)
                    now_listed = {key[1].removeprefix("ATTENDEE#") for key in listed}
                    appeared |= now_listed
                    chunk = [person for person in chunk if person.id not in now_listed]
            added.extend(person.id for person in chunk)
        return added, appeared

    def booked_personnel(self, course_id: str, since: datetime) -> set[str]:
        """Who is on the class list of a course's session that is not cancelled nor completed (DRAFT,
        SCHEDULED or FINALIZING) and starts from `since` on (or has no time yet): one Query of CourseIndex
        `COURSE#<id>` from `SESSION#<since>`, then one Query of each such session's attendees."""
        sessions = SessionItem.by_course.query(
            f"COURSE#{course_id}",
            SessionItem.course_sk.between(f"SESSION#{format_instant(since)}", f"SESSION#{NO_TIME}~"),
            filter_condition=SessionItem.status.is_in(
                SessionStatus.DRAFT.value, SessionStatus.SCHEDULED.value, SessionStatus.FINALIZING.value
            ),
            attributes_to_get=["id"],
        )
        booked: set[str] = set()
        for session in sessions:
            for attendee in AttendeeItem.query(
                SessionItem.key(session.id)[0],
                AttendeeItem.sk.startswith("ATTENDEE#"),
                attributes_to_get=["personnel_id"],
            ):
                booked.add(attendee.personnel_id)
        return booked

    def remove_attendee(self, session_id: str, personnel_id: str, change: HistoryEntry) -> None:
        writes = Writes()
        writes.update(  # moves the revision on (see add_attendees)
            SessionItem(*SessionItem.key(session_id)),
            actions=[SessionItem.revision.add(1)],
            condition=_open_for_attendees(),
            error=Conflict(f"Session {session_id} is no longer open for changes to its attendees"),
        )
        writes.delete(
            AttendeeItem(*AttendeeItem.key(session_id, personnel_id)),
            condition=AttendeeItem.pk.exists(),
            error=NotFound("Attendee", f"{personnel_id} of session {session_id}"),
        )
        record(writes, change)
        writes.commit()

    def record_evidence_request(self, session_id: str, requested: HistoryEntry) -> None:
        """An EVIDENCE_UPLOAD_REQUESTED entry, in one transaction with a check that the session is still
        SCHEDULED: issuing a form changes no item of the session, so the entry is the only write."""
        writes = Writes()
        writes.check(
            SessionItem,
            SessionItem.key(session_id),
            (SessionItem.status == SessionStatus.SCHEDULED.value) & SessionItem.deleted_at.does_not_exist(),
            Conflict(f"Session {session_id} is no longer open for evidence"),
        )
        record(writes, requested)
        writes.commit()
