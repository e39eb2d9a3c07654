"""A venue."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import Listed, ListIndex


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
