"""The compliance engine: a worker's standing from a baseline and session outcomes, in any order."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from titan_training.domain.compliance import (
    ComplianceHistory,
    ComplianceStatus,
    Outcome,
    OutcomeKind,
    Standing,
    after_fail,
    after_pass,
    after_pending_competency,
    standing_from,
)

TODAY = date(2026, 11, 30)
COMPLIANT, PENDING, RED = ComplianceStatus.COMPLIANT, ComplianceStatus.PENDING, ComplianceStatus.NON_COMPLIANT
NO_ITEM = Standing(None, None)

OLDER_END = datetime(2026, 6, 1, 16, tzinfo=UTC)
NEWER_END = datetime(2026, 11, 1, 16, tzinfo=UTC)
OLDER_EXPIRY, NEWER_EXPIRY = date(2027, 6, 1), date(2027, 11, 1)


def outcome(session_id: str, end: datetime, kind: str, expiry: date | None = None) -> Outcome:
    return Outcome(session_id, end, OutcomeKind(kind), expiry if kind == "PASSED" else None)


def older(kind: str) -> Outcome:
    return outcome("older", OLDER_END, kind, OLDER_EXPIRY)


def newer(kind: str) -> Outcome:
    return outcome("newer", NEWER_END, kind, NEWER_EXPIRY)


# --- One outcome at a time ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "new_expiry", "expected"),
    [
        pytest.param(NO_ITEM, date(2027, 1, 1), Standing(COMPLIANT, date(2027, 1, 1)), id="no-item"),
        pytest.param(
            Standing(RED, date(2026, 1, 1)), date(2027, 1, 1), Standing(COMPLIANT, date(2027, 1, 1)), id="red"
        ),
        pytest.param(Standing(PENDING, None), date(2027, 1, 1), Standing(COMPLIANT, date(2027, 1, 1)), id="pending"),
        pytest.param(
            Standing(COMPLIANT, date(2028, 1, 1)), date(2027, 1, 1), Standing(COMPLIANT, date(2028, 1, 1)), id="longer"
        ),
        pytest.param(
            Standing(COMPLIANT, date(2026, 12, 1)),
            date(2027, 1, 1),
            Standing(COMPLIANT, date(2027, 1, 1)),
            id="shorter",
        ),
        pytest.param(Standing(COMPLIANT, None), date(2027, 1, 1), Standing(COMPLIANT, None), id="never-expiring-item"),
        pytest.param(Standing(COMPLIANT, date(2027, 1, 1)), None, Standing(COMPLIANT, None), id="never-expiring-pass"),
    ],
)
def test_a_pass_is_compliant_until_the_later_expiry(current: Standing, new_expiry: date, expected: Standing) -> None:
    assert after_pass(current, new_expiry) == expected


@pytest.mark.parametrize(
    ("current", "after_a_fail", "after_a_pending_pass"),
    [
        pytest.param(NO_ITEM, Standing(RED, None), Standing(PENDING, None), id="no-item"),
        pytest.param(Standing(COMPLIANT, TODAY), Standing(COMPLIANT, TODAY), Standing(COMPLIANT, TODAY), id="valid"),
        pytest.param(
            Standing(COMPLIANT, date(2026, 11, 29)),
            Standing(RED, date(2026, 11, 29)),
            Standing(PENDING, None),
            id="lapsed-yesterday",
        ),
        pytest.param(Standing(PENDING, None), Standing(RED, None), Standing(PENDING, None), id="pending"),
    ],
)
def test_a_fail_or_a_pending_pass_never_lowers_a_valid_item(
    current: Standing, after_a_fail: Standing, after_a_pending_pass: Standing
) -> None:
    assert after_fail(current, TODAY) == after_a_fail
    assert after_pending_competency(current, TODAY) == after_a_pending_pass


# --- Two sessions, every result, every order --------------------------------------------------------------------

# The most recent result by completion date wins, except that a fail (or a pass awaiting
# verification) never lowers a pass that is still valid. Both expiries are after TODAY.
TWO_SESSIONS = {
    ("PASSED", "PASSED"): Standing(COMPLIANT, NEWER_EXPIRY),
    ("PASSED", "FAILED"): Standing(COMPLIANT, OLDER_EXPIRY),
    ("PASSED", "PENDING_VERIFICATION"): Standing(COMPLIANT, OLDER_EXPIRY),
    ("FAILED", "PASSED"): Standing(COMPLIANT, NEWER_EXPIRY),
    ("FAILED", "FAILED"): Standing(RED, None),
    ("FAILED", "PENDING_VERIFICATION"): Standing(PENDING, None),
    ("PENDING_VERIFICATION", "PASSED"): Standing(COMPLIANT, NEWER_EXPIRY),
    ("PENDING_VERIFICATION", "FAILED"): Standing(RED, None),
    ("PENDING_VERIFICATION", "PENDING_VERIFICATION"): Standing(PENDING, None),
}


@pytest.mark.parametrize(("kinds", "expected"), list(TWO_SESSIONS.items()), ids=["-".join(k) for k in TWO_SESSIONS])
def test_two_sessions_give_one_answer_whichever_is_applied_first(kinds: tuple[str, str], expected: Standing) -> None:
    # Given a red worker with an older and a newer session result
    baseline = Standing(RED, None)
    first, second = older(kinds[0]), newer(kinds[1])
    # When they are applied in either order, one at a time
    in_order = ComplianceHistory(baseline).with_outcome(first).with_outcome(second)
    reversed_ = ComplianceHistory(baseline).with_outcome(second).with_outcome(first)
    # Then both give the expected standing
    assert in_order.standing(TODAY) == expected
    assert reversed_.standing(TODAY) == expected


def test_a_verification_replaces_the_pending_outcome_of_its_session() -> None:
    # Given an older pass awaiting verification and a newer fail
    history = (
        ComplianceHistory(Standing(RED, None)).with_outcome(newer("FAILED")).with_outcome(older("PENDING_VERIFICATION"))
    )
    assert history.standing(TODAY) == Standing(RED, None)
    # When the older one is verified (its outcome becomes a pass)
    verified = history.with_outcome(older("PASSED"))
    # Then there is one outcome per session, and the still-valid older pass is not lowered by the newer fail
    assert sorted(o.session_id for o in verified.outcomes) == ["newer", "older"]
    assert verified.standing(TODAY) == Standing(COMPLIANT, OLDER_EXPIRY)


def test_ties_on_completion_are_broken_by_session_id_in_any_order() -> None:
    # Given two sessions ending at the same instant, one passed and one failed
    same_end = datetime(2026, 11, 1, 16, tzinfo=UTC)
    results = [outcome("a-session", same_end, "FAILED"), outcome("b-session", same_end, "PASSED", NEWER_EXPIRY)]
    # Then every order gives one answer
    answers = {standing_from(NO_ITEM, list(order), TODAY) for order in itertools.permutations(results)}
    assert answers == {Standing(COMPLIANT, NEWER_EXPIRY)}


def test_many_outcomes_give_one_answer_in_every_order() -> None:
    # Given five results over a year: passes of two validities, fails and a pending pass
    results = [
        outcome("s1", datetime(2025, 12, 1, tzinfo=UTC), "PASSED", date(2026, 12, 1)),
        outcome("s2", datetime(2026, 2, 1, tzinfo=UTC), "FAILED"),
        outcome("s3", datetime(2026, 5, 1, tzinfo=UTC), "PASSED", date(2026, 11, 1)),
        outcome("s4", datetime(2026, 9, 1, tzinfo=UTC), "PENDING_VERIFICATION"),
        outcome("s5", datetime(2026, 10, 1, tzinfo=UTC), "FAILED"),
    ]
    # When they arrive in each of the 120 orders
    answers = set()
    for order in itertools.permutations(results):
        history = ComplianceHistory(Standing(RED, None))
        for result in order:
            history = history.with_outcome(result)
        answers.add(history.standing(TODAY))
    # Then the answer is always the same: s1's pass still valid today, never shortened by s3's
    assert answers == {Standing(COMPLIANT, date(2026, 12, 1))}
