"""Access patterns of the smart picker: its inputs, and its per-course precomputed ranking.

A course's ranking is stored as a head item and compressed chunks in the course's own partition,
so one query reads it whole (10,000 candidates come to about half a megabyte compressed, far from
one query page's 1 MB; no item is allowed near 400 KB).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import PutError

from titan_training.domain.clock import to_utc
from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.suggestions import Candidate
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items import (
    ComplianceItemRow,
    CourseItem,
    DirectoryItem,
    PersonnelItem,
    SuggestionCacheItem,
    SuggestionChunkItem,
    TableItem,
)
from titan_training.store.revisions import bump_compliance_revision

CHUNK_BYTES = 300_000  # compressed bytes per chunk item at most


@dataclass(frozen=True)
class PickerRevisions:
    """What a course's ranking depends on, as of now."""

    course_exists: bool
    compliance_revision: int
    directory_revision: int


@dataclass
class CachedRanking:
    computed_at: datetime
    computed_for: date
    warning_days: int
    compliance_revision: int
    directory_revision: int
    candidates: list[Candidate]


@dataclass(frozen=True)
class Person:
    """The directory's view of one active person."""

    personnel_id: str
    first_name: str
    last_name: str
    email: str | None
    employee_no: str


def _rows(candidates: list[Candidate]) -> list[list[Any]]:
    return [
        [c.personnel_id, c.first_name, c.last_name, c.email, c.employee_no,
         c.status.value if c.status else None, c.expiry_date.isoformat() if c.expiry_date else None, c.group]
        for c in candidates
    ]  # fmt: skip


def _candidates(rows: list[list[Any]]) -> list[Candidate]:
    return [
        Candidate(pid, first, last, email, employee_no, ComplianceStatus(status) if status else None,
                  date.fromisoformat(expiry) if expiry else None, group)
        for pid, first, last, email, employee_no, status, expiry, group in rows
    ]  # fmt: skip


def _compress(rows: list[list[Any]]) -> list[bytes]:
    """Rows as compressed JSON chunks, each at most CHUNK_BYTES."""
    packed = zlib.compress(json.dumps(rows, separators=(",", ":")).encode(), 6)
    if len(packed) <= CHUNK_BYTES or len(rows) <= 1:
        return [packed]
    middle = len(rows) // 2
    return _compress(rows[:middle]) + _compress(rows[middle:])


class SuggestionStore(AggregateStore):
    """The picker's inputs and its precomputed rankings."""

    def directory_revision(self) -> int:
        try:
            return int(DirectoryItem.get(*DirectoryItem.key(), consistent_read=True).revision or 0)
        except DirectoryItem.DoesNotExist:
            return 0

    def ranking_head(self, course_id: str) -> SuggestionCacheItem | None:
        try:
            return SuggestionCacheItem.get(*SuggestionCacheItem.key(course_id), consistent_read=True)
        except SuggestionCacheItem.DoesNotExist:
            return None

    def picker_revisions(self, course_id: str) -> PickerRevisions:
        """The course's compliance revision and the directory's, in one consistent batch read."""
        found = self.batch_read([CourseItem.key(course_id), DirectoryItem.key()])
        course = found.get(CourseItem.key(course_id))
        directory = found.get(DirectoryItem.key())
        return PickerRevisions(
            course_exists=course is not None,
            compliance_revision=int(course.get("compliance_revision", {}).get("N", 0)) if course else 0,
            directory_revision=int(directory.get("revision", {}).get("N", 0)) if directory else 0,
        )

    def read_ranking(self, course_id: str) -> CachedRanking | None:
        """The course's precomputed ranking, or None if there is none or it is mid-replacement."""
        connection = TableItem._get_connection()
        partition = CourseItem.key(course_id)[0]
        head, chunks, start = None, {}, None
        while True:
            page = connection.query(
                partition,
                SuggestionChunkItem.sk.startswith("SUGGESTIONS#"),
                consistent_read=True,
                exclusive_start_key=start,
            )
            for raw in page.get("Items", []):
                if raw["SK"]["S"] == SuggestionCacheItem.key(course_id)[1]:
                    head = SuggestionCacheItem.from_raw_data(raw)
                else:
                    chunks[raw["SK"]["S"]] = SuggestionChunkItem.from_raw_data(raw).data
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        if head is None:
            return None
        keys = [SuggestionChunkItem.key(course_id, head.generation, n)[1] for n in range(int(head.chunks))]
        if any(key not in chunks for key in keys):
            return None  # a newer generation's head landed before its chunks were all visible
        rows = [row for key in keys for row in json.loads(zlib.decompress(chunks[key]))]
        return CachedRanking(
            computed_at=head.computed_at,
            computed_for=date.fromisoformat(head.computed_for),
            warning_days=int(head.warning_days),
            compliance_revision=int(head.compliance_revision),
            directory_revision=int(head.directory_revision),
            candidates=_candidates(rows),
        )

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
        packed = _compress(_rows(ranked))
        with SuggestionChunkItem.batch_write() as batch:
            for number, data in enumerate(packed):
                batch.save(SuggestionChunkItem(*SuggestionChunkItem.key(course_id, generation, number), data=data))
        head = SuggestionCacheItem(
            *SuggestionCacheItem.key(course_id),
            generation=generation,
            chunks=len(packed),
            candidates=len(ranked),
            computed_at=now,
            computed_for=computed_for.isoformat(),
            warning_days=warning_days,
            compliance_revision=revisions.compliance_revision,
            directory_revision=revisions.directory_revision,
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
        doomed = f"SUGGESTIONS#{generation}#" if keep is None else None
        stale = [
            item
            for item in SuggestionChunkItem.query(
                CourseItem.key(course_id)[0], SuggestionChunkItem.sk.startswith("SUGGESTIONS#")
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
        return len(packed)

    def course_compliance(self, course_id: str) -> list[tuple[str, ComplianceStatus, date | None]]:
        """Every compliance item of the course as (personnel id, recorded status, expiry)."""
        rows = ComplianceItemRow.by_course.query(
            CourseItem.key(course_id)[0], ComplianceItemRow.course_sk.startswith("COMPLIANCE#")
        )
        return [
            (
                row.personnel_id,
                ComplianceStatus(row.status),
                date.fromisoformat(row.expiry_date) if row.expiry_date else None,
            )
            for row in rows
        ]

    def active_personnel(self) -> list[Person]:
        """Everyone active in the directory (the picker's universe), read in large pages."""
        rows = PersonnelItem.by_list.query("PERSONNEL", filter_condition=PersonnelItem.active == True)  # noqa: E712
        return [Person(r.id, r.first_name, r.last_name, r.email, r.employee_no) for r in rows]

    def all_course_ids(self) -> list[str]:
        return [item.id for item in CourseItem.by_list.query("COURSE", attributes_to_get=["id"])]

    def bump_compliance_revision(self, course_id: str, now: datetime) -> None:
        bump_compliance_revision(course_id, now)
