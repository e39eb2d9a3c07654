"""Personnel: the workers whose compliance the module turns from red to green."""

from __future__ import annotations

from typing import Annotated

from titan_training.domain.base import ApiModel, Blankable, Email, Flag, Name, PatchModel, ShortText
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId


class PersonnelCreate(ApiModel):
    EXAMPLE = {"firstName": "Ana", "lastName": "Silva", "employeeNo": "E-1042", "email": "ana.silva@example.com"}

    first_name: Name
    last_name: Name
    email: Annotated[Email | None, Blankable] = None
    employee_no: ShortText
    active: Flag = True


class PersonnelPatch(PatchModel):
    NOT_NULL = ("first_name", "last_name", "employee_no", "active")
    EXAMPLE = {"email": "ana.silva@example.org"}

    first_name: Name | None = None
    last_name: Name | None = None
    email: Annotated[Email | None, Blankable] = None
    employee_no: ShortText | None = None
    active: Flag | None = None


class Personnel(ApiModel):
    id: EntityId
    first_name: str
    last_name: str
    email: str | None
    employee_no: str
    active: bool
    created_at: Instant
    updated_at: Instant


def search_text(first_name: str, last_name: str, email: str | None, employee_no: str) -> str:
    """What `search` matches against: name, email and employee number, lower-cased."""
    return " ".join(part for part in (first_name, last_name, email or "", employee_no) if part).lower()
