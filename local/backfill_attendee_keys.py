"""Give class-list entries written before the calendar feeds their ListIndex keys (`ATTENDING#<worker>`), once.

`make run` does it on every start of a kept local table. For a deployed table:
`TABLE_NAME=<table> AWS_REGION=<region> .venv/bin/python -m local.backfill_attendee_keys` with the
account's credentials in the environment (a Scan of the table, and one update per entry without the keys).
"""

from __future__ import annotations

import sys


def main() -> int:
    from titan_training.api import runtime

    updated = runtime.store().sessions.backfill_attendee_keys()
    print(f"Gave {updated} class-list entries their ListIndex keys (the workers' calendar feeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
