"""GET /api/v1/training/venues/{venueId}: read one venue."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.venues import Venue
from titan_training.services import venues

app = build_resolver()


@app.get(
    "/api/v1/training/venues/<venueId>",
    operation_id="getVenue",
    summary="Read one venue.",
    tags=["Venues"],
    responses=responses(200, Venue, 404, 422),
)
def get_venue(venueId: PathId) -> Venue:
    return venues.get_venue(runtime.store(), venueId)


lambda_handler = lambda_entry(app, operation="GetVenue", allowed_groups=ADMIN_OR_TRAINER)
