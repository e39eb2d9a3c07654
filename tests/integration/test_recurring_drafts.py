"""Recurring drafts against DynamoDB Local: a series appears whole or not at all.

A short series is one transaction (its drafts, their CREATED history entries and the existence
checks). A long one (52 drafts and 52 entries do not fit one transaction of 100) is written unlisted
first, then listed in one last transaction with the checks (SessionStore.create_sessions), so when
any write fails, here the last draft's Put (its id made to collide with a session that exists), none
of the 51 before it is visible afterwards. Counted: three requests to create a series of 52 (two of
unlisted items, the last that lists them), one to list it.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from local.request_count import counting_dynamodb_requests
from titan_training.api import runtime
from titan_training.domain.ids import new_id
from titan_training.services import sessions as session_service

pytestmark = pytest.mark.dynamodb_local

PATH = "/sessions/recurring-drafts"


def weekly(course: dict[str, Any], count: int) -> dict[str, Any]:
    return {
        "courseId": course["id"],
        "startTime": "2027-01-04T09:00:00Z",
        "endTime": "2027-01-04T10:00:00Z",
        "recurrence": {"frequency": "WEEKLY", "count": count},
    }


def course_sessions(api, course: dict[str, Any]) -> list[dict[str, Any]]:
    reply = api.get("/sessions", query={"courseId": course["id"], "limit": "200"})
    assert reply.status == 200, reply.body
    return reply.body["items"]


def test_a_series_whose_last_draft_cannot_be_written_leaves_no_draft(local_api, monkeypatch):
    # Given a course with one draft, and ids for the 52 drafts of a series, the last draft's being
    # that draft's id
    course = local_api.course()
    existing = local_api.post("/sessions/draft", {"courseId": course["id"]}).body
    ids = iter([new_id() for _ in range(51)] + [existing["id"]])
    monkeypatch.setattr(session_service, "new_id", lambda: next(ids, None) or new_id())

    # When the series is created
    reply = local_api.post(PATH, weekly(course, 52))

    # Then the transaction fails on the last Put (a 409), and the course still has only its one draft
    assert reply.status == 409, reply.body
    assert [item["id"] for item in course_sessions(local_api, course)] == [existing["id"]]
    assert local_api.get(f"/sessions/{existing['id']}").body["seriesId"] is None


def test_a_series_with_a_trainer_deleted_meanwhile_leaves_no_draft(local_api, local_table):
    # Given a course and a trainer who is removed from the table before the series commits
    course, trainer = local_api.course(), local_api.trainer()
    table = boto3.resource("dynamodb", endpoint_url=runtime.settings().dynamodb_endpoint_url).Table(local_table)
    table.delete_item(Key={"PK": f"TRAINER#{trainer['id']}", "SK": "TRAINER"})

    # When a series names the trainer
    reply = local_api.post(PATH, {**weekly(course, 10), "trainerId": trainer["id"]})

    # Then the existence check in the transaction fails it: a 404 and no draft
    assert reply.status == 404, reply.body
    assert course_sessions(local_api, course) == []


def test_a_series_of_52_is_one_request_and_listing_it_one_more(local_api):
    # Given a course
    course = local_api.course()

    # When a series of 52 is created, then listed in one page of 100
    with counting_dynamodb_requests() as created:
        reply = local_api.post(PATH, weekly(course, 52))
    assert reply.status == 201, reply.body
    with counting_dynamodb_requests() as read:
        page = local_api.get("/sessions", query={"seriesId": reply.body["seriesId"], "limit": "100"})

    # Then the create is three TransactWriteItems (104 unlisted items, then the listing) and the list one
    # Query, holding exactly the series
    assert (created.count, read.count) == (3, 1)
    assert [item["id"] for item in page.body["items"]] == [item["id"] for item in reply.body["items"]]
    assert page.body["nextToken"] is None
