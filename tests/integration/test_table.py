"""The table as DynamoDB Local builds it from template.yaml, and the reads that need strong consistency."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from local.dynamodb_local import client, ensure_table
from local.template import table_definition
from titan_training.domain.clock import format_instant
from titan_training.domain.ids import new_id
from titan_training.store.items.sessions import BookingItem

pytestmark = pytest.mark.dynamodb_local


def test_ensure_table_creates_the_template_table_once(dynamodb_local):
    dynamodb = client(dynamodb_local.endpoint_url)
    name = f"training-{uuid.uuid4().hex[:8]}"
    try:
        # When the table is ensured twice
        assert ensure_table(dynamodb, name) is True
        assert ensure_table(dynamodb, name) is False
        # Then it has exactly the template's keys and indexes
        table = dynamodb.describe_table(TableName=name)["Table"]
        expected = table_definition()
        assert table["KeySchema"] == expected["KeySchema"]
        assert {i["IndexName"] for i in table["GlobalSecondaryIndexes"]} == {
            i["IndexName"] for i in expected["GlobalSecondaryIndexes"]
        }
    finally:
        dynamodb.delete_table(TableName=name)


def test_ensure_table_adds_an_index_the_template_gained_since(dynamodb_local):
    # Given a table made before the template declared its last index
    dynamodb = client(dynamodb_local.endpoint_url)
    name = f"training-{uuid.uuid4().hex[:8]}"
    older = table_definition()
    older["GlobalSecondaryIndexes"] = older["GlobalSecondaryIndexes"][:-1]
    used = {key["AttributeName"] for key in older["KeySchema"]} | {
        key["AttributeName"] for index in older["GlobalSecondaryIndexes"] for key in index["KeySchema"]
    }
    older["AttributeDefinitions"] = [a for a in older["AttributeDefinitions"] if a["AttributeName"] in used]
    dynamodb.create_table(TableName=name, **older)
    try:
        # When the local server ensures the table
        assert ensure_table(dynamodb, name) is False
        # Then the missing index exists
        table = dynamodb.describe_table(TableName=name)["Table"]
        assert {i["IndexName"] for i in table["GlobalSecondaryIndexes"]} == {
            i["IndexName"] for i in table_definition()["GlobalSecondaryIndexes"]
        }
    finally:
        dynamodb.delete_table(TableName=name)


def _book(trainer_id, venue_id, start, hours):
    session_id = new_id()
    for owner in (f"TRAINER#{trainer_id}", f"VENUE#{venue_id}"):
        BookingItem(
            owner,
            BookingItem.sort_key(format_instant(start), session_id),
            session_id=session_id,
            course_id=new_id(),
            trainer_id=trainer_id,
            venue_id=venue_id,
            start_time=start,
            end_time=start + timedelta(hours=hours),
        ).save()
    return session_id


def test_a_booking_is_seen_by_the_very_next_availability_check(local_api):
    # Given a trainer and a venue, and a booking written a moment ago
    trainer, venue = local_api.trainer(), local_api.venue()
    start = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
    session_id = _book(trainer["id"], venue["id"], start, hours=4)  # runs past midnight
    # When the next morning's first hour is checked
    reply = local_api.get(
        "/availability",
        {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": "2026-12-02T01:00:00Z",
            "endTime": "2026-12-02T02:00:00Z",
        },
    )
    # Then the trainer is blocked by it and the venue warned about it
    assert reply.status == 200
    assert reply.body["available"] is False
    assert [c["sessionId"] for c in reply.body["trainerConflicts"]] == [session_id]
    assert [c["sessionId"] for c in reply.body["venueConflicts"]] == [session_id]
