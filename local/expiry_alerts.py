"""`make expiry-alerts`: run the daily expiry alerts once against the local table.

Events go to the local sink (no EVENT_BUS_NAME): a line each on standard output, appended to
LOCAL_EVENT_SINK (`.local/events-<PORT>.jsonl` under `make run`). Uses the DynamoDB Local that `make run`
started on DYNAMODB_PORT; if none is running there, starts one on the same data for the length of the run.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from local.dynamodb_local import DynamoDBLocal
from local.events import LambdaContext, scheduled_event
from local.handlers import load_module
from local.server import configure_environment, port_in_use
from local.template import ROOT, scheduled_functions


def alert_once() -> dict[str, int]:
    (function,) = [f for f in scheduled_functions() if f.handler_file.parent.name == "expiry_alerts"]
    handler = getattr(load_module(function.handler_file), function.handler_name)
    return handler(scheduled_event(function.function), LambdaContext(function_name=function.function))


def main() -> int:
    port = int(os.environ.get("DYNAMODB_PORT", "8000"))
    table_name = os.environ.get("TABLE_NAME", "titan-training-local")
    data_dir = Path(os.environ.get("LOCAL_DATA_DIR") or ROOT / ".local" / f"dynamodb-data-{port}")
    os.environ.setdefault("LOCAL_EVENT_SINK", str(ROOT / ".local" / f"events-{os.environ.get('PORT', '3000')}.jsonl"))
    started = None if port_in_use(port) else DynamoDBLocal(port=port, db_path=data_dir).start()
    try:
        configure_environment(table_name, f"http://127.0.0.1:{port}")
        print(json.dumps(alert_once()))
    finally:
        if started is not None:
            started.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
