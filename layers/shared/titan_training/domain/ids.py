"""Entity ids: cuids as Prisma's `cuid()` makes them and Zod's `.cuid()` accepts them."""

from __future__ import annotations

import secrets
import string
import time
from typing import Annotated

from pydantic import StringConstraints

# Zod's cuid check is /^c[^\s-]{8,}$/i; ids made here are `c` and base36 letters and digits, and that is
# all we accept (a symbol would break a path or a key), so the pattern says exactly that.
CUID_PATTERN = r"^[cC][0-9A-Za-z]{8,63}$"

EntityId = Annotated[str, StringConstraints(pattern=CUID_PATTERN, max_length=64)]

_BASE36 = string.digits + string.ascii_lowercase


def _base36(number: int) -> str:
    digits = []
    while number:
        number, remainder = divmod(number, 36)
        digits.append(_BASE36[remainder])
    return "".join(reversed(digits)) or "0"


def new_id() -> str:
    """A new cuid: `c`, 8 characters of millisecond time (so ids sort by creation), 16 random ones."""
    stamp = _base36(time.time_ns() // 1_000_000).rjust(8, "0")[-8:]
    randomness = "".join(secrets.choice(_BASE36) for _ in range(16))
    return f"c{stamp}{randomness}"
