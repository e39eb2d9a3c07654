"""Give training records written before a worker's history was in ListIndex their keys, once.

`make run` does it on every start of a kept local table. For a deployed table, as soon as this
version is deployed (until then `GET /personnel/{personnelId}/training-records` lists only the records
written since):

    TABLE_NAME=<table> AWS_REGION=<region> PYTHONPATH=.:layers/shared \
        .venv/bin/python -m local.backfill_training_record_keys

with the account's credentials in the environment (a Scan of the table, and one update per record
without the keys).
"""

from __future__ import annotations

import sys


def main() -> int:
    from titan_training.api import runtime

    updated = runtime.store().records.backfill_history_keys()
    print(f"Gave {updated} training records their ListIndex keys (the worker's history)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
