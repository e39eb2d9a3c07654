"""What several aggregates' writes share: sort keys by name, edited fields, and unique-value claims."""

from __future__ import annotations

from typing import Any

from titan_training.domain.errors import Conflict, FieldProblem
from titan_training.store.items.base import SORT_SEPARATOR
from titan_training.store.items.unique import UniqueValueItem
from titan_training.store.transaction import Writes


def name_key(*parts: str) -> str:
    return SORT_SEPARATOR.join(part.strip().lower() for part in parts)


def edited(entity: Any) -> dict[str, Any]:
    return entity.model_dump(exclude={"id", "created_at"})


# The request field each kind of unique value comes from, so a 409 can point at it.
UNIQUE_FIELDS = {"COURSE_CODE": "code", "EMPLOYEE_NO": "employeeNo", "TRAINER_USER": "userId"}


def claim(kind: str, value: str, owner_id: str, label: str) -> tuple[UniqueValueItem, Any, Conflict]:
    item = UniqueValueItem(*UniqueValueItem.key(kind, value), owner_id=owner_id)
    message = f"{label} '{value}' is already in use"
    problem = FieldProblem("body", UNIQUE_FIELDS[kind], "is already in use (compared ignoring case)", "duplicate")
    return item, UniqueValueItem.pk.does_not_exist(), Conflict(message, details=[problem.__dict__])


def _release(kind: str, value: str, owner_id: str) -> tuple[UniqueValueItem, Any]:
    return UniqueValueItem(*UniqueValueItem.key(kind, value)), UniqueValueItem.owner_id == owner_id


def changed_unique_value(
    writes: Writes, kind: str, label: str, owner_id: str, old: str | None, new: str | None
) -> None:
    """Move a uniqueness claim from `old` to `new` inside the entity's own transaction."""
    if (old or "").strip().lower() == (new or "").strip().lower():
        return
    if old:
        item, condition = _release(kind, old, owner_id)
        writes.delete(item, condition=condition)
    if new:
        item, condition, error = claim(kind, new, owner_id, label)
        writes.save(item, condition=condition, error=error)
