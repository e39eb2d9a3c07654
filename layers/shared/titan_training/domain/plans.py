"""Plans on the wire (`POST /plans`, `GET /plans/{planId}`) and the demand a plan must cover.

The computation itself is domain/planning.py; this module turns an admin's request into its rules,
the compliance items into needs (`needs_of`), and a computed `Plan` into what the API answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from titan_training.domain.base import ApiModel, Count
from titan_training.domain.clock import CalendarDate, Instant
from titan_training.domain.compliance import ComplianceStatus, effective_status
from titan_training.domain.ids import EntityId
from titan_training.domain.planning import (
    MAX_WEEKS,
    Need,
    Plan,
    PlanProblem,
    PlanRules,
    Priority,
    UncoveredReason,
    due_before_expiry,
    horizon,
)
from titan_training.domain.sessions import SessionChange

PLAN_LIFETIME = timedelta(days=7)  # a plan is kept (and can be accepted) for a week
DEFAULT_SESSION_MINUTES = 240  # a course without durationMinutes is planned as a half day
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY codes, Monday first
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class PlanStatus(StrEnum):
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


class PlanConstraints(ApiModel):
    """The rules a proposal keeps; each has a default."""

    day_start: ClockTime = Field(default="08:00", description="Teaching starts, site wall clock (HH:MM).")
    day_end: ClockTime = Field(default="17:00", description="Teaching ends, site wall clock (HH:MM).")
    weekdays: list[Annotated[str, StringConstraints(pattern=r"^(MO|TU|WE|TH|FR|SA|SU)$")]] = Field(
        default_factory=lambda: ["MO", "TU", "WE", "TH", "FR"],
        min_length=1,
        max_length=7,
        description="Teaching days (RFC 5545 BYDAY codes).",
    )
    max_trainer_hours_per_week: Count = Field(
        default=20, ge=1, le=60, description="A trainer's booked hours per ISO week, existing sessions counted."
    )
    min_class_size: Count = Field(default=3, ge=1, le=500, description="The smallest class worth running.")
    default_session_minutes: Count = Field(
        default=DEFAULT_SESSION_MINUTES,
        ge=15,
        le=24 * 60,
        description="The session length of a course without durationMinutes.",
    )
    time_limit_seconds: Count = Field(default=20, ge=1, le=120, description="How long the solver may search.")

    @model_validator(mode="after")
    def _day_ends_after_it_starts(self) -> PlanConstraints:
        if self.day_end <= self.day_start:
            raise ValueError("dayEnd must be after dayStart")
        return self


class PlanRequest(ApiModel):
    EXAMPLE = {"startDate": "2026-12-07", "weeks": 4, "constraints": {"maxTrainerHoursPerWeek": 20}}

    start_date: CalendarDate = Field(description="The horizon's first day (site calendar).")
    weeks: Count = Field(ge=1, le=MAX_WEEKS, description=f"The horizon's length: 1 to {MAX_WEEKS} weeks.")
    course_ids: list[EntityId] | None = Field(
        default=None,
        max_length=200,
        description="The courses to cover; default: every course with red, yellow or expiring workers.",
    )
    constraints: PlanConstraints = Field(default_factory=PlanConstraints)

    @field_validator("course_ids")
    @classmethod
    def _distinct(cls, value: list[str] | None) -> list[str] | None:
        return list(dict.fromkeys(value)) if value is not None else None

    def rules(self, site_timezone: str) -> PlanRules:
        c = self.constraints
        return PlanRules(
            start_date=self.start_date,
            weeks=self.weeks,
            site_timezone=site_timezone,
            day_start=time.fromisoformat(c.day_start),
            day_end=time.fromisoformat(c.day_end),
            weekdays=frozenset(WEEKDAY_CODES.index(code) for code in c.weekdays),
            weekly_cap_minutes=c.max_trainer_hours_per_week * 60,
            min_class_size=c.min_class_size,
            time_limit_seconds=float(c.time_limit_seconds),
        )


class Urgency(StrEnum):
    RED = "RED"
    YELLOW = "YELLOW"
    EXPIRING = "EXPIRING"


class PlannedWorker(ApiModel):
    personnel_id: EntityId
    name: str = Field(description="First and last name, as the directory had them when the plan was computed.")
    urgency: Urgency


class ProposedSessionView(ApiModel):
    course_id: EntityId
    course_name: str = ""
    trainer_id: EntityId
    trainer_name: str = ""
    venue_id: EntityId
    venue_name: str = ""
    start_time: Instant
    end_time: Instant
    personnel_ids: list[EntityId] = Field(description="The class list, earliest due first.")
    workers: list[PlannedWorker] = Field(default_factory=list, description="The class list with names and urgency.")


class UncoveredWorker(ApiModel):
    personnel_id: EntityId
    name: str = ""
    urgency: Urgency | None = None
    course_id: EntityId
    reason: UncoveredReason = Field(
        description=(
            "NO_QUALIFIED_TRAINER, NO_VENUE (none seats the smallest class), BELOW_MIN_CLASS_SIZE (too few "
            "due for a class worth running), LONGER_THAN_TEACHING_DAY (the course's session does not fit one teaching "
            "day: multi-day courses are not planned), NO_TRAINER_HOURS_BEFORE_DUE (no free qualified trainer, room "
            "or week under the cap before the worker's due date)."
        )
    )


class Coverage(ApiModel):
    due: int = Field(ge=0, description="Workers (per course) the plan had to cover.")
    covered: int = Field(ge=0)
    red: int = Field(ge=0, description="Red workers covered.")
    yellow: int = Field(ge=0, description="Yellow (pending) workers covered.")
    expiring: int = Field(ge=0, description="Expiring workers covered.")
    sessions: int = Field(ge=0)
    trainer_hours: float = Field(ge=0)


class PlanView(ApiModel):
    id: EntityId
    status: PlanStatus
    request: PlanRequest
    created_at: Instant
    expires_at: Instant = Field(description="Seven days after the request: the plan is gone after that.")
    completed_at: Instant | None = None
    solver: str | None = Field(default=None, description="CP-SAT, or greedy when the solver found nothing better.")
    optimal: bool | None = Field(default=None, description="Proven optimal (else the best found in time).")
    coverage: Coverage | None = None
    sessions: list[ProposedSessionView] | None = None
    uncovered: list[UncoveredWorker] | None = None
    error: str | None = Field(default=None, description="Why a FAILED plan failed.")
    accepted_at: Instant | None = Field(default=None, description="When its drafts were created (it is accepted once).")
    accepted_session_ids: list[EntityId] | None = Field(default=None, description="The drafts created from it.")


MAX_ACCEPTED = 99  # drafts one acceptance creates: they appear together in one transaction of 100 items


class PlanAcceptance(ApiModel):
    EXAMPLE = {"sessions": [0, 2]}

    sessions: list[Annotated[int, Field(ge=0)]] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_ACCEPTED,
        description=f"Positions (from 0) in the plan's `sessions` to create; default: all (at most {MAX_ACCEPTED}).",
        json_schema_extra={"uniqueItems": True},
    )

    @field_validator("sessions")
    @classmethod
    def _distinct(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each session may be named once")
        return value


class AcceptedPlan(ApiModel):
    plan_id: EntityId
    items: list[SessionChange] = Field(description="The drafts created, in the plan's order, each with its class list.")


def result_of(problem: PlanProblem, plan: Plan, names: Mapping[str, str]) -> dict:
    """What a DONE plan stores and answers besides its request: solver, coverage, sessions, uncovered.
    `names`: a display name by id, for the courses, trainers, venues and workers it names."""
    by_priority = plan.covered_by_priority(problem)
    urgency = {(n.personnel_id, n.course_id): Urgency(n.priority.name) for n in problem.needs}

    def workers(course_id: str, personnel_ids: Iterable[str]) -> list[PlannedWorker]:
        return [
            PlannedWorker(personnel_id=p, name=names.get(p, ""), urgency=urgency[(p, course_id)]) for p in personnel_ids
        ]

    return {
        "solver": plan.solver,
        "optimal": plan.optimal,
        "coverage": Coverage(
            due=len(problem.needs),
            covered=plan.covered,
            red=by_priority[Priority.RED],
            yellow=by_priority[Priority.YELLOW],
            expiring=by_priority[Priority.EXPIRING],
            sessions=len(plan.sessions),
            trainer_hours=plan.trainer_minutes / 60,
        ),
        "sessions": [
            ProposedSessionView(
                course_id=s.course_id,
                course_name=names.get(s.course_id, ""),
                trainer_id=s.trainer_id,
                trainer_name=names.get(s.trainer_id, ""),
                venue_id=s.venue_id,
                venue_name=names.get(s.venue_id, ""),
                start_time=s.start,
                end_time=s.end,
                personnel_ids=list(s.personnel_ids),
                workers=workers(s.course_id, s.personnel_ids),
            )
            for s in plan.sessions
        ],
        "uncovered": [
            UncoveredWorker(
                personnel_id=u.personnel_id,
                name=names.get(u.personnel_id, ""),
                urgency=urgency[(u.personnel_id, u.course_id)],
                course_id=u.course_id,
                reason=u.reason,
            )
            for u in plan.uncovered
        ],
    }


def needs_of(
    rules: PlanRules,
    today: date,
    items: Mapping[str, Iterable[tuple[str, ComplianceStatus, date | None]]],
    active: set[str],
    booked: Mapping[tuple[str, str], Iterable[datetime]],
) -> list[Need]:
    """The workers a plan must cover, per course (issue 13's demand).

    `items`: per course id, its compliance items as (personnel id, recorded status, expiry date);
    `active`: the active workers' ids; `booked`: per (personnel id, course id), the end instants of the
    SCHEDULED sessions of that course the worker is already on. A worker is due when active and their
    item, as of `today` on the site's calendar, is NON_COMPLIANT (red, a lapsed pass included) or
    PENDING (yellow), due by the horizon's end, or COMPLIANT expiring before the horizon ends
    (expiring, due before the expiry day; expiring before the horizon starts makes them red by then).
    A worker already on a SCHEDULED session of the course ending by their due instant is not due.
    """
    first, last = horizon(rules)
    needs = []
    for course_id, rows in items.items():
        for personnel_id, recorded, expiry in rows:
            if personnel_id not in active:
                continue
            status = effective_status(recorded, expiry, today)
            if status is ComplianceStatus.NON_COMPLIANT:
                priority, due = Priority.RED, last
            elif status is ComplianceStatus.PENDING:
                priority, due = Priority.YELLOW, last
            elif expiry is not None and due_before_expiry(expiry, rules) < last:
                due = due_before_expiry(expiry, rules)
                priority, due = (Priority.EXPIRING, due) if due > first else (Priority.RED, last)
            else:
                continue
            if any(end <= due for end in booked.get((personnel_id, course_id), ())):
                continue
            needs.append(Need(personnel_id, course_id, priority, due))
    return needs
