"""Wire models: cuid ids, create-model validation, partial updates, and UTC instants."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from titan_training.domain import ids
from titan_training.domain.base import ApiModel, Page
from titan_training.domain.clock import Instant
from titan_training.domain.courses import MAX_VALIDITY_MONTHS, CourseCreate, CoursePatch
from titan_training.domain.ids import CUID_PATTERN, EntityId, new_id
from titan_training.domain.personnel import PersonnelCreate, PersonnelPatch
from titan_training.domain.trainers import TrainerCreate, TrainerPatch
from titan_training.domain.venues import MAX_CAPACITY, VenueCreate, VenuePatch

ENTITY_ID = TypeAdapter(EntityId)
INSTANT = TypeAdapter(Instant)


def errors_of(model: type[BaseModel], data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as failure:
        model.model_validate(data)
    return failure.value.errors()


def locs(errors: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {tuple(error["loc"]) for error in errors}


# --- ids ---------------------------------------------------------------------------------------------------------


def test_new_id_is_a_lowercase_base36_cuid() -> None:
    identifier = new_id()

    assert re.fullmatch(r"c[0-9a-z]{24}", identifier), identifier
    assert len(identifier) == 25
    assert re.fullmatch(CUID_PATTERN, identifier)
    assert ENTITY_ID.validate_python(identifier) == identifier


def test_a_thousand_new_ids_are_unique() -> None:
    identifiers = [new_id() for _ in range(1000)]

    assert len(set(identifiers)) == 1000
    assert all(re.fullmatch(r"c[0-9a-z]{24}", identifier) for identifier in identifiers)


def test_new_id_carries_the_creation_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a clock at a known millisecond
    millis = 1_773_000_000_123
    monkeypatch.setattr(ids.time, "time_ns", lambda: millis * 1_000_000 + 999_999)

    # When an id is made
    identifier = new_id()

    # Then characters 1-8 are that millisecond in base 36
    assert int(identifier[1:9], 36) == millis


def test_new_id_pads_an_early_timestamp_to_eight_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a clock at the epoch
    monkeypatch.setattr(ids.time, "time_ns", lambda: 0)

    # When an id is made
    identifier = new_id()

    # Then the time part is zero-padded and the id keeps its length
    assert identifier[1:9] == "00000000"
    assert len(identifier) == 25


def test_later_ids_sort_after_earlier_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given ids made a millisecond apart
    clock = iter([1_773_000_000_000, 1_773_000_000_001, 1_773_000_001_000])
    monkeypatch.setattr(ids.time, "time_ns", lambda: next(clock) * 1_000_000)

    # When they are made in order
    made = [new_id(), new_id(), new_id()]

    # Then text order is creation order
    assert sorted(made) == made


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("cjld2cjxh0000qzrmn831i7rn", id="prisma-cuid"),
        pytest.param("Cjld2cjxh0000qzrmn831i7rn", id="uppercase-leading-C"),
        pytest.param("c12345678", id="shortest-nine-chars"),
        pytest.param("c" + "a" * 63, id="longest-64-chars"),
    ],
)
def test_entity_id_accepts_cuids(value: str) -> None:
    assert ENTITY_ID.validate_python(value) == value


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("abc", id="not-starting-with-c"),
        pytest.param("c123", id="too-short"),
        pytest.param("c1234567", id="one-too-short"),
        pytest.param("c-abcdefgh", id="hyphen"),
        pytest.param("c abcdefgh", id="space"),
        pytest.param("cabcd\tefgh", id="tab"),
        pytest.param("cabcdefgh\n", id="trailing-newline"),
        pytest.param("xjld2cjxh0000qzrmn831i7rn", id="wrong-leading-letter"),
        pytest.param("", id="empty"),
        pytest.param("c" + "a" * 64, id="over-64-chars"),
    ],
)
def test_entity_id_rejects_non_cuids(value: str) -> None:
    with pytest.raises(ValidationError):
        ENTITY_ID.validate_python(value)


# --- create models -----------------------------------------------------------------------------------------------


def test_course_create_reads_camel_case() -> None:
    # Given a body in the wire's camelCase
    body = {"name": "Working at Height", "code": "WAH-01", "validityMonths": 24, "requiresVerification": True}

    # When validated
    course = CourseCreate.model_validate(body)

    # Then the snake_case fields are set, and it dumps back to camelCase
    assert course.name == "Working at Height"
    assert course.code == "WAH-01"
    assert course.validity_months == 24
    assert course.requires_verification is True
    assert course.duration_minutes is None
    assert course.model_dump(by_alias=True) == {
        "name": "Working at Height",
        "code": "WAH-01",
        "validityMonths": 24,
        "requiresVerification": True,
        "durationMinutes": None,
        "expiryAlertDays": None,
    }


def test_course_create_defaults() -> None:
    course = CourseCreate.model_validate({"name": "First Aid", "code": "FA"})

    assert course.validity_months is None
    assert course.requires_verification is False
    assert course.duration_minutes is None


@pytest.mark.parametrize(
    ("model", "body", "missing"),
    [
        pytest.param(CourseCreate, {"code": "FA"}, {("name",)}, id="course-name"),
        pytest.param(CourseCreate, {"name": "First Aid"}, {("code",)}, id="course-code"),
        pytest.param(CourseCreate, {}, {("name",), ("code",)}, id="course-everything"),
        pytest.param(VenueCreate, {"name": "Hall A"}, {("capacity",)}, id="venue-capacity"),
        pytest.param(VenueCreate, {"capacity": 10}, {("name",)}, id="venue-name"),
        pytest.param(
            PersonnelCreate,
            {"firstName": "Ada"},
            {("lastName",), ("employeeNo",)},
            id="personnel-last-name-and-employee-no",
        ),
        pytest.param(TrainerCreate, {"lastName": "Lovelace"}, {("firstName",)}, id="trainer-first-name"),
    ],
)
def test_missing_required_fields_are_named_in_camel_case(
    model: type[BaseModel], body: dict[str, Any], missing: set[tuple[str, ...]]
) -> None:
    # When a body lacks required fields
    errors = errors_of(model, body)

    # Then each is reported as missing, under its wire name
    assert {tuple(error["loc"]) for error in errors if error["type"] == "missing"} == missing


@pytest.mark.parametrize(
    ("model", "base", "field", "value", "valid"),
    [
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", 0, False, id="capacity-0"),
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", -5, False, id="capacity-negative"),
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", 1, True, id="capacity-1"),
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", MAX_CAPACITY, True, id="capacity-max"),
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", MAX_CAPACITY + 1, False, id="capacity-over-max"),
        pytest.param(VenueCreate, {"name": "Hall"}, "capacity", 2.5, False, id="capacity-fraction"),
        pytest.param(CourseCreate, {"name": "FA", "code": "FA"}, "validityMonths", 0, False, id="validity-0"),
        pytest.param(CourseCreate, {"name": "FA", "code": "FA"}, "validityMonths", 1, True, id="validity-1"),
        pytest.param(
            CourseCreate, {"name": "FA", "code": "FA"}, "validityMonths", MAX_VALIDITY_MONTHS, True, id="validity-max"
        ),
        pytest.param(
            CourseCreate,
            {"name": "FA", "code": "FA"},
            "validityMonths",
            MAX_VALIDITY_MONTHS + 1,
            False,
            id="validity-over-max",
        ),
        pytest.param(CourseCreate, {"name": "FA", "code": "FA"}, "durationMinutes", 0, False, id="duration-0"),
        pytest.param(
            CourseCreate, {"name": "FA", "code": "FA"}, "durationMinutes", 14 * 24 * 60, True, id="duration-14-days"
        ),
        pytest.param(
            CourseCreate,
            {"name": "FA", "code": "FA"},
            "durationMinutes",
            14 * 24 * 60 + 1,
            False,
            id="duration-over-14-days",
        ),
        pytest.param(CourseCreate, {"code": "FA"}, "name", "x" * 200, True, id="name-200-chars"),
        pytest.param(CourseCreate, {"code": "FA"}, "name", "x" * 201, False, id="name-201-chars"),
        pytest.param(CourseCreate, {"name": "FA"}, "code", "x" * 100, True, id="code-100-chars"),
        pytest.param(CourseCreate, {"name": "FA"}, "code", "x" * 101, False, id="code-101-chars"),
        pytest.param(CourseCreate, {"name": "FA"}, "code", "", False, id="code-empty"),
    ],
)
def test_bounds(model: type[BaseModel], base: dict[str, Any], field: str, value: Any, valid: bool) -> None:
    # Given an otherwise valid body with one field at or past a bound
    body = {**base, field: value}

    # When / Then it is accepted or refused, and a refusal names that field
    if valid:
        model.model_validate(body)
    else:
        assert locs(errors_of(model, body)) == {(field,)}


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        pytest.param("Ada@Example.COM", "ada@example.com", id="mixed-case"),
        pytest.param("  ada@example.com  ", "ada@example.com", id="padded"),
        pytest.param(" ADA.LOVELACE+HSE@SITE.EXAMPLE.CO.UK ", "ada.lovelace+hse@site.example.co.uk", id="upper-padded"),
    ],
)
@pytest.mark.parametrize("model", [PersonnelCreate, TrainerCreate])
def test_email_is_trimmed_and_lower_cased(model: type[BaseModel], raw: str, stored: str) -> None:
    body = {"firstName": "Ada", "lastName": "Lovelace", "employeeNo": "E-1", "email": raw}

    assert model.model_validate(body).email == stored  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("not-an-email", id="no-at"),
        pytest.param("ada@example", id="no-dot-in-domain"),
        pytest.param("ada lovelace@example.com", id="space-inside"),
        pytest.param("ada@@example.com", id="two-ats"),
        pytest.param("@example.com", id="no-local-part"),
        pytest.param("a" * 245 + "@example.com", id="over-254-chars"),
    ],
)
@pytest.mark.parametrize("model", [PersonnelCreate, TrainerCreate])
def test_invalid_email_is_refused(model: type[BaseModel], email: str) -> None:
    body = {"firstName": "Ada", "lastName": "Lovelace", "employeeNo": "E-1", "email": email}

    assert locs(errors_of(model, body)) == {("email",)}


@pytest.mark.parametrize("model", [PersonnelCreate, TrainerCreate])
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_email_from_a_form_means_none(model: type[BaseModel], blank: str) -> None:
    body = {"firstName": "Ada", "lastName": "Lovelace", "employeeNo": "E-1", "email": blank}

    assert model.model_validate(body).email is None


def test_email_is_optional() -> None:
    person = PersonnelCreate.model_validate({"firstName": "Ada", "lastName": "Lovelace", "employeeNo": "E-1"})

    assert person.email is None
    assert person.active is True


def test_whitespace_is_stripped_from_strings() -> None:
    # Given padded names and codes
    body = {"name": "  Working at Height\t", "code": "\nWAH-01  "}

    # When validated
    course = CourseCreate.model_validate(body)

    # Then the padding is gone
    assert (course.name, course.code) == ("Working at Height", "WAH-01")


@pytest.mark.parametrize(
    ("model", "body", "field"),
    [
        pytest.param(CourseCreate, {"name": "   ", "code": "FA"}, "name", id="course-name"),
        pytest.param(VenueCreate, {"name": "\t\n", "capacity": 5}, "name", id="venue-name"),
        pytest.param(
            PersonnelCreate, {"firstName": "Ada", "lastName": "Lovelace", "employeeNo": "  "}, "employeeNo", id="emp"
        ),
    ],
)
def test_whitespace_only_text_is_empty_and_refused(model: type[BaseModel], body: dict[str, Any], field: str) -> None:
    assert locs(errors_of(model, body)) == {(field,)}


def test_unknown_keys_are_ignored() -> None:
    # Given a body with keys no model field has
    body = {"name": "Hall A", "capacity": 30, "colour": "blue", "id": "cjld2cjxh0000qzrmn831i7rn"}

    # When validated
    venue = VenueCreate.model_validate(body)

    # Then they are dropped, not stored or refused
    assert venue.model_dump() == {"name": "Hall A", "location": None, "capacity": 30}
    assert not hasattr(venue, "colour")


def test_snake_case_names_are_accepted_too() -> None:
    person = PersonnelCreate.model_validate({"first_name": "Ada", "last_name": "Lovelace", "employee_no": "E-1"})

    assert (person.first_name, person.last_name, person.employee_no) == ("Ada", "Lovelace", "E-1")


# --- partial updates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "wire_name"),
    [
        pytest.param(CoursePatch, "name", id="course-name"),
        pytest.param(CoursePatch, "code", id="course-code"),
        pytest.param(CoursePatch, "requiresVerification", id="course-requires-verification"),
        pytest.param(VenuePatch, "name", id="venue-name"),
        pytest.param(VenuePatch, "capacity", id="venue-capacity"),
        pytest.param(PersonnelPatch, "firstName", id="personnel-first-name"),
        pytest.param(PersonnelPatch, "lastName", id="personnel-last-name"),
        pytest.param(PersonnelPatch, "employeeNo", id="personnel-employee-no"),
        pytest.param(PersonnelPatch, "active", id="personnel-active"),
        pytest.param(TrainerPatch, "firstName", id="trainer-first-name"),
        pytest.param(TrainerPatch, "lastName", id="trainer-last-name"),
    ],
)
def test_explicit_null_for_a_not_null_field_is_refused_naming_it(model: type[BaseModel], wire_name: str) -> None:
    # When a patch sets a never-clearable field to null
    errors = errors_of(model, {wire_name: None})

    # Then exactly that field is refused, as null_not_allowed
    assert [(tuple(error["loc"]), error["type"]) for error in errors] == [((wire_name,), "null_not_allowed")]
    assert errors[0]["msg"] == "may not be null"


def test_every_null_not_allowed_field_is_reported_at_once() -> None:
    errors = errors_of(CoursePatch, {"name": None, "code": None, "validityMonths": None})

    assert locs(errors) == {("name",), ("code",)}


@pytest.mark.parametrize(
    ("model", "wire_name", "python_name"),
    [
        pytest.param(CoursePatch, "validityMonths", "validity_months", id="course-validity-months"),
        pytest.param(CoursePatch, "durationMinutes", "duration_minutes", id="course-duration-minutes"),
        pytest.param(VenuePatch, "location", "location", id="venue-location"),
        pytest.param(PersonnelPatch, "email", "email", id="personnel-email"),
        pytest.param(TrainerPatch, "email", "email", id="trainer-email"),
        pytest.param(TrainerPatch, "userId", "user_id", id="trainer-user-id"),
    ],
)
def test_explicit_null_for_a_nullable_field_is_a_change(model: type, wire_name: str, python_name: str) -> None:
    # When a patch clears a nullable field
    patch = model.model_validate({wire_name: None})

    # Then the clearing is a change, by Python name
    assert patch.changes() == {python_name: None}


def test_absent_fields_are_not_changes() -> None:
    # Given a patch naming only the name
    patch = CoursePatch.model_validate({"name": "  Renamed  "})

    # When its changes are read
    changes = patch.changes()

    # Then only the sent field is there (stripped), not the other fields' None defaults
    assert changes == {"name": "Renamed"}
    assert "validity_months" not in changes
    assert "requires_verification" not in changes


@pytest.mark.parametrize("body", [{}, {"unknownField": 1}])
def test_a_patch_must_name_something_to_change(body: dict) -> None:
    errors = errors_of(CoursePatch, body)

    assert [error["type"] for error in errors] == ["no_change"]
    assert "name, code, validityMonths, requiresVerification, durationMinutes" in errors[0]["msg"]


def test_patch_changes_mix_values_and_nulls() -> None:
    patch = CoursePatch.model_validate({"code": "FA-2", "validityMonths": None, "requiresVerification": False})

    assert patch.changes() == {"code": "FA-2", "validity_months": None, "requires_verification": False}


@pytest.mark.parametrize(
    ("model", "body", "field"),
    [
        pytest.param(CoursePatch, {"validityMonths": 0}, "validityMonths", id="validity-0"),
        pytest.param(VenuePatch, {"capacity": 0}, "capacity", id="capacity-0"),
        pytest.param(CoursePatch, {"name": "   "}, "name", id="blank-name"),
        pytest.param(PersonnelPatch, {"email": "nope"}, "email", id="bad-email"),
    ],
)
def test_patch_values_obey_the_create_bounds(model: type[BaseModel], body: dict[str, Any], field: str) -> None:
    assert locs(errors_of(model, body)) == {(field,)}


def test_patch_email_is_lower_cased() -> None:
    assert PersonnelPatch.model_validate({"email": " Ada@Example.COM"}).changes() == {"email": "ada@example.com"}


# --- instants ----------------------------------------------------------------------------------------------------


class Stamped(ApiModel):
    updated_at: Instant


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(datetime(2026, 3, 16, 10), id="naive-datetime"),
        pytest.param("2026-03-16T10:00:00", id="naive-text"),
        pytest.param("2026-03-16", id="date-only"),
        pytest.param("not a time", id="garbage"),
    ],
)
def test_instant_rejects_times_without_an_offset(value: Any) -> None:
    with pytest.raises(ValidationError):
        INSTANT.validate_python(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-03-16T10:00:00Z", "2026-03-16T10:00:00.000Z", id="z-text"),
        pytest.param("2026-03-16T14:00:00+04:00", "2026-03-16T10:00:00.000Z", id="offset-text"),
        pytest.param("2026-03-16T10:00:00.123456Z", "2026-03-16T10:00:00.123Z", id="microseconds"),
        pytest.param(
            datetime(2026, 3, 16, 5, tzinfo=timezone(timedelta(hours=-5))), "2026-03-16T10:00:00.000Z", id="aware"
        ),
    ],
)
def test_instant_is_held_in_utc_and_serialized_with_z(value: Any, expected: str) -> None:
    # When an aware time is validated
    instant = INSTANT.validate_python(value)

    # Then it is held in UTC and written as UTC milliseconds with Z
    assert instant.utcoffset() == timedelta(0)
    assert json.loads(INSTANT.dump_json(instant)) == expected


def test_instant_fields_serialize_to_z_in_model_json() -> None:
    # Given a model with an instant given in Dubai time
    stamped = Stamped.model_validate({"updatedAt": "2026-03-16T14:00:00.5+04:00"})

    # When written as JSON
    body = json.loads(stamped.model_dump_json(by_alias=True))

    # Then the instant is UTC with Z, and Python mode still has a datetime
    assert body == {"updatedAt": "2026-03-16T10:00:00.500Z"}
    assert stamped.model_dump()["updated_at"] == datetime(2026, 3, 16, 10, 0, 0, 500000, tzinfo=UTC)


def test_page_serializes_next_token_in_camel_case() -> None:
    page = Page[int](items=[1, 2], next_token="abc")

    assert page.model_dump(by_alias=True) == {"items": [1, 2], "nextToken": "abc"}
    assert Page[int](items=[]).next_token is None
