"""What every aggregate's store shares: the table's name, and a consistent batch read of raw items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from titan_training.store.items.base import TableItem

BATCH_GET_MAX_KEYS = 100  # BatchGetItem's limit per request


class AggregateStore:
    """Base of each aggregate's store. `store.table.TrainingTable` makes them over its binding."""

    def __init__(self, table_name: str, transaction_max_items: int = 100) -> None:
        self.table_name = table_name
        self.transaction_max_items = transaction_max_items

    def batch_read(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Raw items by key, consistently, 100 keys a request (BatchGetItem's limit), retrying unprocessed ones.

        Raw, so one batch can hold items of several types (a trainer, its qualification and its schedule).
        """
        connection = TableItem._get_connection()
        waiting = [{"PK": pk, "SK": sk} for pk, sk in dict.fromkeys(keys)]
        found: dict[tuple[str, str], dict[str, Any]] = {}
        while waiting:
            batch, waiting = waiting[:BATCH_GET_MAX_KEYS], waiting[BATCH_GET_MAX_KEYS:]
            response = connection.connection.batch_get_item(self.table_name, batch, consistent_read=True)
            for raw in response.get("Responses", {}).get(self.table_name, []):
                found[(raw["PK"]["S"], raw["SK"]["S"])] = raw
            unprocessed = response.get("UnprocessedKeys", {}).get(self.table_name, {}).get("Keys", [])
            waiting += [{"PK": key["PK"]["S"], "SK": key["SK"]["S"]} for key in unprocessed]
        return found
