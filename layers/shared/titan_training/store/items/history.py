"""A session's audit trail."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import TableItem


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
