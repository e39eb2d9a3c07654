"""Compliance items (Module 2.0's data), the rule that makes an expired pass read as red, and the
compliance engine: how session results set a worker's standing for a course (Module 3.3).

The engine keeps, on each compliance item, a baseline (what Module 2.0 or an admin last put) and the
outcome of every session applied since. A standing is always recomputed from both, outcomes taken
in order of completion, so the order in which sessions are finalized and competency records
verified never changes the answer: the most recent result by completion date wins, except that
a FAIL (or a pending verification) never lowers a COMPLIANT item that is still valid, and a PASS
never shortens a valid expiry (the later expiry wins).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from titan_training.domain.base import ApiModel
from titan_training.domain.clock import CalendarDate, Instant
from titan_training.domain.ids import EntityId


class ComplianceStatus(StrEnum):
    NON_COMPLIANT = "NON_COMPLIANT"
    PENDING = "PENDING"
    COMPLIANT = "COMPLIANT"


class ComplianceItemPut(ApiModel):
    EXAMPLE = {"status": "COMPLIANT", "expiryDate": "2027-11-22"}

    status: ComplianceStatus
    expiry_date: CalendarDate | None = Field(
        default=None, description="Last day the item is valid (site calendar); null: no expiry."
    )


class ComplianceItem(ApiModel):
    personnel_id: EntityId
    course_id: EntityId
    status: ComplianceStatus = Field(description="Effective status: an expired COMPLIANT item reads NON_COMPLIANT.")
    recorded_status: ComplianceStatus = Field(description="The status as it was last written.")
    expiry_date: date | None
    expired: bool
    updated_at: Instant


def is_expired(expiry_date: date | None, today: date) -> bool:
    """An item is valid through its expiry date and expired from the day after."""
    return expiry_date is not None and expiry_date < today


def effective_status(recorded: ComplianceStatus, expiry_date: date | None, today: date) -> ComplianceStatus:
    """What the dashboard shows today, with no job needed: a lapsed COMPLIANT item is NON_COMPLIANT."""
    if recorded is ComplianceStatus.COMPLIANT and is_expired(expiry_date, today):
        return ComplianceStatus.NON_COMPLIANT
    return recorded


# --- The compliance engine --------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """A compliance item's state as the engine sees it: `status` None means no item."""

    status: ComplianceStatus | None
    expiry_date: date | None  # last valid day, site calendar; None: no expiry


class OutcomeKind(StrEnum):
    PASSED = "PASSED"  # a PASSED training record, or a VERIFIED competency
    FAILED = "FAILED"  # a FAILED training record, or a REJECTED competency
    PENDING_VERIFICATION = "PENDING_VERIFICATION"  # a pass awaiting verification (SPEC-4.1)


@dataclass(frozen=True)
class Outcome:
    """One session's result for one worker, as the compliance item keeps it."""

    session_id: str
    completed_at: datetime  # the session's end (UTC instant): outcomes apply in this order
    kind: OutcomeKind
    expiry_date: date | None = None  # PASSED only: completion day + the course's validity, site calendar


@dataclass(frozen=True)
class ComplianceHistory:
    """What a standing is computed from: the baseline put by Module 2.0 or an admin, and the outcomes
    of the sessions applied since (one per session: a verification replaces the pending outcome)."""

    baseline: Standing
    outcomes: tuple[Outcome, ...] = ()

    def with_outcome(self, outcome: Outcome) -> ComplianceHistory:
        kept = tuple(o for o in self.outcomes if o.session_id != outcome.session_id)
        return replace(self, outcomes=(*kept, outcome))

    def standing(self, today: date) -> Standing:
        return standing_from(self.baseline, self.outcomes, today)


def standing_from(baseline: Standing, outcomes: Iterable[Outcome], today: date) -> Standing:
    """The standing after applying `outcomes` to `baseline` in order of completion (ties: session id).

    `today` is the site's calendar day, against which "still valid" is judged. The result depends on
    the set of outcomes, never on the order they arrived in.
    """
    standing = baseline
    for outcome in sorted(outcomes, key=lambda o: (o.completed_at, o.session_id)):
        if outcome.kind is OutcomeKind.PASSED:
            standing = after_pass(standing, outcome.expiry_date)
        elif outcome.kind is OutcomeKind.FAILED:
            standing = after_fail(standing, today)
        else:
            standing = after_pending_competency(standing, today)
    return standing


def after_pass(current: Standing, expiry: date | None) -> Standing:
    """PASSED makes the worker COMPLIANT until the later of the new expiry and a COMPLIANT item's own
    (None, no expiry, is the latest of all): a pass never shortens an expiry."""
    if current.status is ComplianceStatus.COMPLIANT and (current.expiry_date is None or expiry is None):
        return Standing(ComplianceStatus.COMPLIANT, None)
    if current.status is ComplianceStatus.COMPLIANT:
        return Standing(ComplianceStatus.COMPLIANT, max(expiry, current.expiry_date))
    return Standing(ComplianceStatus.COMPLIANT, expiry)


def after_pending_competency(current: Standing, today: date) -> Standing:
    """A pass awaiting verification makes the worker PENDING, unless COMPLIANT and still valid."""
    if _valid(current, today):
        return current
    return Standing(ComplianceStatus.PENDING, None)


def after_fail(current: Standing, today: date) -> Standing:
    """FAILED never lowers a COMPLIANT item that is still valid; otherwise the worker is NON_COMPLIANT."""
    if _valid(current, today):
        return current
    return Standing(ComplianceStatus.NON_COMPLIANT, current.expiry_date)


def _valid(current: Standing, today: date) -> bool:
    return current.status is ComplianceStatus.COMPLIANT and not is_expired(current.expiry_date, today)
