"""The arithmetic behind docs/scaling.md (bench/scaling.py): DynamoDB's sizing and capacity rules."""

from __future__ import annotations

import random

import pytest

from bench.scaling import (
    ITEM_LIMIT,
    PAGE_LIMIT,
    TRANSACTION_ITEMS,
    Ledger,
    Workload,
    attribute_value_size,
    compliance_item,
    item_size,
    query_pages,
    read_units,
    render,
    replay_finalize,
    simulate_course_index,
    simulate_picker,
    write_units,
)
from titan_training.store.items.personnel import DirectoryItem


@pytest.mark.parametrize(
    ("size", "transactional", "units"),
    [(1, False, 1), (1024, False, 1), (1025, False, 2), (4096, False, 4), (1025, True, 4), (0, False, 1)],
)
def test_a_write_costs_one_unit_per_started_kilobyte_doubled_in_a_transaction(size, transactional, units):
    assert write_units(size, transactional) == units


@pytest.mark.parametrize(
    ("size", "consistent", "units"),
    [(1, True, 1), (4096, True, 1), (4097, True, 2), (4097, False, 1.0), (100, False, 0.5), (PAGE_LIMIT, True, 256)],
)
def test_a_read_costs_one_unit_per_started_4_kb_and_half_when_eventually_consistent(size, consistent, units):
    assert read_units(size, consistent) == units


def test_an_items_size_is_its_attribute_names_plus_values():
    # Given the directory's revision item: PK=DIRECTORY, SK=PERSONNEL, revision=3
    item = DirectoryItem(*DirectoryItem.key(), revision=3)

    # When it is sized, Then names and values count byte for byte, a one-digit number as 2 bytes
    assert item_size(item) == (2 + 9) + (2 + 9) + (8 + 2)


def test_values_size_by_type():
    assert attribute_value_size({"S": "é"}) == 2  # UTF-8 bytes, not characters
    assert attribute_value_size({"B": b"\x00" * 10}) == 10
    assert attribute_value_size({"N": "12345"}) == 4
    assert attribute_value_size({"SS": ["ab", "cde"]}) == 5
    assert attribute_value_size({"L": [{"S": "ab"}]}) == 3 + 1 + 2
    assert attribute_value_size({"M": {"k": {"S": "ab"}}}) == 3 + 1 + 1 + 2
    with pytest.raises(ValueError, match="unknown"):
        attribute_value_size({"X": 1})


def test_a_query_reads_pages_of_at_most_one_megabyte():
    # Given items of 400 KB, When a query reads five, Then two fit a page: three pages
    assert query_pages([400 * 1024] * 5) == [800 * 1024, 800 * 1024, 400 * 1024]
    assert query_pages([]) == []


def test_compliance_items_grow_with_the_outcomes_they_keep():
    # Given the real pynamodb compliance item with no outcome and with ten
    fresh = item_size(compliance_item(random.Random(1), "course", 0))
    grown = item_size(compliance_item(random.Random(1), "course", 10))

    # Then each outcome adds its session id twice (set and list) with its date: more than 100 bytes
    assert fresh < 1024
    assert grown - fresh > 10 * 100


def test_a_finalize_writes_one_course_index_unit_per_attendee_in_transactions_of_100():
    # Given a ledger, When a class of 250 with 646-byte items is finalized
    ledger = Ledger()
    replay_finalize(ledger, 0.0, 250, "COURSE#c1", 646)

    # Then the course's index partition took 250 WCU, at most one transaction's worth at a time
    assert ledger.total("CourseIndex", "COURSE#c1") == 250
    assert ledger.peak("CourseIndex", "COURSE#c1") <= 250
    assert TRANSACTION_ITEMS == 100


def test_the_ledger_sums_units_per_partition_per_second():
    ledger = Ledger()
    ledger.add("t", "A", 0.2, 600)
    ledger.add("t", "A", 0.9, 600)
    ledger.add("t", "A", 1.1, 10)
    ledger.add("t", "B", 0.5, 5)
    assert ledger.peak("t", "A") == 1200
    assert ledger.seconds_over("t", "A", 1000) == 1
    assert ledger.total("t", "B") == 5


def test_the_pickers_chunks_stay_below_the_item_limit():
    # Given a small company (the bench runs 100,000 workers)
    figures = simulate_picker(Workload(workers=3_000, courses=2))

    # Then its ranking is stored in chunks under 400 KB, read in pages of at most 1 MB
    assert figures["largest_chunk_bytes"] < ITEM_LIMIT
    assert figures["candidates"] == 3_000
    assert figures["read_requests"] >= 1


def test_the_course_index_figures_follow_from_the_workload():
    # Given a small company whose top course's sessions are finalized at a shift end
    w = Workload(workers=3_000, courses=2)
    figures = simulate_course_index(w)

    # Then all of them at once ask more of the index partition than spread over 15 minutes,
    # one class of 2,000 writes at most one 100-item transaction's units per request,
    # and the HR import at the API's throttle writes one unit per PUT
    assert figures["storm_peak_wcu"] > figures["shift_peak_wcu"]
    assert figures["big_peak_wcu"] % TRANSACTION_ITEMS == 0
    assert figures["grown_peak_wcu"] == 2 * figures["big_peak_wcu"]
    assert figures["bulk_index_peak_wcu"] == w.api_rate
    assert "CourseIndex" in render(w, figures, simulate_picker(w))
