"""Compliance items (Module 2.0's data) and the rule that makes an expired pass read as red."""

from __future__ import annotations

from datetime import date
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
