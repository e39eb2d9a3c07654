"""Time: one clock for the whole domain, UTC instants on the wire, days and ISO weeks on the site's calendar.

Every day or week the system derives from an instant goes through `site_day` or `iso_week` here, with
the site's IANA time zone (`SITE_TIMEZONE`) named by the caller: never the instant's UTC date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

# The instants the API takes: ISO 8601 with seconds and an offset, written with a year from 2000 to
# 2099. A session (and every window over sessions) lies in that range; a year-1 or year-9999 instant
# is a typing slip, and at the edge of what Python's datetime can hold (a 14-day booking window or a
# UTC conversion would overflow it).
FIRST_YEAR, LAST_YEAR = 2000, 2099
INSTANT_PATTERN = (
    r"^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?"
    r"(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)
INSTANT_MEANING = (
    f"must be an ISO 8601 date-time with seconds and a UTC offset (`Z` or +hh:mm), in the years {FIRST_YEAR} "
    f"to {LAST_YEAR}, e.g. 2026-11-23T09:00:00Z"
)


ISO_WEEK_PATTERN = r"^20\d{2}-W(0[1-9]|[1-4]\d|5[0-3])$"  # the years instants may have


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def format_instant(moment: datetime) -> str:
    """The one wire and storage format for instants: UTC, milliseconds, `Z` (sorts as text)."""
    return to_utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


_SPACED_OFFSET = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def _instant_text(value: Any) -> Any:
    """Instants come as ISO 8601 text. An unencoded `+` in a query string reaches us as a space
    (API Gateway decodes it like a form), so `09:00:00 02:00` is read back as `09:00:00+02:00`."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("instant_text", INSTANT_MEANING)
    text = _SPACED_OFFSET.sub(r"\1+\2", value.strip())
    if not re.fullmatch(INSTANT_PATTERN, text):
        raise PydanticCustomError("instant_text", INSTANT_MEANING)
    return text


def _date_text(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise PydanticCustomError("date_text", "must be a date as YYYY-MM-DD")
    return value.strip()


# Request and response timestamps: an offset is required on input; output is always UTC with `Z`.
Instant = Annotated[
    AwareDatetime,
    BeforeValidator(_instant_text),
    AfterValidator(to_utc),
    PlainSerializer(format_instant, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": INSTANT_PATTERN, "example": "2026-11-23T09:00:00Z"}
    ),
]

# Calendar dates (an expiry day): only `YYYY-MM-DD`, never a number or a time of day.
CalendarDate = Annotated[date, BeforeValidator(_date_text)]


def site_day(moment: datetime, site_timezone: str) -> date:
    """The calendar day an aware instant falls on at the site (`site_timezone`: an IANA name).

    2026-04-30T23:30Z is 2026-05-01 in Europe/London (BST) and 2026-04-30 in UTC.
    """
    return moment.astimezone(ZoneInfo(site_timezone)).date()


def site_today(site_timezone: str, now: datetime | None = None) -> date:
    """Today on the site's calendar: the day compliance expiry and the picker's windows are judged on."""
    return site_day(now or utc_now(), site_timezone)


def iso_week(moment: datetime, site_timezone: str) -> str:
    """`YYYY-Www` of the ISO week that `moment` falls in, on the site's wall clock."""
    year, week, _ = moment.astimezone(ZoneInfo(site_timezone)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_bounds(week: str, site_timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants where an ISO week (`YYYY-Www`) starts and ends on the site's wall clock."""
    monday = date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    zone = ZoneInfo(site_timezone)
    start = datetime(monday.year, monday.month, monday.day, tzinfo=zone)
    following = monday + timedelta(days=7)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    return to_utc(start), to_utc(end)
