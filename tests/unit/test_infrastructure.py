"""template.yaml is the one source of the table, the functions and their routes: check the code agrees."""

from __future__ import annotations

import fnmatch
import json
import re
from urllib.parse import urlparse

import pytest
import yaml

from local.handlers import load_module
from local.openapi import DOCUMENT, build_document, render
from local.sample_events import EVENTS_DIR, sample_events
from local.template import ROOT, api_routes, load_template, table_definition
from titan_training.services import evidence
from titan_training.store.evidence import EvidenceBucket
from titan_training.store.items import base as items

TEMPLATE = load_template()
FUNCTIONS = {
    logical_id: resource
    for logical_id, resource in TEMPLATE["Resources"].items()
    if resource["Type"] == "AWS::Serverless::Function"
}
API_FUNCTIONS = {
    logical_id: resource
    for logical_id, resource in FUNCTIONS.items()
    if any(event["Type"] == "Api" for event in (resource["Properties"].get("Events") or {}).values())
}
ROUTES = api_routes()


def test_the_table_keys_are_the_ones_the_store_uses():
    definition = table_definition()
    assert {k["AttributeName"]: k["KeyType"] for k in definition["KeySchema"]} == {"PK": "HASH", "SK": "RANGE"}
    assert items.TableItem.pk.attr_name == "PK"
    assert items.TableItem.sk.attr_name == "SK"


@pytest.mark.parametrize("index", items.INDEXES, ids=lambda index: index.Meta.index_name)
def test_every_index_the_store_queries_is_declared_with_the_same_keys(index):
    declared = {gsi["IndexName"]: gsi for gsi in table_definition()["GlobalSecondaryIndexes"]}
    gsi = declared[index.Meta.index_name]
    keys = {k["KeyType"]: k["AttributeName"] for k in gsi["KeySchema"]}
    schema = index._get_schema()
    assert keys == {k["KeyType"]: k["AttributeName"] for k in schema["key_schema"]}
    assert gsi["Projection"] == {"ProjectionType": "ALL"}


def test_the_trainer_week_index_is_planned_in_the_template():
    names = {gsi["IndexName"] for gsi in table_definition()["GlobalSecondaryIndexes"]}
    assert items.TRAINER_WEEK_INDEX in names


def test_every_function_has_one_api_route_and_a_handler_serving_exactly_it():
    assert len(ROUTES) == len(API_FUNCTIONS) >= 31
    assert sorted(route.function for route in ROUTES) == sorted(API_FUNCTIONS)
    for route in ROUTES:
        module = load_module(route.handler_file)
        assert callable(getattr(module, route.handler_name)), route.function
        # The resolver inside knows the same single route the template gives API Gateway.
        paths = json.loads(module.app.get_openapi_json_schema())["paths"]
        declared = {(method.upper(), path) for path, operations in paths.items() for method in operations}
        assert declared == {(route.method, route.path)}, route.function


# Functions that touch no table or bucket: their roles have no policy beyond logs and tracing.
NO_DATA_ACCESS = {"GetConfigFunction"}


def test_every_function_has_a_log_group_with_retention_and_a_least_privilege_table_policy():
    for logical_id, function in API_FUNCTIONS.items():
        properties = function["Properties"]
        log_group = properties["LoggingConfig"]["LogGroup"]["Ref"]
        assert TEMPLATE["Resources"][log_group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
        if logical_id in NO_DATA_ACCESS:
            assert "Policies" not in properties, logical_id
            continue
        table_policy, *other_policies = properties["Policies"]
        method = next(iter(properties["Events"].values()))["Properties"]["Method"]
        expected = "DynamoDBReadPolicy" if method == "get" else "DynamoDBCrudPolicy"
        assert table_policy == {expected: {"TableName": {"Ref": "TrainingTable"}}}, logical_id
        if logical_id in INVOKES:  # may start exactly one function, asynchronously
            assert other_policies == [{"LambdaInvokePolicy": {"FunctionName": {"Ref": INVOKES[logical_id]}}}]
            continue
        assert bool(other_policies) == (logical_id in EVIDENCE_ACCESS), logical_id


# Functions that invoke another, and which.
INVOKES = {"CreatePlanFunction": "RunPlanFunction"}


def test_the_plan_worker_has_its_table_its_time_and_its_solver_alone():
    worker = FUNCTIONS["RunPlanFunction"]["Properties"]
    assert "Events" not in worker  # only CreatePlanFunction starts it
    assert worker["Policies"] == [{"DynamoDBCrudPolicy": {"TableName": {"Ref": "TrainingTable"}}}]
    assert worker["Timeout"] >= 180 and worker["MemorySize"] >= 2048
    assert "ortools" in (ROOT / worker["CodeUri"] / "requirements.txt").read_text()
    assert "ortools" not in (ROOT / "layers/dependencies/requirements.txt").read_text()
    creator = FUNCTIONS["CreatePlanFunction"]["Properties"]
    assert creator["Environment"]["Variables"]["PLAN_WORKER_FUNCTION"] == {"Ref": "RunPlanFunction"}


# What each evidence function may do in the bucket: exactly the calls store/evidence.py makes for it.
UPLOADS = "${EvidenceBucket.Arn}/evidence/*/uploads/*"
SHEET = "${EvidenceBucket.Arn}/evidence/*/attendance-sheet.pdf"
LIST_UPLOADS = ("s3:ListBucket", "EvidenceBucket.Arn", "evidence/*/uploads/*")
EVIDENCE_ACCESS = {
    # generate_presigned_post of an upload
    "RequestEvidenceUploadFunction": {("s3:PutObject", UPLOADS, None)},
    # list the uploads, head + ranged get (peek), generate_presigned_url(get_object)
    "GetSessionEvidenceFunction": {LIST_UPLOADS, ("s3:GetObject", UPLOADS, None), ("s3:GetObject", SHEET, None)},
    # list and peek the uploads, copy_object to the sheet, peek the sheet
    "FinalizeSessionFunction": {
        LIST_UPLOADS,
        ("s3:GetObject", UPLOADS, None),
        ("s3:GetObject", SHEET, None),
        ("s3:PutObject", SHEET, None),
    },
}


def _bucket_grants(function: dict) -> set[tuple[str, str, str | None]]:
    """(action, resource, s3:prefix condition) of every statement of a function's inline policies."""
    grants = set()
    for policy in function["Properties"]["Policies"][1:]:
        assert set(policy) == {"Version", "Statement"}, "inline statements only: no SAM S3 policy templates"
        for statement in policy["Statement"]:
            assert statement["Effect"] == "Allow"
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            condition = statement.get("Condition")
            prefix = condition["StringLike"]["s3:prefix"] if condition else None
            assert condition is None or condition == {"StringLike": {"s3:prefix": prefix}}
            for action in actions:
                for resource in resources:
                    name = resource.get("Fn::Sub") or ".".join(resource["Fn::GetAtt"])
                    grants.add((action, name, prefix))
    return grants


@pytest.mark.parametrize("function", sorted(EVIDENCE_ACCESS))
def test_an_evidence_function_may_do_exactly_its_own_calls_on_exactly_its_keys(function):
    grants = _bucket_grants(FUNCTIONS[function])
    assert grants == EVIDENCE_ACCESS[function]
    assert not any("*" in action for action, _, _ in grants), "no s3:* or s3:Put* wildcards"
    # No object write reaches beyond the evidence keys: never the whole bucket.
    writes = {resource for action, resource, _ in grants if action not in ("s3:GetObject", "s3:ListBucket")}
    assert writes <= {UPLOADS, SHEET}


def test_the_evidence_policies_cover_the_keys_the_code_writes_and_reads():
    # Given the keys the post-session service makes: an upload of a session, and its frozen sheet
    session_id = "c" + "0" * 24
    upload = evidence.uploads(session_id) + "20261130T120000000000-0123abcd.pdf"
    sheet = f"evidence/{session_id}/attendance-sheet.pdf"

    def allowed(function: str, action: str, key: str) -> bool:
        return any(
            granted == action and fnmatch.fnmatchcase(key, resource.replace("${EvidenceBucket.Arn}/", ""))
            for granted, resource, _ in _bucket_grants(FUNCTIONS[function])
        )

    # Then the upload form may be signed for the upload, and for nothing else in the bucket
    assert allowed("RequestEvidenceUploadFunction", "s3:PutObject", upload)
    assert not allowed("RequestEvidenceUploadFunction", "s3:PutObject", sheet)
    assert not allowed("RequestEvidenceUploadFunction", "s3:PutObject", "anything-else.pdf")
    # And finalize reads the upload and writes only the sheet; reading evidence writes nothing
    assert allowed("FinalizeSessionFunction", "s3:GetObject", upload)
    assert allowed("FinalizeSessionFunction", "s3:PutObject", sheet)
    assert not allowed("FinalizeSessionFunction", "s3:PutObject", upload)
    assert allowed("GetSessionEvidenceFunction", "s3:GetObject", sheet)
    assert not any(action == "s3:PutObject" for action, _, _ in _bucket_grants(FUNCTIONS["GetSessionEvidenceFunction"]))
    # And listing is allowed for exactly the prefix the code lists
    assert fnmatch.fnmatchcase(evidence.uploads(session_id), LIST_UPLOADS[2])
    assert not fnmatch.fnmatchcase(f"evidence/{session_id}/", LIST_UPLOADS[2])


def test_every_function_runs_on_python_3_13_and_nothing_hides_a_deprecated_runtime():
    assert TEMPLATE["Globals"]["Function"]["Runtime"] == "python3.13"
    assert not [name for name, function in FUNCTIONS.items() if "Runtime" in function["Properties"]]
    for layer in ("DependenciesLayer", "SharedLayer"):
        resource = TEMPLATE["Resources"][layer]
        assert resource["Properties"]["CompatibleRuntimes"] == ["python3.13"]
        assert resource["Metadata"]["BuildMethod"] == "python3.13"
    lint_config = yaml.safe_load((ROOT / ".cfnlintrc.yaml").read_text())
    assert not lint_config.get("ignore_checks"), "cfn-lint must check the runtime (E2533) and everything else"


def test_the_stage_is_throttled_by_parameters_with_sane_defaults():
    api = TEMPLATE["Resources"]["TrainingApi"]["Properties"]
    (settings,) = api["MethodSettings"]
    assert (settings["ResourcePath"], settings["HttpMethod"]) == ("/*", "*")
    assert settings["ThrottlingRateLimit"] == {"Ref": "ApiThrottlingRateLimit"}
    assert settings["ThrottlingBurstLimit"] == {"Ref": "ApiThrottlingBurstLimit"}
    parameters = TEMPLATE["Parameters"]
    rate, burst = parameters["ApiThrottlingRateLimit"]["Default"], parameters["ApiThrottlingBurstLimit"]["Default"]
    assert 0 < rate <= burst <= 1000


def test_the_stage_writes_json_access_logs_with_the_request_id():
    api = TEMPLATE["Resources"]["TrainingApi"]["Properties"]
    logs = api["AccessLogSetting"]
    assert logs["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    group = TEMPLATE["Resources"]["ApiAccessLogGroup"]
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    line = json.loads(logs["Format"])  # one JSON object per request
    for variable in (
        "requestId",
        "extendedRequestId",
        "identity.sourceIp",
        "authorizer.claims.sub",
        "httpMethod",
        "resourcePath",
        "status",
        "responseLatency",
        "integration.error",
    ):
        assert f"$context.{variable}" in line.values(), variable


def test_the_stage_waits_for_the_account_logs_role_when_the_stack_sets_it():
    resources = TEMPLATE["Resources"]
    assert resources["ApiGatewayAccount"]["Condition"] == "CreatesApiGatewayLogsRole"
    assert resources["ApiGatewayAccount"]["Properties"]["CloudWatchRoleArn"] == {
        "Fn::GetAtt": ["ApiGatewayLogsRole", "Arn"]
    }
    assert resources["ApiGatewayLogsRole"]["DeletionPolicy"] == "Retain"
    assert resources["TrainingApi"]["DependsOn"] == "ApiGatewayLogsRoleReady"
    assert resources["ApiGatewayLogsRoleReady"]["Metadata"]["AccountSettings"] == {
        "Fn::If": ["CreatesApiGatewayLogsRole", {"Ref": "ApiGatewayAccount"}, ""]
    }


CONSOLE_ORIGIN = "https://${ConsoleDistribution.DomainName}"
DISTRIBUTION_ARN = "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${ConsoleDistribution}"


def test_cors_allows_exactly_the_console_distributions_origin_everywhere():
    # Given the one origin a browser may call from: the console's distribution (never `*`, no parameter)
    assert "CorsAllowOrigin" not in TEMPLATE["Parameters"]
    resources = TEMPLATE["Resources"]
    api = resources["TrainingApi"]["Properties"]
    # Then API Gateway's preflight, its own 4xx/5xx answers, the functions and the evidence uploads agree
    assert api["Cors"]["AllowOrigin"] == {"Fn::Sub": f"'{CONSOLE_ORIGIN}'"}
    for response in api["GatewayResponses"].values():
        assert response["ResponseParameters"]["Headers"]["Access-Control-Allow-Origin"] == {
            "Fn::Sub": f"'{CONSOLE_ORIGIN}'"
        }
    assert TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]["CORS_ALLOW_ORIGIN"] == {
        "Fn::Sub": CONSOLE_ORIGIN
    }
    (rule,) = resources["EvidenceBucket"]["Properties"]["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedOrigins"] == [{"Fn::Sub": CONSOLE_ORIGIN}]


def _references(node) -> set[str]:
    """Every resource a template fragment names: Ref, GetAtt and the ${...} of Sub."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref":
                found.add(value)
            elif key == "Fn::GetAtt":
                found.add(value[0] if isinstance(value, list) else value.split(".")[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                found |= {name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text)}
                if not isinstance(value, str):
                    found |= _references(value[1])
            else:
                found |= _references(value)
    elif isinstance(node, list):
        for value in node:
            found |= _references(value)
    return found


def test_the_console_is_a_private_bucket_that_only_its_distribution_reads():
    resources = TEMPLATE["Resources"]
    bucket = resources["ConsoleBucket"]["Properties"]
    # Given the bucket of web/dist: no public access of any kind, encrypted, owner-enforced (no ACLs)
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert "WebsiteConfiguration" not in bucket and "AccessControl" not in bucket
    # When its policy is read
    policy = resources["ConsoleBucketPolicy"]["Properties"]
    assert policy["Bucket"] == {"Ref": "ConsoleBucket"}
    allows = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    denies = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    # Then CloudFront alone may read objects, and only for this distribution (AWS:SourceArn)
    assert allows == [
        {
            "Sid": "CloudFrontReadsTheConsole",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": {"Fn::Sub": "${ConsoleBucket.Arn}/*"},
            "Condition": {
                "StringEquals": {
                    "AWS:SourceArn": {"Fn::Sub": DISTRIBUTION_ARN},
                }
            },
        }
    ]
    # And nobody reaches it without TLS
    (tls,) = denies
    assert tls["Principal"] == "*" and tls["Action"] == "s3:*"
    assert tls["Condition"] == {"Bool": {"aws:SecureTransport": False}}


def test_the_distribution_reads_the_bucket_through_origin_access_control():
    resources = TEMPLATE["Resources"]
    config = resources["ConsoleDistribution"]["Properties"]["DistributionConfig"]
    (origin,) = config["Origins"]
    # Given the one origin: the bucket's regional endpoint, signed by an origin access control (no legacy OAI)
    assert origin["DomainName"] == {"Fn::GetAtt": ["ConsoleBucket", "RegionalDomainName"]}
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["ConsoleOriginAccessControl", "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    assert not any(r["Type"] == "AWS::CloudFront::CloudFrontOriginAccessIdentity" for r in resources.values())
    oac = resources["ConsoleOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"], oac["SigningProtocol"]) == (
        "s3",
        "always",
        "sigv4",
    )


def test_the_distribution_serves_the_single_page_app_over_https_with_security_headers():
    resources = TEMPLATE["Resources"]
    config = resources["ConsoleDistribution"]["Properties"]["DistributionConfig"]
    behavior = config["DefaultCacheBehavior"]
    assert config["DefaultRootObject"] == "index.html"
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["AllowedMethods"] == ["GET", "HEAD", "OPTIONS"]  # nothing writes through it
    # A deep link (/sessions/<id>) is no object: S3 answers 403 through OAC, 404 otherwise; both are the app
    fallbacks = {e["ErrorCode"]: (e["ResponseCode"], e["ResponsePagePath"]) for e in config["CustomErrorResponses"]}
    assert fallbacks == {403: (200, "/index.html"), 404: (200, "/index.html")}
    assert behavior["ResponseHeadersPolicyId"] == {"Ref": "ConsoleResponseHeadersPolicy"}
    headers = resources["ConsoleResponseHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    security = headers["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert {"ContentTypeOptions", "ReferrerPolicy", "ContentSecurityPolicy"} <= set(security)
    csp = json.dumps(security["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    # And no circular dependency: the distribution and its headers never name the API or its functions
    named = _references(resources["ConsoleDistribution"]) | _references(resources["ConsoleResponseHeadersPolicy"])
    assert named <= {
        "ConsoleBucket",
        "ConsoleOriginAccessControl",
        "ConsoleResponseHeadersPolicy",
        "AWS::StackName",
        "AWS::Region",
        "AWS::URLSuffix",
    }


def test_the_console_may_connect_to_the_api_cognito_and_the_evidence_uploads(monkeypatch):
    # Given the policy's connect-src in eu-west-1
    headers = TEMPLATE["Resources"]["ConsoleResponseHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    directives = headers["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Join"][1]
    (connect,) = [d["Fn::Sub"] for d in directives if isinstance(d, dict) and d["Fn::Sub"].startswith("connect-src")]
    connect = connect.replace("${AWS::Region}", "eu-west-1").replace("${AWS::URLSuffix}", "amazonaws.com")
    hosts = [source.removeprefix("https://") for source in connect.split()[2:]]

    def allowed(url: str) -> bool:
        return any(fnmatch.fnmatchcase(urlparse(url).netloc, host) for host in hosts)

    # When the console calls the API, Cognito, and the presigned upload form the API hands out
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    upload = EvidenceBucket("titan-evidence", "eu-west-1", None).upload_form("evidence/s/uploads/a.pdf", 10)["url"]
    # Then each is allowed, and nothing else
    assert allowed(upload), upload
    assert allowed("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/api/v1/training/courses")
    assert allowed("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/openid-configuration")
    assert allowed("https://titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com/oauth2/token")
    assert not allowed("https://evil.example.com/")


def test_the_console_signs_in_with_a_public_client_by_authorization_code():
    resources = TEMPLATE["Resources"]
    client = resources["ConsoleUserPoolClient"]["Properties"]
    # Given the console's app client: in a browser, so no secret; the code grant (PKCE), OpenID scopes
    assert client["UserPoolId"] == {"Ref": "UserPool"}
    assert client["GenerateSecret"] is False
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["AllowedOAuthFlows"] == ["code"]  # never the implicit grant
    assert set(client["AllowedOAuthScopes"]) == {"openid", "email", "profile"}
    assert client["SupportedIdentityProviders"] == ["COGNITO"]
    # Then it returns only to the console's own origin (the callback route, and the root after sign-out)
    assert client["CallbackURLs"] == [{"Fn::Sub": f"{CONSOLE_ORIGIN}/auth/callback"}]
    assert client["LogoutURLs"] == [{"Fn::Sub": f"{CONSOLE_ORIGIN}/"}]
    assert not any(
        flow in client["ExplicitAuthFlows"] for flow in ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH")
    )
    # And the hosted sign-in has a domain whose prefix is a parameter with a default
    domain = resources["UserPoolDomain"]["Properties"]
    assert domain["UserPoolId"] == {"Ref": "UserPool"}
    prefix = TEMPLATE["Parameters"]["CognitoDomainPrefix"]
    assert prefix["Default"] == ""
    assert domain["Domain"]["Fn::If"][0] == "NamesCognitoDomainPrefix"
    for value, accepted in [("titan-site-a", True), ("", True), ("Titan", False), ("-titan", False), ("a_b", False)]:
        assert bool(re.fullmatch(prefix["AllowedPattern"], value)) is accepted, value


def test_get_config_reports_the_console_client_and_the_hosted_sign_in_domain():
    variables = FUNCTIONS["GetConfigFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["COGNITO_USER_POOL_ID"] == {"Ref": "UserPool"}
    assert variables["COGNITO_USER_POOL_CLIENT_ID"] == {"Ref": "ConsoleUserPoolClient"}
    assert variables["COGNITO_DOMAIN"] == {"Fn::Sub": "${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com"}
    assert TEMPLATE["Outputs"]["CognitoDomain"]["Value"] == variables["COGNITO_DOMAIN"]


def test_the_api_authorizer_reads_the_raw_id_token_from_authorization():
    # The console sends the ID token as it is (no "Bearer "): the authorizer's default identity source
    authorizer = TEMPLATE["Resources"]["TrainingApi"]["Properties"]["Auth"]["Authorizers"]["CognitoAuthorizer"]
    assert authorizer == {"UserPoolArn": {"Fn::GetAtt": ["UserPool", "Arn"]}}


def test_cors_lets_a_browser_send_the_headers_the_api_reads():
    cors = TEMPLATE["Resources"]["TrainingApi"]["Properties"]["Cors"]
    allowed = cors["AllowHeaders"].strip("'").split(",")
    assert {"Content-Type", "Authorization", "Idempotency-Key"} <= set(allowed)


def test_the_outputs_name_what_a_deployer_needs():
    outputs = TEMPLATE["Outputs"]
    assert {
        "ApiUrl",
        "UserPoolId",
        "UserPoolClientId",
        "EvidenceBucketName",
        "ApiAccessLogGroupName",
        "ConsoleUrl",
        "ConsoleBucketName",
        "ConsoleDistributionId",
        "ConsoleUserPoolClientId",
        "CognitoDomain",
        "CognitoIssuer",
    } <= set(outputs)
    assert all(output.get("Description") for output in outputs.values())


# Outside the authorizer: the console's config (read before sign-in; it holds nothing secret) and the
# calendar feeds (a calendar app sends no Cognito token; each feed is opened by its own token).
PUBLIC_FUNCTIONS = {"GetConfigFunction", "GetTrainerCalendarFunction", "GetPersonnelCalendarFunction"}


def test_every_route_but_the_console_config_and_the_calendar_feeds_is_behind_the_cognito_authorizer():
    api = TEMPLATE["Resources"]["TrainingApi"]["Properties"]
    assert api["Auth"]["DefaultAuthorizer"] == "CognitoAuthorizer"
    for logical_id, function in API_FUNCTIONS.items():
        for event in function["Properties"]["Events"].values():
            if logical_id in PUBLIC_FUNCTIONS:
                assert event["Properties"]["Auth"] == {"Authorizer": "NONE"}
            else:
                assert "Auth" not in event["Properties"], "no other route may opt out of the authorizer"


def test_the_committed_openapi_document_matches_the_code():
    # When it fails: run `make openapi` and commit openapi.json.
    assert DOCUMENT.read_text() == render(build_document())


def test_the_openapi_document_covers_every_route_of_the_template():
    document = json.loads(DOCUMENT.read_text())
    documented = {(method.upper(), path) for path, operations in document["paths"].items() for method in operations}
    assert documented == {(route.method, route.path) for route in ROUTES}


def test_the_committed_sample_events_match_the_routes():
    # When it fails: run `make events` and commit events/.
    committed = {path.name: path.read_text() for path in EVENTS_DIR.glob("*.json")}
    assert committed == sample_events()


def test_layers_are_built_by_sam_from_their_requirements():
    for layer in ("DependenciesLayer", "SharedLayer"):
        resource = TEMPLATE["Resources"][layer]
        assert (ROOT / resource["Properties"]["ContentUri"] / "requirements.txt").exists()
    assert (ROOT / "layers/shared/titan_training/__init__.py").exists()
