"""Where domain events go: the EventBridge bus deployed, a local sink under `make run`.

One interface, `publish(events)`, returning the events that could not be delivered; the code that
publishes is the same in both places, only the sink differs (settings: `EVENT_BUS_NAME` set, or not).
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

PUT_EVENTS_MAX_ENTRIES = 10  # PutEvents' limit per request


@dataclass(frozen=True)
class DomainEvent:
    source: str
    detail_type: str
    detail: dict[str, Any]


class EventPublisher(Protocol):
    def publish(self, events: Sequence[DomainEvent]) -> list[DomainEvent]: ...


class EventBridgeBus:
    """PutEvents to one bus, 10 entries a request; returns the entries EventBridge refused."""

    def __init__(self, bus_name: str, region: str, client: Any = None) -> None:
        self.bus_name = bus_name
        if client is None:
            import boto3

            client = boto3.client("events", region_name=region)
        self.client = client

    def publish(self, events: Sequence[DomainEvent]) -> list[DomainEvent]:
        failed: list[DomainEvent] = []
        for first in range(0, len(events), PUT_EVENTS_MAX_ENTRIES):
            batch = list(events[first : first + PUT_EVENTS_MAX_ENTRIES])
            entries = [
                {
                    "EventBusName": self.bus_name,
                    "Source": event.source,
                    "DetailType": event.detail_type,
                    "Detail": json.dumps(event.detail),
                }
                for event in batch
            ]
            try:
                response = self.client.put_events(Entries=entries)
            except Exception:  # the whole request failed: none of its events went out
                failed += batch
                continue
            answers = zip(batch, response["Entries"], strict=False)
            failed += [event for event, answer in answers if answer.get("ErrorCode")]
        return failed


class LocalEventSink:
    """`make run`'s bus: one line per event on standard output, and appended to a JSON-lines file."""

    _lock = threading.Lock()

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None

    def publish(self, events: Sequence[DomainEvent]) -> list[DomainEvent]:
        with self._lock:
            lines = [json.dumps({"source": e.source, "detail-type": e.detail_type, "detail": e.detail}) for e in events]
            for line in lines:
                print(f"Event: {line}", file=sys.stdout, flush=True)
            if self.path is not None and lines:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as sink:
                    sink.write("".join(f"{line}\n" for line in lines))
        return []
