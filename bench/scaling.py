"""Scale on paper, backed by arithmetic: the two riskiest figures of docs/scaling.md, simulated.

No DynamoDB here: DynamoDB Local neither throttles nor reports per-partition capacity, so the
simulation builds the real pynamodb items (store/items/, store/suggestions.py's own chunking),
sizes them by DynamoDB's published rules, replays the store's write and read patterns on a
deterministic clock and sums capacity units per second per partition key:

1. the compliance-by-course index (`CourseIndex`, `CoursePK = COURSE#<id>`) of one course while
   sessions are finalized at a shift end, one 2,000-attendee class is finalized, and a bulk PUT
   of that course's compliance items runs;
2. the picker's cached ranking of one course at 100,000 workers: its size, its chunks, what one
   read and one refresh cost, and the course partition's load when admins open the picker.

`python -m bench.scaling` prints the table; `make bench` (bench/run.py) also writes it to
docs/benchmarks.md between its markers. Deterministic: a seeded random and a simulated clock.
"""

from __future__ import annotations

import math
import random
import string
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "shared")]

from titan_training.domain.compliance import ComplianceStatus  # noqa: E402
from titan_training.domain.personnel import Personnel  # noqa: E402
from titan_training.domain.suggestions import Candidate  # noqa: E402
from titan_training.store.items.courses import CourseItem  # noqa: E402
from titan_training.store.items.personnel import ComplianceItemRow, OutcomeMap  # noqa: E402
from titan_training.store.items.suggestions import SuggestionCacheItem, SuggestionChunkItem  # noqa: E402
from titan_training.store.personnel import personnel_item  # noqa: E402
from titan_training.store.suggestions import CHUNK_ROWS, OTHERS, RANKED, _compress, _rows  # noqa: E402

# DynamoDB's published limits (Developer Guide, "Service, account, and table quotas").
PARTITION_RCU = 3_000  # read capacity units per second, per partition
PARTITION_WCU = 1_000  # write capacity units per second, per partition
ITEM_LIMIT = 400 * 1024  # bytes per item
PAGE_LIMIT = 1024 * 1024  # bytes a Query or Scan reads per request, before any filter
TRANSACTION_ITEMS = 100  # items per TransactWriteItems
WRITE_UNIT = 1024  # one WCU writes up to 1 KB
READ_UNIT = 4096  # one RCU reads up to 4 KB strongly consistent (half a unit eventually consistent)

SECTION_START = "<!-- scaling: written by bench/scaling.py -->"
SECTION_END = "<!-- /scaling -->"


# --- DynamoDB's sizing rules -------------------------------------------------------------------


def _number_size(text: str) -> int:
    """A number's stored size: about one byte per two significant digits, plus one."""
    digits = text.lstrip("-").replace(".", "").strip("0") or "0"
    return math.ceil(len(digits) / 2) + 1


def attribute_value_size(value: dict[str, Any]) -> int:
    """Bytes of one AttributeValue, by the Developer Guide's rules ("Item sizes and formats")."""
    ((kind, data),) = value.items()
    if kind == "S":
        return len(data.encode())
    if kind == "B":
        return len(data) if isinstance(data, bytes | bytearray) else math.ceil(len(data) * 3 / 4)
    if kind == "N":
        return _number_size(data)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode()) for s in data)
    if kind == "NS":
        return sum(_number_size(n) for n in data)
    if kind == "L":
        return 3 + sum(1 + attribute_value_size(v) for v in data)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + attribute_value_size(v) for k, v in data.items())
    raise ValueError(f"unknown attribute type {kind}")


def item_size(item: Any) -> int:
    """Bytes of a pynamodb item as DynamoDB counts them: every attribute's name plus its value."""
    serialized = item.serialize() if hasattr(item, "serialize") else item
    return sum(len(name.encode()) + attribute_value_size(value) for name, value in serialized.items())


def write_units(size: int, transactional: bool = False) -> int:
    """WCU of writing (or deleting) one item of `size` bytes: per started KB, doubled in a transaction."""
    return max(1, math.ceil(size / WRITE_UNIT)) * (2 if transactional else 1)


def read_units(size: int, consistent: bool = True, transactional: bool = False) -> float:
    """RCU of reading `size` bytes in one GetItem (or one Query page: its items' sizes summed first)."""
    units = max(1, math.ceil(size / READ_UNIT))
    return units * (2 if transactional else 1) if consistent else units / 2


def query_pages(sizes: Iterable[int]) -> list[int]:
    """How a Query reads items of these sizes: pages of at most 1 MB each (bytes per page)."""
    pages, current = [], 0
    for size in sizes:
        if current and current + size > PAGE_LIMIT:
            pages.append(current)
            current = 0
        current += size
    if current:
        pages.append(current)
    return pages


# --- a per-second ledger of capacity units per partition key -----------------------------------


@dataclass
class Ledger:
    """Capacity units per (table or index, partition key) per simulated second."""

    units: dict[tuple[str, str], dict[int, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )

    def add(self, where: str, partition: str, second: float, units: float) -> None:
        self.units[(where, partition)][int(second)] += units

    def peak(self, where: str, partition: str) -> float:
        return max(self.units[(where, partition)].values(), default=0.0)

    def total(self, where: str, partition: str) -> float:
        return sum(self.units[(where, partition)].values())

    def seconds_over(self, where: str, partition: str, limit: float) -> int:
        return sum(1 for v in self.units[(where, partition)].values() if v > limit)


# --- the real items, at realistic sizes --------------------------------------------------------

NOW = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)


def _id(rng: random.Random) -> str:
    """A cuid-shaped id (25 characters), as domain.ids.new_id makes."""
    return "c" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=24))


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))


def compliance_item(rng: random.Random, course_id: str, outcomes: int) -> ComplianceItemRow:
    """A worker's compliance item for a course after `outcomes` sessions applied since its last PUT."""
    pid = _id(rng)
    course_pk, course_sk = ComplianceItemRow.course_key(pid, course_id)
    sessions = [_id(rng) for _ in range(outcomes)]
    return ComplianceItemRow(
        *ComplianceItemRow.key(pid, course_id),
        course_pk=course_pk,
        course_sk=course_sk,
        personnel_id=pid,
        course_id=course_id,
        status=ComplianceStatus.COMPLIANT.value,
        expiry_date="2027-06-01",
        updated_at=NOW,
        applied_sessions=set(sessions) or None,
        baseline_status=ComplianceStatus.NON_COMPLIANT.value if outcomes else None,
        baseline_expiry_date=None,
        outcomes=[
            OutcomeMap(
                session_id=s, completed_at=NOW - timedelta(days=365 * n), kind="PASSED", expiry_date="2027-06-01"
            )
            for n, s in enumerate(sessions)
        ]
        or None,
    )


def person(rng: random.Random, n: int) -> Personnel:
    first, last = _name(rng), _name(rng)
    return Personnel(
        id=_id(rng),
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}{n}@titan.example",
        employee_no=f"E-{n:06d}",
        active=True,
        created_at=NOW,
        updated_at=NOW,
    )


def candidates(rng: random.Random, people: list[Personnel]) -> list[Candidate]:
    """The picker's rows for one course: 10% without an item, 10% red, 10% pending, the rest compliant
    with an expiry (expiring within 60 days of 2026-06-01: group 3)."""
    ranked = []
    for p in people:
        roll = rng.random()
        if roll < 0.1:
            status, expiry, group = None, None, 4
        elif roll < 0.2:
            status, expiry, group = ComplianceStatus.NON_COMPLIANT, None, 1
        elif roll < 0.3:
            status, expiry, group = ComplianceStatus.PENDING, None, 2
        else:
            expiry = date(2026, 6, 1) + timedelta(days=rng.randint(0, 700))
            status, group = ComplianceStatus.COMPLIANT, 3 if (expiry - date(2026, 6, 1)).days <= 60 else 4
        ranked.append(Candidate(p.id, p.first_name, p.last_name, p.email, p.employee_no, status, expiry, group))
    return ranked


# --- workload ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """The company of issue 11's goal 6 (docs/scaling.md states where each number comes from)."""

    workers: int = 100_000
    trainers: int = 500
    sessions_per_week: int = 2_000
    class_size: int = 20
    working_days: int = 5
    shift_ends_per_day: int = 2
    top_course_share: float = 0.2  # the mandatory course with most sessions
    finalize_window_s: int = 15 * 60  # trainers finalize within 15 minutes of a shift's end
    big_class: int = 2_000  # issue 11 goal 2's largest finalize (a site-wide briefing)
    outcomes_per_item: int = 2  # sessions applied since the item's last PUT (a yearly course, two years)
    api_rate: int = 50  # template.yaml's ApiThrottlingRateLimit: the stage's steady requests per second
    page_ms: int = 100  # one 1 MB Query page read and parsed by pynamodb in a Lambda
    picker_admins: int = 20  # admins opening the picker of the same course within one second
    courses: int = 40
    courses_per_worker: int = 8  # compliance items a worker holds (the dashboard reads them all)

    @property
    def top_course_finalizes_per_shift_end(self) -> int:
        per_day = self.sessions_per_week / self.working_days
        return round(per_day * self.top_course_share / self.shift_ends_per_day)


def request_ms(items: int) -> float:
    """Assumed service time of one DynamoDB request writing `items` items (a transaction of 100: 70 ms)."""
    return 20 + 0.5 * items


def replay_finalize(ledger: Ledger, start: float, attendees: int, course_pk: str, item_bytes: int) -> float:
    """The Finalize Gate's compliance writes for one session, as services/records.py issues them.

    The session's Query, one BatchGetItem of the course and the first 99 items, the freeze; the
    records in transactions of 100 (the workers' own partitions); the commit; then the verdicts in
    transactions of up to 100 Puts whose items all project into CourseIndex under the course's key,
    each after the BatchGetItem of its items (the first's came with the course); the last also
    moves the course item's compliance revision (a transactional write: 2 WCU). Returns the end time.
    """
    clock = start + 0.020  # the session's Query
    clock += request_ms(TRANSACTION_ITEMS) / 1000  # the course and the first 99 items
    clock += 0.020  # the freeze: the session's conditional Update
    for first in range(0, attendees, TRANSACTION_ITEMS):  # records: one per attendee, over PERSONNEL#<id>
        clock += request_ms(min(TRANSACTION_ITEMS, attendees - first)) / 1000
    clock += 0.020  # commit
    for first in range(0, attendees, TRANSACTION_ITEMS):
        batch = min(TRANSACTION_ITEMS, attendees - first)
        if first:
            clock += request_ms(batch) / 1000  # BatchGetItem of their current items (base table, spread)
        clock += request_ms(batch) / 1000  # the transaction of verdicts
        ledger.add("CourseIndex", course_pk, clock, batch * write_units(item_bytes))
        last = first + TRANSACTION_ITEMS >= attendees
        ledger.add("table", course_pk, clock, 2 * write_units(200) if last else 0)  # the course item, in the last
    return clock


def simulate_course_index(w: Workload, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    course_id = _id(rng)
    course_pk = CourseItem.key(course_id)[0]
    item_bytes = item_size(compliance_item(rng, course_id, w.outcomes_per_item))
    figures: dict[str, Any] = {"compliance_item_bytes": item_bytes, "course_pk": course_pk}
    # Outcomes an item holds before it costs 2 WCU a write (it grows until a PUT resets its baseline).
    figures["outcomes_to_2kb_wcu"] = next(
        n for n in range(1, 200) if write_units(item_size(compliance_item(random.Random(n), course_id, n))) > 1
    )

    # a) the shift end: the top course's sessions finalized within 15 minutes, at random moments.
    shift = Ledger()
    sessions = w.top_course_finalizes_per_shift_end
    for _ in range(sessions):
        replay_finalize(shift, rng.uniform(0, w.finalize_window_s), w.class_size, course_pk, item_bytes)
    figures["shift_sessions"] = sessions
    figures["shift_peak_wcu"] = shift.peak("CourseIndex", course_pk)
    figures["shift_course_item_peak_wcu"] = shift.peak("table", course_pk)

    # b) the same sessions all finalized in the same second (a supervisor's script, a retry storm).
    storm = Ledger()
    for _ in range(sessions):
        replay_finalize(storm, 0.0, w.class_size, course_pk, item_bytes)
    figures["storm_peak_wcu"] = storm.peak("CourseIndex", course_pk)

    # c) one class of 2,000 (goal 2's largest), finalized alone.
    big = Ledger()
    end = replay_finalize(big, 0.0, w.big_class, course_pk, item_bytes)
    figures["big_seconds"] = end
    figures["big_peak_wcu"] = big.peak("CourseIndex", course_pk)
    figures["big_seconds_over"] = big.seconds_over("CourseIndex", course_pk, PARTITION_WCU)

    # c') the same class once its workers' items hold enough outcomes to cost 2 WCU a write.
    grown = Ledger()
    grown_bytes = item_size(compliance_item(rng, course_id, figures["outcomes_to_2kb_wcu"]))
    replay_finalize(grown, 0.0, w.big_class, course_pk, grown_bytes)
    figures["grown_bytes"] = grown_bytes
    figures["grown_peak_wcu"] = grown.peak("CourseIndex", course_pk)

    # d) an HR import PUTting every worker's item for the course, at the API stage's throttle: each
    #    PUT is a transaction (the Put, checks elsewhere), then an Update of the course item.
    bulk = Ledger()
    put_bytes = item_size(compliance_item(rng, course_id, 0))  # a PUT writes the baseline alone
    for n in range(w.workers):
        second = n / w.api_rate
        bulk.add("CourseIndex", course_pk, second, write_units(put_bytes))
        bulk.add("course item", course_pk, second, write_units(200))  # the course's compliance_revision
    figures["bulk_index_peak_wcu"] = bulk.peak("CourseIndex", course_pk)
    figures["bulk_course_item_peak"] = bulk.peak("course item", course_pk)
    figures["bulk_hours"] = w.workers / w.api_rate / 3600
    figures["bulk_rate_at_limit"] = PARTITION_WCU // max(write_units(put_bytes), write_units(200))
    return figures


def simulate_picker(w: Workload, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    course_id = _id(rng)
    people = [person(rng, n) for n in range(w.workers)]
    ranked = candidates(rng, people)
    streams = {
        RANKED: _compress(_rows(c for c in ranked if c.has_item)),
        OTHERS: _compress(_rows(c for c in ranked if not c.has_item)),
    }
    generation = NOW.strftime("%Y%m%dT%H%M%S%f")
    sizes = {
        stream: [
            item_size(
                SuggestionChunkItem(
                    *SuggestionChunkItem.key(course_id, generation, stream, n), names=chunk.names, data=chunk.data
                )
            )
            for n, chunk in enumerate(packed)
        ]
        for stream, packed in streams.items()
    }
    chunk_sizes = sizes[RANKED] + sizes[OTHERS]
    head = SuggestionCacheItem(
        *SuggestionCacheItem.key(course_id),
        generation=generation,
        chunks=len(chunk_sizes),
        candidates=len(ranked),
        computed_at=NOW,
        computed_for="2026-06-01",
        warning_days=60,
        compliance_revision=123_456,
        directory_revision=98_765,
        ranked_groups=[list(chunk.groups) for chunk in streams[RANKED]],
        others_rows=[chunk.rows for chunk in streams[OTHERS]],
    )
    head_bytes = item_size(head)
    # Every call: a consistent BatchGetItem of the course, the directory's revision and the head (each
    # item rounded up to 4 KB on its own), then one of the chunks it needs: the first page the first
    # chunk, a search all of them (a BatchGetItem answers up to 16 MB and 100 keys).
    revisions_rcu = read_units(head_bytes) + 2 * read_units(1)
    read_rcu = revisions_rcu + read_units(sizes[RANKED][0])
    search_rcu = revisions_rcu + sum(read_units(size) for size in chunk_sizes)
    write_wcu = sum(write_units(size) for size in chunk_sizes) + write_units(head_bytes)
    delete_wcu = sum(write_units(size) for size in chunk_sizes)  # the old generation, as big
    personnel_bytes = [item_size(personnel_item(p)) for p in people]
    compliance_bytes = item_size(compliance_item(rng, course_id, w.outcomes_per_item))
    directory_pages = query_pages(personnel_bytes)
    course_pages = query_pages([compliance_bytes] * w.workers)
    # The dashboard reads every course's CourseIndex: all the company's compliance items (one
    # Query per course, so at least one page per course).
    per_course = w.workers * w.courses_per_worker // w.courses
    summary_pages = [page for _ in range(w.courses) for page in query_pages([compliance_bytes] * per_course)]
    # A refresh writes its chunks in BatchWriteItem requests of up to 25 items: all in about a second.
    refresh = Ledger()
    clock = 0.0
    for first in range(0, len(chunk_sizes), 25):
        clock += request_ms(25) / 1000
        refresh.add("table", f"COURSE#{course_id}", clock, sum(write_units(s) for s in chunk_sizes[first : first + 25]))
    return {
        "candidates": len(ranked),
        "chunks": len(chunk_sizes),
        "ranked_chunks": len(sizes[RANKED]),
        "largest_chunk_bytes": max(chunk_sizes),
        "ranking_bytes": sum(chunk_sizes) + head_bytes,
        "read_requests": 2,
        "read_rcu": read_rcu,
        "search_requests": 2 + (len(chunk_sizes) - 1) // 100,
        "search_rcu": search_rcu,
        "search_bytes": sum(chunk_sizes),
        "admins_rcu_per_s": read_rcu * w.picker_admins,
        "reads_over_limit": math.floor(PARTITION_RCU / read_rcu) + 1,
        "refresh_write_wcu": write_wcu,
        "refresh_delete_wcu": delete_wcu,
        "refresh_peak_wcu": refresh.peak("table", f"COURSE#{course_id}"),
        "personnel_item_bytes": round(sum(personnel_bytes) / len(personnel_bytes)),
        "directory_bytes": sum(personnel_bytes),
        "directory_requests": len(directory_pages),
        "directory_rcu": sum(read_units(p, consistent=False) for p in directory_pages),
        "course_index_requests": len(course_pages),
        "course_index_rcu": sum(read_units(p, consistent=False) for p in course_pages),
        "all_courses_refresh_wcu": (write_wcu + delete_wcu) * w.courses,
        "page_rcu_per_s": read_units(PAGE_LIMIT, consistent=False) * 1000 / w.page_ms,
        "summary_requests": len(directory_pages) + len(summary_pages),
        "summary_seconds": (len(directory_pages) + len(summary_pages)) * w.page_ms / 1000,
    }


# --- the report --------------------------------------------------------------------------------


def render(w: Workload, c: dict[str, Any], p: dict[str, Any]) -> str:
    """The table: `c` the course index's figures, `p` the picker's."""
    limit_w, limit_r = PARTITION_WCU, PARTITION_RCU

    def verdict(value: float, limit: float) -> str:
        return f"**over** ({value / limit:.1f}x)" if value > limit else f"under ({value / limit:.0%})"

    rows = [
        ("compliance item (2 outcomes), real pynamodb item", f"{c['compliance_item_bytes']} B", "1 WCU per write",
         f"2 WCU from {c['outcomes_to_2kb_wcu']} outcomes"),
        (f"CourseIndex `{c['course_pk'][:7]}<id>`: shift end, {c['shift_sessions']} finalizes of "
         f"{w.class_size} in {w.finalize_window_s // 60} min", f"{c['shift_peak_wcu']:.0f} WCU/s peak",
         f"{limit_w} WCU/s", verdict(c["shift_peak_wcu"], limit_w)),
        (f"same, all {c['shift_sessions']} in one second", f"{c['storm_peak_wcu']:.0f} WCU/s peak",
         f"{limit_w} WCU/s", verdict(c["storm_peak_wcu"], limit_w)),
        (f"same, one class of {w.big_class:,} ({c['big_seconds']:.1f} s of writes)",
         f"{c['big_peak_wcu']:.0f} WCU/s peak", f"{limit_w} WCU/s", verdict(c["big_peak_wcu"], limit_w)),
        (f"same class, items grown to {c['outcomes_to_2kb_wcu']} outcomes ({c['grown_bytes']:,} B)",
         f"{c['grown_peak_wcu']:.0f} WCU/s peak", f"{limit_w} WCU/s", verdict(c["grown_peak_wcu"], limit_w)),
        (f"same index, HR import of {w.workers:,} PUTs at the API's {w.api_rate}/s ({c['bulk_hours']:.1f} h)",
         f"{c['bulk_index_peak_wcu']:.0f} WCU/s", f"{limit_w} WCU/s",
         f"{verdict(c['bulk_index_peak_wcu'], limit_w)}; reached at {c['bulk_rate_at_limit']:,} PUT/s"),
        ("course item `COURSE#<id>`/`COURSE` (`compliance_revision` bump per PUT) in that import",
         f"{c['bulk_course_item_peak']:.0f} WCU/s", f"{limit_w} WCU/s (one item: never split)",
         f"{verdict(c['bulk_course_item_peak'], limit_w)}; reached at {c['bulk_rate_at_limit']:,} PUT/s"),
        (f"picker ranking, {p['candidates']:,} candidates (real `_compress`)",
         f"{p['ranking_bytes'] / 1e6:.2f} MB in {p['chunks']} chunks of at most {CHUNK_ROWS:,} rows "
         f"(largest {p['largest_chunk_bytes']:,} B)", f"{ITEM_LIMIT:,} B per item", "under"),
        ("one picker first page from cache (revisions and head, then one chunk; consistent)",
         f"{p['read_requests']} requests, {p['read_rcu']:.0f} RCU", f"{limit_r} RCU/s",
         f"{p['reads_over_limit']} reads/s exceed it"),
        ("one picker search from cache (revisions and head, then every chunk; consistent)",
         f"{p['search_requests']} requests, {p['search_rcu']:.0f} RCU", f"{limit_r} RCU/s",
         f"{math.floor(limit_r / p['search_rcu']) + 1} searches/s exceed it"),
        (f"{w.picker_admins} admins opening one course's picker in one second", f"{p['admins_rcu_per_s']:.0f} RCU/s",
         f"{limit_r} RCU/s", verdict(p["admins_rcu_per_s"], limit_r)),
        ("one refresh of that course: chunks + head, then old chunks deleted",
         f"{p['refresh_write_wcu']:.0f} + {p['refresh_delete_wcu']:.0f} WCU, peak {p['refresh_peak_wcu']:.0f} WCU/s",
         f"{limit_w} WCU/s", verdict(p["refresh_peak_wcu"], limit_w)),
        (f"refresh inputs: directory (`ListPK = PERSONNEL`, {p['personnel_item_bytes']} B a person)",
         f"{p['directory_bytes'] / 1e6:.1f} MB, {p['directory_requests']} requests, {p['directory_rcu']:.0f} RCU",
         f"{limit_r} RCU/s", "per refresh run, once"),
        ("refresh inputs: one course's compliance (`CourseIndex`)",
         f"{p['course_index_requests']} requests, {p['course_index_rcu']:.0f} RCU", f"{limit_r} RCU/s", "per course"),
        (f"one reader of a 1 MB page per {w.page_ms} ms (eventually consistent)", f"{p['page_rcu_per_s']:.0f} RCU/s",
         f"{limit_r} RCU/s", f"{math.ceil(limit_r / p['page_rcu_per_s'])} full reads at once reach it"),
        (f"`GET /compliance/summary`: directory + {w.courses} courses ({w.courses_per_worker} items a worker)",
         f"{p['summary_requests']:,} requests, ~{p['summary_seconds']:.0f} s", "29 s (API Gateway)",
         verdict(p["summary_seconds"], 29)),
        (f"every 5 minutes when the directory moved: {w.courses} courses rewritten",
         f"{p['all_courses_refresh_wcu']:,.0f} WCU", "(cost, not a limit)",
         f"{p['all_courses_refresh_wcu'] * 12 * 10:,.0f} WCU per 10-hour day"),
    ]  # fmt: skip
    lines = ["| figure | simulated | limit | against the limit |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def section(table: str, stamp: str, machine: str) -> str:
    return (
        f"{SECTION_START}\n## Scale on paper: the two riskiest figures, simulated\n\n"
        "bench/scaling.py (no DynamoDB: DynamoDB Local neither throttles nor reports partitions) builds the\n"
        "real pynamodb items and the picker's real compressed chunks, sizes them by DynamoDB's rules\n"
        "(attribute names plus values; 1 WCU per started KB written, 1 RCU per started 4 KB read\n"
        "consistently, half that eventually, transactions double), replays the store's request pattern on\n"
        "a simulated clock (a request of n items takes 20 + 0.5n ms) and sums units per second per\n"
        "partition key. Workload and reasoning: docs/scaling.md. Deterministic (seeded).\n\n"
        f"Run: {stamp}, on {machine}.\n\n{table}\n{SECTION_END}\n"
    )


def measure() -> str:
    w = Workload()
    return render(w, simulate_course_index(w), simulate_picker(w))


def write(report: Path, stamp: str, machine: str) -> str:
    """Simulate, and put the table in docs/benchmarks.md between this section's markers."""
    from bench.cold_start import write_section

    table = measure()
    write_section(report, section(table, stamp, machine), SECTION_START, SECTION_END)
    return table


def main() -> int:
    print(measure())
    return 0


if __name__ == "__main__":
    sys.exit(main())
