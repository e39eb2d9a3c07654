"""Use cases: each takes the store and plain values, applies the domain rules, raises domain errors."""

from __future__ import annotations

from typing import TypeVar

from titan_training.domain.errors import NotFound

T = TypeVar("T")


def found(entity: T | None, kind: str, entity_id: str) -> T:
    """The entity, or NotFound naming what was looked for."""
    if entity is None:
        raise NotFound(kind, entity_id)
    return entity
