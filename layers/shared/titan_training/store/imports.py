"""Access patterns of spreadsheet imports: many workers or compliance items read and written at once.

Writes the same items as the single-item paths (store/personnel.py's item, search entries, claims
and compliance rows), in batches: a worker's employee-number claim in a transaction of up to
`transaction_max_items` claims (the uniqueness rule needs its condition), then their item and search
entries by BatchWriteItem, 25 a request, several requests in flight, each transaction's workers as soon
as it commits (pipelined with the later transactions); an edit in the same transaction
as the single edit, several workers to one transaction. The picker's revisions move once per import.
docs/data-model.md, "Spreadsheet imports".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from threading import Lock
from typing import Any

from pynamodb.models import Model

from titan_training.domain.errors import DomainError
from titan_training.domain.personnel import Personnel
from titan_training.store.aggregate import BATCH_GET_MAX_KEYS, AggregateStore
from titan_training.store.items import ComplianceItemRow, PersonnelItem, TableItem, UniqueValueItem
from titan_training.store.personnel import (
    StoredCompliance,
    add_update_writes,
    employee_no_claim,
    personnel_item,
    personnel_view,
    search_items,
)
from titan_training.store.revisions import bump_compliance_revision, bump_directory_revision
from titan_training.store.transaction import Writes

BATCH_WRITE_MAX_ITEMS = 25  # BatchWriteItem's limit per request
# Requests an import keeps in flight: DynamoDB takes them in parallel, and the file must be in within 29 s.
WRITERS_IN_FLIGHT = 8


class ImportStore(AggregateStore):
    def claim_owners(self, kind: str, values: Iterable[str]) -> dict[str, str]:
        """The owner id of each value's unique claim (`EMPLOYEE_NO`, `COURSE_CODE`), by the value as
        claims compare it (stripped, lower case); consistent batch reads, 100 a request."""
        keys = {UniqueValueItem.key(kind, value): value.strip().lower() for value in values}
        found = self.read_many(keys)
        return {keys[key]: raw["owner_id"]["S"] for key, raw in found.items()}

    def personnel_by_id(self, personnel_ids: Iterable[str]) -> dict[str, Personnel]:
        found = self.read_many(PersonnelItem.key(personnel_id) for personnel_id in personnel_ids)
        return {raw["id"]["S"]: personnel_view(PersonnelItem.from_raw_data(raw)) for raw in found.values()}

    def compliance_items(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], StoredCompliance]:
        """Stored compliance items by (personnel id, course id), consistently."""
        found = self.read_many(ComplianceItemRow.key(personnel_id, course_id) for personnel_id, course_id in pairs)
        items = (StoredCompliance(ComplianceItemRow.from_raw_data(raw)) for raw in found.values())
        return {(item.personnel_id, item.course_id): item for item in items}

    def create_personnel_many(self, people: list[Personnel], claimed: set[str]) -> dict[str, DomainError]:
        """Create workers as create_personnel does, in batches; returns the refused ones' errors by id.

        Each worker's employee-number claim is committed first (transactions of claims; a claim taken
        meanwhile refuses that worker alone, with the single create's Conflict), then their item and
        search entries are put. Workers in `claimed` (ids) already own their claim: an earlier import
        stopped before their item was written, and this one finishes it.

        Pipelined: as soon as a transaction of claims commits, its workers' items go into the batches
        to put, while later claims still commit, so the claims, the items' building and their puts
        overlap instead of following each other (DynamoDB Local runs each item's write in turn on one
        thread, and a 10,000-row file must be in within 29 s). A worker's items are still put only
        after their claim committed, and the batches are still full ones of 25 but the last.
        """
        by_id = {person.id: person for person in people}
        entities = []
        for person in people:
            writes = Writes()  # nothing to commit for a worker who already owns their claim
            if person.id not in claimed:
                item, condition, error = employee_no_claim(person)
                writes.save(item, condition=condition, error=error)
            entities.append((person.id, writes))
        batches = _Batches(self._write_batch)

        def put_committed(owners: list[str]) -> None:
            batches.add(
                item.serialize()
                for owner in owners
                for item in (personnel_item(by_id[owner]), *search_items(by_id[owner]))
            )

        refused = self._commit_packed(entities, committed=put_committed)
        batches.flush()
        return refused

    def update_personnel_many(self, edits: list[tuple[Personnel, Personnel]]) -> dict[str, DomainError]:
        """Edit workers as update_personnel does (the same writes and conditions, several workers to a
        transaction); returns the refused ones' errors (changed meanwhile, a number in use) by id."""
        packed = []
        for before, after in edits:
            writes = Writes()
            add_update_writes(writes, before, after)
            packed.append((after.id, writes))
        return self._commit_packed(packed)

    def put_compliance_many(self, rows: list[ComplianceItemRow]) -> None:
        """Compliance items as put_compliance_item writes them (both ids come from claims, so both exist:
        no condition is needed), in batches."""
        self.batch_put(rows)

    def directory_changed(self) -> None:
        bump_directory_revision()

    def compliance_changed(self, course_ids: Iterable[str], now: datetime) -> None:
        for course_id in sorted(set(course_ids)):
            bump_compliance_revision(course_id, now)

    # --- Batches ------------------------------------------------------------------------------------

    def read_many(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """batch_read's answer (consistent, 100 keys a request), WRITERS_IN_FLIGHT requests at once."""
        unique = list(dict.fromkeys(keys))
        parts = [unique[n : n + BATCH_GET_MAX_KEYS] for n in range(0, len(unique), BATCH_GET_MAX_KEYS)]
        found: dict[tuple[str, str], dict[str, Any]] = {}
        self._in_flight(lambda part: found.update(self.batch_read(part)), parts)
        return found

    def _commit_packed(
        self, entities: list[tuple[str, Writes]], committed: Callable[[list[str]], None] | None = None
    ) -> dict[str, DomainError]:
        """Commit each entity's writes, several entities to a transaction of at most transaction_max_items;
        an entity whose condition fails is left out with its error and the rest committed again. Then
        `committed` gets the owners of each transaction that committed (in the thread that committed it)."""
        chunks: list[list[tuple[str, Writes]]] = [[]]
        size = 0
        for owner, writes in entities:
            if chunks[-1] and size + len(writes) > self.transaction_max_items:
                chunks.append([])
                size = 0
            chunks[-1].append((owner, writes))
            size += len(writes)
        refused: dict[str, DomainError] = {}

        def commit(chunk: list[tuple[str, Writes]]) -> None:
            while chunk:
                together = Writes()
                for _, writes in chunk:
                    together.include(writes)
                try:
                    if len(together):
                        together.commit()
                    break
                except DomainError as failure:
                    owner = next(owner for owner, writes in chunk if any(e is failure for e in writes.errors()))
                    refused[owner] = failure
                    chunk = [(other, writes) for other, writes in chunk if other != owner]
            if committed is not None and chunk:
                committed([owner for owner, _ in chunk])

        self._in_flight(commit, [chunk for chunk in chunks if chunk])
        return refused

    def batch_put(self, items: list[Model]) -> None:
        """Put items, 25 to a BatchWriteItem, WRITERS_IN_FLIGHT requests at once, retrying unprocessed ones."""
        serialized = [item.serialize() for item in items]
        batches = [serialized[n : n + BATCH_WRITE_MAX_ITEMS] for n in range(0, len(serialized), BATCH_WRITE_MAX_ITEMS)]
        self._in_flight(self._write_batch, batches)

    def _write_batch(self, batch: list[dict[str, Any]]) -> None:
        """One BatchWriteItem of serialized items, repeated with its unprocessed ones until none is left."""
        client = TableItem._get_connection().connection.client
        waiting: dict[str, Any] | None = {self.table_name: [{"PutRequest": {"Item": item}} for item in batch]}
        while waiting:
            waiting = client.batch_write_item(RequestItems=waiting).get("UnprocessedItems") or None

    @staticmethod
    def _in_flight(work: Callable[[Any], None], parts: list[Any]) -> None:
        if len(parts) <= 1:
            for part in parts:
                work(part)
            return
        with ThreadPoolExecutor(min(WRITERS_IN_FLIGHT, len(parts))) as pool:
            list(pool.map(work, parts))


class _Batches:
    """Serialized items gathered from several threads and written by whichever thread fills a batch of
    BATCH_WRITE_MAX_ITEMS; `flush` writes what is left (so n items are ceil(n / 25) requests)."""

    def __init__(self, write: Callable[[list[dict[str, Any]]], None]) -> None:
        self._write = write
        self._pending: list[dict[str, Any]] = []
        self._lock = Lock()

    def add(self, items: Iterable[dict[str, Any]]) -> None:
        items = list(items)  # built outside the lock
        with self._lock:
            self._pending += items
            full = len(self._pending) - len(self._pending) % BATCH_WRITE_MAX_ITEMS
            ready, self._pending = self._pending[:full], self._pending[full:]
        for n in range(0, len(ready), BATCH_WRITE_MAX_ITEMS):
            self._write(ready[n : n + BATCH_WRITE_MAX_ITEMS])

    def flush(self) -> None:
        with self._lock:
            left, self._pending = self._pending, []
        if left:
            self._write(left)
