"""Shared shapes of the JSON API: camelCase on the wire, snake_case in Python, partial updates, pages."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError, core_schema


def _document(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """The model's own additions to its JSON schema: its EXAMPLE, and what a PatchModel refuses."""
    schema.update(getattr(model, "SCHEMA_EXTRA", {}))
    example = getattr(model, "EXAMPLE", None)
    if example is not None:
        schema["examples"] = [example]
    not_null = getattr(model, "NOT_NULL", None)
    if not_null is None:
        return
    schema["minProperties"] = 1  # an empty patch changes nothing: 422
    aliases = {field.alias or name for name, field in model.model_fields.items() if name in not_null}
    for name, prop in schema.get("properties", {}).items():
        if name in aliases and "anyOf" in prop:
            options = [option for option in prop.pop("anyOf") if option.get("type") != "null"]
            prop.pop("default", None)
            if len(options) == 1:
                prop.update({key: value for key, value in options[0].items() if key not in prop})
            else:
                prop["anyOf"] = options


class ApiModel(BaseModel):
    """Wire model: camelCase aliases, unknown input keys ignored (as Zod's `z.object` strips them).

    A request model sets `EXAMPLE` (a valid body, camelCase): the OpenAPI document shows it.
    """

    EXAMPLE: ClassVar[dict[str, Any] | None] = None
    SCHEMA_EXTRA: ClassVar[dict[str, Any]] = {}

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, json_schema_extra=_document, defer_build=True
    )


# Text a person types: no control characters (they would also break the sort order of lists). The
# text as sent must fit the length and the pattern: a visible character, and spaces, tabs or new lines
# only around it; those are then trimmed (str.strip()). So the schema says exactly what is accepted.
_CONTROL = r"\x00-\x1f\x7f-\x9f"
_SPACE = r" \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # what strip() removes, less controls
_TRIMMED = rf"\t\n\x0b\x0c\r\x1c-\x1f\x85{_SPACE}"  # everything strip() removes
PRINTABLE = rf"^[{_TRIMMED}]*[^{_CONTROL}]*[^{_CONTROL}{_SPACE}][^{_CONTROL}]*[{_TRIMMED}]*$"
EMAIL = rf"^[{_TRIMMED}]*[^@{_CONTROL}{_SPACE}]+@[^@{_CONTROL}{_SPACE}]+\.[^@{_CONTROL}{_SPACE}]+[{_TRIMMED}]*$"
_trim = AfterValidator(str.strip)
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=PRINTABLE), _trim]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=PRINTABLE), _trim]
Remarks = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=PRINTABLE), _trim]
Email = Annotated[str, StringConstraints(max_length=254, pattern=EMAIL, to_lower=True), _trim]

# JSON numbers and booleans as they are: `true` is not 1 and "12" is not 12 (12.0 is 12: see api/http.py).
Count = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]


def _blank_is_none(value: Any) -> Any:
    """A form's empty optional field (`""`) means "none", not a value that fails validation."""
    return None if isinstance(value, str) and not value.strip() else value


class _BlankIsNone:
    """Reads a blank string as None, and says so in the JSON schema (a blank string is one more option)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(_blank_is_none, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        documented = handler(schema)
        blank = {"type": "string", "pattern": rf"^[{_TRIMMED}]*$", "description": "blank: the same as null"}
        if "anyOf" in documented:
            documented["anyOf"].append(blank)
            return documented
        return {"anyOf": [documented, blank]}


# Optional free text where an empty string means absent (an email, a location, a login id).
Blankable = _BlankIsNone()


class PatchModel(ApiModel):
    """A partial update: absent fields stay as they are.

    Subclasses list in `NOT_NULL` the fields a client may change but never clear, so an explicit
    `null` for one of them is a 422 naming the field rather than a silent wipe; the schema says so
    (those fields are not nullable, and an empty body has `minProperties: 1`).
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
