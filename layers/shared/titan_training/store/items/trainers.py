"""A trainer: their item, their qualifications, their schedule's revision and their weekly load."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import CourseIndex, Listed, ListIndex, TableItem


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
