"""pynamodb models of the single training table: every item type, its keys and the indexes it joins.

Key and index attribute names must match template.yaml (tests/unit/test_template.py checks them).
Each entity's id lives in its partition key (`COURSE#<id>`), and its sort key says what the item is.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from pynamodb.attributes import (
    BinaryAttribute,
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.connection import Connection, TableConnection
from pynamodb.connection.base import MetaTable
from pynamodb.exceptions import TableError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

LIST_INDEX = "ListIndex"
COURSE_INDEX = "CourseIndex"
TRAINER_WEEK_INDEX = "TrainerWeekIndex"
TRAINER_INDEX = "TrainerIndex"
VENUE_INDEX = "VenueIndex"
STATUS_INDEX = "StatusIndex"
SERIES_INDEX = "SeriesIndex"

# Joins the parts of a sort key: below every character a name may hold (names refuse control
# characters), so "First Aid" sorts before "First Aid Advanced" and a last name decides first.
SORT_SEPARATOR = "\x01"


class ListIndex(GlobalSecondaryIndex):
    """Collections in display order: every course, person, trainer or venue, sorted by name."""

    class Meta:
        index_name = LIST_INDEX
        projection = AllProjection()

    list_pk = UnicodeAttribute(hash_key=True, attr_name="ListPK")
    list_sk = UnicodeAttribute(range_key=True, attr_name="ListSK")


class CourseIndex(GlobalSecondaryIndex):
    """Everything that belongs to a course: compliance items and qualified trainers."""

    class Meta:
        index_name = COURSE_INDEX
        projection = AllProjection()

    course_pk = UnicodeAttribute(hash_key=True, attr_name="CoursePK")
    course_sk = UnicodeAttribute(range_key=True, attr_name="CourseSK")


class TableItem(Model):
    """Base of every item: the table is bound at run time by `bind_table`."""

    class Meta:
        table_name = "unbound"
        region = "us-east-1"

    pk = UnicodeAttribute(hash_key=True, attr_name="PK")
    sk = UnicodeAttribute(range_key=True, attr_name="SK")


class Listed(TableItem):
    list_pk = UnicodeAttribute(attr_name="ListPK")
    list_sk = UnicodeAttribute(attr_name="ListSK")


class CourseItem(Listed):
    by_list = ListIndex()

    id = UnicodeAttribute()
    name = UnicodeAttribute()
    code = UnicodeAttribute()
    validity_months = NumberAttribute(null=True)
    requires_verification = BooleanAttribute(default=False)
    duration_minutes = NumberAttribute(null=True)
    # Days before expiry the expiry alerts publish at (null: the site's default horizons).
    expiry_alert_days = ListAttribute(of=NumberAttribute, null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    # Moved on by every compliance change of the course, so the picker's cache knows it is stale.
    compliance_changed_at = UTCDateTimeAttribute(null=True)
    compliance_revision = NumberAttribute(default=0)

    @staticmethod
    def key(course_id: str) -> tuple[str, str]:
        return f"COURSE#{course_id}", "COURSE"


class PersonnelFields(Listed):
    """A worker's own attributes: on their item, and copied on each of their search entries."""

    id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    employee_no = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class PersonnelItem(PersonnelFields):
    by_list = ListIndex()

    @staticmethod
    def key(personnel_id: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", "PERSONNEL"


class PersonnelSearchItem(PersonnelFields):
    """One word a worker is found by (domain.personnel.search_tokens), in the worker's partition,
    with a copy of the worker's attributes, so a search page is one query.

    Listed in ListIndex under `PERSONNEL_WORD#<first character>` (or `PERSONNEL_PHRASE#<first
    character>` for words with a space: full names) by `<word>#<last>#<first>#<id>`, so a search is
    one prefix query (`begins_with`) on one partition, in word then name order. A search without a
    space reads only single words, so a first name and the full name it begins do not list the
    same worker twice. Written and removed in the same transaction as the worker's own item;
    `tokens` is all of the worker's words, so a reader can tell which one lists the worker.
    """

    by_list = ListIndex()
    tokens = ListAttribute(of=UnicodeAttribute)

    @staticmethod
    def key(personnel_id: str, token: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", f"SEARCH#{token}"

    @staticmethod
    def partition(needle: str) -> str:
        """The ListIndex partition of every word beginning with `needle`: phrases apart, then by first character."""
        return f"PERSONNEL_{'PHRASE' if ' ' in needle else 'WORD'}#{needle[:1]}"

    @staticmethod
    def list_key(token: str, person_sort_key: str) -> tuple[str, str]:
        """`person_sort_key` is the worker's `<last>#<first>#<id>`: one word's matches list by name."""
        return PersonnelSearchItem.partition(token), f"{token}{SORT_SEPARATOR}{person_sort_key}"


class OutcomeMap(MapAttribute):
    """One session's outcome on a compliance item (domain.compliance.Outcome)."""

    session_id = UnicodeAttribute()
    completed_at = UTCDateTimeAttribute()
    kind = UnicodeAttribute()
    expiry_date = UnicodeAttribute(null=True)


class ComplianceItemRow(TableItem):
    """One person's standing for one course; lives in the person's partition, indexed by course.

    `status` and `expiry_date` are the standing as computed (what every reader reads). The engine
    computes it from `baseline_*` (what was last put) and `outcomes` (sessions applied since); an item
    without `outcomes` has only ever been put, so its baseline is its status and expiry.
    """

    by_course = CourseIndex()
    course_pk = UnicodeAttribute(attr_name="CoursePK")
    course_sk = UnicodeAttribute(attr_name="CourseSK")
    # Only while COMPLIANT with an expiry: listed by course and expiry day, for the expiry alerts.
    by_list = ListIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK", null=True)
    list_sk = UnicodeAttribute(attr_name="ListSK", null=True)

    personnel_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    status = UnicodeAttribute()
    expiry_date = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute()
    # Sessions whose outcome the compliance engine has applied here: a replay never applies one twice.
    applied_sessions = UnicodeSetAttribute(null=True)
    baseline_status = UnicodeAttribute(null=True)
    baseline_expiry_date = UnicodeAttribute(null=True)
    outcomes = ListAttribute(of=OutcomeMap, null=True)

    @staticmethod
    def key(personnel_id: str, course_id: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", f"COMPLIANCE#{course_id}"

    @staticmethod
    def course_key(personnel_id: str, course_id: str) -> tuple[str, str]:
        return f"COURSE#{course_id}", f"COMPLIANCE#{personnel_id}"

    @staticmethod
    def expiry_partition(course_id: str) -> str:
        return f"EXPIRY#{course_id}"

    @staticmethod
    def expiry_keys(personnel_id: str, course_id: str, status: str, expiry_date: str | None) -> dict[str, str | None]:
        """ListIndex keys of an item that can lapse (COMPLIANT with an expiry day): `EXPIRY#<courseId>` by
        `<expiry day>#<personnelId>`, so the expiry alerts read a course's items lapsing within a horizon
        by key. Any other item is not listed (None)."""
        if status != "COMPLIANT" or not expiry_date:
            return {"list_pk": None, "list_sk": None}
        return {
            "list_pk": ComplianceItemRow.expiry_partition(course_id),
            "list_sk": f"{expiry_date}{SORT_SEPARATOR}{personnel_id}",
        }


class AlertStateItem(TableItem):
    """The expiry alerts' memory of one worker and course (`ALERT#<courseId>` in the worker's
    partition): the horizons already published for the expiry day `expiry_date`, under `revision`,
    so a claim of a horizon is one conditional write and of two runs only one publishes it."""

    personnel_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    expiry_date = UnicodeAttribute()
    published = ListAttribute(of=NumberAttribute)
    revision = NumberAttribute()
    updated_at = UTCDateTimeAttribute()

    @staticmethod
    def key(personnel_id: str, course_id: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", f"ALERT#{course_id}"


class OpenAlertItem(TableItem):
    """An open expiry alert (`ALERT_OPEN#<courseId>` in the worker's partition), listed in ListIndex
    under `ALERT` by `<expiry day>#<courseId>#<personnelId>` (soonest first). Cleared by deleting it:
    in the transaction that books the worker onto a session of the course, in the one that puts their
    compliance item, and by the daily run for anything renewed, lapsed or inactive."""

    by_list = ListIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK")
    list_sk = UnicodeAttribute(attr_name="ListSK")

    personnel_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    expiry_date = UnicodeAttribute()
    horizon = NumberAttribute()
    opened_at = UTCDateTimeAttribute()

    PARTITION = "ALERT"

    @staticmethod
    def key(personnel_id: str, course_id: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", f"ALERT_OPEN#{course_id}"

    @staticmethod
    def list_key(personnel_id: str, course_id: str, expiry_date: str) -> tuple[str, str]:
        return OpenAlertItem.PARTITION, SORT_SEPARATOR.join((expiry_date, course_id, personnel_id))


class TrainerItem(Listed):
    by_list = ListIndex()

    id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    user_id = UnicodeAttribute(null=True)
    # Kept in step with the qualification items in the same transaction, so lists need no extra reads.
    qualified_course_ids = UnicodeSetAttribute(default=set)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    @staticmethod
    def key(trainer_id: str) -> tuple[str, str]:
        return f"TRAINER#{trainer_id}", "TRAINER"


class QualificationItem(TableItem):
    """Trainer X may teach course Y: in the trainer's partition, indexed by course in trainer-name order."""

    by_course = CourseIndex()
    course_pk = UnicodeAttribute(attr_name="CoursePK")
    course_sk = UnicodeAttribute(attr_name="CourseSK")

    trainer_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    qualified_at = UTCDateTimeAttribute()

    @staticmethod
    def key(trainer_id: str, course_id: str) -> tuple[str, str]:
        return f"TRAINER#{trainer_id}", f"QUALIFICATION#{course_id}"

    @staticmethod
    def course_key(trainer_sort_key: str, course_id: str) -> tuple[str, str]:
        """`trainer_sort_key` is the trainer's `<last>#<first>#<id>`, so a course's trainers list by name."""
        return f"COURSE#{course_id}", f"TRAINER#{trainer_sort_key}"


class VenueItem(Listed):
    by_list = ListIndex()

    id = UnicodeAttribute()
    name = UnicodeAttribute()
    location = UnicodeAttribute(null=True)
    capacity = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    @staticmethod
    def key(venue_id: str) -> tuple[str, str]:
        return f"VENUE#{venue_id}", "VENUE"


class BookingItem(TableItem):
    """A SCHEDULED session on one calendar: the trainer's (`TRAINER#<id>`) or the venue's (`VENUE#<id>`).

    Stored in the owner's partition, sorted by start, so an overlap check is one strongly
    consistent range query, whatever the owner's history.
    """

    session_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    trainer_id = UnicodeAttribute()
    venue_id = UnicodeAttribute()
    start_time = UTCDateTimeAttribute()
    end_time = UTCDateTimeAttribute()

    @staticmethod
    def sort_key(start_iso: str, session_id: str = "") -> str:
        return f"BOOKING#{start_iso}#{session_id}"


class TrainerWeekIndex(GlobalSecondaryIndex):
    """A trainer's SCHEDULED sessions in one ISO week (sparse: only SCHEDULED sessions carry the keys)."""

    class Meta:
        index_name = TRAINER_WEEK_INDEX
        projection = AllProjection()

    trainer_week_pk = UnicodeAttribute(hash_key=True, attr_name="TrainerWeekPK")
    trainer_week_sk = UnicodeAttribute(range_key=True, attr_name="TrainerWeekSK")


class TrainerIndex(GlobalSecondaryIndex):
    """What belongs to a trainer, by start: their sessions (every status but deleted)."""

    class Meta:
        index_name = TRAINER_INDEX
        projection = AllProjection()

    trainer_pk = UnicodeAttribute(hash_key=True, attr_name="TrainerPK")
    trainer_sk = UnicodeAttribute(range_key=True, attr_name="TrainerSK")


class VenueIndex(GlobalSecondaryIndex):
    """What belongs to a venue, by start: the sessions held there (every status but deleted)."""

    class Meta:
        index_name = VENUE_INDEX
        projection = AllProjection()

    venue_pk = UnicodeAttribute(hash_key=True, attr_name="VenuePK")
    venue_sk = UnicodeAttribute(range_key=True, attr_name="VenueSK")


class StatusIndex(GlobalSecondaryIndex):
    """Sessions of one status, by start (`SESSION#<status>`): moved with every status change."""

    class Meta:
        index_name = STATUS_INDEX
        projection = AllProjection()

    status_pk = UnicodeAttribute(hash_key=True, attr_name="StatusPK")
    status_sk = UnicodeAttribute(range_key=True, attr_name="StatusSK")


class SeriesIndex(GlobalSecondaryIndex):
    """The sessions of one series of recurring drafts, by start (`SERIES#<seriesId>`; sparse)."""

    class Meta:
        index_name = SERIES_INDEX
        projection = AllProjection()

    series_pk = UnicodeAttribute(hash_key=True, attr_name="SeriesPK")
    series_sk = UnicodeAttribute(range_key=True, attr_name="SeriesSK")


class SessionItem(TableItem):
    """A training session. Its partition also holds its attendees, so one query reads the class list.

    Index keys while it is not deleted, each sorted by `<start or ~>#<id>` (`start_sort_key`):
    ListIndex (`SESSION`), CourseIndex (`COURSE#<id>`, behind `SESSION#`), TrainerIndex
    (`TRAINER#<id>`, when it has a trainer), VenueIndex (`VENUE#<id>`, when it has a venue) and
    StatusIndex (`SESSION#<status>`), SeriesIndex (`SERIES#<id>`, when it was created in a series);
    TrainerWeekIndex while it is SCHEDULED.
    """

    by_list = ListIndex()
    by_course = CourseIndex()
    by_trainer_week = TrainerWeekIndex()
    by_trainer = TrainerIndex()
    by_venue = VenueIndex()
    by_status = StatusIndex()
    by_series = SeriesIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK", null=True)
    list_sk = UnicodeAttribute(attr_name="ListSK", null=True)
    course_pk = UnicodeAttribute(attr_name="CoursePK", null=True)
    course_sk = UnicodeAttribute(attr_name="CourseSK", null=True)
    trainer_week_pk = UnicodeAttribute(attr_name="TrainerWeekPK", null=True)
    trainer_week_sk = UnicodeAttribute(attr_name="TrainerWeekSK", null=True)
    trainer_pk = UnicodeAttribute(attr_name="TrainerPK", null=True)
    trainer_sk = UnicodeAttribute(attr_name="TrainerSK", null=True)
    venue_pk = UnicodeAttribute(attr_name="VenuePK", null=True)
    venue_sk = UnicodeAttribute(attr_name="VenueSK", null=True)
    status_pk = UnicodeAttribute(attr_name="StatusPK", null=True)
    status_sk = UnicodeAttribute(attr_name="StatusSK", null=True)
    series_pk = UnicodeAttribute(attr_name="SeriesPK", null=True)
    series_sk = UnicodeAttribute(attr_name="SeriesSK", null=True)

    id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    trainer_id = UnicodeAttribute(null=True)
    venue_id = UnicodeAttribute(null=True)
    start_time = UTCDateTimeAttribute(null=True)
    end_time = UTCDateTimeAttribute(null=True)
    status = UnicodeAttribute()
    created_by_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    deleted_at = UTCDateTimeAttribute(null=True)
    series_id = UnicodeAttribute(null=True)  # set at creation only (recurring drafts)
    # Bumped by every write of the session: edits are conditioned on the revision they read.
    revision = NumberAttribute(default=0)
    # The calendar feeds' SEQUENCE: bumped when a booked session moves (time, venue) or is cancelled.
    # Sessions written before it have none: read as 0.
    sequence = NumberAttribute(null=True)
    # The Finalize Gate (Module 3.3): the upload being collected, then the frozen copy the records link.
    evidence_upload_key = UnicodeAttribute(null=True)
    evidence_file_key = UnicodeAttribute(null=True)
    finalizing_at = UTCDateTimeAttribute(null=True)
    finalizing_by_id = UnicodeAttribute(null=True)
    # The course's rules as finalizing began (domain.courses.RecordRules): every attempt uses these.
    # `frozen_requires_verification` is set on every session frozen with them (validity may be null).
    frozen_requires_verification = BooleanAttribute(null=True)
    frozen_validity_months = NumberAttribute(null=True)
    finalized_at = UTCDateTimeAttribute(null=True)
    finalized_by_id = UnicodeAttribute(null=True)
    training_records = NumberAttribute(null=True)
    competency_records = NumberAttribute(null=True)
    no_shows = NumberAttribute(null=True)
    compliance_applied = BooleanAttribute(null=True)
    plan_id = UnicodeAttribute(null=True)  # the training plan it was accepted from

    @staticmethod
    def key(session_id: str) -> tuple[str, str]:
        return f"SESSION#{session_id}", "SESSION"

    @staticmethod
    def start_sort_key(start: str, session_id: str) -> str:
        """`<start UTC or ~>#<id>`: every session index sorts by start (drafts without a time last)."""
        return f"{start}#{session_id}"

    @staticmethod
    def status_partition(status: str) -> str:
        return f"SESSION#{status}"

    @staticmethod
    def index_keys(
        session_id: str,
        start: str,
        status: str,
        course_id: str,
        trainer_id: str | None,
        venue_id: str | None,
        series_id: str | None = None,
    ) -> dict[str, str | None]:
        """The keys of every index a live (not deleted) session is listed in, except the trainer's week."""
        sort_key = SessionItem.start_sort_key(start, session_id)
        return {
            "list_pk": "SESSION",
            "list_sk": sort_key,
            "course_pk": f"COURSE#{course_id}",
            "course_sk": f"SESSION#{sort_key}",
            "trainer_pk": f"TRAINER#{trainer_id}" if trainer_id else None,
            "trainer_sk": sort_key if trainer_id else None,
            "venue_pk": f"VENUE#{venue_id}" if venue_id else None,
            "venue_sk": sort_key if venue_id else None,
            "status_pk": SessionItem.status_partition(status),
            "status_sk": sort_key,
            "series_pk": SessionItem.series_partition(series_id) if series_id else None,
            "series_sk": sort_key if series_id else None,
        }

    @staticmethod
    def series_partition(series_id: str) -> str:
        return f"SERIES#{series_id}"


class AttendeeItem(TableItem):
    """One person on a session's class list.

    Listed in ListIndex under `ATTENDING#<personnel id>` by session id (`list_keys`): the sessions a
    worker is on (their calendar feed), written and removed with the attendee item itself. Items
    written before the keys existed get them from `local.backfill_attendee_keys`.
    """

    by_list = ListIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK", null=True)  # null only on items not yet back-filled
    list_sk = UnicodeAttribute(attr_name="ListSK", null=True)

    session_id = UnicodeAttribute()
    personnel_id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    status = UnicodeAttribute()
    result = UnicodeAttribute(null=True)
    remarks = UnicodeAttribute(null=True)
    added_at = UTCDateTimeAttribute()

    @staticmethod
    def key(session_id: str, personnel_id: str) -> tuple[str, str]:
        return f"SESSION#{session_id}", f"ATTENDEE#{personnel_id}"

    @staticmethod
    def attending_partition(personnel_id: str) -> str:
        return f"ATTENDING#{personnel_id}"

    @staticmethod
    def list_keys(session_id: str, personnel_id: str) -> dict[str, str]:
        """The worker's sessions (ListIndex): one entry per class list they are on."""
        return {"list_pk": AttendeeItem.attending_partition(personnel_id), "list_sk": session_id}


class TrainerScheduleItem(TableItem):
    """The one item every booking of a trainer passes through.

    A condition can only look at the item it writes, so "no overlap" cannot be a condition on the
    new session. Instead each scheduling reads this revision, then the trainer's bookings (both
    strongly consistent), and commits only if the revision is still the one it read: of two racing
    bookings, one commits and the other re-reads and sees the first.
    """

    trainer_id = UnicodeAttribute()
    revision = NumberAttribute(default=0)

    @staticmethod
    def key(trainer_id: str) -> tuple[str, str]:
        return f"TRAINER#{trainer_id}", "SCHEDULE"


class TrainerLoadItem(TableItem):
    """Minutes of SCHEDULED sessions a trainer has in one ISO week, kept by the booking transactions."""

    trainer_id = UnicodeAttribute()
    week = UnicodeAttribute()
    booked_minutes = NumberAttribute(default=0)

    @staticmethod
    def key(trainer_id: str, week: str) -> tuple[str, str]:
        return f"TRAINER#{trainer_id}", f"LOAD#{week}"


class SessionHistoryItem(TableItem):
    """One entry of a session's audit trail (domain.history.HistoryEntry), in a partition of its own.

    `SESSION_HISTORY#<session id>`, sorted by `<at UTC, microseconds>#<action ordinal>#<entry id>`: a
    page newest first is one query, read backwards. Apart from the session's partition, so reading the
    session (and its class list) never reads its history, and deleting a session (a soft delete of its
    item) leaves the trail whole. Written only in the transaction of the change it describes, always
    as a new item (`attribute_not_exists`); never updated or deleted.
    """

    id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    changed_by_id = UnicodeAttribute()
    changed_by_group = UnicodeAttribute()
    action = UnicodeAttribute()
    changes = JSONAttribute(null=True)  # [{field, old, new}]
    details = JSONAttribute(null=True)

    @staticmethod
    def partition(session_id: str) -> str:
        return f"SESSION_HISTORY#{session_id}"

    @staticmethod
    def key(session_id: str, at: str, ordinal: int, entry_id: str) -> tuple[str, str]:
        """`at`: the UTC instant as ISO text with microseconds (sorts chronologically)."""
        return SessionHistoryItem.partition(session_id), f"{at}#{ordinal:02d}#{entry_id}"


class TrainingRecordItem(TableItem):
    """A worker's completed training from one session: in the worker's partition, one per session.

    The key is derived from (person, session), so the Finalize Gate can write it again on a replay
    and a verified competency becomes the same record, never a second one. Listed in ListIndex under
    `TRAINING#<personnel id>`, sorted by `<completed at UTC>#<session id>` (`list_keys`): the worker's
    history newest first, a page a query. Records written before the keys existed get them from
    `local.backfill_training_record_keys`.
    """

    by_list = ListIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK", null=True)  # null only on records not yet back-filled
    list_sk = UnicodeAttribute(attr_name="ListSK", null=True)

    id = UnicodeAttribute()
    personnel_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    trainer_id = UnicodeAttribute()
    result = UnicodeAttribute()
    completed_at = UTCDateTimeAttribute()
    completion_date = UnicodeAttribute()  # YYYY-MM-DD, site calendar
    expiry_date = UnicodeAttribute(null=True)  # YYYY-MM-DD, site calendar
    evidence_file_key = UnicodeAttribute()
    created_by_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()

    @staticmethod
    def key(personnel_id: str, session_id: str) -> tuple[str, str]:
        return f"PERSONNEL#{personnel_id}", f"TRAINING_RECORD#{session_id}"

    @staticmethod
    def list_partition(personnel_id: str) -> str:
        return f"TRAINING#{personnel_id}"

    @staticmethod
    def list_keys(personnel_id: str, completed_at: str, session_id: str) -> dict[str, str]:
        """The worker's history keys (ListIndex): `completed_at` in the one storage format (clock.format_instant)."""
        return {"list_pk": TrainingRecordItem.list_partition(personnel_id), "list_sk": f"{completed_at}#{session_id}"}


class CompetencyRecordItem(TableItem):
    """A pass that still needs verification (SPEC-4.1), listed by status in ListIndex."""

    by_list = ListIndex()
    list_pk = UnicodeAttribute(attr_name="ListPK")
    list_sk = UnicodeAttribute(attr_name="ListSK")

    id = UnicodeAttribute()
    personnel_id = UnicodeAttribute()
    course_id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    trainer_id = UnicodeAttribute()
    status = UnicodeAttribute()
    completed_at = UTCDateTimeAttribute()
    completion_date = UnicodeAttribute()  # YYYY-MM-DD, site calendar
    evidence_file_key = UnicodeAttribute()
    created_by_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    verified_by_id = UnicodeAttribute(null=True)
    verified_at = UTCDateTimeAttribute(null=True)
    remarks = UnicodeAttribute(null=True)

    @staticmethod
    def key(record_id: str) -> tuple[str, str]:
        return f"COMPETENCY#{record_id}", "COMPETENCY"


class DirectoryItem(TableItem):
    """The personnel directory's revision: moved on by every personnel create or edit."""

    revision = NumberAttribute(default=0)

    @staticmethod
    def key() -> tuple[str, str]:
        return "DIRECTORY", "PERSONNEL"


class SuggestionCacheItem(TableItem):
    """The head of a course's precomputed picker ranking: which generation of chunks is current, how
    its rows are spread over them, and the day and revisions it was computed from (any of them moving
    on makes it stale)."""

    generation = UnicodeAttribute()
    chunks = NumberAttribute()
    candidates = NumberAttribute()
    computed_at = UTCDateTimeAttribute()
    computed_for = UnicodeAttribute()  # the site day the ranking is for (expiry windows move daily)
    warning_days = NumberAttribute(default=60)  # the EXPIRY_WARNING_DAYS it was ranked with
    compliance_revision = NumberAttribute()
    directory_revision = NumberAttribute()
    # Per chunk of the people with an item (rank order), how many of groups 1-4 it holds; per chunk of
    # the people without one (by name), how many. A head without them is of the old layout: stale.
    ranked_groups = ListAttribute(null=True)
    others_rows = ListAttribute(null=True)

    @staticmethod
    def key(course_id: str) -> tuple[str, str]:
        return f"COURSE#{course_id}", "SUGGESTIONS#~HEAD"


class SuggestionChunkItem(TableItem):
    """A slice of a course's ranking, far below DynamoDB's 400 KB item limit: `names`, each row's
    search text (first name, last name, email, employee number), and `data`, the rest of each row,
    both zlib-compressed lines (row n of one is row n of the other)."""

    names = BinaryAttribute(legacy_encoding=False)
    data = BinaryAttribute(legacy_encoding=False)

    @staticmethod
    def key(course_id: str, generation: str, stream: str, number: int) -> tuple[str, str]:
        """`stream`: R, the people with an item in rank order; O, the others by name."""
        return f"COURSE#{course_id}", f"SUGGESTIONS#{generation}#{stream}{number:04d}"


class CalendarTokenItem(TableItem):
    """The one live token of a calendar feed (`trainers` or `personnel`): only its SHA-256 is kept.

    Issuing a new token overwrites this item, so the old token stops working at once.
    """

    owner_kind = UnicodeAttribute()
    owner_id = UnicodeAttribute()
    token_hash = UnicodeAttribute()
    issued_at = UTCDateTimeAttribute()
    issued_by_id = UnicodeAttribute()

    @staticmethod
    def key(owner_kind: str, owner_id: str) -> tuple[str, str]:
        return f"CALENDAR#{owner_kind}#{owner_id}", "TOKEN"


class UniqueValueItem(TableItem):
    """Claims a value that must be unique (a course code, an employee number, a trainer's login)."""

    owner_id = UnicodeAttribute()

    @staticmethod
    def key(kind: str, value: str) -> tuple[str, str]:
        return f"UNIQUE#{kind}#{value.strip().lower()}", "UNIQUE"


class PlanItem(TableItem):
    """A training plan (issue 13): its request, its status and, once DONE, the proposal as
    zlib-compressed JSON. `expiration` is the table's TTL attribute: DynamoDB drops the plan after it."""

    status = UnicodeAttribute()
    request = UnicodeAttribute()  # the PlanRequest, JSON
    created_by = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    completed_at = UTCDateTimeAttribute(null=True)
    result = BinaryAttribute(null=True, legacy_encoding=False)
    error = UnicodeAttribute(null=True)
    expiration = NumberAttribute()  # epoch seconds
    accepting_at = UTCDateTimeAttribute(null=True)  # when its acceptance began (kept for a retry)
    accepted_at = UTCDateTimeAttribute(null=True)
    accepted_session_ids = ListAttribute(of=UnicodeAttribute, null=True)  # the drafts, in the plan's order

    @staticmethod
    def key(plan_id: str) -> tuple[str, str]:
        return f"PLAN#{plan_id}", "PLAN"


def own_fields(model: type[Model], fields: dict[str, Any]) -> list[Any]:
    """SET (or REMOVE, for None) actions for exactly these fields.

    Edits write only an entity's own fields, never the whole item: attributes other writes
    maintain (a course's `compliance_changed_at`, a trainer's `qualified_course_ids`) stay as they are.
    """
    return [
        getattr(model, name).remove() if value is None else getattr(model, name).set(value)
        for name, value in fields.items()
    ]


def domain_view(model: type[Any], item: Model, **overrides: Any) -> Any:
    """A domain model from a stored item: its own fields, by the same names, validated.

    `overrides` cover what storage keeps differently (a set the domain lists in order).
    """
    return model.model_validate({name: getattr(item, name, None) for name in model.model_fields} | overrides)


def item_classes(base: type[Model] = TableItem) -> list[type[Model]]:
    found = []
    for subclass in base.__subclasses__():
        found.append(subclass)
        found.extend(item_classes(subclass))
    return found


def _whole_table(table_name: str) -> MetaTable:
    """The table as all item classes together see it: its key and every index any of them queries."""
    attributes: dict[str, dict[str, str]] = {}
    indexes: dict[str, dict[str, Any]] = {}
    for model in item_classes():
        schema = model._get_schema()
        for definition in schema["attribute_definitions"]:
            attributes[definition["AttributeName"]] = definition
        for index in schema["global_secondary_indexes"]:
            indexes[index["index_name"]] = {"IndexName": index["index_name"], "KeySchema": index["key_schema"]}
    return MetaTable(
        {
            "TableName": table_name,
            "KeySchema": TableItem._get_schema()["key_schema"],
            "AttributeDefinitions": list(attributes.values()),
            "GlobalSecondaryIndexes": list(indexes.values()),
        }
    )


_BINDING = threading.Lock()


@functools.cache
def _shared_connection(region: str, endpoint_url: str | None) -> Connection:
    return Connection(region=region, host=endpoint_url)


def bind_table(table_name: str, region: str, endpoint_url: str | None) -> None:
    """Point every item class at one table (and, locally, at DynamoDB Local).

    All classes share one botocore client: by default pynamodb makes a session and a client per
    class, which would cost a cold start one client per item type.
    """
    connection = _shared_connection(region, endpoint_url)
    with _BINDING:  # two threads binding at once (the local gateway) must not both add the table
        try:
            connection.get_meta_table(table_name)
        except TableError:
            connection.add_meta_table(_whole_table(table_name))
    for model in [TableItem, *item_classes()]:
        model.Meta.table_name = table_name
        model.Meta.region = region
        model.Meta.host = endpoint_url
        table_connection = TableConnection(table_name, region=region, host=endpoint_url)
        table_connection.connection = connection
        model._connection = table_connection
