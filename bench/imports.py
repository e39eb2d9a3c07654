"""Spreadsheet imports at their limit: 10,000 rows in one call, against API Gateway's 29 seconds.

`python -m bench.run --only imports` runs these alone on a fresh table (and only prints); `make bench`
runs them with the rest; `--only imports-new` runs only the import of 10,000 new workers (the slowest,
to profile or measure it alone). Each file is sent through the real handler, as the local server sends it.
"""

from __future__ import annotations

import json
import random
import string
import time
import uuid
from collections.abc import Callable
from typing import Any

ROWS = 10_000
COURSES = 5  # the compliance file: 2,000 workers x 5 courses
TARGET = "< 29,000 ms (API Gateway), 10,000 rows"


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))


def personnel_file(rng: random.Random, tag: str) -> str:
    rows = ["First Name;Last Name;Email;Employee Number;Active"]
    for n in range(ROWS):
        first, last = _name(rng), _name(rng)
        rows.append(f"{first};{last};{first.lower()}.{last.lower()}{n}@titan.example;IMP-{tag}-{n:05d};yes")
    return "\ufeff" + "\n".join(rows) + "\n"


def renamed(text: str, every: int) -> str:
    """The same file with every `every`-th worker's last name changed (a directory's monthly update)."""
    lines = text.split("\n")
    for n in range(1, len(lines) - 1, every):
        cells = lines[n].split(";")
        cells[1] += "son"
        lines[n] = ";".join(cells)
    return "\n".join(lines)


def compliance_file(numbers: list[str], codes: list[str], rng: random.Random) -> str:
    rows = ["employee number,course code,status,expiry date"]
    for number in numbers[: ROWS // len(codes)]:
        for code in codes:
            status = rng.choice(["COMPLIANT", "PENDING", "NON_COMPLIANT"])
            expiry = f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if status == "COMPLIANT" else ""
            rows.append(f"{number},{code},{status},{expiry}")
    return "\n".join(rows) + "\n"


def scenario(
    invoke: Callable[..., dict[str, Any]],
    call: Callable[..., dict],
    requests: Callable[[], int],
    new_only: bool = False,
) -> list[tuple[str, float, float, int, str]]:
    """(scenario, requests, ms, calls, target) rows. `invoke(path, text, query)` posts a CSV file;
    `new_only`: only the import of 10,000 new workers."""
    rng = random.Random(12)
    tag = uuid.uuid4().hex[:6]
    rows = []

    def timed(name: str, path: str, text: str, query: dict[str, str] | None, check: Callable[[dict], bool]) -> None:
        before = requests()
        started = time.perf_counter()
        report = invoke(path, text, query)
        elapsed = (time.perf_counter() - started) * 1000
        if not check(report):
            raise RuntimeError(f"{name}: unexpected report {json.dumps(report)[:300]}")
        rows.append((name, float(requests() - before), elapsed, 1, TARGET))

    people = personnel_file(rng, tag)
    if not new_only:
        timed(
            "import personnel, 10,000 new workers: dry run",
            "/imports/personnel",
            people,
            {"dryRun": "true"},
            lambda r: len(r["created"]) == ROWS,
        )
    timed(
        "import personnel, 10,000 new workers",
        "/imports/personnel",
        people,
        None,
        lambda r: len(r["created"]) == ROWS and not r["refused"],
    )
    if new_only:
        return rows
    timed(
        "import personnel, the same file again (nothing to write)",
        "/imports/personnel",
        people,
        None,
        lambda r: r["unchanged"] == ROWS,
    )
    timed(
        "import personnel, 10,000 rows, every 10th renamed",
        "/imports/personnel",
        renamed(people, 10),
        None,
        lambda r: len(r["changed"]) == ROWS // 10,
    )
    codes = [
        call("POST", "/courses", {"name": f"Import Course {n}", "code": f"IC{n}-{tag}"})["code"] for n in range(COURSES)
    ]
    numbers = [f"IMP-{tag}-{n:05d}" for n in range(ROWS)]
    items = compliance_file(numbers, codes, rng)
    timed(
        "import compliance, 10,000 new items (2,000 workers x 5 courses)",
        "/imports/compliance",
        items,
        None,
        lambda r: len(r["created"]) == ROWS and not r["refused"],
    )
    timed(
        "import compliance, the same file again (nothing to write)",
        "/imports/compliance",
        items,
        None,
        lambda r: r["unchanged"] == ROWS,
    )
    return rows
