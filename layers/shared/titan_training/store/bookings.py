"""The calendars the availability check reads: a trainer's or a venue's bookings, by start."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.availability import Booking, booking_window
from titan_training.domain.clock import format_instant
from titan_training.store.items.sessions import BookingItem


def _booking(item: BookingItem) -> Booking:
    return Booking(**{name: getattr(item, name) for name in Booking.__dataclass_fields__})


def bookings(owner_partition: str, start: datetime, end: datetime) -> list[Booking]:
    """Bookings starting in [start - longest session, end]: a superset of those that overlap."""
    low = BookingItem.sort_key(format_instant(booking_window(start)))
    high = BookingItem.sort_key(format_instant(end), "~")
    rows = BookingItem.query(owner_partition, BookingItem.sk.between(low, high), consistent_read=True)
    return [_booking(row) for row in rows]
