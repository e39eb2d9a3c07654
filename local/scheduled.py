"""Run one of template.yaml's scheduled functions once, in-process (as EventBridge would invoke it).

`make refresh-suggestions` and `make expiry-alerts` use `run_on_local_table`: the DynamoDB Local that
`make run` started on DYNAMODB_PORT, or, if none is running there, one started on the same data for the
length of the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from local.dynamodb_local import DynamoDBLocal
from local.events import LambdaContext, scheduled_event
from local.handlers import load_module
from local.server import configure_environment, port_in_use
from local.template import ROOT, scheduled_functions


def run_scheduled(folder: str) -> Any:
    """Invoke the scheduled function in functions/<folder> once with its EventBridge event; its answer."""
    (function,) = [f for f in scheduled_functions() if f.handler_file.parent.name == folder]
    handler = getattr(load_module(function.handler_file), function.handler_name)
    return handler(scheduled_event(function.function), LambdaContext(function_name=function.function))


def run_on_local_table(run: Callable[[], Any]) -> int:
    """`run()` against the local table (DYNAMODB_PORT, TABLE_NAME, LOCAL_DATA_DIR), printing its answer as JSON."""
    port = int(os.environ.get("DYNAMODB_PORT", "8000"))
    table_name = os.environ.get("TABLE_NAME", "titan-training-local")
    data_dir = Path(os.environ.get("LOCAL_DATA_DIR") or ROOT / ".local" / f"dynamodb-data-{port}")
    started = None if port_in_use(port) else DynamoDBLocal(port=port, db_path=data_dir).start()
    try:
        configure_environment(table_name, f"http://127.0.0.1:{port}")
        print(json.dumps(run()))
    finally:
        if started is not None:
            started.stop()
    return 0
