"""Shared shapes of the JSON API: camelCase on the wire, snake_case in Python, partial updates, pages."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict, StringConstraints, field_validator, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError


class ApiModel(BaseModel):
    """Wire model: camelCase aliases, unknown input keys ignored (as Zod's `z.object` strips them)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, str_strip_whitespace=True)


# Text a person types: no control characters (they would also break the sort order of lists).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=PRINTABLE)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=PRINTABLE)]
Email = Annotated[str, StringConstraints(max_length=254, pattern=EMAIL, to_lower=True)]

# JSON numbers and booleans as they are: `true` is not 1 and "12" is not 12.
Count = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]


def _blank_is_none(value: Any) -> Any:
    """A form's empty optional field (`""`) means "none", not a value that fails validation."""
    return None if isinstance(value, str) and not value.strip() else value


# Optional free text where an empty string means absent (an email, a location, a login id).
Blankable = BeforeValidator(_blank_is_none)


class PatchModel(ApiModel):
    """A partial update: absent fields stay as they are.

    Subclasses list in `NOT_NULL` the fields a client may change but never clear, so an explicit
    `null` for one of them is a 422 naming the field rather than a silent wipe.
    """

    NOT_NULL: ClassVar[tuple[str, ...]] = ()

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_null(cls, value: Any, info: Any) -> Any:
        if value is None and info.field_name in cls.NOT_NULL:
            raise PydanticCustomError("null_not_allowed", "may not be null")
        return value

    @model_validator(mode="after")
    def _something_to_change(self) -> PatchModel:
        if not self.model_fields_set:
            fields = ", ".join(field.alias or name for name, field in type(self).model_fields.items())
            raise PydanticCustomError(
                "no_change", "Nothing to change: send one or more of {fields}", {"fields": fields}
            )
        return self

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, by Python name."""
        return {name: getattr(self, name) for name in self.model_fields_set}


ItemT = TypeVar("ItemT")


class Page(ApiModel, Generic[ItemT]):
    """One page of a list: pass `nextToken` back to get the next; null means the end."""

    items: list[ItemT]
    next_token: str | None = None
