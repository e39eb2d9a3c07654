"""Write every worker's personnel search entries into a table that predates them (docs/data-model.md).

    TABLE_NAME=<table> AWS_REGION=<region> PYTHONPATH=.:layers/shared \
        .venv/bin/python -m local.backfill_personnel_search

Without DYNAMODB_ENDPOINT_URL it writes to the deployed table in AWS, with the caller's credentials
(it needs dynamodb:Query on ListIndex and dynamodb:BatchWriteItem); with it, to DynamoDB Local.
`make run` does this by itself when its kept data has workers without entries. Safe to run again.
"""

from __future__ import annotations

import os
import sys

from titan_training.store.table import TrainingTable


def main() -> int:
    table_name = os.environ.get("TABLE_NAME")
    if not table_name:
        print("Set TABLE_NAME (and AWS_REGION) to the table to back-fill.", file=sys.stderr)
        return 2
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    table = TrainingTable(table_name, region, os.environ.get("DYNAMODB_ENDPOINT_URL"))
    print(f"Wrote the search entries of {table.personnel.backfill_search_entries()} workers to {table_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
