"""`make deploy`'s second half: the web console's config.json from the stack's outputs, and its upload.

After `sam deploy` the stack's outputs say where the console lives (its bucket and distribution) and
what it talks to (the API, the hosted sign-in). This reads them with the AWS CLI, stages web/dist
with a config.json beside index.html (the console reads it before anything else; web/dist itself
stays without one, so `make run` keeps serving the local console), uploads the stage to the bucket
(hashed assets cached for a year, everything else asked for again every time) and invalidates the
distribution.

    python -m local.console_deploy [--samconfig samconfig.toml] [--dist web/dist] [--aws .local/awscli/bin/aws]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from local.template import ROOT

# The callback route the console handles, and where sign-out returns: template.yaml's
# ConsoleUserPoolClient names the same two URLs (tests/unit/test_console_deploy.py checks it).
CALLBACK_PATH = "/auth/callback"
LOGOUT_PATH = "/"
SCOPE = "openid email profile"

# The stack outputs the console needs (template.yaml's Outputs).
REQUIRED_OUTPUTS = (
    "ApiUrl",
    "ConsoleUrl",
    "ConsoleBucketName",
    "ConsoleDistributionId",
    "ConsoleUserPoolClientId",
    "CognitoDomain",
    "CognitoIssuer",
)

IMMUTABLE = "public, max-age=31536000, immutable"  # Vite names every file in assets/ by its content hash
NO_CACHE = "no-cache"  # index.html, config.json: CloudFront and browsers ask again every time


class DeployError(Exception):
    """What stops the upload, said so a deployer can act on it."""


def stack_settings(samconfig: Path, config_env: str = "default") -> tuple[str, str | None]:
    """The stack name and region `sam deploy --guided` saved (region None: the AWS CLI's own default)."""
    if not samconfig.is_file():
        raise DeployError(f"{samconfig} is missing: run `sam deploy --guided` (the first `make deploy` does)")
    environment = tomllib.loads(samconfig.read_text()).get(config_env, {})
    merged = {
        **environment.get("global", {}).get("parameters", {}),
        **environment.get("deploy", {}).get("parameters", {}),
    }
    stack_name = merged.get("stack_name")
    if not stack_name:
        raise DeployError(f"{samconfig} names no stack_name under [{config_env}.deploy.parameters]")
    return stack_name, merged.get("region") or None


def outputs_by_key(described: list[dict[str, str]] | None) -> dict[str, str]:
    """`describe-stacks`' Outputs as {OutputKey: OutputValue}, refusing a stack without the console's."""
    outputs = {item["OutputKey"]: item["OutputValue"] for item in described or []}
    missing = [key for key in REQUIRED_OUTPUTS if not outputs.get(key)]
    if missing:
        raise DeployError(f"the stack has no output {', '.join(missing)}: deploy this template.yaml first")
    return outputs


def console_config(outputs: dict[str, str]) -> dict:
    """What the deployed console reads from /config.json (web/src/api/runtime.ts parses it)."""
    console_url = outputs["ConsoleUrl"].rstrip("/")
    return {
        "apiUrl": outputs["ApiUrl"].rstrip("/"),
        "siteTimezone": outputs.get("SiteTimezone") or "UTC",
        "auth": {
            "authority": outputs["CognitoIssuer"].rstrip("/"),
            "clientId": outputs["ConsoleUserPoolClientId"],
            "domain": outputs["CognitoDomain"],
            "redirectUri": console_url + CALLBACK_PATH,
            "logoutUri": console_url + LOGOUT_PATH,
            "scope": SCOPE,
        },
    }


def stage(dist: Path, staging: Path, config: dict) -> Path:
    """A copy of the build with config.json beside index.html, ready to upload."""
    if not (dist / "index.html").is_file():
        raise DeployError(f"{dist} has no index.html: build the console first (`make web`)")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(dist, staging)
    (staging / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    return staging


def upload_commands(aws: str, outputs: dict[str, str], staging: Path, region: str | None) -> list[list[str]]:
    """The AWS CLI calls that publish the stage, in order.

    Hashed assets first and never deleted (an open tab on the previous version still loads its lazy
    chunks), then everything else, no-cache, removing what the build no longer has; then CloudFront
    forgets what it holds.
    """
    bucket = f"s3://{outputs['ConsoleBucketName']}"
    in_region = ["--region", region] if region else []
    return [
        [aws, "s3", "sync", str(staging / "assets"), f"{bucket}/assets", "--cache-control", IMMUTABLE, *in_region],
        [
            aws,
            "s3",
            "sync",
            str(staging),
            bucket,
            "--exclude",
            "assets/*",
            "--cache-control",
            NO_CACHE,
            "--delete",
            *in_region,
        ],
        [
            aws,
            "cloudfront",
            "create-invalidation",
            "--distribution-id",
            outputs["ConsoleDistributionId"],
            "--paths",
            "/*",
        ],
    ]


def describe_outputs(aws: str, stack_name: str, region: str | None) -> list[dict[str, str]]:
    command = [aws, "cloudformation", "describe-stacks", "--stack-name", stack_name]
    command += ["--query", "Stacks[0].Outputs", "--output", "json"] + (["--region", region] if region else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout or "null")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Upload the web console to the deployed stack.")
    parser.add_argument("--samconfig", type=Path, default=ROOT / "samconfig.toml")
    parser.add_argument("--config-env", default="default")
    parser.add_argument("--dist", type=Path, default=ROOT / "web" / "dist")
    parser.add_argument("--staging", type=Path, default=ROOT / ".aws-sam" / "console")
    parser.add_argument("--aws", default=str(ROOT / ".local" / "awscli" / "bin" / "aws"))
    args = parser.parse_args(argv)
    try:
        stack_name, region = stack_settings(args.samconfig, args.config_env)
        outputs = outputs_by_key(describe_outputs(args.aws, stack_name, region))
        staging = stage(args.dist, args.staging, console_config(outputs))
    except DeployError as error:
        print(f"console upload: {error}", file=sys.stderr)
        return 1
    for command in upload_commands(args.aws, outputs, staging, region):
        print("+", " ".join(command), flush=True)
        subprocess.run(command, check=True)
    print(f"The console: {outputs['ConsoleUrl']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
