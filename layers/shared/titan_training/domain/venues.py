"""Venues: where sessions happen, and how many people fit."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from titan_training.domain.base import ApiModel, Blankable, Count, Name, PatchModel
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId

MAX_CAPACITY = 100_000


class VenueCreate(ApiModel):
    EXAMPLE = {"name": "Training Room A", "location": "Admin building, level 1", "capacity": 20}

    name: Name
    location: Annotated[Name | None, Blankable] = None
    capacity: Count = Field(ge=1, le=MAX_CAPACITY)


class VenuePatch(PatchModel):
    NOT_NULL = ("name", "capacity")
    EXAMPLE = {"capacity": 24}

    name: Name | None = None
    location: Annotated[Name | None, Blankable] = None
    capacity: Count | None = Field(default=None, ge=1, le=MAX_CAPACITY)


class Venue(ApiModel):
    id: EntityId
    name: str
    location: str | None
    capacity: int
    created_at: Instant
    updated_at: Instant
