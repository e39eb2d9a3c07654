"""Personnel: the workers whose compliance the module turns from red to green."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from titan_training.domain.base import ApiModel, Blankable, Email, Flag, Name, PatchModel, ShortText
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId


class PersonnelCreate(ApiModel):
    EXAMPLE = {"firstName": "Ana", "lastName": "Silva", "employeeNo": "E-1042", "email": "ana.silva@example.com"}

    first_name: Name
    last_name: Name
    email: Annotated[Email | None, Blankable] = None
    employee_no: ShortText
    active: Flag = True


class PersonnelPatch(PatchModel):
    NOT_NULL = ("first_name", "last_name", "employee_no", "active")
    EXAMPLE = {"email": "ana.silva@example.org"}

    first_name: Name | None = None
    last_name: Name | None = None
    email: Annotated[Email | None, Blankable] = None
    employee_no: ShortText | None = None
    active: Flag | None = None


class Personnel(ApiModel):
    id: EntityId
    first_name: str
    last_name: str
    email: str | None
    employee_no: str
    active: bool
    created_at: Instant
    updated_at: Instant


# A sort key holds at most 1,024 bytes: each word is cut to this many characters (a longer search too).
SEARCH_TOKEN_LENGTH = 100
# Bounds the writes a create or rename adds to its transaction (two per word on a rename).
MAX_SEARCH_TOKENS = 24


def fold(text: str) -> str:
    """Text as search compares it: accents dropped (é -> e), case folded, control characters and
    runs of white space made one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(" " if unicodedata.category(c) == "Cc" else c for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.casefold().split())


def search_needle(search: str | None) -> str:
    """What a `search` looks for: its folded text, cut as words are ("" means no search)."""
    return fold(search or "")[:SEARCH_TOKEN_LENGTH]


def search_tokens(first_name: str, last_name: str, email: str | None, employee_no: str) -> list[str]:
    """The words a search matches by prefix: each word of the first and last name (and each part of a
    hyphenated or apostrophised one), a name of several words whole, the full name (first then last),
    the employee number, the email and its domain.

    Folded as `fold`; in order of first appearance, without repeats, at most `MAX_SEARCH_TOKENS`.
    """
    first, last = fold(first_name), fold(last_name)
    words: list[str] = []
    for name in (first, last):
        for word in name.split():
            words.append(word)
            words.extend(re.split("[-'\u2019]+", word))
        words.append(name)
    words.append(f"{first} {last}")
    words.append(fold(employee_no))
    if email:
        words.append(fold(email))
        words.append(fold(email).rpartition("@")[2])
    tokens = dict.fromkeys(word[:SEARCH_TOKEN_LENGTH].strip() for word in words)
    return [token for token in tokens if token][:MAX_SEARCH_TOKENS]


def first_match(tokens: list[str], needle: str) -> str | None:
    """The smallest of a person's words that `needle` begins, or None if it begins none.

    A person may match a search by several words (Ana, Ana Silva): search lists only this one, so
    the person appears once, on one page.
    """
    return min((token for token in tokens if token.startswith(needle)), default=None)
