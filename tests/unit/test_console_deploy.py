"""`make deploy`'s console upload: config.json from given stack outputs, and the AWS CLI calls (no AWS)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from local import console_deploy
from local.console_deploy import (
    DeployError,
    console_config,
    outputs_by_key,
    stack_settings,
    stage,
    upload_commands,
)
from local.template import load_template

CONSOLE = "https://d111111abcdef8.cloudfront.net"
OUTPUTS = {
    "ApiUrl": "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/api/v1/training",
    "ConsoleUrl": CONSOLE,
    "ConsoleBucketName": "titan-training-consolebucket-1x2y3z",
    "ConsoleDistributionId": "E2QWRUHEXAMPLE",
    "ConsoleUserPoolClientId": "4example5client6id",
    "CognitoDomain": "titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com",
    "CognitoIssuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
    "SiteTimezone": "Asia/Dubai",
    "UserPoolId": "eu-west-1_AbCdEf123",
}
DESCRIBED = [{"OutputKey": key, "OutputValue": value, "Description": "..."} for key, value in OUTPUTS.items()]


def test_the_console_config_says_where_the_api_is_and_how_to_sign_in():
    # Given the stack's outputs / When the console's config is made from them
    config = console_config(outputs_by_key(DESCRIBED))
    # Then it names the API, the site's time zone, and the hosted sign-in of the console's client
    assert config == {
        "apiUrl": OUTPUTS["ApiUrl"],
        "siteTimezone": "Asia/Dubai",
        "auth": {
            "authority": OUTPUTS["CognitoIssuer"],
            "clientId": "4example5client6id",
            "domain": OUTPUTS["CognitoDomain"],
            "redirectUri": f"{CONSOLE}/auth/callback",
            "logoutUri": f"{CONSOLE}/",
            "scope": "openid email profile",
        },
    }


def test_the_redirect_and_logout_urls_are_the_ones_the_client_allows():
    # Given template.yaml's console client: its URLs, with the distribution's domain filled in
    client = load_template()["Resources"]["ConsoleUserPoolClient"]["Properties"]
    domain = CONSOLE.removeprefix("https://")

    def filled(urls):
        return [url["Fn::Sub"].replace("${ConsoleDistribution.DomainName}", domain) for url in urls]

    # Then the console returns exactly where Cognito will send it back
    auth = console_config(OUTPUTS)["auth"]
    assert filled(client["CallbackURLs"]) == [auth["redirectUri"]]
    assert filled(client["LogoutURLs"]) == [auth["logoutUri"]]
    assert set(auth["scope"].split()) == set(client["AllowedOAuthScopes"])


def test_every_output_the_console_reads_is_one_the_template_declares():
    declared = set(load_template()["Outputs"])
    assert set(console_deploy.REQUIRED_OUTPUTS) | {"SiteTimezone"} <= declared


def test_a_stack_without_the_console_outputs_is_refused_by_name():
    # Given an older stack (before the console): no console outputs
    older = [item for item in DESCRIBED if not item["OutputKey"].startswith(("Console", "Cognito"))]
    # Then nothing is uploaded, and the deployer is told what is missing
    with pytest.raises(DeployError, match="ConsoleUrl, ConsoleBucketName"):
        outputs_by_key(older)
    with pytest.raises(DeployError, match="ApiUrl"):
        outputs_by_key(None)


def test_the_time_zone_defaults_to_utc_and_trailing_slashes_go():
    outputs = {**OUTPUTS, "ConsoleUrl": CONSOLE + "/", "ApiUrl": OUTPUTS["ApiUrl"] + "/"}
    del outputs["SiteTimezone"]
    config = console_config(outputs)
    assert config["siteTimezone"] == "UTC"
    assert config["apiUrl"] == OUTPUTS["ApiUrl"]
    assert config["auth"]["redirectUri"] == f"{CONSOLE}/auth/callback"


def test_the_stack_and_region_come_from_samconfig(tmp_path):
    samconfig = tmp_path / "samconfig.toml"
    samconfig.write_text(
        'version = 0.1\n[default.global.parameters]\nregion = "eu-west-1"\n'
        '[default.deploy.parameters]\nstack_name = "titan-training"\ncapabilities = "CAPABILITY_IAM"\n'
    )
    assert stack_settings(samconfig) == ("titan-training", "eu-west-1")
    samconfig.write_text('[default.deploy.parameters]\nstack_name = "t"\nregion = "us-east-1"\n')
    assert stack_settings(samconfig) == ("t", "us-east-1")
    samconfig.write_text('[default.deploy.parameters]\nstack_name = "t"\n')
    assert stack_settings(samconfig) == ("t", None)
    samconfig.write_text("[default.deploy.parameters]\n")
    with pytest.raises(DeployError, match="stack_name"):
        stack_settings(samconfig)
    with pytest.raises(DeployError, match="sam deploy --guided"):
        stack_settings(tmp_path / "absent.toml")


def _build(dist: Path) -> Path:
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>")
    (dist / "assets" / "index-Ab12Cd34.js").write_text("console.log(1)")
    return dist


def test_the_stage_is_the_build_with_config_json_and_the_build_keeps_none(tmp_path):
    dist = _build(tmp_path / "dist")
    staging = tmp_path / "stage"
    (staging / "stale").mkdir(parents=True)  # left from a previous deploy
    stage(dist, staging, {"apiUrl": "x"})
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()) == [
        "assets/index-Ab12Cd34.js",
        "config.json",
        "index.html",
    ]
    assert json.loads((staging / "config.json").read_text()) == {"apiUrl": "x"}
    assert not (dist / "config.json").exists(), "make run would serve it and the local console would sign in"
    with pytest.raises(DeployError, match="make web"):
        stage(tmp_path / "nothing", staging, {})


def test_assets_are_immutable_and_kept_the_rest_no_cache_and_cloudfront_invalidated(tmp_path):
    commands = upload_commands("aws", OUTPUTS, tmp_path, "eu-west-1")
    assets, rest, invalidation = commands
    bucket = "s3://titan-training-consolebucket-1x2y3z"
    assert assets[:5] == ["aws", "s3", "sync", str(tmp_path / "assets"), f"{bucket}/assets"]
    assert "public, max-age=31536000, immutable" in assets and "--delete" not in assets
    assert rest[:5] == ["aws", "s3", "sync", str(tmp_path), bucket]
    assert rest[rest.index("--exclude") + 1] == "assets/*"
    assert rest[rest.index("--cache-control") + 1] == "no-cache" and "--delete" in rest
    assert all(command[-2:] == ["--region", "eu-west-1"] for command in (assets, rest))
    assert invalidation == [
        "aws",
        "cloudfront",
        "create-invalidation",
        "--distribution-id",
        "E2QWRUHEXAMPLE",
        "--paths",
        "/*",
    ]
    assert "--region" not in upload_commands("aws", OUTPUTS, tmp_path, None)[0]


def test_main_reads_the_stack_then_uploads_and_invalidates(tmp_path, capsys):
    # Given a stand-in for the AWS CLI that records its calls and describes the stack
    calls = tmp_path / "calls.jsonl"
    fake_aws = tmp_path / "aws"
    fake_aws.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"if sys.argv[1:3] == ['cloudformation', 'describe-stacks']: print(json.dumps({DESCRIBED!r}))\n"
    )
    fake_aws.chmod(fake_aws.stat().st_mode | stat.S_IEXEC)
    samconfig = tmp_path / "samconfig.toml"
    samconfig.write_text('[default.deploy.parameters]\nstack_name = "titan-training"\nregion = "eu-west-1"\n')
    dist = _build(tmp_path / "dist")
    staging = tmp_path / "stage"
    # When the console is deployed
    argv = ["--samconfig", str(samconfig), "--dist", str(dist), "--staging", str(staging), "--aws", str(fake_aws)]
    assert console_deploy.main(argv) == 0
    # Then the stack was described, the stage uploaded with its config, and CloudFront invalidated
    made = [json.loads(line) for line in calls.read_text().splitlines()]
    assert [call[:2] for call in made] == [
        ["cloudformation", "describe-stacks"],
        ["s3", "sync"],
        ["s3", "sync"],
        ["cloudfront", "create-invalidation"],
    ]
    assert made[0][made[0].index("--stack-name") + 1] == "titan-training"
    assert json.loads((staging / "config.json").read_text())["apiUrl"] == OUTPUTS["ApiUrl"]
    assert CONSOLE in capsys.readouterr().out


def test_main_says_what_is_missing_without_uploading(tmp_path, capsys):
    assert console_deploy.main(["--samconfig", str(tmp_path / "none.toml"), "--aws", os.devnull]) == 1
    assert "sam deploy --guided" in capsys.readouterr().err
