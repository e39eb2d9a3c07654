"""`make load` in small: 3 users for 5 seconds against its own local server, every answer below 500."""

from __future__ import annotations

import pytest

from bench import load

pytestmark = pytest.mark.http


def test_a_short_load_run_gets_no_5xx(capsys):
    # Given the load runner with its own server, fresh store and seeded trainers
    # When 3 users work for 5 seconds (printing only, the report untouched)
    before = load.REPORT.read_text()
    status = load.main(["--users", "3", "--seconds", "5", "--no-write"])

    # Then the run ends without a 5xx, its table has a total row, and docs/benchmarks.md is as it was
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "**3 concurrent users, 5 s**" in printed
    total = next(line for line in printed.splitlines() if line.startswith("| **total** |"))
    assert int(total.split("|")[2]) > 0
    assert load.REPORT.read_text() == before
