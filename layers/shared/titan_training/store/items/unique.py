"""Claims of values that must be unique."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from titan_training.store.items.base import TableItem


class UniqueValueItem(TableItem):
    """Claims a value that must be unique (a course code, an employee number, a trainer's login)."""

    owner_id = UnicodeAttribute()

    @staticmethod
    def key(kind: str, value: str) -> tuple[str, str]:
        return f"UNIQUE#{kind}#{value.strip().lower()}", "UNIQUE"
