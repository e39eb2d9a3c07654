"""Access patterns of the smart picker: its inputs, and its per-course precomputed ranking.

A course's ranking is stored as a head item and compressed chunks in the course's own partition,
in two streams: the people with an item for the course in rank order (`R`), and the other active
people by name (`O`, found only by a search). A chunk holds at most CHUNK_ROWS rows, so the first
page reads one chunk; a search reads every chunk in one BatchGetItem, scans the compressed search
text in C (str.find) and decodes only the rows it finds. The head says how many rows of each
group every chunk holds, so a page of a course's workers reads only the chunks it needs.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import PutError

from titan_training.domain.clock import to_utc
from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.suggestions import Candidate
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.base import TableItem
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import ComplianceItemRow, DirectoryItem, PersonnelItem
from titan_training.store.items.suggestions import SuggestionCacheItem, SuggestionChunkItem
from titan_training.store.revisions import bump_compliance_revision

CHUNK_ROWS = 2_000  # rows per chunk: a first page (up to 500, past a class list) is one chunk
CHUNK_BYTES = 300_000  # compressed bytes per chunk item at most
MEMO_CHUNKS = 128  # chunks a warm process keeps (decoded, about half a megabyte each): 256,000 rows
RANKED, OTHERS = "R", "O"  # the two streams: people with an item (rank order), the others (by name)
_FIELD = "\x1f"  # between the fields of a data line; personnel text holds no control characters


@dataclass(frozen=True)
class PickerRevisions:
    """What a course's ranking depends on, as of now."""

    course_exists: bool
    compliance_revision: int
    directory_revision: int


@dataclass(frozen=True)
class RankingHead:
    """Which generation of chunks holds a course's ranking, and what it was computed from."""

    generation: str
    computed_at: datetime
    computed_for: date
    warning_days: int
    compliance_revision: int
    directory_revision: int
    ranked_groups: list[list[int]]  # per R chunk: rows of groups 1, 2, 3 and 4
    others_rows: list[int]  # per O chunk: rows


@dataclass(frozen=True)
class PickerState:
    """The revisions a ranking must match, and the course's ranking head (None: none, or the old layout)."""

    revisions: PickerRevisions
    head: RankingHead | None


@dataclass(frozen=True)
class Person:
    """The directory's view of one active person."""

    personnel_id: str
    first_name: str
    last_name: str
    email: str | None
    employee_no: str


@dataclass(frozen=True)
class PackedChunk:
    """One chunk as stored: compressed search text and data lines, and the groups of its rows."""

    names: bytes
    data: bytes
    groups: tuple[int, int, int, int]

    @property
    def rows(self) -> int:
        return sum(self.groups)


# A row is (search text line, data line, group). The search line is exactly what `Candidate.matches`
# looks in (before lower-casing); the data line has the lengths that cut it back into its fields.


def _rows(candidates: Iterable[Candidate]) -> list[tuple[str, str, int]]:
    rows = []
    for c in candidates:
        names = f"{c.first_name} {c.last_name} {c.email or ''} {c.employee_no}"
        if "\n" in names or _FIELD in names:
            raise ValueError(f"personnel {c.personnel_id}: a control character in a name, email or employee number")
        data = _FIELD.join(
            (
                str(len(c.first_name)),
                str(len(c.last_name)),
                "" if c.email is None else str(len(c.email)),
                c.personnel_id,
                c.status.value if c.status else "",
                c.expiry_date.isoformat() if c.expiry_date else "",
                str(c.group),
            )
        )
        rows.append((names, data, c.group))
    return rows


def _pack(rows: list[tuple[str, str, int]]) -> PackedChunk:
    groups = [0, 0, 0, 0]
    for _, _, group in rows:
        groups[group - 1] += 1
    return PackedChunk(
        names=zlib.compress("\n".join(row[0] for row in rows).encode(), 6),
        data=zlib.compress("\n".join(row[1] for row in rows).encode(), 6),
        groups=(groups[0], groups[1], groups[2], groups[3]),
    )


def _compress(rows: list[tuple[str, str, int]], chunk_rows: int | None = None) -> list[PackedChunk]:
    """Rows as chunks of at most `chunk_rows` (CHUNK_ROWS) rows and CHUNK_BYTES compressed bytes, in order."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    packed = []
    for first in range(0, len(rows), chunk_rows):
        packed += _fit(rows[first : first + chunk_rows])
    return packed


def _fit(rows: list[tuple[str, str, int]]) -> list[PackedChunk]:
    chunk = _pack(rows)
    if len(chunk.names) + len(chunk.data) <= CHUNK_BYTES or len(rows) <= 1:
        return [chunk]
    middle = len(rows) // 2
    return _fit(rows[:middle]) + _fit(rows[middle:])


class RankingChunk:
    """One stored chunk, decompressed lazily: the search text first, the data lines only when a row is needed."""

    def __init__(self, names: bytes, data: bytes) -> None:
        self._packed_names, self._packed_data = names, data
        self._text: str | None = None
        self._names: list[str] | None = None
        self._data: list[str] | None = None

    def text(self) -> str:
        """The search text lines, as stored (not lower-cased)."""
        if self._text is None:
            self._text = zlib.decompress(self._packed_names).decode()
        return self._text

    def __len__(self) -> int:
        return self.text().count("\n") + 1

    def candidate(self, row: int) -> Candidate:
        if self._names is None or self._data is None:
            self._names = self.text().split("\n")
            self._data = zlib.decompress(self._packed_data).decode().split("\n")
        text = self._names[row]
        first, last, email, personnel_id, status, expiry, group = self._data[row].split(_FIELD)
        cut_first = int(first)
        cut_last = cut_first + 1 + int(last)
        cut_email = cut_last + 1 + (int(email) if email else 0)
        return Candidate(
            personnel_id,
            text[:cut_first],
            text[cut_first + 1 : cut_last],
            text[cut_last + 1 : cut_email] if email else None,
            text[cut_email + 1 :],
            ComplianceStatus(status) if status else None,
            date.fromisoformat(expiry) if expiry else None,
            int(group),
        )

    def candidates(self, start: int = 0) -> Iterator[Candidate]:
        for row in range(start, len(self)):
            yield self.candidate(row)

    def search(self, needle: str) -> Iterator[Candidate]:
        """In order, the rows whose lower-cased search text holds `needle` (every row if it spans lines).

        A superset of `Candidate.matches`: the picker checks each row it is given again.
        """
        if "\n" in needle:
            yield from self.candidates()
            return
        text = self.text().lower()  # lower() keeps every line break, so line numbers hold
        row, counted, at = 0, 0, text.find(needle)
        while at != -1:
            row += text.count("\n", counted, at)
            yield self.candidate(row)
            end = text.find("\n", at)
            if end == -1:
                return
            row, counted, at = row + 1, end + 1, text.find(needle, end + 1)


def _head(raw: dict[str, Any] | None) -> RankingHead | None:
    if raw is None:
        return None
    item = SuggestionCacheItem.from_raw_data(raw)
    if item.ranked_groups is None or item.others_rows is None:
        return None  # the old layout (one stream, whole-ranking chunks): stale until the next refresh
    return RankingHead(
        generation=item.generation,
        computed_at=item.computed_at,
        computed_for=date.fromisoformat(item.computed_for),
        warning_days=int(item.warning_days),
        compliance_revision=int(item.compliance_revision),
        directory_revision=int(item.directory_revision),
        ranked_groups=[[int(n) for n in groups] for groups in item.ranked_groups],
        others_rows=[int(n) for n in item.others_rows],
    )


def _raw_query(hash_key: str, **conditions: Any) -> Iterator[dict[str, Any]]:
    """Every item of a Query, page after page, as DynamoDB returns them."""
    connection = TableItem._get_connection()
    start = None
    while True:
        page = connection.query(hash_key, exclusive_start_key=start, **conditions)
        yield from page.get("Items", [])
        start = page.get("LastEvaluatedKey")
        if not start:
            return


class SuggestionStore(AggregateStore):
    """The picker's inputs and its precomputed rankings."""

    def __init__(self, table_name: str, transaction_max_items: int = 100) -> None:
        super().__init__(table_name, transaction_max_items)
        self._memo: OrderedDict[tuple[str, str], RankingChunk] = OrderedDict()  # least recently used first
        self._memo_lock = threading.Lock()  # the local server answers on several threads

    def picker_state(self, course_id: str) -> PickerState:
        """The course's compliance revision, the directory's and the ranking head, in one consistent batch read."""
        return self.picker_states([course_id])[course_id]

    def picker_states(self, course_ids: Sequence[str]) -> dict[str, PickerState]:
        """`picker_state` of each course, by course id, in consistent batch reads.

        Two keys a course (the course, its ranking head) and the directory's: one BatchGetItem of 100
        keys covers 49 courses.
        """
        heads = {course_id: SuggestionCacheItem.key(course_id) for course_id in course_ids}
        found = self.batch_read([DirectoryItem.key(), *(k for c in course_ids for k in (CourseItem.key(c), heads[c]))])
        directory = found.get(DirectoryItem.key())
        directory_revision = int(directory.get("revision", {}).get("N", 0)) if directory else 0
        states = {}
        for course_id in course_ids:
            course = found.get(CourseItem.key(course_id))
            revisions = PickerRevisions(
                course_exists=course is not None,
                compliance_revision=int(course.get("compliance_revision", {}).get("N", 0)) if course else 0,
                directory_revision=directory_revision,
            )
            states[course_id] = PickerState(revisions, _head(found.get(heads[course_id])))
        return states

    def picker_revisions(self, course_id: str) -> PickerRevisions:
        return self.picker_state(course_id).revisions

    def read_chunks(
        self, course_id: str, head: RankingHead, ranked: Iterable[int], others: Iterable[int] = ()
    ) -> tuple[list[RankingChunk], list[RankingChunk]] | None:
        """Chunks of the head's generation: the R ones numbered `ranked`, the O ones numbered `others`.

        Those this warm process has read before come from memory (a generation's chunks never change:
        a new ranking is a new generation); the rest in one BatchGetItem. None if one is missing (a
        newer generation replaced this one meanwhile).
        """
        wanted = [(RANKED, n) for n in ranked] + [(OTHERS, n) for n in others]
        keys = [SuggestionChunkItem.key(course_id, head.generation, stream, n) for stream, n in wanted]
        with self._memo_lock:
            chunks = {key: self._memo[key] for key in keys if key in self._memo}
        missing = [key for key in keys if key not in chunks]
        found = self.batch_read(missing) if missing else {}
        if any(key not in found for key in missing):
            return None
        with self._memo_lock:
            for key in missing:
                chunks[key] = self._memo[key] = RankingChunk(found[key]["names"]["B"], found[key]["data"]["B"])
            for key in keys:
                self._memo.move_to_end(key)
            while len(self._memo) > MEMO_CHUNKS:
                self._memo.popitem(last=False)
        return (
            [chunks[key] for (stream, _), key in zip(wanted, keys, strict=True) if stream == RANKED],
            [chunks[key] for (stream, _), key in zip(wanted, keys, strict=True) if stream == OTHERS],
        )

    def forget_chunks(self) -> None:
        """Drop the chunks kept in memory (the benchmark's first read after a refresh)."""
        with self._memo_lock:
            self._memo.clear()

    def write_ranking(
        self,
        course_id: str,
        ranked: list[Candidate],
        revisions: PickerRevisions,
        computed_for: date,
        warning_days: int,
        now: datetime,
    ) -> int:
        """Store a new generation of chunks, then point the head at it, then drop the old chunks.

        The head only moves forward: a ranking computed from older revisions than the stored one is
        not written over it. Returns the number of chunk items written.
        """
        generation = to_utc(now).strftime("%Y%m%dT%H%M%S%f")  # a UTC instant: generations sort by time
        with_item = _compress(_rows(c for c in ranked if c.has_item))
        without = _compress(_rows(c for c in ranked if not c.has_item))
        with SuggestionChunkItem.batch_write() as batch:
            for stream, packed in ((RANKED, with_item), (OTHERS, without)):
                for number, chunk in enumerate(packed):
                    key = SuggestionChunkItem.key(course_id, generation, stream, number)
                    batch.save(SuggestionChunkItem(*key, names=chunk.names, data=chunk.data))
        head = SuggestionCacheItem(
            *SuggestionCacheItem.key(course_id),
            generation=generation,
            chunks=len(with_item) + len(without),
            candidates=len(ranked),
            computed_at=now,
            computed_for=computed_for.isoformat(),
            warning_days=warning_days,
            compliance_revision=revisions.compliance_revision,
            directory_revision=revisions.directory_revision,
            ranked_groups=[list(chunk.groups) for chunk in with_item],
            others_rows=[chunk.rows for chunk in without],
        )
        newer_or_none = SuggestionCacheItem.pk.does_not_exist() | (
            (SuggestionCacheItem.compliance_revision <= revisions.compliance_revision)
            & (SuggestionCacheItem.directory_revision <= revisions.directory_revision)
        )
        try:
            head.save(condition=newer_or_none)
        except PutError as refused:
            if refused.cause_response_code != "ConditionalCheckFailedException":
                raise
            keep = None  # a ranking from newer data is already in place: drop ours
        else:
            keep = generation
        # Written: every older generation goes. Refused: only ours goes, the head's stays whole.
        # Only the keys are read (a projection), not the chunks' data.
        doomed = f"SUGGESTIONS#{generation}#" if keep is None else None
        stale = [
            item
            for item in SuggestionChunkItem.query(
                CourseItem.key(course_id)[0],
                SuggestionChunkItem.sk.startswith("SUGGESTIONS#"),
                attributes_to_get=["PK", "SK"],
            )
            if (
                item.sk.startswith(doomed)
                if doomed
                else item.sk != head.sk and not item.sk.startswith(f"SUGGESTIONS#{keep}#")
            )
        ]
        with SuggestionChunkItem.batch_write() as batch:
            for item in stale:
                batch.delete(item)
        return len(with_item) + len(without)

    def course_compliance(self, course_id: str) -> list[tuple[str, ComplianceStatus, date | None]]:
        """Every compliance item of the course as (personnel id, recorded status, expiry).

        Only those three attributes are read back, as raw items (no model per row): a refresh reads
        every course's items, tens of thousands each.
        """
        rows = _raw_query(
            CourseItem.key(course_id)[0],
            index_name=ComplianceItemRow.by_course.Meta.index_name,
            range_key_condition=ComplianceItemRow.course_sk.startswith("COMPLIANCE#"),
            attributes_to_get=["personnel_id", "status", "expiry_date"],
        )
        return [
            (
                row["personnel_id"]["S"],
                ComplianceStatus(row["status"]["S"]),
                date.fromisoformat(row["expiry_date"]["S"]) if "S" in row.get("expiry_date", {}) else None,
            )
            for row in rows
        ]

    def active_personnel(self) -> list[Person]:
        """Everyone active in the directory (the picker's universe), read in large pages, raw."""
        rows = _raw_query(
            "PERSONNEL",
            index_name=PersonnelItem.by_list.Meta.index_name,
            filter_condition=PersonnelItem.active == True,  # noqa: E712
            attributes_to_get=["id", "first_name", "last_name", "email", "employee_no"],
        )
        return [
            Person(
                row["id"]["S"],
                row["first_name"]["S"],
                row["last_name"]["S"],
                row.get("email", {}).get("S"),
                row["employee_no"]["S"],
            )
            for row in rows
        ]

    def all_course_ids(self) -> list[str]:
        return [item.id for item in CourseItem.by_list.query("COURSE", attributes_to_get=["id"])]

    def bump_compliance_revision(self, course_id: str, now: datetime) -> None:
        bump_compliance_revision(course_id, now)
