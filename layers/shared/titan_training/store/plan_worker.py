"""Starts a plan's computation: an asynchronous invocation of the planner's function (`run_plan`).

Deployed, Lambda queues the event and runs the function within its own timeout (template.yaml's
RunPlanFunction); locally, LAMBDA_ENDPOINT_URL points the same call at the local server, which runs
the function in the background.
"""

from __future__ import annotations

import json
from typing import Any


class PlanWorker:
    def __init__(self, function_name: str, region: str, endpoint_url: str | None = None) -> None:
        self.function_name = function_name
        self.region = region
        self.endpoint_url = endpoint_url
        self._client: Any = None

    def start(self, plan_id: str) -> None:
        """Queue `{"planId": plan_id}` for the planner's function (InvocationType Event: Lambda answers 202
        at once and retries a failed run twice)."""
        if not self.function_name:
            raise RuntimeError("PLAN_WORKER_FUNCTION is not set: plans cannot be computed")
        if self._client is None:
            import botocore.session  # here: only the function that requests plans needs a Lambda client

            self._client = botocore.session.get_session().create_client(
                "lambda", region_name=self.region, endpoint_url=self.endpoint_url
            )
        self._client.invoke(
            FunctionName=self.function_name, InvocationType="Event", Payload=json.dumps({"planId": plan_id})
        )
