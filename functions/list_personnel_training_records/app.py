"""GET /api/v1/training/personnel/{personnelId}/training-records: a worker's training history."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, PathId
from titan_training.domain.base import Page
from titan_training.domain.records import TrainingRecord
from titan_training.services import records

app = build_resolver()


@app.get(
    "/api/v1/training/personnel/<personnelId>/training-records",
    operation_id="listPersonnelTrainingRecords",
    summary="A page of a worker's training records from finalized sessions, newest first.",
    tags=["Records"],
    responses=responses(200, Page[TrainingRecord], 404, 422),
)
def list_personnel_training_records(
    personnelId: PathId, limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None
) -> Page[TrainingRecord]:
    return records.personnel_training_records(runtime.store(), personnelId, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListPersonnelTrainingRecords", allowed_groups=ADMIN_ONLY)
