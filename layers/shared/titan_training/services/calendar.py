"""Calendar feeds (issue 12): issue a feed's subscription token, and serve a trainer's or a worker's feed."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.calendar import (
    FEED_HISTORY,
    CalendarSubscription,
    FeedEntry,
    FeedOwner,
    build_feed,
    feed_owner_id,
    feed_path,
    new_token,
    token_hash,
    token_matches,
)
from titan_training.domain.callers import Caller
from titan_training.domain.errors import Forbidden, NotFound
from titan_training.services.access import own_trainer
from titan_training.store.table import TrainingTable


def issue_token(
    store: TrainingTable, owner: FeedOwner, owner_id: str, caller: Caller, now: datetime, api_base_url: str
) -> CalendarSubscription:
    """A new token for the feed (the old one stops working): hse-admin, or a trainer for their own feed.

    Only the token's hash is stored; the answer is the one time the token itself is shown.
    """
    if not caller.is_admin:
        trainer = own_trainer(store, caller) if owner is FeedOwner.TRAINER else None
        if trainer is None or trainer.id != owner_id:
            raise Forbidden("Only an hse-admin, or a trainer for their own sessions, may issue a calendar link")
    token = new_token()
    store.calendar.put_token(owner, owner_id, token_hash(token), now, caller.user_id)
    url = f"{api_base_url.rstrip('/')}{feed_path(owner, owner_id)}?token={token}"  # token_urlsafe: no escaping
    return CalendarSubscription(url=url, token=token, issued_at=now)


def feed(
    store: TrainingTable, owner: FeedOwner, feed_name: str, token: str | None, now: datetime, site_timezone: str
) -> bytes:
    """The feed `<id>.ics` as RFC 5545 text, if `token` is its live token. Anything else (no such person,
    no token issued, a wrong or revoked one) is the same 404, so a feed's existence is never revealed."""
    owner_id = feed_owner_id(feed_name)
    if owner_id is None or not token_matches(token, store.calendar.token_hash(owner, owner_id)):
        raise NotFound("Calendar feed", feed_name)
    since = now - FEED_HISTORY
    if owner is FeedOwner.TRAINER:
        sessions = store.calendar.trainer_sessions(owner_id, since)
    else:
        sessions = store.calendar.personnel_sessions(owner_id, since)
    names = store.calendar.feed_names(
        owner,
        owner_id,
        {entry.session.course_id for entry in sessions},
        {entry.session.venue_id for entry in sessions if entry.session.venue_id},
    )
    entries = []
    for entry in sessions:
        session = entry.session
        if session.start_time is None or session.end_time is None:
            continue
        course = names.courses.get(session.course_id)
        venue = names.venues.get(session.venue_id) if session.venue_id else None
        entries.append(
            FeedEntry(
                session_id=session.id,
                course_name=course.name if course else "Training session",
                course_code=course.detail if course else None,
                venue_name=venue.name if venue else None,
                venue_location=venue.detail if venue else None,
                start_time=session.start_time,
                end_time=session.end_time,
                status=session.status,
                sequence=entry.sequence,
                updated_at=session.updated_at,
            )
        )
    title = f"Training sessions: {names.owner_name}".rstrip(": ")
    return build_feed(title, entries, site_timezone, now)
