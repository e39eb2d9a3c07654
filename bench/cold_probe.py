"""One cold start, as a whole process: import a handler module from its file, invoke it once, exit.

`python bench/cold_probe.py HANDLER_FILE EVENT_FILE [HANDLER_NAME]`: bench/cold_start.py runs this for
every function and for the anchor (bench/cold_start_anchor.py) alike, so both pay the same few lines.
Its exit status is the answer's status class (2 for a 2xx, 4 for a 4xx, ...; 0 when it has none).
"""

import importlib.util
import json
import sys


class Context:
    """What the Lambda runtime passes as `context` (Powertools' Logger reads these fields)."""

    function_name = "cold-probe"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    aws_request_id = "cold-probe"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:cold-probe"
    log_group_name = "/aws/lambda/cold-probe"
    log_stream_name = "cold-probe"

    def get_remaining_time_in_millis(self) -> int:
        return 15_000


def main(handler_file: str, event_file: str) -> int:
    with open(event_file) as source:
        event = json.load(source)
    spec = importlib.util.spec_from_file_location("cold_probe_handler", handler_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    handler = getattr(module, "lambda_handler", None) or module.handler  # the anchor's is `handler`
    answer = handler(event, Context())
    status = answer.get("statusCode") if isinstance(answer, dict) else None
    return int(status) // 100 if status else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
