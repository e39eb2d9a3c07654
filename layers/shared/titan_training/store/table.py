"""The one table binding, and the store of each aggregate over it (docs/data-model.md lists every pattern).

`TrainingTable` binds every item class to the table once per cold start; each aggregate's store
(`table.courses`, `table.sessions`, ...) is a small class of its own module, imported the first time
a service asks for it. So a function loads only the access patterns, and the domain models, of the
aggregates its use case touches: a course handler never loads the Finalize Gate or the picker.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from titan_training.store.items import TableItem, bind_table

if TYPE_CHECKING:
    from titan_training.store.courses import CourseStore
    from titan_training.store.personnel import PersonnelStore
    from titan_training.store.records import RecordStore
    from titan_training.store.sessions import SessionStore
    from titan_training.store.suggestions import SuggestionStore
    from titan_training.store.trainers import TrainerStore
    from titan_training.store.venues import VenueStore


class TrainingTable:
    """The training table. Construct once per cold start; services reach each aggregate through it."""

    def __init__(
        self, table_name: str, region: str, endpoint_url: str | None = None, transaction_max_items: int = 100
    ) -> None:
        self.table_name = table_name
        self.transaction_max_items = transaction_max_items
        bind_table(table_name, region, endpoint_url)

    def batch_read(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Raw items by key, consistently, 100 keys a request (BatchGetItem's limit), retrying unprocessed ones.

        Raw, so one batch can hold items of several types (a trainer, its qualification and its schedule).
        """
        connection = TableItem._get_connection()
        waiting = [{"PK": pk, "SK": sk} for pk, sk in dict.fromkeys(keys)]
        found: dict[tuple[str, str], dict[str, Any]] = {}
        while waiting:
            batch, waiting = waiting[:100], waiting[100:]
            response = connection.connection.batch_get_item(self.table_name, batch, consistent_read=True)
            for raw in response.get("Responses", {}).get(self.table_name, []):
                found[(raw["PK"]["S"], raw["SK"]["S"])] = raw
            unprocessed = response.get("UnprocessedKeys", {}).get(self.table_name, {}).get("Keys", [])
            waiting += [{"PK": key["PK"]["S"], "SK": key["SK"]["S"]} for key in unprocessed]
        return found

    # Each aggregate's store, imported where first needed.

    @cached_property
    def courses(self) -> CourseStore:
        from titan_training.store.courses import CourseStore

        return CourseStore(self)

    @cached_property
    def personnel(self) -> PersonnelStore:
        from titan_training.store.personnel import PersonnelStore

        return PersonnelStore(self)

    @cached_property
    def trainers(self) -> TrainerStore:
        from titan_training.store.trainers import TrainerStore

        return TrainerStore(self)

    @cached_property
    def venues(self) -> VenueStore:
        from titan_training.store.venues import VenueStore

        return VenueStore(self)

    @cached_property
    def sessions(self) -> SessionStore:
        from titan_training.store.sessions import SessionStore

        return SessionStore(self)

    @cached_property
    def records(self) -> RecordStore:
        from titan_training.store.records import RecordStore

        return RecordStore(self)

    @cached_property
    def suggestions(self) -> SuggestionStore:
        from titan_training.store.suggestions import SuggestionStore

        return SuggestionStore(self)


class AggregateStore:
    """Base of each aggregate's store: it holds the table binding it works over."""

    def __init__(self, table: TrainingTable) -> None:
        self.table = table
