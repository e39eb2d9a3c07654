"""Compliance items: recorded by Module 2.0 (or the Finalize Gate), read with their effective status."""

from __future__ import annotations

from datetime import date, datetime

from titan_training.domain.base import Page
from titan_training.domain.compliance import ComplianceItem, ComplianceItemPut, effective_status, is_expired
from titan_training.services import found
from titan_training.store.personnel import StoredCompliance
from titan_training.store.table import TrainingTable


def _view(stored: StoredCompliance, today: date) -> ComplianceItem:
    return ComplianceItem(
        personnel_id=stored.personnel_id,
        course_id=stored.course_id,
        status=effective_status(stored.status, stored.expiry_date, today),
        recorded_status=stored.status,
        expiry_date=stored.expiry_date,
        expired=is_expired(stored.expiry_date, today),
        updated_at=stored.updated_at,
    )


def put_compliance_item(
    store: TrainingTable, personnel_id: str, course_id: str, item: ComplianceItemPut, now: datetime, today: date
) -> ComplianceItem:
    stored = store.personnel.put_compliance_item(personnel_id, course_id, item.status, item.expiry_date, now)
    return _view(stored, today)


def list_personnel_compliance(
    store: TrainingTable, personnel_id: str, limit: int, next_token: str | None, today: date
) -> Page[ComplianceItem]:
    found(store.personnel.get_personnel(personnel_id), "Personnel", personnel_id)
    items, token = store.personnel.list_compliance_for_personnel(personnel_id, limit, next_token)
    return Page[ComplianceItem](items=[_view(item, today) for item in items], next_token=token)


def list_course_compliance(
    store: TrainingTable, course_id: str, limit: int, next_token: str | None, today: date
) -> Page[ComplianceItem]:
    found(store.courses.get_course(course_id), "Course", course_id)
    items, token = store.personnel.list_compliance_for_course(course_id, limit, next_token)
    return Page[ComplianceItem](items=[_view(item, today) for item in items], next_token=token)
