"""Use cases: each takes the store and plain values, applies the domain rules, raises domain errors."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from titan_training.domain.errors import FieldProblem, InvalidInput, NotFound

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def found(entity: T | None, kind: str, entity_id: str) -> T:
    """The entity, or NotFound naming what was looked for."""
    if entity is None:
        raise NotFound(kind, entity_id)
    return entity


def validated(model: type[M], data: dict[str, Any], location: str = "body") -> M:
    """`data` as `model`, or a 422 naming each bad field (for rules checked on merged state, not on input)."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        problems = [
            FieldProblem(location, ".".join(str(part) for part in error["loc"]), error["msg"], error["type"])
            for error in invalid.errors()
        ]
        raise InvalidInput(problems) from invalid
