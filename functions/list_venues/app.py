"""GET /api/v1/training/venues: list venues by name."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.base import Page
from titan_training.domain.venues import Venue
from titan_training.services import venues

app = build_resolver()


@app.get(
    "/api/v1/training/venues",
    operation_id="listVenues",
    summary="List venues by name.",
    tags=["Venues"],
    responses=responses(200, Page[Venue], 422),
)
def list_venues(limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None) -> Page[Venue]:
    return venues.list_venues(runtime.store(), limit, next_token)


lambda_handler = lambda_entry(app, operation="ListVenues", allowed_groups=ADMIN_OR_TRAINER)
