"""Who is calling: `cognito:groups` in every shape it arrives in, claims from REST and HTTP API events, authorize."""

from __future__ import annotations

from typing import Any

import pytest

from titan_training.api.identity import (
    ADMIN_ONLY,
    ADMIN_OR_TRAINER,
    HSE_ADMIN,
    TRAINER,
    Caller,
    authorize,
    caller_from_event,
    parse_groups,
)
from titan_training.domain.errors import Forbidden, Unauthenticated

BOTH = frozenset({HSE_ADMIN, TRAINER})
ADMIN = frozenset({HSE_ADMIN})
NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("hse-admin", ADMIN, id="plain"),
        pytest.param("  hse-admin  ", ADMIN, id="plain-padded"),
        pytest.param("hse-admin,trainer", BOTH, id="comma-joined"),
        pytest.param("hse-admin, trainer", BOTH, id="comma-joined-with-space"),
        pytest.param("hse-admin ,  trainer", BOTH, id="comma-joined-spaces-both-sides"),
        pytest.param("[hse-admin trainer]", BOTH, id="bracketed-space-separated"),
        pytest.param("[hse-admin]", ADMIN, id="bracketed-single"),
        pytest.param("[hse-admin,trainer]", BOTH, id="bracketed-comma-joined"),
        pytest.param('["hse-admin","trainer"]', BOTH, id="json-array-text"),
        pytest.param('[ "hse-admin" , "trainer" ]', BOTH, id="json-array-text-spaced"),
        pytest.param('["hse-admin"]', ADMIN, id="json-array-text-single"),
        pytest.param(
            '["hse-admin","site:north,east"]',
            frozenset({HSE_ADMIN, "site:north,east"}),
            id="json-array-items-taken-whole",
        ),
        pytest.param("['hse-admin', 'trainer']", BOTH, id="python-repr-quotes"),
        pytest.param(["hse-admin", "trainer"], BOTH, id="real-list"),
        pytest.param(("hse-admin",), ADMIN, id="real-tuple"),
        pytest.param([" hse-admin ", ""], ADMIN, id="real-list-padded-and-blank"),
        pytest.param(None, NONE, id="none"),
        pytest.param("", NONE, id="empty-string"),
        pytest.param("   ", NONE, id="blank-string"),
        pytest.param("[]", NONE, id="empty-brackets"),
        pytest.param("[ ]", NONE, id="empty-brackets-with-space"),
        pytest.param([], NONE, id="empty-list"),
        pytest.param(42, NONE, id="unsupported-type"),
    ],
)
def test_parse_groups_reads_every_shape_of_cognito_groups(raw: Any, expected: frozenset[str]) -> None:
    assert parse_groups(raw) == expected


def test_parse_groups_returns_a_frozenset() -> None:
    assert isinstance(parse_groups("hse-admin,trainer"), frozenset)


def _rest_event(claims: dict[str, Any] | None) -> dict[str, Any]:
    """A REST API proxy event: the Cognito authorizer puts claims at requestContext.authorizer.claims."""
    return {"requestContext": {"authorizer": {"claims": claims}}}


def _http_api_event(claims: dict[str, Any] | None) -> dict[str, Any]:
    """An HTTP API event: the JWT authorizer puts claims at requestContext.authorizer.jwt.claims."""
    return {"requestContext": {"authorizer": {"jwt": {"claims": claims, "scopes": None}}}}


@pytest.mark.parametrize("make_event", [_rest_event, _http_api_event], ids=["rest", "http-api"])
@pytest.mark.parametrize(
    ("groups", "expected_groups"),
    [
        ("hse-admin", ADMIN),
        ("[hse-admin trainer]", BOTH),
        ("hse-admin,trainer", BOTH),
    ],
)
def test_caller_from_event_reads_sub_and_groups(make_event, groups: str, expected_groups: frozenset[str]) -> None:
    # Given an authorized event carrying a sub and groups
    event = make_event({"sub": "user-123", "cognito:groups": groups, "email": "a@example.com"})

    # When the caller is read from it
    caller = caller_from_event(event)

    # Then the caller has that id and those groups
    assert caller == Caller(user_id="user-123", groups=expected_groups)


@pytest.mark.parametrize("make_event", [_rest_event, _http_api_event], ids=["rest", "http-api"])
def test_caller_without_groups_claim_has_no_groups(make_event) -> None:
    # Given claims with a sub but no cognito:groups
    event = make_event({"sub": "user-123"})

    # When the caller is read
    caller = caller_from_event(event)

    # Then the caller is known but in no group
    assert caller is not None
    assert caller.user_id == "user-123"
    assert caller.groups == frozenset()
    assert not caller.is_admin


def test_caller_sub_is_trimmed() -> None:
    caller = caller_from_event(_rest_event({"sub": "  user-123  "}))

    assert caller is not None
    assert caller.user_id == "user-123"


@pytest.mark.parametrize("make_event", [_rest_event, _http_api_event], ids=["rest", "http-api"])
@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"cognito:groups": "hse-admin"}, id="missing-sub"),
        pytest.param({"sub": "", "cognito:groups": "hse-admin"}, id="empty-sub"),
        pytest.param({"sub": "   ", "cognito:groups": "hse-admin"}, id="blank-sub"),
        pytest.param({"sub": None, "cognito:groups": "hse-admin"}, id="null-sub"),
        pytest.param({"sub": 123, "cognito:groups": "hse-admin"}, id="non-string-sub"),
        pytest.param({}, id="empty-claims"),
        pytest.param(None, id="null-claims"),
    ],
)
def test_caller_from_event_without_usable_sub_is_none(make_event, claims: dict[str, Any] | None) -> None:
    assert caller_from_event(make_event(claims)) is None


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({}, id="no-request-context"),
        pytest.param({"requestContext": None}, id="null-request-context"),
        pytest.param({"requestContext": {}}, id="no-authorizer"),
        pytest.param({"requestContext": {"authorizer": None}}, id="null-authorizer"),
        pytest.param({"requestContext": {"authorizer": {"jwt": None}}}, id="null-jwt"),
        pytest.param({"requestContext": {"authorizer": {"claims": "sub=user-123"}}}, id="claims-not-a-dict"),
        pytest.param({"headers": {"x-user-id": "user-123"}, "requestContext": {}}, id="client-header-ignored"),
    ],
)
def test_caller_from_event_without_authorizer_claims_is_none(event: dict[str, Any]) -> None:
    assert caller_from_event(event) is None


def test_rest_claims_take_precedence_over_jwt_claims() -> None:
    # Given an event with both shapes (which API Gateway never sends, but the order must be fixed)
    event = {
        "requestContext": {
            "authorizer": {
                "claims": {"sub": "rest-user", "cognito:groups": "hse-admin"},
                "jwt": {"claims": {"sub": "jwt-user", "cognito:groups": "trainer"}},
            }
        }
    }

    # When the caller is read
    caller = caller_from_event(event)

    # Then the REST authorizer's claims win
    assert caller == Caller(user_id="rest-user", groups=ADMIN)


def test_authorize_without_caller_is_unauthenticated() -> None:
    with pytest.raises(Unauthenticated):
        authorize(None, ADMIN_OR_TRAINER)


@pytest.mark.parametrize(
    ("groups", "allowed"),
    [
        pytest.param(frozenset(), ADMIN_OR_TRAINER, id="no-groups"),
        pytest.param(frozenset({TRAINER}), ADMIN_ONLY, id="trainer-on-admin-only"),
        pytest.param(frozenset({"hse-viewer"}), ADMIN_OR_TRAINER, id="unrelated-group"),
        pytest.param(frozenset({"HSE-ADMIN"}), ADMIN_ONLY, id="group-names-are-case-sensitive"),
    ],
)
def test_authorize_without_allowed_group_is_forbidden(groups: frozenset[str], allowed: frozenset[str]) -> None:
    # Given a known caller outside every allowed group
    caller = Caller(user_id="user-123", groups=groups)

    # When / Then authorizing is refused with 403, naming the groups that would do
    with pytest.raises(Forbidden) as refused:
        authorize(caller, allowed)
    for group in allowed:
        assert group in refused.value.message


@pytest.mark.parametrize(
    ("groups", "allowed"),
    [
        pytest.param(frozenset({HSE_ADMIN}), ADMIN_ONLY, id="admin-on-admin-only"),
        pytest.param(frozenset({TRAINER}), ADMIN_OR_TRAINER, id="trainer-on-admin-or-trainer"),
        pytest.param(frozenset({HSE_ADMIN, TRAINER}), ADMIN_ONLY, id="both-on-admin-only"),
        pytest.param(frozenset({"other", HSE_ADMIN}), ADMIN_OR_TRAINER, id="one-of-several"),
    ],
)
def test_authorize_with_allowed_group_returns_the_caller(groups: frozenset[str], allowed: frozenset[str]) -> None:
    # Given a caller in one of the allowed groups
    caller = Caller(user_id="user-123", groups=groups)

    # When authorized
    authorized = authorize(caller, allowed)

    # Then the same caller comes back
    assert authorized is caller


@pytest.mark.parametrize(
    ("groups", "is_admin"),
    [(frozenset({HSE_ADMIN}), True), (frozenset({TRAINER}), False), (frozenset(), False)],
)
def test_caller_is_admin_only_in_hse_admin(groups: frozenset[str], is_admin: bool) -> None:
    assert Caller(user_id="u", groups=groups).is_admin is is_admin
