"""The smart attendee picker (SPEC-3.2 D): red first, then yellow, then expiring, then everyone else.

Groups: 1 NON_COMPLIANT, 2 PENDING, 3 COMPLIANT expiring within the warning window (soonest first),
4 everyone else. Groups 1, 2 and 4 are alphabetical by last then first name. The effective status
is used, so a lapsed COMPLIANT item is red. People with no compliance item for the course are
candidates only when the admin searches for them (the admin may invite anyone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from titan_training.domain.base import ApiModel
from titan_training.domain.clock import Instant
from titan_training.domain.compliance import ComplianceStatus, effective_status
from titan_training.domain.ids import EntityId

MAX_SUGGESTIONS = 500


@dataclass(frozen=True)
class Candidate:
    """One active person as the picker ranks them for one course, on one day."""

    personnel_id: str
    first_name: str
    last_name: str
    email: str | None
    employee_no: str
    status: ComplianceStatus | None  # effective status; None: no compliance item for the course
    expiry_date: date | None
    group: int

    @property
    def has_item(self) -> bool:
        return self.status is not None

    def matches(self, needle: str) -> bool:
        """`search`: a case-insensitive substring of the name, email or employee number."""
        haystack = f"{self.first_name} {self.last_name} {self.email or ''} {self.employee_no}".lower()
        return needle in haystack


def group_of(status: ComplianceStatus | None, expiry_date: date | None, today: date, warning_days: int) -> int:
    if status is ComplianceStatus.NON_COMPLIANT:
        return 1
    if status is ComplianceStatus.PENDING:
        return 2
    if status is ComplianceStatus.COMPLIANT and expiry_date is not None and (expiry_date - today).days <= warning_days:
        return 3
    return 4


def candidate(
    personnel_id: str,
    first_name: str,
    last_name: str,
    email: str | None,
    employee_no: str,
    recorded: ComplianceStatus | None,
    expiry_date: date | None,
    today: date,
    warning_days: int,
) -> Candidate:
    status = effective_status(recorded, expiry_date, today) if recorded is not None else None
    return Candidate(
        personnel_id,
        first_name,
        last_name,
        email,
        employee_no,
        status,
        expiry_date,
        group_of(status, expiry_date, today, warning_days),
    )


def rank_key(c: Candidate) -> tuple:
    """The picker's order: by group; the expiring group soonest first; otherwise by name (ids break ties)."""
    soonest = c.expiry_date.toordinal() if c.group == 3 and c.expiry_date else 0
    return (c.group, soonest, c.last_name.lower(), c.first_name.lower(), c.personnel_id)


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=rank_key)


def pick(ranked: Iterable[Candidate], listed: set[str], search: str | None, limit: int) -> list[Candidate]:
    """The first `limit` candidates not yet on the list; without a search, only people with an item."""
    needle = (search or "").strip().lower()
    chosen = []
    for c in ranked:
        if c.personnel_id in listed:
            continue
        if needle and not c.matches(needle):
            continue
        if not needle and not c.has_item:
            continue
        chosen.append(c)
        if len(chosen) == limit:
            break
    return chosen


class SuggestionSource(StrEnum):
    CACHE = "cache"
    LIVE = "live"


class Suggestion(ApiModel):
    personnel_id: EntityId
    first_name: str
    last_name: str
    employee_no: str
    compliance_status: ComplianceStatus | None = Field(description="Effective status; null: no item for the course.")
    expiry_date: date | None
    group: int = Field(description="1 red, 2 yellow (pending), 3 expiring soon, 4 everyone else.")

    @classmethod
    def of(cls, c: Candidate) -> Suggestion:
        return cls(
            personnel_id=c.personnel_id,
            first_name=c.first_name,
            last_name=c.last_name,
            employee_no=c.employee_no,
            compliance_status=c.status,
            expiry_date=c.expiry_date,
            group=c.group,
        )


class Suggestions(ApiModel):
    items: list[Suggestion]
    source: SuggestionSource = Field(description="`cache` if the precomputed ranking was fresh, else `live`.")
    computed_at: Instant

    @classmethod
    def of(cls, chosen: list[Candidate], source: SuggestionSource, computed_at: datetime) -> Suggestions:
        return cls(items=[Suggestion.of(c) for c in chosen], source=source, computed_at=computed_at)


# --- The compliance dashboard: the picker's groups, counted per course ---------------------------


class CourseComplianceCounts(ApiModel):
    course_id: EntityId
    course_name: str
    course_code: str
    red: int = Field(ge=0, description="NON_COMPLIANT, including a COMPLIANT item past its expiry (group 1).")
    yellow: int = Field(ge=0, description="PENDING (group 2).")
    expiring: int = Field(ge=0, description="COMPLIANT, expiring within the warning window (group 3).")
    green: int = Field(ge=0, description="COMPLIANT beyond the warning window, or without expiry.")
    total: int = Field(ge=0, description="Active workers with an item for the course: red + yellow + expiring + green.")


class ComplianceSummary(ApiModel):
    items: list[CourseComplianceCounts] = Field(description="Every course, by name.")
    today: date = Field(description="The site's day the counts are judged on (SITE_TIMEZONE).")
    expiry_warning_days: int = Field(ge=0, description="The window that makes a COMPLIANT item expiring.")


def counts_of(course_id: str, course_name: str, course_code: str, ranked: list[Candidate]) -> CourseComplianceCounts:
    """A course's red/yellow/expiring/green counts from its ranking; people without an item are not counted."""
    with_item = [c for c in ranked if c.has_item]
    by_group = tuple(sum(1 for c in with_item if c.group == group) for group in (1, 2, 3, 4))
    return counts_from_groups(course_id, course_name, course_code, by_group)


def counts_from_groups(
    course_id: str, course_name: str, course_code: str, by_group: Sequence[int]
) -> CourseComplianceCounts:
    """A course's counts from the number of workers with an item in groups 1, 2, 3 and 4 (red to green)."""
    red, yellow, expiring, green = by_group
    return CourseComplianceCounts(
        course_id=course_id,
        course_name=course_name,
        course_code=course_code,
        red=red,
        yellow=yellow,
        expiring=expiring,
        green=green,
        total=red + yellow + expiring + green,
    )
