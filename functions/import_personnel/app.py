"""POST /api/v1/training/imports/personnel: workers from a CSV file, matched by employee number."""

from titan_training.api import runtime
from titan_training.api.errors import field_messages
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.imports import LIMITS, ROW_NUMBERS, DryRun, csv_body, media_type, raw_body
from titan_training.domain.clock import utc_now
from titan_training.domain.imports import ImportReport
from titan_training.services import imports

app = build_resolver()

EXAMPLE = "first name;last name;email;employee number;active\nAna;Silva;ana.silva@example.com;E-1042;true\n"


@app.post(
    "/api/v1/training/imports/personnel",
    operation_id="importPersonnel",
    summary="Import workers from a CSV file (dryRun=true: preview only).",
    description=(
        "Columns (header names compared ignoring case, spaces and underscores; comma or semicolon; UTF-8 with "
        "or without BOM): first name, last name, email (optional), employee number, active (optional: "
        "true/false, yes/no, 1/0; blank keeps the worker as they are, a new worker is active). A row whose "
        "employee number is stored changes that worker; another creates one. Rows are validated as "
        "POST /personnel validates a body, and a refused row's reason is that error. " + ROW_NUMBERS + " " + LIMITS
    ),
    tags=["Imports"],
    responses=responses(200, ImportReport, 400, 413, 422),
    openapi_extensions=csv_body("The personnel CSV file.", EXAMPLE),
)
def import_personnel(dry_run: DryRun = False) -> ImportReport:
    event = app.current_event
    return imports.import_personnel(
        runtime.store(), raw_body(event), media_type(event.headers), dry_run, utc_now(), field_messages
    )


lambda_handler = lambda_entry(app, operation="ImportPersonnel", allowed_groups=ADMIN_ONLY, json_body=False)
