"""What a function builds once per cold start: its settings and its table binding (the store).

Every handler passes `store()` to its service; the service reaches the aggregates it uses through it
(`store.courses`, `store.sessions`, ...), and only those aggregates' modules are ever imported.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from titan_training.domain.clock import iso_week, site_today, utc_now
from titan_training.settings import Settings

if TYPE_CHECKING:  # imported where used: a function that never touches the table never loads pynamodb
    from titan_training.store.event_bus import EventPublisher
    from titan_training.store.evidence import EvidenceBucket
    from titan_training.store.plan_worker import PlanWorker
    from titan_training.store.table import TrainingTable


@functools.cache
def settings() -> Settings:
    return Settings.from_environment()


@functools.cache
def store() -> TrainingTable:
    from titan_training.store.table import TrainingTable

    config = settings()
    if not config.table_name:
        raise RuntimeError("TABLE_NAME is not set: the function cannot reach its table")
    return TrainingTable(
        config.table_name, config.aws_region, config.dynamodb_endpoint_url, config.transaction_max_items
    )


@functools.cache
def evidence() -> EvidenceBucket:
    from titan_training.store.evidence import EvidenceBucket

    config = settings()
    if not config.evidence_bucket:
        raise RuntimeError("EVIDENCE_BUCKET is not set: the function cannot reach the evidence bucket")
    return EvidenceBucket(config.evidence_bucket, config.aws_region, config.s3_endpoint_url)


@functools.cache
def plan_worker() -> PlanWorker:
    from titan_training.store.plan_worker import PlanWorker

    config = settings()
    return PlanWorker(config.plan_worker_function, config.aws_region, config.lambda_endpoint_url)


@functools.cache
def events() -> EventPublisher:
    """The EventBridge bus `EVENT_BUS_NAME` names; without one (make run), the local sink."""
    from titan_training.store.event_bus import EventBridgeBus, LocalEventSink

    config = settings()
    if config.event_bus_name:
        return EventBridgeBus(config.event_bus_name, config.aws_region)
    return LocalEventSink(config.local_event_sink)


def today():
    """Today's date on the site's calendar: the day compliance expiry is judged against."""
    return site_today(settings().site_timezone, utc_now())


def this_week() -> str:
    """The current ISO week (YYYY-Www) on the site's calendar: the default week of trainer load."""
    return iso_week(utc_now(), settings().site_timezone)


def reset() -> None:
    """Forget the cached settings and store (tests and the local server re-read the environment)."""
    settings.cache_clear()
    store.cache_clear()
    plan_worker.cache_clear()
    evidence.cache_clear()
    events.cache_clear()
