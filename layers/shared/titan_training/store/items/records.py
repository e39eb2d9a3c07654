"""Training records and competency records (the Finalize Gate writes both)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import ListIndex, TableItem


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
