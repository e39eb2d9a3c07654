"""GET /api/v1/training/availability: is a trainer (hard block) or venue (warning) booked in a window?"""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import id_query
from titan_training.domain.availability import Availability
from titan_training.domain.clock import Instant
from titan_training.services import availability

app = build_resolver()


@app.get(
    "/api/v1/training/availability",
    operation_id="checkAvailability",
    summary="Overlapping SCHEDULED sessions of a trainer and a venue; a booked trainer makes `available` false.",
    tags=["Availability"],
    responses=responses(200, Availability, 404, 422),
)
def check_availability(
    start_time: Annotated[
        Instant, Query(alias="startTime", description="ISO 8601 with offset, e.g. 2026-11-23T09:00:00Z")
    ],
    end_time: Annotated[Instant, Query(alias="endTime", description="ISO 8601 with offset; after startTime.")],
    trainer_id: Annotated[str | None, id_query("trainerId")] = None,
    venue_id: Annotated[str | None, id_query("venueId")] = None,
    exclude_session_id: Annotated[str | None, id_query("excludeSessionId")] = None,
) -> Availability:
    return availability.check_availability(
        runtime.store(), start_time, end_time, trainer_id, venue_id, exclude_session_id
    )


lambda_handler = lambda_entry(app, operation="CheckAvailability", allowed_groups=ADMIN_ONLY)
