"""Personnel library use cases."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.base import Page
from titan_training.domain.ids import new_id
from titan_training.domain.personnel import Personnel, PersonnelCreate, PersonnelPatch
from titan_training.services import found
from titan_training.store.table import TrainingTable


def create_personnel(store: TrainingTable, new: PersonnelCreate, now: datetime) -> Personnel:
    person = Personnel(id=new_id(), created_at=now, updated_at=now, **new.model_dump())
    store.personnel.create_personnel(person)
    return person


def get_personnel(store: TrainingTable, personnel_id: str) -> Personnel:
    return found(store.personnel.get_personnel(personnel_id), "Personnel", personnel_id)


def list_personnel(store: TrainingTable, search: str | None, limit: int, next_token: str | None) -> Page[Personnel]:
    items, token = store.personnel.list_personnel(search, limit, next_token)
    return Page[Personnel](items=items, next_token=token)


def update_personnel(store: TrainingTable, personnel_id: str, patch: PersonnelPatch, now: datetime) -> Personnel:
    before = get_personnel(store, personnel_id)
    after = before.model_copy(update={**patch.changes(), "updated_at": now})
    store.personnel.update_personnel(before, after)
    return after
