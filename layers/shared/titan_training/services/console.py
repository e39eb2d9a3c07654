"""The web console's public settings (`GET /config`): read from the function's configuration, no table."""

from __future__ import annotations

from titan_training.domain.console import ConsoleConfig, console_config
from titan_training.settings import Settings


def get_console_config(settings: Settings) -> ConsoleConfig:
    return console_config(
        site_timezone=settings.site_timezone,
        local=settings.local_server,
        expiry_warning_days=settings.expiry_warning_days,
        region=settings.aws_region,
        user_pool_id=settings.cognito_user_pool_id,
        user_pool_client_id=settings.cognito_user_pool_client_id,
        domain=settings.cognito_domain,
    )
