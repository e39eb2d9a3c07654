"""Counting the DynamoDB requests the functions' shared client sends (botocore's `before-send` event).

The figure `make bench` reports and the request-count tests assert: whatever a handler reads or
writes through the store goes through that one client, retries of unprocessed keys included.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from titan_training.api import runtime
from titan_training.store.items.base import _shared_connection

EVENT = "before-send.dynamodb"


class DynamoDBRequests:
    """`count`: requests sent while attached (or inside `counting()`, from zero)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, **_: object) -> None:
        self.count += 1

    @staticmethod
    def _events():
        settings = runtime.settings()
        return _shared_connection(settings.aws_region, settings.dynamodb_endpoint_url).client.meta.events

    def attach(self) -> None:
        self._events().register(EVENT, self)

    def detach(self) -> None:
        self._events().unregister(EVENT, self)

    @contextmanager
    def counting(self) -> Iterator[DynamoDBRequests]:
        """Counts from zero the requests sent inside the block."""
        self.count = 0
        self.attach()
        try:
            yield self
        finally:
            self.detach()


def counting_dynamodb_requests():
    """A fresh counter counting inside the block: `with counting_dynamodb_requests() as requests:`."""
    return DynamoDBRequests().counting()
