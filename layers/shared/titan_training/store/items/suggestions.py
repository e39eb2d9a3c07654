"""The attendee picker's stored rankings."""

from __future__ import annotations

from pynamodb.attributes import BinaryAttribute, ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from titan_training.store.items.base import TableItem


class SuggestionCacheItem(TableItem):
    """The head of a course's precomputed picker ranking: which generation of chunks is current, how
    its rows are spread over them, and the day and revisions it was computed from (any of them moving
    on makes it stale)."""

    generation = UnicodeAttribute()
    chunks = NumberAttribute()
    candidates = NumberAttribute()
    computed_at = UTCDateTimeAttribute()
    computed_for = UnicodeAttribute()  # the site day the ranking is for (expiry windows move daily)
    warning_days = NumberAttribute(default=60)  # the EXPIRY_WARNING_DAYS it was ranked with
    compliance_revision = NumberAttribute()
    directory_revision = NumberAttribute()
    # Per chunk of the people with an item (rank order), how many of groups 1-4 it holds; per chunk of
    # the people without one (by name), how many. A head without them is of the old layout: stale.
    ranked_groups = ListAttribute(null=True)
    others_rows = ListAttribute(null=True)

    @staticmethod
    def key(course_id: str) -> tuple[str, str]:
        return f"COURSE#{course_id}", "SUGGESTIONS#~HEAD"


class SuggestionChunkItem(TableItem):
    """A slice of a course's ranking, far below DynamoDB's 400 KB item limit: `names`, each row's
    search text (first name, last name, email, employee number), and `data`, the rest of each row,
    both zlib-compressed lines (row n of one is row n of the other)."""

    names = BinaryAttribute(legacy_encoding=False)
    data = BinaryAttribute(legacy_encoding=False)

    @staticmethod
    def key(course_id: str, generation: str, stream: str, number: int) -> tuple[str, str]:
        """`stream`: R, the people with an item in rank order; O, the others by name."""
        return f"COURSE#{course_id}", f"SUGGESTIONS#{generation}#{stream}{number:04d}"
