"""The availability check of Module 3.1: the one function scheduling and editing sessions call."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.availability import Availability, SessionConflict, clashes
from titan_training.domain.errors import ValidationFailure
from titan_training.services import found
from titan_training.store.table import TrainingTable


def check_availability(
    store: TrainingTable,
    start: datetime,
    end: datetime,
    trainer_id: str | None = None,
    venue_id: str | None = None,
    exclude_session_id: str | None = None,
) -> Availability:
    """Overlapping SCHEDULED sessions of the trainer (a hard block) and of the venue (a warning)."""
    failure = ValidationFailure()
    if end <= start:
        failure.add("query", "endTime", "must be after startTime")
    if trainer_id is None and venue_id is None:
        failure.add("query", "trainerId", "give a trainerId, a venueId, or both")
    failure.raise_if_any()

    trainer_clashes = []
    if trainer_id is not None:
        found(store.trainers.get_trainer(trainer_id), "Trainer", trainer_id)
        trainer_clashes = clashes(
            store.trainers.trainer_bookings(trainer_id, start, end), start, end, exclude_session_id
        )
    venue_clashes = []
    if venue_id is not None:
        found(store.venues.get_venue(venue_id), "Venue", venue_id)
        venue_clashes = clashes(store.venues.venue_bookings(venue_id, start, end), start, end, exclude_session_id)
    return Availability(
        available=not trainer_clashes,
        trainer_conflicts=[SessionConflict.from_booking(b) for b in trainer_clashes],
        venue_conflicts=[SessionConflict.from_booking(b) for b in venue_clashes],
    )
