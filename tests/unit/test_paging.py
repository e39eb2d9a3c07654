"""Opaque page tokens and the settings read from the environment."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from pydantic import ValidationError

from titan_training.domain.errors import InvalidInput
from titan_training.settings import Settings
from titan_training.store.paging import collect_page, decode_token, encode_token

COURSES = ("ListPK", "COURSE")
LAST_KEY = {
    "PK": {"S": "COURSE#cjld2cjxh0000qzrmn831i7rn"},
    "SK": {"S": "COURSE"},
    "ListPK": {"S": "COURSE"},
    "ListSK": {"S": "first aid#cjld2cjxh0000qzrmn831i7rn"},
}


def token_of(value: Any) -> str:
    """A token made the way encode_token makes them, but from any JSON."""
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


# --- tokens ------------------------------------------------------------------------------------------------------


def test_token_round_trips() -> None:
    # Given a query's LastEvaluatedKey
    # When it is encoded and decoded for the same list
    token = encode_token(LAST_KEY, COURSES)
    decoded = decode_token(token, COURSES)

    # Then the same key comes back
    assert decoded == LAST_KEY


def test_token_is_url_safe_and_unpadded() -> None:
    # Given a key whose JSON encodes to base64 with '+', '/' and padding in the standard alphabet
    key = {"ListPK": {"S": "COURSE"}, "ListSK": {"S": "??>>??~~>"}}
    standard = base64.b64encode(json.dumps(key, separators=(",", ":"), sort_keys=True).encode()).decode()
    assert {"+", "/", "="} <= set(standard)

    # When encoded
    token = encode_token(key, COURSES)

    # Then only URL-safe characters are used and it still round trips
    assert token is not None
    assert not set(token) & {"+", "/", "="}
    assert decode_token(token, COURSES) == key


def test_token_round_trips_non_ascii_values() -> None:
    key = {"ListPK": {"S": "COURSE"}, "ListSK": {"S": "sécurité incendie 消防#c1"}}

    assert decode_token(encode_token(key, COURSES), COURSES) == key


def test_token_is_stable_for_equal_keys() -> None:
    reordered = dict(reversed(list(LAST_KEY.items())))

    assert encode_token(reordered, COURSES) == encode_token(LAST_KEY, COURSES)


@pytest.mark.parametrize("key", [None, {}])
def test_no_last_key_means_no_token(key: dict[str, Any] | None) -> None:
    assert encode_token(key, COURSES) is None


@pytest.mark.parametrize("token", [None, ""])
def test_no_token_means_start_at_the_beginning(token: str | None) -> None:
    assert decode_token(token, COURSES) is None


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("!!!not-base64!!!", id="garbage"),
        pytest.param("a", id="impossible-base64-length"),
        pytest.param("é", id="non-ascii"),
        pytest.param(base64.urlsafe_b64encode(b"\xff\xfe\xfd\xfc").decode(), id="not-utf8-json"),
        pytest.param(base64.urlsafe_b64encode(b"{not json").decode(), id="not-json"),
        pytest.param(token_of(["ListPK", "COURSE"]), id="json-array"),
        pytest.param(token_of("COURSE"), id="json-string"),
        pytest.param(token_of(42), id="json-number"),
        pytest.param(token_of(None), id="json-null"),
        pytest.param(token_of({}), id="empty-object"),
        pytest.param(token_of({**LAST_KEY, "ListPK": {"S": "VENUE"}}), id="token-from-another-list"),
        pytest.param(token_of({"PK": {"S": "COURSE#x"}, "SK": {"S": "COURSE"}}), id="partition-attribute-missing"),
        pytest.param(token_of({**LAST_KEY, "ListPK": "COURSE"}), id="partition-not-typed"),
        pytest.param(token_of({**LAST_KEY, "ListPK": {"N": "1"}}), id="partition-wrong-type"),
        pytest.param(token_of({**LAST_KEY, "ListSK": {"S": 5}}), id="string-value-not-a-string"),
        pytest.param(token_of({**LAST_KEY, "ListSK": {"S": "x", "N": "1"}}), id="two-types-in-one-value"),
        pytest.param(token_of({**LAST_KEY, "ListSK": {"M": {}}}), id="map-value"),
    ],
)
def test_a_token_not_made_for_this_list_is_invalid_input_naming_next_token(token: str) -> None:
    # When a token that this list did not hand out comes back
    with pytest.raises(InvalidInput) as refused:
        decode_token(token, COURSES)

    # Then it is a 422-style problem naming the query's nextToken
    problems = refused.value.problems
    assert [(problem.location, problem.field) for problem in problems] == [("query", "nextToken")]
    assert "nextToken" in refused.value.message
    assert refused.value.details == [problem.__dict__ for problem in problems]


def test_token_from_one_partition_is_refused_by_another() -> None:
    # Given a token handed out by the courses list
    token = encode_token(LAST_KEY, COURSES)

    # When it is replayed against a different partition of the same attribute, and a different attribute
    # Then both refuse it
    with pytest.raises(InvalidInput):
        decode_token(token, ("ListPK", "VENUE"))
    with pytest.raises(InvalidInput):
        decode_token(token, ("CoursePK", "COURSE"))


def test_padded_token_is_accepted() -> None:
    # Given a token a client re-padded
    token = encode_token(LAST_KEY, COURSES)
    assert token is not None
    padded = token + "=" * (-len(token) % 4)

    # When decoded
    # Then it is the same key
    assert decode_token(padded, COURSES) == LAST_KEY


class _Results:
    """An iterator of query results that knows where it stopped, as the store's are."""

    def __init__(self, items: list[int], last_evaluated_key: dict[str, Any] | None) -> None:
        self._items = iter(items)
        self.consumed = 0
        self.last_evaluated_key = last_evaluated_key

    def __iter__(self) -> _Results:
        return self

    def __next__(self) -> int:
        item = next(self._items)
        self.consumed += 1
        return item


def test_collect_page_takes_up_to_limit_and_converts() -> None:
    # Given more results than the limit
    results = _Results([1, 2, 3, 4, 5], LAST_KEY)

    # When a page of 3 is collected
    items, token = collect_page(results, 3, lambda number: number * 10, COURSES)

    # Then 3 converted items come back, one more is read only to learn that more exist,
    # and the token resumes after the third
    assert items == [10, 20, 30]
    assert results.consumed == 4
    assert decode_token(token, COURSES) == LAST_KEY


def test_a_page_that_ends_the_list_exactly_has_no_token() -> None:
    # Given exactly as many results as the limit, though DynamoDB would still hand out a key
    results = _Results([1, 2, 3], LAST_KEY)

    # When a page of 3 is collected
    items, token = collect_page(results, 3, str, COURSES)

    # Then there is no token leading to an empty page
    assert items == ["1", "2", "3"]
    assert token is None


def test_collect_page_at_the_end_has_no_token() -> None:
    items, token = collect_page(_Results([1], None), 3, str, COURSES)

    assert items == ["1"]
    assert token is None


# --- settings ----------------------------------------------------------------------------------------------------


def test_settings_defaults_from_an_empty_environment() -> None:
    settings = Settings.from_environment({})

    assert settings == Settings(
        table_name="",
        aws_region="us-east-1",
        dynamodb_endpoint_url=None,
        site_timezone="UTC",
        expiry_warning_days=60,
        cors_allow_origin="*",
    )


def test_settings_blank_values_fall_back_to_defaults() -> None:
    environ = {
        "AWS_REGION": "",
        "DYNAMODB_ENDPOINT_URL": "",
        "SITE_TIMEZONE": "",
        "EXPIRY_WARNING_DAYS": "",
        "CORS_ALLOW_ORIGIN": "",
    }

    settings = Settings.from_environment(environ)

    assert settings.aws_region == "us-east-1"
    assert settings.dynamodb_endpoint_url is None
    assert settings.site_timezone == "UTC"
    assert settings.expiry_warning_days == 60
    assert settings.cors_allow_origin == "*"


def test_settings_read_every_variable() -> None:
    # Given a fully configured environment
    environ = {
        "TABLE_NAME": "training-prod",
        "AWS_REGION": "eu-west-2",
        "AWS_DEFAULT_REGION": "us-west-2",
        "DYNAMODB_ENDPOINT_URL": "http://localhost:8000",
        "SITE_TIMEZONE": "Europe/London",
        "EXPIRY_WARNING_DAYS": "30",
        "CORS_ALLOW_ORIGIN": "https://titan.example.com",
    }

    # When settings are read
    settings = Settings.from_environment(environ)

    # Then each is taken, AWS_REGION over AWS_DEFAULT_REGION, and numbers parsed
    assert settings == Settings(
        table_name="training-prod",
        aws_region="eu-west-2",
        dynamodb_endpoint_url="http://localhost:8000",
        site_timezone="Europe/London",
        expiry_warning_days=30,
        cors_allow_origin="https://titan.example.com",
    )


def test_settings_region_falls_back_to_aws_default_region() -> None:
    assert Settings.from_environment({"AWS_DEFAULT_REGION": "ap-south-1"}).aws_region == "ap-south-1"


def test_settings_zero_warning_days_is_kept() -> None:
    assert Settings.from_environment({"EXPIRY_WARNING_DAYS": "0"}).expiry_warning_days == 0


@pytest.mark.parametrize(
    "zone",
    [
        pytest.param("Mars/Olympus_Mons", id="unknown"),
        pytest.param("Europe", id="a-directory"),
        pytest.param("../etc/passwd", id="path-escape"),
        pytest.param("/UTC", id="absolute-path"),
        pytest.param("GMT+25", id="impossible-offset"),
    ],
)
def test_unknown_site_timezone_is_a_validation_error(zone: str) -> None:
    with pytest.raises(ValidationError) as failure:
        Settings.from_environment({"SITE_TIMEZONE": zone})

    assert [error["loc"] for error in failure.value.errors()] == [("site_timezone",)]


@pytest.mark.parametrize("days", ["-1", "soon", "1.5"])
def test_bad_expiry_warning_days_is_a_validation_error(days: str) -> None:
    with pytest.raises(ValidationError) as failure:
        Settings.from_environment({"EXPIRY_WARNING_DAYS": days})

    assert [error["loc"] for error in failure.value.errors()] == [("expiry_warning_days",)]


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Asia/Dubai", "America/New_York"])
def test_known_site_timezones_are_accepted(zone: str) -> None:
    assert Settings.from_environment({"SITE_TIMEZONE": zone}).site_timezone == zone
