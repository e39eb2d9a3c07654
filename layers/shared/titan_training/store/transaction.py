"""One DynamoDB transaction whose failed conditions turn into the domain errors they mean."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from titan_training.domain.errors import ConcurrentChange, DomainError
from titan_training.store.items.base import TableItem

Step = Callable[[TransactWrite], None]

# pynamodb sends a transaction's items grouped in this order, whatever order they were added in;
# DynamoDB's cancellation reasons follow the order sent, so steps are kept in the same order.
CHECK, DELETE, PUT, UPDATE = range(4)


class Writes:
    """Collects writes, each with the error to raise if its condition fails, then commits them at once."""

    def __init__(self) -> None:
        self._steps: list[tuple[int, Step, DomainError | None]] = []

    def __len__(self) -> int:
        return len(self._steps)

    def include(self, other: Writes) -> None:
        """Add another entity's writes (several entities in one transaction, as an import packs them)."""
        self._steps.extend(other._steps)

    def errors(self) -> list[DomainError]:
        """The errors these writes' conditions raise, so a caller can tell whose write a failure was."""
        return [error for _, _, error in self._steps if error is not None]

    def save(self, item: Model, condition: Any = None, error: DomainError | None = None) -> None:
        self._steps.append((PUT, lambda tx: tx.save(item, condition=condition), error))

    def update(self, item: Model, actions: list[Any], condition: Any = None, error: DomainError | None = None) -> None:
        self._steps.append((UPDATE, lambda tx: tx.update(item, actions=actions, condition=condition), error))

    def delete(self, item: Model, condition: Any = None, error: DomainError | None = None) -> None:
        self._steps.append((DELETE, lambda tx: tx.delete(item, condition=condition), error))

    def check(self, model: type[Model], key: tuple[str, str], condition: Any, error: DomainError) -> None:
        self._steps.append((CHECK, lambda tx: tx.condition_check(model, key[0], key[1], condition=condition), error))

    def commit(self, attempts: int = 8) -> None:
        """Commit; a cancellation caused only by another transaction in flight is retried.

        Full-jitter exponential backoff (5 ms doubling, capped at 320 ms), so that racers contending
        for one item spread out and one of them wins instead of all giving up together.
        """
        for attempt in range(attempts):
            try:
                return self._commit_once()
            except ConcurrentChange as busy:
                if not getattr(busy, "transient", False) or attempt == attempts - 1:
                    raise
                time.sleep(random.uniform(0, min(0.32, 0.005 * 2**attempt)))

    def _commit_once(self) -> None:
        connection = TableItem._get_connection().connection
        steps = sorted(self._steps, key=lambda step: step[0])
        try:
            with TransactWrite(connection=connection) as transaction:
                for _, step, _ in steps:
                    step(transaction)
        except TransactWriteError as failure:
            reasons = failure.cancellation_reasons or []
            for reason, (_, _, error) in zip(reasons, steps, strict=False):
                if reason is not None and reason.code == "ConditionalCheckFailed" and error is not None:
                    raise error from failure
            if any(reason is not None and reason.code == "TransactionConflict" for reason in reasons):
                busy = ConcurrentChange("Another request changed the same records at the same moment; try again")
                busy.transient = True  # type: ignore[attr-defined]
                raise busy from failure
            raise
