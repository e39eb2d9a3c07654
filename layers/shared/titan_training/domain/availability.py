"""Availability (Module 3.1): who and what is already booked in a time window.

A trainer booked in an overlapping SCHEDULED session is a hard block; a venue booked at the same time
is only a warning. Sessions are half-open intervals [start, end): one ending at 10:00 does not
clash with one starting at 10:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import Field

from titan_training.domain.base import ApiModel
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId

# No session may last longer than this; it bounds how far back a booking can start and still
# reach into a window, so an overlap lookup reads a fixed slice of history, never all of it.
MAX_SESSION_LENGTH = timedelta(days=14)


@dataclass(frozen=True)
class Booking:
    """One SCHEDULED session as the trainer's or venue's calendar sees it."""

    session_id: str
    course_id: str
    trainer_id: str
    venue_id: str
    start_time: datetime
    end_time: datetime


def overlaps(start: datetime, end: datetime, other_start: datetime, other_end: datetime) -> bool:
    return start < other_end and other_start < end


def booking_window(start: datetime) -> datetime:
    """The earliest start a booking may have and still overlap a window that begins at `start`."""
    return start - MAX_SESSION_LENGTH


def clashes(
    bookings: list[Booking], start: datetime, end: datetime, exclude_session_id: str | None = None
) -> list[Booking]:
    """The bookings that overlap [start, end), leaving out the session being edited."""
    return [
        booking
        for booking in bookings
        if booking.session_id != exclude_session_id and overlaps(start, end, booking.start_time, booking.end_time)
    ]


class SessionConflict(ApiModel):
    session_id: EntityId
    course_id: EntityId
    trainer_id: EntityId
    venue_id: EntityId
    start_time: Instant
    end_time: Instant

    @classmethod
    def from_booking(cls, booking: Booking) -> SessionConflict:
        return cls(
            session_id=booking.session_id,
            course_id=booking.course_id,
            trainer_id=booking.trainer_id,
            venue_id=booking.venue_id,
            start_time=booking.start_time,
            end_time=booking.end_time,
        )


class Availability(ApiModel):
    available: bool = Field(description="False only when the trainer is booked; a venue clash is a warning.")
    trainer_conflicts: list[SessionConflict]
    venue_conflicts: list[SessionConflict]
