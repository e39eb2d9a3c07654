"""A session, its class list, and its bookings on the trainer's and the venue's calendars."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import (
    CourseIndex,
    ListIndex,
    SeriesIndex,
    StatusIndex,
    TableItem,
    TrainerIndex,
    TrainerWeekIndex,
    VenueIndex,
)


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
