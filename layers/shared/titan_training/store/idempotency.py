"""Where Powertools' idempotency utility keeps its records: items of the one training table.

One item per (operation, caller, `Idempotency-Key`): `PK` = `IDEMPOTENCY#<operationId>`, `SK` =
`<operationId>#<sha256 of the key and the caller>`, with Powertools' own attributes (`status`,
`expiration`, `in_progress_expiration`, `data`, `validation`). DynamoDB's TTL on `expiration`
(template.yaml) deletes them; Powertools itself ignores a record past its expiry, so TTL's delay
never matters. See docs/data-model.md.

Imported only when a request carries the header, so Powertools' idempotency package stays out of
every other request's path.
"""

from __future__ import annotations

import functools
from typing import Any

import boto3
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
from botocore.config import Config

from titan_training.store.items.base import TableItem

RECORD_PREFIX = "IDEMPOTENCY#"
EXPIRY_ATTRIBUTE = "expiration"  # the table's TimeToLiveSpecification names it too


@functools.cache
def _client(region: str, endpoint_url: str | None) -> Any:
    # A session of its own: boto3's default session may not create clients from several threads at once.
    return boto3.session.Session().client(
        "dynamodb", region_name=region, endpoint_url=endpoint_url, config=Config(retries={"mode": "standard"})
    )


def idempotency_records(
    table_name: str, region: str, endpoint_url: str | None, operation: str
) -> DynamoDBPersistenceLayer:
    """The persistence layer of one operation's records, in its own partition of the training table."""
    return DynamoDBPersistenceLayer(
        table_name=table_name,
        key_attr=TableItem.pk.attr_name,
        sort_key_attr=TableItem.sk.attr_name,
        static_pk_value=f"{RECORD_PREFIX}{operation}",
        expiry_attr=EXPIRY_ATTRIBUTE,
        boto3_client=_client(region, endpoint_url),
    )
