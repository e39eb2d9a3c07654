"""Who is acting: an authenticated caller and the groups that decide what they may do."""

from __future__ import annotations

from dataclasses import dataclass

HSE_ADMIN = "hse-admin"
TRAINER = "trainer"


@dataclass(frozen=True)
class Caller:
    user_id: str
    groups: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return HSE_ADMIN in self.groups
