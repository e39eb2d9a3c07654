"""The expiry alerts' items: what each worker and course has been alerted for, and the open alerts."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import SORT_SEPARATOR, ListIndex, TableItem


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
