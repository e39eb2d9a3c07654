"""GET /api/v1/training/config: the web console's settings, public (no identity needed)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, public_entry, responses
from titan_training.domain.console import ConsoleConfig
from titan_training.services import console

app = build_resolver()


@app.get(
    "/api/v1/training/config",
    operation_id="getConfig",
    summary="The web console's settings: the site's time zone, whether this is the local server, where to sign in.",
    tags=["Console"],
    responses=responses(200, ConsoleConfig, 422, public=True),  # 422: Powertools documents one anyway,
)
def get_config() -> ConsoleConfig:
    return console.get_console_config(runtime.settings())


lambda_handler = public_entry(app, operation="GetConfig")
