"""Calendar feed tokens."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import TableItem


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
