"""template.yaml is the one source of the table, the functions and their routes: check the code agrees."""

from __future__ import annotations

import json

import pytest

from local.handlers import load_module
from local.openapi import DOCUMENT, build_document, render
from local.sample_events import EVENTS_DIR, sample_events
from local.template import ROOT, api_routes, load_template, table_definition
from titan_training.store import items

TEMPLATE = load_template()
FUNCTIONS = {
    logical_id: resource
    for logical_id, resource in TEMPLATE["Resources"].items()
    if resource["Type"] == "AWS::Serverless::Function"
}
API_FUNCTIONS = {
    logical_id: resource
    for logical_id, resource in FUNCTIONS.items()
    if any(event["Type"] == "Api" for event in resource["Properties"]["Events"].values())
}
ROUTES = api_routes()


def test_the_table_keys_are_the_ones_the_store_uses():
    definition = table_definition()
    assert {k["AttributeName"]: k["KeyType"] for k in definition["KeySchema"]} == {"PK": "HASH", "SK": "RANGE"}
    assert items.TableItem.pk.attr_name == "PK"
    assert items.TableItem.sk.attr_name == "SK"


@pytest.mark.parametrize("index", [items.ListIndex, items.CourseIndex])
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


def test_every_function_has_a_log_group_with_retention_and_a_least_privilege_policy():
    for logical_id, function in API_FUNCTIONS.items():
        properties = function["Properties"]
        log_group = properties["LoggingConfig"]["LogGroup"]["Ref"]
        assert TEMPLATE["Resources"][log_group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
        table_policy, *bucket_policies = properties["Policies"]
        method = next(iter(properties["Events"].values()))["Properties"]["Method"]
        expected = "DynamoDBReadPolicy" if method == "get" else "DynamoDBCrudPolicy"
        assert set(table_policy) == {expected}, logical_id
        for policy in bucket_policies:  # only the evidence functions, only on the evidence bucket
            (name,) = policy
            assert name == ("S3ReadPolicy" if method == "get" else "S3CrudPolicy"), logical_id
            assert policy[name] == {"BucketName": {"Ref": "EvidenceBucket"}}


def test_every_route_is_behind_the_cognito_authorizer():
    api = TEMPLATE["Resources"]["TrainingApi"]["Properties"]
    assert api["Auth"]["DefaultAuthorizer"] == "CognitoAuthorizer"
    for function in API_FUNCTIONS.values():
        for event in function["Properties"]["Events"].values():
            assert "Auth" not in event["Properties"], "no route may opt out of the authorizer"


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
        assert resource["Metadata"]["BuildMethod"] == "python3.11"
        assert (ROOT / resource["Properties"]["ContentUri"] / "requirements.txt").exists()
    assert (ROOT / "layers/shared/titan_training/__init__.py").exists()
