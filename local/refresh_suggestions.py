"""`make refresh-suggestions`: run the scheduled picker refresh once against the local table.

Uses the DynamoDB Local that `make run` started on DYNAMODB_PORT; if none is running there, starts
one on the same data for the length of the run.
"""

from __future__ import annotations

import sys

from local.scheduled import run_on_local_table, run_scheduled


def refresh_once() -> dict[str, int]:
    return run_scheduled("refresh_suggestions")


if __name__ == "__main__":
    sys.exit(run_on_local_table(refresh_once))
