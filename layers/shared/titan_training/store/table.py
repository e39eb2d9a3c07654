"""The one table binding, and the store of each aggregate over it (docs/data-model.md lists every pattern).

`TrainingTable` binds every item class to the table once per cold start; each aggregate's store
(`table.courses`, `table.sessions`, ...) is a small class of its own module, imported the first time
a service asks for it. So a function loads only the access patterns, and the domain models, of the
aggregates its use case touches: a course handler never loads the Finalize Gate or the picker.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from titan_training.store.items.base import bind_table

if TYPE_CHECKING:
    from titan_training.store.alerts import AlertStore
    from titan_training.store.calendar import CalendarStore
    from titan_training.store.courses import CourseStore
    from titan_training.store.history import HistoryStore
    from titan_training.store.imports import ImportStore
    from titan_training.store.personnel import PersonnelStore
    from titan_training.store.plans import PlanStore
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

    # Each aggregate's store, imported where first needed.

    @cached_property
    def courses(self) -> CourseStore:
        from titan_training.store.courses import CourseStore

        return CourseStore(self.table_name, self.transaction_max_items)

    @cached_property
    def personnel(self) -> PersonnelStore:
        from titan_training.store.personnel import PersonnelStore

        return PersonnelStore(self.table_name, self.transaction_max_items)

    @cached_property
    def trainers(self) -> TrainerStore:
        from titan_training.store.trainers import TrainerStore

        return TrainerStore(self.table_name, self.transaction_max_items)

    @cached_property
    def venues(self) -> VenueStore:
        from titan_training.store.venues import VenueStore

        return VenueStore(self.table_name, self.transaction_max_items)

    @cached_property
    def sessions(self) -> SessionStore:
        from titan_training.store.sessions import SessionStore

        return SessionStore(self.table_name, self.transaction_max_items)

    @cached_property
    def records(self) -> RecordStore:
        from titan_training.store.records import RecordStore

        return RecordStore(self.table_name, self.transaction_max_items)

    @cached_property
    def suggestions(self) -> SuggestionStore:
        from titan_training.store.suggestions import SuggestionStore

        return SuggestionStore(self.table_name, self.transaction_max_items)

    @cached_property
    def plans(self) -> PlanStore:
        from titan_training.store.plans import PlanStore

        return PlanStore(self.table_name, self.transaction_max_items)

    @cached_property
    def history(self) -> HistoryStore:
        from titan_training.store.history import HistoryStore

        return HistoryStore(self.table_name, self.transaction_max_items)

    @cached_property
    def imports(self) -> ImportStore:
        from titan_training.store.imports import ImportStore

        return ImportStore(self.table_name, self.transaction_max_items)

    @cached_property
    def alerts(self) -> AlertStore:
        from titan_training.store.alerts import AlertStore

        return AlertStore(self.table_name, self.transaction_max_items)

    @cached_property
    def calendar(self) -> CalendarStore:
        from titan_training.store.calendar import CalendarStore

        return CalendarStore(self.table_name, self.transaction_max_items)
