"""What the web console needs to know before anyone signs in: the site's calendar, whether this is
the local server (which offers an "acting as" switcher instead of Cognito), and where to sign in."""

from __future__ import annotations

from pydantic import Field

from titan_training.domain.base import ApiModel


class HostedSignIn(ApiModel):
    """The Cognito settings of the hosted sign-in (authorization code with PKCE)."""

    region: str
    user_pool_id: str
    user_pool_client_id: str
    domain: str = Field(description="The hosted UI's domain, e.g. `titan-training.auth.eu-west-1.amazoncognito.com`.")


class ConsoleConfig(ApiModel):
    site_timezone: str = Field(description="The site's calendar (IANA zone): days, expiry, ISO weeks.")
    local: bool = Field(description="True only on the local server (`make run`): no Cognito, identity by header.")
    expiry_warning_days: int = Field(ge=0, description="How soon an expiry makes a worker expiring.")
    auth: HostedSignIn | None = Field(
        description="Where to sign in; null locally, and null while the stack has no hosted sign-in domain."
    )


def console_config(
    site_timezone: str,
    local: bool,
    expiry_warning_days: int,
    region: str,
    user_pool_id: str | None,
    user_pool_client_id: str | None,
    domain: str | None,
) -> ConsoleConfig:
    """The console's settings; `auth` only when deployed with every sign-in setting present."""
    signs_in = not local and user_pool_id and user_pool_client_id and domain
    return ConsoleConfig(
        site_timezone=site_timezone,
        local=local,
        expiry_warning_days=expiry_warning_days,
        auth=HostedSignIn(
            region=region, user_pool_id=user_pool_id, user_pool_client_id=user_pool_client_id, domain=domain
        )
        if signs_in
        else None,
    )
