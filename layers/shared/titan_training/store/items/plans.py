"""Training plans."""

from __future__ import annotations

from pynamodb.attributes import BinaryAttribute, ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import TableItem


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
