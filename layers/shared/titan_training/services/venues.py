"""Venue library use cases."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.base import Page
from titan_training.domain.ids import new_id
from titan_training.domain.venues import Venue, VenueCreate, VenuePatch
from titan_training.services import found
from titan_training.store.table import TrainingTable


def create_venue(store: TrainingTable, new: VenueCreate, now: datetime) -> Venue:
    venue = Venue(id=new_id(), created_at=now, updated_at=now, **new.model_dump())
    store.venues.create_venue(venue)
    return venue


def get_venue(store: TrainingTable, venue_id: str) -> Venue:
    return found(store.venues.get_venue(venue_id), "Venue", venue_id)


def list_venues(store: TrainingTable, limit: int, next_token: str | None) -> Page[Venue]:
    items, token = store.venues.list_venues(limit, next_token)
    return Page[Venue](items=items, next_token=token)


def update_venue(store: TrainingTable, venue_id: str, patch: VenuePatch, now: datetime) -> Venue:
    before = get_venue(store, venue_id)
    after = before.model_copy(update={**patch.changes(), "updated_at": now})
    store.venues.update_venue(before, after)
    return after
