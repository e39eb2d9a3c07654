"""Give sessions written before TrainerIndex, VenueIndex and StatusIndex existed their keys, once.

`make run` does it on every start of a kept local table. For a deployed table, after the stack has all
three indexes: `TABLE_NAME=<table> AWS_REGION=<region> .venv/bin/python -m local.backfill_session_keys`
with the account's credentials in the environment (a Scan of the table, and one update per session
without the keys).
"""

from __future__ import annotations

import sys


def main() -> int:
    from titan_training.api import runtime

    updated = runtime.store().sessions.backfill_index_keys()
    print(f"Gave {updated} sessions their TrainerIndex, VenueIndex and StatusIndex keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
