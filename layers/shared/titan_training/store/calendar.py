"""Access patterns of the calendar feeds (issue 12): feed tokens, and a trainer's or a worker's sessions
from a day onward with the course and venue names an event shows.

One aggregate's store over the table binding (store.table). docs/data-model.md lists every pattern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from titan_training.domain.calendar import FEED_STATUSES, FeedOwner
from titan_training.domain.clock import format_instant
from titan_training.domain.errors import NotFound
from titan_training.domain.sessions import Session
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.base import domain_view
from titan_training.store.items.calendar import CalendarTokenItem
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import PersonnelItem
from titan_training.store.items.sessions import AttendeeItem, SessionItem
from titan_training.store.items.trainers import TrainerItem
from titan_training.store.items.venues import VenueItem
from titan_training.store.transaction import Writes

_OWNER_ITEMS = {FeedOwner.TRAINER: (TrainerItem, "Trainer"), FeedOwner.PERSONNEL: (PersonnelItem, "Personnel")}


@dataclass(frozen=True)
class FeedSession:
    """A session for a feed, with its SEQUENCE (0 for a session written before it was kept)."""

    session: Session
    sequence: int


@dataclass(frozen=True)
class Place:
    """A course (its name and code) or a venue (its name and location), as an event shows it."""

    name: str
    detail: str | None


@dataclass
class FeedNames:
    owner_name: str
    courses: dict[str, Place]
    venues: dict[str, Place]


class CalendarStore(AggregateStore):
    """Feed tokens and the sessions a feed lists."""

    # --- Tokens ----------------------------------------------------------------------------------

    def put_token(self, owner: FeedOwner, owner_id: str, token_hash: str, issued_at: datetime, issued_by: str) -> None:
        """The feed's one token, replacing (so revoking) any earlier one; the owner must exist."""
        model, kind = _OWNER_ITEMS[owner]
        writes = Writes()
        writes.check(model, model.key(owner_id), model.pk.exists(), NotFound(kind, owner_id))
        writes.save(
            CalendarTokenItem(
                *CalendarTokenItem.key(owner.value, owner_id),
                owner_kind=owner.value,
                owner_id=owner_id,
                token_hash=token_hash,
                issued_at=issued_at,
                issued_by_id=issued_by,
            )
        )
        writes.commit()

    def token_hash(self, owner: FeedOwner, owner_id: str) -> str | None:
        """The hash of the feed's live token (consistent: a token just revoked must stop working)."""
        try:
            item = CalendarTokenItem.get(*CalendarTokenItem.key(owner.value, owner_id), consistent_read=True)
        except CalendarTokenItem.DoesNotExist:
            return None
        return item.token_hash

    # --- Sessions --------------------------------------------------------------------------------

    def trainer_sessions(self, trainer_id: str, since: datetime) -> list[FeedSession]:
        """The trainer's sessions starting at `since` or later, by start (TrainerIndex; drafts without a
        time sort last, `~`, above the key range), the feed's statuses only."""
        results = SessionItem.by_trainer.query(
            f"TRAINER#{trainer_id}",
            SessionItem.trainer_sk.between(format_instant(since), "9999"),
            filter_condition=SessionItem.status.is_in(*(status.value for status in FEED_STATUSES)),
        )
        return [_feed_session(item) for item in results]

    def personnel_sessions(self, personnel_id: str, since: datetime) -> list[FeedSession]:
        """The sessions the worker is on the class list of (their `ATTENDING#` entries in ListIndex,
        keys only), then those sessions, 100 a batch read; the feed's statuses, starting at `since` or later."""
        results = AttendeeItem.by_list.query(
            AttendeeItem.attending_partition(personnel_id), attributes_to_get=["PK", "SK", "ListPK", "ListSK"]
        )
        session_ids = {item.list_sk for item in results if item.list_sk}
        found = self.batch_read(SessionItem.key(session_id) for session_id in session_ids)
        feed = []
        for raw in found.values():
            item = SessionItem.from_raw_data(raw)
            if item.deleted_at or item.start_time is None or item.start_time < since:
                continue
            if item.status in {status.value for status in FEED_STATUSES}:
                feed.append(_feed_session(item))
        return sorted(feed, key=lambda entry: (entry.session.start_time, entry.session.id))

    def feed_names(
        self, owner: FeedOwner, owner_id: str, course_ids: Iterable[str], venue_ids: Iterable[str]
    ) -> FeedNames:
        """The feed owner's name and the courses and venues its events name: one batch read (per 100 keys)."""
        model, _ = _OWNER_ITEMS[owner]
        keys = [model.key(owner_id)]
        keys += [CourseItem.key(course_id) for course_id in course_ids]
        keys += [VenueItem.key(venue_id) for venue_id in venue_ids]
        names = FeedNames(owner_name="", courses={}, venues={})
        for (_, sk), raw in self.batch_read(keys).items():
            if sk == "COURSE":
                course = CourseItem.from_raw_data(raw)
                names.courses[course.id] = Place(course.name, course.code)
            elif sk == "VENUE":
                venue = VenueItem.from_raw_data(raw)
                names.venues[venue.id] = Place(venue.name, venue.location)
            else:
                person = model.from_raw_data(raw)
                names.owner_name = f"{person.first_name} {person.last_name}"
        return names


def _feed_session(item: SessionItem) -> FeedSession:
    return FeedSession(domain_view(Session, item), int(item.sequence or 0))
