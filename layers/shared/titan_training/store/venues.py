"""Access patterns of venues (the venue library) and their calendars."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.availability import Booking
from titan_training.domain.errors import Conflict
from titan_training.domain.venues import Venue
from titan_training.store.aggregate import AggregateStore
from titan_training.store.bookings import bookings
from titan_training.store.items.base import domain_view, own_fields
from titan_training.store.items.venues import VenueItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.transaction import Writes
from titan_training.store.unique import edited, name_key


def venue_view(item: VenueItem) -> Venue:
    return domain_view(Venue, item)


class VenueStore(AggregateStore):
    def create_venue(self, venue: Venue) -> None:
        item = VenueItem(
            *VenueItem.key(venue.id), list_pk="VENUE", list_sk=name_key(venue.name, venue.id), **venue.model_dump()
        )
        item.save(condition=VenueItem.pk.does_not_exist())

    def get_venue(self, venue_id: str) -> Venue | None:
        try:
            return venue_view(VenueItem.get(*VenueItem.key(venue_id), consistent_read=True))
        except VenueItem.DoesNotExist:
            return None

    def list_venues(self, limit: int, next_token: str | None) -> tuple[list[Venue], str | None]:
        start = decode_token(next_token, ("ListPK", "VENUE"))
        results = VenueItem.by_list.query("VENUE", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, venue_view, ("ListPK", "VENUE"))

    def update_venue(self, before: Venue, after: Venue) -> None:
        writes = Writes()
        writes.update(
            VenueItem(*VenueItem.key(after.id)),
            actions=own_fields(VenueItem, {**edited(after), "list_sk": name_key(after.name, after.id)}),
            condition=VenueItem.updated_at == before.updated_at,
            error=Conflict(f"Venue {after.id} was changed by another request; reload and try again"),
        )
        writes.commit()

    def venue_bookings(self, venue_id: str, start: datetime, end: datetime) -> list[Booking]:
        return bookings(VenueItem.key(venue_id)[0], start, end)
