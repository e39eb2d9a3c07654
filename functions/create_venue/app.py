"""POST /api/v1/training/venues: add a venue."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.venues import Venue, VenueCreate
from titan_training.services import venues

app = build_resolver()


@app.post(
    "/api/v1/training/venues",
    operation_id="createVenue",
    summary="Add a venue.",
    tags=["Venues"],
    responses=responses(201, Venue, 409, 422),
    middlewares=[retry_safe],
)
def create_venue(venue: VenueCreate, idempotency_key: IdempotencyKey = None) -> Venue:
    return venues.create_venue(runtime.store(), venue, utc_now()), 201


lambda_handler = lambda_entry(app, operation="CreateVenue", allowed_groups=ADMIN_ONLY)
