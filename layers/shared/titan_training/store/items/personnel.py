"""A worker: their item, their search entries, their compliance items, and the directory's revision."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)

from titan_training.store.items.base import SORT_SEPARATOR, CourseIndex, Listed, ListIndex, TableItem


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


class DirectoryItem(TableItem):
    """The personnel directory's revision: moved on by every personnel create or edit."""

    revision = NumberAttribute(default=0)

    @staticmethod
    def key() -> tuple[str, str]:
        return "DIRECTORY", "PERSONNEL"
