"""Access patterns of spreadsheet imports: many workers or compliance items read and written at once.

Writes the same items as the single-item paths (store/personnel.py's item, search entries, claims
and compliance rows), in batches: a worker's employee-number claim in a transaction of up to
`transaction_max_items` claims (the uniqueness rule needs its condition), then their item and search
entries by BatchWriteItem, 25 a request, several requests in flight; an edit in the same transaction
as the single edit, several workers to one transaction. The picker's revisions move once per import.
docs/data-model.md, "Spreadsheet imports".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
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
        """
        claims = []
        for person in people:
            if person.id in claimed:
                continue
            writes = Writes()
            item, condition, error = employee_no_claim(person)
            writes.save(item, condition=condition, error=error)
            claims.append((person.id, writes))
        refused = self._commit_packed(claims)
        items: list[Model] = []
        for person in people:
            if person.id not in refused:
                items += [personnel_item(person), *search_items(person)]
        self.batch_put(items)
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

    def _commit_packed(self, entities: list[tuple[str, Writes]]) -> dict[str, DomainError]:
        """Commit each entity's writes, several entities to a transaction of at most transaction_max_items;
        an entity whose condition fails is left out with its error and the rest committed again."""
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
                    together.commit()
                    return
                except DomainError as failure:
                    owner = next(owner for owner, writes in chunk if any(e is failure for e in writes.errors()))
                    refused[owner] = failure
                    chunk = [(other, writes) for other, writes in chunk if other != owner]

        self._in_flight(commit, [chunk for chunk in chunks if chunk])
        return refused

    def batch_put(self, items: list[Model]) -> None:
        """Put items, 25 to a BatchWriteItem, WRITERS_IN_FLIGHT requests at once, retrying unprocessed ones."""
        client = TableItem._get_connection().connection.client
        serialized = [item.serialize() for item in items]

        def write(batch: list[dict[str, Any]]) -> None:
            waiting: dict[str, Any] | None = {self.table_name: [{"PutRequest": {"Item": item}} for item in batch]}
            while waiting:
                waiting = client.batch_write_item(RequestItems=waiting).get("UnprocessedItems") or None

        batches = [serialized[n : n + BATCH_WRITE_MAX_ITEMS] for n in range(0, len(serialized), BATCH_WRITE_MAX_ITEMS)]
        self._in_flight(write, batches)

    @staticmethod
    def _in_flight(work: Callable[[Any], None], parts: list[Any]) -> None:
        if len(parts) <= 1:
            for part in parts:
                work(part)
            return
        with ThreadPoolExecutor(min(WRITERS_IN_FLIGHT, len(parts))) as pool:
            list(pool.map(work, parts))
