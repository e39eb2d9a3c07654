"""PATCH /api/v1/training/venues/{venueId}: change a venue; absent fields stay as they are."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.venues import Venue, VenuePatch
from titan_training.services import venues

app = build_resolver()


@app.patch(
    "/api/v1/training/venues/<venueId>",
    operation_id="updateVenue",
    summary="Change a venue; absent fields stay as they are.",
    tags=["Venues"],
    responses=responses(200, Venue, 404, 409, 422),
)
def update_venue(venueId: PathId, patch: VenuePatch) -> Venue:
    return venues.update_venue(runtime.store(), venueId, patch, utc_now())


lambda_handler = lambda_entry(app, operation="UpdateVenue", allowed_groups=ADMIN_ONLY)
