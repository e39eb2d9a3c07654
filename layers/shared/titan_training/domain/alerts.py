"""Expiry alerts: when a COMPLIANT item's expiry day comes within a horizon, and what is published and listed.

Pure rules (no AWS): the horizons a course alerts at, which of them an item has reached on the site's
today, and the shapes of the `ComplianceExpiring` event and of an open alert in `GET /alerts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import Field

from titan_training.domain.base import ApiModel, Page
from titan_training.domain.ids import EntityId

EVENT_SOURCE = "titan.training"
EVENT_DETAIL_TYPE = "ComplianceExpiring"
LESSER_DEFAULT_HORIZONS = (30, 7)


def default_horizons(expiry_warning_days: int) -> list[int]:
    """The site's horizons: `EXPIRY_WARNING_DAYS` (60 by default), then 30 and 7 days where smaller."""
    days = {expiry_warning_days, *(h for h in LESSER_DEFAULT_HORIZONS if h < expiry_warning_days)}
    return sorted((h for h in days if h > 0), reverse=True)


def course_horizons(override: Sequence[int] | None, expiry_warning_days: int) -> list[int]:
    """The course's own horizons when it names them, else the site's."""
    return sorted(set(override), reverse=True) if override else default_horizons(expiry_warning_days)


def days_left(expiry_date: date, today: date) -> int:
    """Days until the expiry day (0 on the day itself: an item is valid through its expiry day)."""
    return (expiry_date - today).days


def reached(horizons: Iterable[int], left: int) -> set[int]:
    """The horizons an item `left` days from its expiry day has come within (none once it has lapsed)."""
    return {h for h in horizons if 0 <= left <= h}


class ComplianceExpiring(ApiModel):
    """The `detail` of one `ComplianceExpiring` event (source `titan.training`) on the alerts bus."""

    personnel_id: EntityId
    course_id: EntityId
    expiry_date: date = Field(description="The item's last valid day (site calendar).")
    days_left: int = Field(description="Days from the site's today to the expiry day.")
    horizon: int = Field(description="The smallest horizon (days before expiry) this event announces.")


class ExpiryAlert(ApiModel):
    """An open alert: a worker whose item for a course lapses within a horizon, not booked nor renewed."""

    personnel_id: EntityId
    first_name: str
    last_name: str
    employee_no: str
    course_id: EntityId
    course_name: str
    course_code: str
    expiry_date: date
    days_left: int
    horizon: int = Field(description="The smallest horizon reached when the alert was last published.")


class ExpiryAlertPage(Page[ExpiryAlert]):
    """A page of open alerts, soonest expiry first, with how many are open in all."""

    total: int = Field(description="Open alerts in all (every page).")
    today: date = Field(description="The site's today, which `daysLeft` counts from.")
