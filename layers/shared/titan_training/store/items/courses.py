"""A course."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import Listed, ListIndex


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
