"""Courses: what is taught, how long a pass stays valid, and whether a pass needs verification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field

from titan_training.domain.base import ApiModel, Count, Flag, Name, PatchModel, ShortText
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId

MAX_VALIDITY_MONTHS = 600
MAX_DURATION_MINUTES = 14 * 24 * 60
MAX_ALERT_HORIZONS = 5
MAX_ALERT_DAYS = 3650


def _distinct_days(days: list[int]) -> list[int]:
    if len(set(days)) != len(days):
        raise ValueError("the days must be distinct")
    return sorted(days, reverse=True)


ExpiryAlertDays = Annotated[
    list[Annotated[int, Field(strict=True, ge=1, le=MAX_ALERT_DAYS)]],
    Field(
        min_length=1,
        max_length=MAX_ALERT_HORIZONS,
        description="Days before expiry the expiry alerts fire at (distinct, 1-3650, at most 5; null: the "
        "site's default, EXPIRY_WARNING_DAYS then 30 and 7).",
        examples=[[60, 30, 7]],
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_distinct_days),
]


class CourseCreate(ApiModel):
    EXAMPLE = {"name": "H2S Awareness", "code": "H2S-AW", "validityMonths": 24, "durationMinutes": 240}

    name: Name
    code: ShortText
    validity_months: Count | None = Field(default=None, ge=1, le=MAX_VALIDITY_MONTHS)
    requires_verification: Flag = False
    duration_minutes: Count | None = Field(default=None, ge=1, le=MAX_DURATION_MINUTES)
    expiry_alert_days: ExpiryAlertDays | None = None


class CoursePatch(PatchModel):
    NOT_NULL = ("name", "code", "requires_verification")
    EXAMPLE = {"validityMonths": 36}

    name: Name | None = None
    code: ShortText | None = None
    validity_months: Count | None = Field(default=None, ge=1, le=MAX_VALIDITY_MONTHS)
    requires_verification: Flag | None = None
    duration_minutes: Count | None = Field(default=None, ge=1, le=MAX_DURATION_MINUTES)
    expiry_alert_days: ExpiryAlertDays | None = None


class Course(ApiModel):
    id: EntityId
    name: str
    code: str
    validity_months: int | None = Field(description="Months a pass stays valid; null: never expires.")
    requires_verification: bool
    duration_minutes: int | None
    expiry_alert_days: list[int] | None = Field(
        default=None, description="Days before expiry the expiry alerts fire at; null: the site's default."
    )
    created_at: Instant
    updated_at: Instant


@dataclass(frozen=True)
class RecordRules:
    """What of a course decides a finalize's records: their kind (a pass of a course that requires
    verification is a pending competency) and their expiry. Frozen on the session when finalizing
    begins, so every attempt of one finalize writes the same records whatever the course says later."""

    validity_months: int | None
    requires_verification: bool

    @classmethod
    def of(cls, course: Course) -> RecordRules:
        return cls(course.validity_months, course.requires_verification)
