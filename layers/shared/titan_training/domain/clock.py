"""Time: one clock for the whole domain, UTC instants on the wire, ISO weeks in the site's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, PlainSerializer


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def format_instant(moment: datetime) -> str:
    """The one wire and storage format for instants: UTC, milliseconds, `Z` (sorts as text)."""
    return to_utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Request and response timestamps: an offset is required on input; output is always UTC with `Z`.
Instant = Annotated[
    AwareDatetime,
    AfterValidator(to_utc),
    PlainSerializer(format_instant, return_type=str, when_used="json"),
]


def site_today(site_timezone: str, now: datetime | None = None) -> date:
    return to_utc(now or utc_now()).astimezone(ZoneInfo(site_timezone)).date()


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
