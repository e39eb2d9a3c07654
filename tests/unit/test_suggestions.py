"""The smart picker's pure rules (groups, order, pick) and its cache encoding (rows, compressed chunks, search)."""

from __future__ import annotations

import random
import string
from datetime import UTC, date, datetime, timedelta

import pytest

from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.suggestions import Candidate, candidate, group_of, pick, rank
from titan_training.store.suggestions import CHUNK_BYTES, CHUNK_ROWS, RankingChunk, _compress, _rows

TODAY = datetime.now(UTC).date()  # the site's today: SITE_TIMEZONE is UTC in the tests
WARNING_DAYS = 60
DYNAMODB_ITEM_LIMIT = 400 * 1024

RED, YELLOW, GREEN = ComplianceStatus.NON_COMPLIANT, ComplianceStatus.PENDING, ComplianceStatus.COMPLIANT


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def person(
    pid: str,
    first: str = "Pat",
    last: str = "Worker",
    status: ComplianceStatus | None = None,
    expiry: date | None = None,
    email: str | None = None,
    employee_no: str = "E-1",
) -> Candidate:
    """A candidate as the picker builds it: effective status and group worked out for today."""
    return candidate(pid, first, last, email, employee_no, status, expiry, TODAY, WARNING_DAYS)


def ids(candidates: list[Candidate]) -> list[str]:
    return [c.personnel_id for c in candidates]


# --- group_of / candidate ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expiry", "group"),
    [
        pytest.param(RED, None, 1, id="non-compliant"),
        pytest.param(RED, days(365), 1, id="non-compliant-with-far-expiry-still-red"),
        pytest.param(YELLOW, None, 2, id="pending"),
        pytest.param(YELLOW, days(5), 2, id="pending-with-near-expiry-still-yellow"),
        pytest.param(GREEN, days(0), 3, id="compliant-expiring-today"),
        pytest.param(GREEN, days(1), 3, id="compliant-expiring-tomorrow"),
        pytest.param(GREEN, days(WARNING_DAYS), 3, id="compliant-expiring-exactly-at-window-end"),
        pytest.param(GREEN, days(WARNING_DAYS + 1), 4, id="compliant-expiring-one-day-past-window"),
        pytest.param(GREEN, days(900), 4, id="compliant-far-off"),
        pytest.param(GREEN, None, 4, id="compliant-without-expiry"),
        pytest.param(None, None, 4, id="no-item"),
    ],
)
def test_group_of_boundaries(status, expiry, group):
    # Given a status and expiry relative to today and a 60-day warning window
    # When the group is worked out
    # Then it is the expected one (today+60 still warns, today+61 does not)
    assert group_of(status, expiry, TODAY, WARNING_DAYS) == group


def test_group_of_honours_a_different_warning_window():
    # Given a 30-day window
    # When items expiring at +30 and +31 days are grouped
    # Then +30 is expiring (3) and +31 is everyone else (4)
    assert group_of(GREEN, days(30), TODAY, 30) == 3
    assert group_of(GREEN, days(31), TODAY, 30) == 4
    # And a zero-day window only warns about items expiring today
    assert group_of(GREEN, days(0), TODAY, 0) == 3
    assert group_of(GREEN, days(1), TODAY, 0) == 4


def test_candidate_with_a_compliant_item_expired_yesterday_is_red():
    # Given an item recorded COMPLIANT whose expiry was yesterday
    # When the picker builds the candidate
    lapsed = person("c-lapsed00", status=GREEN, expiry=days(-1))
    # Then its effective status is NON_COMPLIANT, it is group 1, and the expiry is kept
    assert lapsed.status is RED
    assert lapsed.group == 1
    assert lapsed.expiry_date == days(-1)
    assert lapsed.has_item


def test_candidate_expiring_today_is_still_compliant_and_expiring():
    # Given an item recorded COMPLIANT whose last valid day is today
    # When the picker builds the candidate
    today = person("c-today000", status=GREEN, expiry=days(0))
    # Then it is still COMPLIANT, in the expiring group
    assert today.status is GREEN
    assert today.group == 3


def test_candidate_without_an_item_has_no_status_and_is_group_4():
    # Given a person with no compliance item for the course
    # When the picker builds the candidate
    nobody = person("c-noitem00")
    # Then it has no status, no item, no expiry, and is group 4
    assert nobody.status is None
    assert not nobody.has_item
    assert nobody.expiry_date is None
    assert nobody.group == 4


# --- rank ----------------------------------------------------------------------------------------------------------


def test_rank_orders_groups_then_soonest_expiry_then_name():
    # Given a shuffled mix of every group
    people = [
        person("c-g4-adams", "Ann", "Adams", GREEN, days(200)),
        person("c-g4-noitem", "Zed", "Aaron"),
        person("c-g3-late", "Ann", "Abbott", GREEN, days(60)),
        person("c-g3-soon", "Zoe", "Zimmer", GREEN, days(3)),
        person("c-g3-today", "Yan", "Young", GREEN, days(0)),
        person("c-g2-brown", "Bob", "Brown", YELLOW),
        person("c-g2-allen", "Al", "Allen", YELLOW),
        person("c-g1-lapsed", "Cy", "Carter", GREEN, days(-1)),
        person("c-g1-red", "Di", "Baker", RED),
    ]
    random.Random(7).shuffle(people)
    # When they are ranked
    ranked = rank(people)
    # Then red first (by name), pending next (by name), expiring soonest first, everyone else by name
    assert ids(ranked) == [
        "c-g1-red",
        "c-g1-lapsed",
        "c-g2-allen",
        "c-g2-brown",
        "c-g3-today",
        "c-g3-soon",
        "c-g3-late",
        "c-g4-noitem",
        "c-g4-adams",
    ]
    assert [c.group for c in ranked] == [1, 1, 2, 2, 3, 3, 3, 4, 4]


def test_rank_in_expiring_group_breaks_same_day_ties_by_name():
    # Given three people expiring the same day and one expiring a day earlier
    people = [
        person("c-3", "Bea", "Smith", GREEN, days(10)),
        person("c-1", "Al", "Smith", GREEN, days(10)),
        person("c-2", "Zed", "Jones", GREEN, days(10)),
        person("c-0", "Zed", "Zulu", GREEN, days(9)),
    ]
    # When ranked
    # Then the earlier expiry leads, then the same-day ones by last then first name
    assert ids(rank(people)) == ["c-0", "c-2", "c-1", "c-3"]


def test_rank_breaks_name_ties_by_first_name_then_id_case_insensitively():
    # Given people sharing a last name (in different cases), and two with the very same name
    people = [
        person("c-b", "pat", "SMITH", RED),
        person("c-a", "Pat", "smith", RED),
        person("c-z", "al", "Smith", RED),
        person("c-y", "Bo", "smith", RED),
        person("c-x", "Bo", "Adams", RED),
    ]
    # When ranked
    # Then last name, then first name (ignoring case), then id decide
    assert ids(rank(people)) == ["c-x", "c-z", "c-y", "c-a", "c-b"]


def test_rank_of_nothing_is_nothing():
    # Given no candidates / When ranked / Then the ranking is empty
    assert rank([]) == []


# --- pick ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def ranked() -> list[Candidate]:
    return rank(
        [
            person("c-red", "Rita", "Red", RED, email="rita@example.com", employee_no="EMP-100"),
            person("c-pending", "Pete", "Pending", YELLOW, email=None, employee_no="EMP-200"),
            person("c-soon", "Sam", "Soon", GREEN, days(5), email="sam.soon@example.com", employee_no="EMP-300"),
            person("c-fine", "Fay", "Fine", GREEN, days(400), email="fay@example.com", employee_no="EMP-400"),
            person("c-none", "Nora", "Nobody", None, email="nora.n@Example.org", employee_no="XQ-9981"),
        ]
    )


def test_pick_without_search_lists_only_people_with_an_item_in_rank_order(ranked):
    # Given a ranking holding someone without an item
    # When the picker picks with no search
    chosen = pick(ranked, set(), None, 50)
    # Then everyone with an item is there in rank order, the person without one is not
    assert ids(chosen) == ["c-red", "c-pending", "c-soon", "c-fine"]


@pytest.mark.parametrize("blank", ["", "   "])
def test_pick_with_a_blank_search_is_the_same_as_no_search(ranked, blank):
    # Given a blank search / When picking / Then it behaves as no search (no one without an item)
    assert ids(pick(ranked, set(), blank, 50)) == ["c-red", "c-pending", "c-soon", "c-fine"]


def test_pick_leaves_out_listed_people(ranked):
    # Given two people already on the class list
    listed = {"c-red", "c-soon"}
    # When the picker picks
    chosen = pick(ranked, listed, None, 50)
    # Then they are left out and the rest keep their order
    assert ids(chosen) == ["c-pending", "c-fine"]
    # And a listed person is left out even when searched for by name
    assert pick(ranked, listed, "rita", 50) == []


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param("nora", ["c-none"], id="first-name"),
        pytest.param("NOBODY", ["c-none"], id="last-name-upper"),
        pytest.param("nOrA.N@eXaMpLe.OrG", ["c-none"], id="email-mixed-case"),
        pytest.param("xq-9981", ["c-none"], id="employee-no-lower"),
        pytest.param("  XQ-99  ", ["c-none"], id="employee-no-part-padded"),
        pytest.param("emp-", ["c-red", "c-pending", "c-soon", "c-fine"], id="shared-prefix-keeps-rank-order"),
        pytest.param("example.com", ["c-red", "c-soon", "c-fine"], id="email-domain"),
        pytest.param("E", ["c-red", "c-pending", "c-soon", "c-fine", "c-none"], id="one-letter-finds-everyone"),
        pytest.param("zzz", [], id="no-match"),
    ],
)
def test_pick_search_matches_name_email_or_employee_no_any_case(ranked, search, expected):
    # Given a ranking / When picking with a search
    # Then only matches come back, in rank order, including someone without an item
    assert ids(pick(ranked, set(), search, 50)) == expected


def test_pick_search_does_not_match_a_missing_email(ranked):
    # Given Pete has no email
    # When searching for "none" (how a missing value might leak into the text)
    # Then nobody is found
    assert pick(ranked, set(), "none", 50) == []


@pytest.mark.parametrize(("limit", "expected"), [(1, ["c-red"]), (3, ["c-red", "c-pending", "c-soon"])])
def test_pick_stops_at_the_limit(ranked, limit, expected):
    # Given a ranking of four people with items / When picking with a small limit
    # Then the first `limit` of the ranking come back
    assert ids(pick(ranked, set(), None, limit)) == expected


def test_pick_limit_counts_after_exclusions_and_search(ranked):
    # Given the first in rank is listed
    # When picking two by a search everyone matches
    chosen = pick(ranked, {"c-red"}, "@", 2)
    # Then the two are the next matching unlisted ones (Pete has no email, so is skipped)
    assert ids(chosen) == ["c-soon", "c-fine"]


# --- the cache's encoding ------------------------------------------------------------------------------------------

FIRST_NAMES = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
    "Sipho", "Thandiwe", "Pieter", "Anika", "Mohammed", "Fatima", "Chen", "Mei", "José", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Nkosi", "Dlamini", "van der Merwe", "Botha", "O'Brien", "Müller", "Nguyen", "Khumalo", "Naidoo", "Pillay",
]  # fmt: skip
BASE36 = string.digits + string.ascii_lowercase


def synthetic(n: int, seed: int = 20240601) -> list[Candidate]:
    """`n` realistic candidates: cuid-like ids, random names, mostly emails, every status and group."""
    rng = random.Random(seed)
    statuses = [RED, YELLOW, GREEN, GREEN, None]
    people = []
    for i in range(n):
        stamp = format(1_700_000_000_000 + i * 997, "x").rjust(8, "0")[-8:]
        pid = "c" + stamp + "".join(rng.choice(BASE36) for _ in range(16))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        domain = rng.choice(["acme.co.za", "example.com", "mine-ops.net"])
        local = f"{first.lower()}.{last.lower().replace(' ', '')}{rng.randint(1, 9999)}"
        email = f"{local}@{domain}" if rng.random() < 0.9 else None
        status = rng.choice(statuses)
        expiry = days(rng.randint(-400, 800)) if status is not None and rng.random() < 0.8 else None
        employee_no = f"E{rng.randint(0, 9_999_999):07d}"
        people.append(candidate(pid, first, last, email, employee_no, status, expiry, TODAY, WARNING_DAYS))
    return rank(people)


def stored(candidates: list[Candidate], chunk_rows: int = CHUNK_ROWS) -> list[RankingChunk]:
    """The candidates as write_ranking packs them and read_chunks gives them back."""
    return [RankingChunk(chunk.names, chunk.data) for chunk in _compress(_rows(candidates), chunk_rows)]


def decode(chunks: list[RankingChunk]) -> list[Candidate]:
    """Every row of the chunks, in order."""
    return [c for chunk in chunks for c in chunk.candidates()]


def test_ten_thousand_candidates_round_trip_exactly_in_chunks_below_the_item_limit():
    # Given 10,000 realistic ranked candidates
    candidates = synthetic(10_000)
    assert len({c.personnel_id for c in candidates}) == 10_000
    assert {c.group for c in candidates} == {1, 2, 3, 4}
    # When they are turned into rows and compressed into chunks
    packed = _compress(_rows(candidates))
    # Then every chunk is at most CHUNK_BYTES, so far below DynamoDB's 400 KB item limit, and CHUNK_ROWS rows
    sizes = [len(chunk.names) + len(chunk.data) for chunk in packed]
    assert all(size <= CHUNK_BYTES for size in sizes), sizes
    assert CHUNK_BYTES < DYNAMODB_ITEM_LIMIT * 0.75
    assert [chunk.rows for chunk in packed] == [CHUNK_ROWS] * (10_000 // CHUNK_ROWS)
    # And each chunk counts its rows per group, as the head records them
    assert list(packed[0].groups) == [
        sum(1 for c in candidates[:CHUNK_ROWS] if c.group == group) for group in (1, 2, 3, 4)
    ]
    # And decoding the chunks in order gives back exactly the same candidates, in the same order
    assert decode(stored(candidates)) == candidates


def test_a_chunk_over_the_byte_limit_is_split():
    # Given rows that do not compress (random names and emails), more than CHUNK_BYTES in one chunk of 20,000
    rng = random.Random(3)
    noise = [
        person(f"c{n:024d}", "".join(rng.choices(string.ascii_letters, k=60)), "X",
               email="".join(rng.choices(string.ascii_letters, k=60)) + "@x.org")
        for n in range(20_000)
    ]  # fmt: skip
    # When packed with 20,000 rows a chunk
    packed = _compress(_rows(noise), 20_000)
    # Then it was halved until each chunk fits, and the rows are all there, in order
    assert len(packed) > 1
    assert all(len(chunk.names) + len(chunk.data) <= CHUNK_BYTES for chunk in packed)
    assert decode([RankingChunk(chunk.names, chunk.data) for chunk in packed]) == noise


def test_rows_round_trip_every_kind_of_value():
    # Given candidates with and without email, status and expiry, non-ASCII names, spaces in every field
    candidates = [
        person("c-a", "Zoë", "Müller", GREEN, days(10), email="zoe@example.com"),
        person("c-b", "José", "O'Brien", None, None, email=None),
        person("c-c", "Thandiwe", "van der Merwe", GREEN, days(-3)),
        person("c-d", "Pat", "Pending", YELLOW, None),
        person("c-e", "Mary Ann", "de la Cruz", RED, None, email="m a@x.org", employee_no="E 12 34"),
        person("c-f", "İlkay", "ẞtraße", GREEN, days(400), email="", employee_no="İ-1"),
    ]
    # When rows are made, packed and read back
    back = decode(stored(candidates))
    # Then every field is identical, with statuses as enum members and dates as dates
    assert back == candidates
    assert back[0].status is GREEN and isinstance(back[0].expiry_date, date)
    assert back[1].status is None and back[1].email is None and back[1].expiry_date is None
    assert back[2].status is RED and back[2].group == 1
    assert (back[4].first_name, back[4].last_name, back[4].email, back[4].employee_no) == (
        "Mary Ann", "de la Cruz", "m a@x.org", "E 12 34"
    )  # fmt: skip


def test_a_control_character_in_a_row_is_refused():
    # Given a name with a line break (the API refuses it; a row must never span two lines)
    # When its row is made / Then it is refused rather than stored wrongly
    with pytest.raises(ValueError, match="control character"):
        _rows([person("c-x", "Two\nLines")])


@pytest.mark.parametrize(
    "needle",
    ["an", "ANN", "nn", "mary ann de", "ann de la", "x.org", "e 12", "e-1", "İ", "i̇", "ẞ", "ß", "1", "zz", "a b"],
)
def test_chunk_search_finds_exactly_what_matches_finds(needle):
    # Given a few thousand realistic candidates and a few awkward ones, over several chunks
    awkward = [
        person("c-e", "Mary Ann", "de la Cruz", RED, None, email="m a@x.org", employee_no="E 12 34"),
        person("c-f", "İlkay", "ẞtraße", GREEN, days(400), employee_no="İ-1"),
    ]
    candidates = rank([*synthetic(3_000), *awkward])
    chunks = stored(candidates, 700)
    assert len(chunks) == 5
    # When the chunks are searched (lower-cased, as pick lower-cases the search)
    found = [c for chunk in chunks for c in chunk.search(needle.lower())]
    # Then they give, in order, exactly the candidates Candidate.matches accepts
    assert found == [c for c in candidates if c.matches(needle.lower())]


def test_a_search_spanning_lines_gives_every_row_for_pick_to_check():
    # Given two chunks / When the needle holds a line break / Then every row comes back (pick checks each)
    candidates = synthetic(50)
    assert [c for chunk in stored(candidates, 20) for c in chunk.search("a\nb")] == candidates


def test_a_tiny_ranking_is_one_chunk():
    # Given three candidates
    candidates = synthetic(3)
    # When compressed
    chunks = stored(candidates)
    # Then it is a single chunk that decodes to them
    assert len(chunks) == 1
    assert decode(chunks) == candidates


def test_an_empty_ranking_is_no_chunks():
    # Given no candidates / When compressed / Then there is nothing to store
    assert _compress(_rows([])) == []
