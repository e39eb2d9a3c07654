"""Recurring drafts (issue 12, part 3): a recurrence rule and the sessions it yields, on the site's calendar.

The rule is named after RFC 5545's RRULE parts (FREQ, INTERVAL, BYDAY, COUNT, UNTIL) and evaluated by
python-dateutil's `rrule` on the site's wall clock (`SITE_TIMEZONE`), never in UTC: a series that
starts at 09:00 local keeps 09:00 local across a daylight-saving change (08:00Z in summer, 09:00Z in
winter in Europe/London), and each session keeps the first one's local end time too. Pure: no AWS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from itertools import islice
from typing import Annotated
from zoneinfo import ZoneInfo

from dateutil import rrule
from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from titan_training.domain.base import ApiModel, Count
from titan_training.domain.clock import CalendarDate, Instant, to_utc
from titan_training.domain.errors import FieldProblem, InvalidInput
from titan_training.domain.ids import EntityId
from titan_training.domain.sessions import SessionChange, _check_end

# A series holds at most this many sessions: more is refused (422), never cut short.
MAX_SERIES_SESSIONS = 52
# Every N days or weeks: at most a year's worth between two sessions.
MAX_INTERVAL = 366
LIMIT_MESSAGE = f"A series holds at most {MAX_SERIES_SESSIONS} sessions"


class Frequency(StrEnum):
    """RRULE `FREQ`: the unit `interval` counts."""

    DAILY = "DAILY"
    WEEKLY = "WEEKLY"


class Weekday(StrEnum):
    """RRULE `BYDAY` two-letter days."""

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


WEEKDAYS = list(Weekday)  # Monday first, as date.weekday() counts


class Recurrence(ApiModel):
    """When a series repeats: every `interval` days (DAILY) or weeks (WEEKLY, on `byWeekday`, by default
    the first session's weekday), until a site calendar day (inclusive) or for `count` sessions."""

    EXAMPLE = {"frequency": "WEEKLY", "interval": 1, "byWeekday": ["MO", "WE"], "count": 6}
    SCHEMA_EXTRA = {"oneOf": [{"required": ["count"]}, {"required": ["until"]}]}

    frequency: Frequency
    interval: Annotated[Count, Field(ge=1, le=MAX_INTERVAL)] = 1
    by_weekday: list[Weekday] | None = Field(
        default=None,
        min_length=1,
        max_length=7,
        description="WEEKLY only: the weekdays (MO..SU); the first session's weekday must be one of them.",
    )
    # `count` and `until` default to absent but are never null: the schema's `oneOf` says exactly one.
    count: Count = Field(  # type: ignore[assignment]
        default=None,
        ge=1,
        description=f"How many sessions (at most {MAX_SERIES_SESSIONS}).",
        json_schema_extra={"maximum": MAX_SERIES_SESSIONS},
    )
    until: CalendarDate = Field(  # type: ignore[assignment]
        default=None,
        description="The last day a session may fall on (site calendar, inclusive), YYYY-MM-DD.",
        json_schema_extra={"format": "date"},
    )

    @model_validator(mode="after")
    def _one_end(self) -> Recurrence:
        if (self.count is None) == (self.until is None):
            raise PydanticCustomError("count_or_until", "give exactly one of `count` and `until`")
        if self.count is not None and self.count > MAX_SERIES_SESSIONS:
            raise PydanticCustomError("series_too_long", LIMIT_MESSAGE)
        if self.by_weekday is not None and self.frequency is not Frequency.WEEKLY:
            raise PydanticCustomError("weekdays_need_weekly", "`byWeekday` is only for a WEEKLY recurrence")
        return self


class CreateRecurringDrafts(ApiModel):
    """A series of DRAFT sessions of one course: the first session's times and how it repeats."""

    EXAMPLE = {
        "courseId": "cmx3ov74fwp1mpv6ilvv3fkfx",
        "startTime": "2027-03-01T09:00:00Z",
        "endTime": "2027-03-01T13:00:00Z",
        "recurrence": {"frequency": "WEEKLY", "interval": 1, "byWeekday": ["MO", "WE"], "count": 6},
    }

    course_id: EntityId
    trainer_id: EntityId | None = None
    venue_id: EntityId | None = None
    start_time: Instant = Field(description="The first session's start.")
    end_time: Instant = Field(description="The first session's end: every session keeps its local end time.")
    recurrence: Recurrence

    _end_after_start = field_validator("end_time")(_check_end)


class RecurringDrafts(ApiModel):
    """The series created: its id and its drafts by start, each as `POST /sessions/draft` answers one."""

    series_id: EntityId
    items: list[SessionChange]


@dataclass(frozen=True)
class Occurrence:
    """One session of a series, in UTC."""

    start: datetime
    end: datetime


def occurrences(start: datetime, end: datetime, rule: Recurrence, site_timezone: str) -> list[Occurrence]:
    """The sessions `rule` yields from a first session [start, end), evaluated on the site's wall clock.

    Each session starts at the first one's local start time on its day and ends at the first one's
    local end time (so its local length is kept, not its UTC length). A local time that does not exist
    on a day (inside a spring-forward gap) is read with the offset before the gap, as RFC 5545 says.
    Raises InvalidInput (a 422 naming `recurrence`) for no session, or for more than 52.
    """
    zone = ZoneInfo(site_timezone)
    local_start = start.astimezone(zone).replace(tzinfo=None)
    local_length = end.astimezone(zone).replace(tzinfo=None) - local_start
    first_weekday = WEEKDAYS[local_start.weekday()]
    by_weekday = None
    if rule.frequency is Frequency.WEEKLY:
        days = rule.by_weekday or [first_weekday]
        if first_weekday not in days:
            raise InvalidInput(
                [
                    FieldProblem(
                        "body",
                        "recurrence.byWeekday",
                        f"the first session ({local_start.date().isoformat()}, {first_weekday.value}) "
                        "must fall on one of these weekdays",
                    )
                ]
            )
        by_weekday = [getattr(rrule, day.value) for day in days]
    series = rrule.rrule(
        rrule.DAILY if rule.frequency is Frequency.DAILY else rrule.WEEKLY,
        dtstart=local_start,
        interval=rule.interval,
        wkst=rrule.MO,
        byweekday=by_weekday,
        count=rule.count,
        until=datetime.combine(rule.until, time.max) if rule.until is not None else None,
    )
    # One more than allowed is enough to refuse: an `until` far ahead is never expanded in full.
    starts = list(islice(series, MAX_SERIES_SESSIONS + 1))
    if not starts:
        raise InvalidInput([FieldProblem("body", "recurrence.until", "the recurrence yields no session")])
    if len(starts) > MAX_SERIES_SESSIONS:
        raise InvalidInput(
            [FieldProblem("body", "recurrence", f"{LIMIT_MESSAGE}; this recurrence yields more", "series_too_long")]
        )
    return [Occurrence(_utc(moment, zone), _utc(moment + local_length, zone)) for moment in starts]


def _utc(local: datetime, zone: ZoneInfo) -> datetime:
    return to_utc(local.replace(tzinfo=zone))
