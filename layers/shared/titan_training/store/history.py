"""Access patterns of a session's audit trail (issue 12): the entry item every change writes, and a page of them.

Entries are written by the other slices (sessions, records), each as one more item of the
transaction of the change it describes: `record(writes, entry)`. This slice only reads them.
docs/data-model.md lists every pattern.
"""

from __future__ import annotations

from titan_training.domain.clock import to_utc
from titan_training.domain.history import FieldChange, HistoryAction, HistoryEntry
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.history import SessionHistoryItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.transaction import Writes


def history_item(entry: HistoryEntry) -> SessionHistoryItem:
    """The item of one entry: what a transaction of the change puts (a batch of drafts puts one per draft)."""
    at = to_utc(entry.at).isoformat(timespec="microseconds").replace("+00:00", "Z")
    return SessionHistoryItem(
        *SessionHistoryItem.key(entry.session_id, at, entry.action.ordinal, entry.id),
        id=entry.id,
        session_id=entry.session_id,
        at=entry.at,
        changed_by_id=entry.changed_by_id,
        changed_by_group=entry.changed_by_group,
        action=entry.action.value,
        changes=[change.model_dump(by_alias=True) for change in entry.changes] or None,
        details=entry.details or None,
    )


def record(writes: Writes, entry: HistoryEntry) -> None:
    """Add the entry to a transaction: a new item, never one written before."""
    writes.save(history_item(entry), condition=SessionHistoryItem.pk.does_not_exist())


def _entry(item: SessionHistoryItem) -> HistoryEntry:
    return HistoryEntry(
        id=item.id,
        session_id=item.session_id,
        at=item.at,
        changed_by_id=item.changed_by_id,
        changed_by_group=item.changed_by_group,
        action=HistoryAction(item.action),
        changes=[FieldChange.model_validate(change) for change in item.changes or []],
        details=item.details or {},
    )


class HistoryStore(AggregateStore):
    """Reads a session's audit trail (deleted sessions' too: their entries are never removed)."""

    def session_history(
        self, session_id: str, limit: int, next_token: str | None
    ) -> tuple[list[HistoryEntry], str | None]:
        """One page of a session's entries, newest first: one query of its history partition, read backwards."""
        partition = ("PK", SessionHistoryItem.partition(session_id))
        start = decode_token(next_token, partition)
        results = SessionHistoryItem.query(
            partition[1], scan_index_forward=False, limit=limit + 1, last_evaluated_key=start, consistent_read=True
        )
        return collect_page(results, limit, _entry, partition)
