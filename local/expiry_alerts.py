"""`make expiry-alerts`: run the daily expiry alerts once against the local table.

Events go to the local sink (no EVENT_BUS_NAME): a line each on standard output, appended to
LOCAL_EVENT_SINK (`.local/events-<PORT>.jsonl` under `make run`). Uses the DynamoDB Local that `make run`
started on DYNAMODB_PORT; if none is running there, starts one on the same data for the length of the run.
"""

from __future__ import annotations

import os
import sys

from local.scheduled import run_on_local_table, run_scheduled
from local.template import ROOT


def alert_once() -> dict[str, int]:
    return run_scheduled("expiry_alerts")


if __name__ == "__main__":
    os.environ.setdefault("LOCAL_EVENT_SINK", str(ROOT / ".local" / f"events-{os.environ.get('PORT', '3000')}.jsonl"))
    sys.exit(run_on_local_table(alert_once))
