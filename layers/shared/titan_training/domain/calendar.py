"""Calendar feeds (issue 12): a trainer's or a worker's sessions as an RFC 5545 calendar, and the
per-person token a calendar app subscribes with (it cannot send a Cognito token).

Pure: the feed is built from plain values with the `icalendar` package, in the site's time zone (with its
VTIMEZONE, made from zoneinfo); tokens are made, hashed and compared here. Nothing of AWS.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import Field

from titan_training.domain.base import ApiModel
from titan_training.domain.clock import Instant
from titan_training.domain.ids import CUID_PATTERN
from titan_training.domain.sessions import SessionStatus

# The feed holds sessions from this far back onward: recent history stays visible in the calendar.
FEED_HISTORY = timedelta(days=30)
# What a feed shows: booked, being finalized, done, and called off (STATUS:CANCELLED, so a subscribed
# calendar drops the event it already has). Drafts are plans nobody should travel for.
FEED_STATUSES = frozenset(
    {SessionStatus.SCHEDULED, SessionStatus.FINALIZING, SessionStatus.COMPLETED, SessionStatus.CANCELLED}
)
UID_DOMAIN = "titan-training"
PRODUCT_ID = "-//Titan//Training Sessions//EN"
# How often a calendar app should fetch the feed again (RFC 7986 REFRESH-INTERVAL; Outlook's X-PUBLISHED-TTL).
REFRESH_INTERVAL = timedelta(hours=1)
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
FEED_SUFFIX = ".ics"
# A feed's last path segment: `<id>.ics` (API Gateway REST cannot put a suffix after a path parameter).
FEED_NAME_PATTERN = CUID_PATTERN.removesuffix("$") + re.escape(FEED_SUFFIX) + "$"
_FEED_NAME = re.compile(FEED_NAME_PATTERN)


class FeedOwner(StrEnum):
    """Whose sessions a feed lists: a trainer's (they teach) or a worker's (they attend)."""

    TRAINER = "trainers"
    PERSONNEL = "personnel"


class CalendarSubscription(ApiModel):
    """A feed's subscription link, with a newly issued token: the previous token no longer works."""

    url: str = Field(description="The feed's full URL with `token` as its query parameter: give it to a calendar app.")
    token: str = Field(description="The new token (shown once; only its hash is stored).")
    issued_at: Instant


@dataclass(frozen=True)
class FeedEntry:
    """One session as the feed shows it: the names it needs resolved, and how often it has moved."""

    session_id: str
    course_name: str
    course_code: str | None
    venue_name: str | None
    venue_location: str | None
    start_time: datetime
    end_time: datetime
    status: SessionStatus
    sequence: int
    updated_at: datetime


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored: the token's SHA-256 (a 256-bit random token needs no salt or slow hash)."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(given: str | None, stored_hash: str | None) -> bool:
    """The token is the one issued last, compared in constant time."""
    if not given or not stored_hash:
        return False
    return hmac.compare_digest(token_hash(given), stored_hash)


def feed_owner_id(feed_name: str) -> str | None:
    """`<id>.ics` -> `<id>`; anything else names no feed."""
    return feed_name.removesuffix(FEED_SUFFIX) if _FEED_NAME.match(feed_name) else None


def feed_path(owner: FeedOwner, owner_id: str) -> str:
    return f"/calendar/{owner.value}/{owner_id}{FEED_SUFFIX}"


def feed_uid(session_id: str) -> str:
    """Stable for the session's life: a reschedule changes its times and SEQUENCE, never its UID."""
    return f"{session_id}@{UID_DOMAIN}"


# The VTIMEZONE's rules cover sessions this many years either side of today (a feed starts 30 days back).
ZONE_YEARS_BEFORE, ZONE_YEARS_AFTER = 1, 10


@functools.cache
def _vtimezone(site_timezone: str, year: int):  # icalendar.Timezone; cached: it walks the zone's transitions
    from icalendar import Timezone

    first, last = date(year - ZONE_YEARS_BEFORE, 1, 1), date(year + ZONE_YEARS_AFTER, 1, 1)
    return Timezone.from_tzid(site_timezone, first_date=first, last_date=last)


def build_feed(title: str, entries: list[FeedEntry], site_timezone: str, now: datetime) -> bytes:
    """The RFC 5545 calendar of `entries`, times in the site's zone (TZID) with its VTIMEZONE."""
    from icalendar import Calendar, Event, vDuration  # only the feed functions load icalendar

    zone = ZoneInfo(site_timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", site_timezone)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    if site_timezone != "UTC":
        calendar.add_component(_vtimezone(site_timezone, now.year))
    for entry in sorted(entries, key=lambda e: (e.start_time, e.session_id)):
        event = Event()
        event.add("uid", feed_uid(entry.session_id))
        event.add("dtstamp", now)
        event.add("last-modified", entry.updated_at)
        event.add("sequence", entry.sequence)
        event.add("dtstart", entry.start_time.astimezone(zone))
        event.add("dtend", entry.end_time.astimezone(zone))
        event.add("summary", entry.course_name + (f" ({entry.course_code})" if entry.course_code else ""))
        location = ", ".join(part for part in (entry.venue_name, entry.venue_location) if part)
        if location:
            event.add("location", location)
        event.add("status", "CANCELLED" if entry.status is SessionStatus.CANCELLED else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if entry.status is SessionStatus.CANCELLED else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
