"""Compliance items through their Lambda handlers: record one, list by worker or by course, effective status."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tests.support import ADMIN, NOBODY, TRAINER, ApiClient, error_fields

UNKNOWN_ID = "cunknown0000000000000000"
FAR_PAST = "2001-01-31"
FAR_FUTURE = "2999-12-31"


def utc_today() -> date:
    """The site's today: SITE_TIMEZONE is UTC in the tests."""
    return datetime.now(UTC).date()


def all_pages(api: ApiClient, path: str, limit: int) -> tuple[list[Any], int]:
    """Every item of a list, following nextToken; and how many pages it took."""
    items: list[Any] = []
    token = None
    pages = 0
    while True:
        params = {"limit": str(limit)}
        if token:
            params["nextToken"] = token
        reply = api.get(path, params)
        assert reply.status == 200, reply.body
        assert len(reply.body["items"]) <= limit
        items.extend(reply.body["items"])
        pages += 1
        token = reply.body["nextToken"]
        if token is None:
            return items, pages
        assert pages < 50, "paging never ends"


def put(api: ApiClient, person: dict[str, Any], course: dict[str, Any], body: Any, caller: Any = ADMIN):
    return api.put(f"/personnel/{person['id']}/compliance/{course['id']}", body, caller=caller)


# --- Recording an item ---------------------------------------------------------------------------


def test_admin_records_a_compliant_item(api):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When the worker is recorded compliant until a far-off date
    reply = put(api, person, course, {"status": "COMPLIANT", "expiryDate": FAR_FUTURE})
    # Then the item reads compliant, not expired, as recorded
    assert reply.status == 200, reply.body
    item = reply.body
    assert item["personnelId"] == person["id"]
    assert item["courseId"] == course["id"]
    assert item["status"] == "COMPLIANT"
    assert item["recordedStatus"] == "COMPLIANT"
    assert item["expiryDate"] == FAR_FUTURE
    assert item["expired"] is False
    assert item["updatedAt"].endswith("Z")
    # And both lists show the same item
    assert api.get(f"/personnel/{person['id']}/compliance").body == {"items": [item], "nextToken": None}
    assert api.get(f"/courses/{course['id']}/compliance").body == {"items": [item], "nextToken": None}


def test_a_lapsed_compliant_item_reads_non_compliant(api):
    # Given a worker recorded compliant with an expiry long past
    person, course = api.person(), api.course()
    reply = put(api, person, course, {"status": "COMPLIANT", "expiryDate": FAR_PAST})
    # Then the effective status is NON_COMPLIANT, the recorded one kept, and it is expired
    assert reply.status == 200, reply.body
    assert reply.body["status"] == "NON_COMPLIANT"
    assert reply.body["recordedStatus"] == "COMPLIANT"
    assert reply.body["expired"] is True
    assert reply.body["expiryDate"] == FAR_PAST
    # And both lists read it the same way
    for path in (f"/personnel/{person['id']}/compliance", f"/courses/{course['id']}/compliance"):
        [listed] = api.get(path).body["items"]
        assert (listed["status"], listed["recordedStatus"], listed["expired"]) == ("NON_COMPLIANT", "COMPLIANT", True)


@pytest.mark.parametrize(
    ("days_from_today", "status", "expired"),
    [(-1, "NON_COMPLIANT", True), (0, "COMPLIANT", False), (1, "COMPLIANT", False)],
    ids=["expired yesterday", "expires today", "expires tomorrow"],
)
def test_an_item_is_valid_through_its_expiry_date(api, days_from_today, status, expired):
    # Given a compliant item expiring relative to today (UTC, the site's zone in tests)
    person, course = api.person(), api.course()
    expiry = (utc_today() + timedelta(days=days_from_today)).isoformat()
    # When it is recorded and read back
    reply = put(api, person, course, {"status": "COMPLIANT", "expiryDate": expiry})
    [listed] = api.get(f"/personnel/{person['id']}/compliance").body["items"]
    # Then it is valid through the expiry date and lapses the day after
    assert reply.status == 200, reply.body
    for item in (reply.body, listed):
        assert item["expiryDate"] == expiry
        assert item["status"] == status
        assert item["recordedStatus"] == "COMPLIANT"
        assert item["expired"] is expired


@pytest.mark.parametrize("recorded", ["PENDING", "NON_COMPLIANT"])
def test_only_compliant_items_change_status_when_expired(api, recorded):
    # Given a non-compliant or pending item with a past expiry
    person, course = api.person(), api.course()
    # When it is recorded
    reply = put(api, person, course, {"status": recorded, "expiryDate": FAR_PAST})
    # Then its status stays as recorded, though it is flagged expired
    assert reply.status == 200, reply.body
    assert reply.body["status"] == recorded
    assert reply.body["recordedStatus"] == recorded
    assert reply.body["expired"] is True


@pytest.mark.parametrize("body", [{"status": "COMPLIANT", "expiryDate": None}, {"status": "COMPLIANT"}])
def test_an_item_without_expiry_never_expires(api, body):
    # Given a compliant item with a null or absent expiry date
    person, course = api.person(), api.course(validityMonths=None)
    # When it is recorded
    reply = put(api, person, course, body)
    # Then it has no expiry and reads compliant
    assert reply.status == 200, reply.body
    assert reply.body["expiryDate"] is None
    assert reply.body["expired"] is False
    assert reply.body["status"] == "COMPLIANT"
    assert api.get(f"/courses/{course['id']}/compliance").body["items"] == [reply.body]


def test_putting_again_replaces_the_item(api):
    # Given a worker recorded pending
    person, course = api.person(), api.course()
    first = put(api, person, course, {"status": "PENDING", "expiryDate": None})
    assert first.status == 200, first.body
    # When they are recorded compliant
    second = put(api, person, course, {"status": "COMPLIANT", "expiryDate": FAR_FUTURE})
    # Then there is one item, the latest
    assert second.status == 200, second.body
    assert second.body["updatedAt"] >= first.body["updatedAt"]
    for path in (f"/personnel/{person['id']}/compliance", f"/courses/{course['id']}/compliance"):
        items = api.get(path).body["items"]
        assert items == [second.body]
        assert items[0]["status"] == "COMPLIANT"
        assert items[0]["expiryDate"] == FAR_FUTURE


def test_lists_hold_only_their_own_items(api):
    # Given two workers and two courses: Ann has both courses, Ben only the first
    ann, ben = api.person(firstName="Ann"), api.person(firstName="Ben")
    first, second = api.course(), api.course()
    for person, course in [(ann, first), (ann, second), (ben, first)]:
        assert put(api, person, course, {"status": "PENDING"}).status == 200
    # When each worker's and each course's items are listed
    ann_items = api.get(f"/personnel/{ann['id']}/compliance").body["items"]
    ben_items = api.get(f"/personnel/{ben['id']}/compliance").body["items"]
    first_items = api.get(f"/courses/{first['id']}/compliance").body["items"]
    second_items = api.get(f"/courses/{second['id']}/compliance").body["items"]
    # Then each holds exactly its own items
    assert {item["courseId"] for item in ann_items} == {first["id"], second["id"]}
    assert {item["personnelId"] for item in ann_items} == {ann["id"]}
    assert [item["courseId"] for item in ben_items] == [first["id"]]
    assert {item["personnelId"] for item in first_items} == {ann["id"], ben["id"]}
    assert {item["courseId"] for item in first_items} == {first["id"]}
    assert [item["personnelId"] for item in second_items] == [ann["id"]]


def test_lists_of_a_worker_and_a_course_without_items_are_empty(api):
    # Given a worker and a course with nothing recorded
    person, course = api.person(), api.course()
    # When their items are listed
    by_person = api.get(f"/personnel/{person['id']}/compliance")
    by_course = api.get(f"/courses/{course['id']}/compliance")
    # Then both are empty final pages
    assert (by_person.status, by_person.body) == (200, {"items": [], "nextToken": None})
    assert (by_course.status, by_course.body) == (200, {"items": [], "nextToken": None})


# --- Unknown and malformed ids -------------------------------------------------------------------


def test_put_for_an_unknown_worker_is_404(api):
    # Given a course
    course = api.course()
    # When an item is recorded for a worker who does not exist
    reply = api.put(f"/personnel/{UNKNOWN_ID}/compliance/{course['id']}", {"status": "COMPLIANT"})
    # Then it is a 404 naming the worker, and the course has no item
    assert reply.status == 404, reply.body
    assert reply.body["error"] == "Not Found"
    assert "Personnel" in reply.body["message"]
    assert UNKNOWN_ID in reply.body["message"]
    assert api.get(f"/courses/{course['id']}/compliance").body["items"] == []


def test_put_for_an_unknown_course_is_404(api):
    # Given a worker
    person = api.person()
    # When an item is recorded for a course that does not exist
    reply = api.put(f"/personnel/{person['id']}/compliance/{UNKNOWN_ID}", {"status": "COMPLIANT"})
    # Then it is a 404 naming the course, and the worker has no item
    assert reply.status == 404, reply.body
    assert reply.body["error"] == "Not Found"
    assert "Course" in reply.body["message"]
    assert UNKNOWN_ID in reply.body["message"]
    assert api.get(f"/personnel/{person['id']}/compliance").body["items"] == []


@pytest.mark.parametrize(
    ("personnel_id", "course_id", "field"),
    [("bad-id", None, "personnelId"), (None, "x123456789", "courseId")],
)
def test_put_with_a_malformed_id_is_422_naming_it(api, personnel_id, course_id, field):
    # Given a real worker and course, one of whose ids is replaced by a malformed one
    person, course = api.person(), api.course()
    path = f"/personnel/{personnel_id or person['id']}/compliance/{course_id or course['id']}"
    # When an item is recorded there
    reply = api.put(path, {"status": "COMPLIANT"})
    # Then the malformed path field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}
    assert reply.body["details"][0]["location"] == "path"


@pytest.mark.parametrize(
    ("path", "message"),
    [(f"/personnel/{UNKNOWN_ID}/compliance", "Personnel"), (f"/courses/{UNKNOWN_ID}/compliance", "Course")],
)
def test_listing_for_an_unknown_id_is_404(api, path, message):
    # When items are listed for a worker or course that does not exist
    reply = api.get(path)
    # Then it is a 404 naming what was missing
    assert reply.status == 404, reply.body
    assert message in reply.body["message"]
    assert UNKNOWN_ID in reply.body["message"]


@pytest.mark.parametrize(
    ("path", "field"),
    [("/personnel/not-cuid/compliance", "personnelId"), ("/courses/short/compliance", "courseId")],
)
def test_listing_for_a_malformed_id_is_422(api, path, field):
    # When items are listed for a malformed id
    reply = api.get(path)
    # Then the path field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}


# --- Invalid bodies ------------------------------------------------------------------------------


def test_every_invalid_field_is_named(api):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When an item is recorded with an unknown status and a non-ISO date
    reply = put(api, person, course, {"status": "GREEN", "expiryDate": "31/12/2030"})
    # Then both fields are named, and nothing is recorded
    assert reply.status == 422, reply.body
    assert reply.body["error"] == "Unprocessable Content"
    assert error_fields(reply) == {"status", "expiryDate"}
    assert api.get(f"/personnel/{person['id']}/compliance").body["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "status"),
        ({"status": None}, "status"),
        ({"status": "compliant"}, "status"),
        ({"status": "COMPLIANT", "expiryDate": "2030-02-30"}, "expiryDate"),
        ({"status": "COMPLIANT", "expiryDate": "soon"}, "expiryDate"),
    ],
)
def test_one_invalid_field_is_422_naming_it(api, body, field):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When an item is recorded with one bad field
    reply = put(api, person, course, body)
    # Then only that field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}


def test_malformed_json_is_400(api):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When the body is not JSON
    reply = put(api, person, course, '{"status": COMPLIANT}')
    # Then it is a 400, and nothing is recorded
    assert reply.status == 400, reply.body
    assert reply.body == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": "Request body is not valid JSON",
        "details": [],
    }
    assert api.get(f"/personnel/{person['id']}/compliance").body["items"] == []


# --- Who may call --------------------------------------------------------------------------------


@pytest.mark.parametrize(("caller", "status", "error"), [(TRAINER, 403, "Forbidden"), (NOBODY, 401, "Unauthorized")])
def test_only_admins_record_items(api, caller, status, error):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When a non-admin records an item
    reply = put(api, person, course, {"status": "COMPLIANT"}, caller=caller)
    # Then they are refused and nothing is recorded
    assert reply.status == status, reply.body
    assert reply.body["error"] == error
    assert api.get(f"/personnel/{person['id']}/compliance").body["items"] == []


def test_admins_read_items(api):
    # Given a recorded item
    person, course = api.person(), api.course()
    item = put(api, person, course, {"status": "PENDING"}).body
    # When an admin lists by worker and by course
    by_person = api.get(f"/personnel/{person['id']}/compliance")
    by_course = api.get(f"/courses/{course['id']}/compliance")
    # Then both lists show the item
    assert (by_person.status, by_person.body["items"]) == (200, [item])
    assert (by_course.status, by_course.body["items"]) == (200, [item])


def test_trainers_may_not_read_items(api):
    # Given a recorded item
    person, course = api.person(), api.course()
    put(api, person, course, {"status": "PENDING"})
    # When a trainer-group caller lists by worker and by course
    replies = [
        api.get(f"/personnel/{person['id']}/compliance", caller=TRAINER),
        api.get(f"/courses/{course['id']}/compliance", caller=TRAINER),
    ]
    # Then both are 403: compliance items are hse-admin's
    assert [(reply.status, reply.body["error"]) for reply in replies] == [(403, "Forbidden")] * 2


def test_nobody_may_read_items(api):
    # Given a worker and a course
    person, course = api.person(), api.course()
    # When an anonymous caller lists their items
    replies = [
        api.get(f"/personnel/{person['id']}/compliance", caller=NOBODY),
        api.get(f"/courses/{course['id']}/compliance", caller=NOBODY),
    ]
    # Then both are 401
    assert [(reply.status, reply.body["error"]) for reply in replies] == [(401, "Unauthorized")] * 2


# --- Paging --------------------------------------------------------------------------------------


def test_a_workers_items_page_across_pages(api):
    # Given a worker with items for five courses
    person = api.person()
    course_ids = []
    for _ in range(5):
        course = api.course()
        assert put(api, person, course, {"status": "COMPLIANT", "expiryDate": FAR_FUTURE}).status == 200
        course_ids.append(course["id"])
    # When they are listed two at a time
    items, pages = all_pages(api, f"/personnel/{person['id']}/compliance", limit=2)
    # Then each arrives once, over several pages, in the same order as on one page
    paged = [item["courseId"] for item in items]
    assert len(paged) == len(set(paged)) == 5
    assert set(paged) == set(course_ids)
    assert pages >= 3
    whole = api.get(f"/personnel/{person['id']}/compliance", {"limit": "200"}).body
    assert whole["nextToken"] is None
    assert [item["courseId"] for item in whole["items"]] == paged


def test_a_courses_items_page_across_pages(api):
    # Given a course with items for five workers
    course = api.course()
    person_ids = []
    for _ in range(5):
        person = api.person()
        assert put(api, person, course, {"status": "COMPLIANT", "expiryDate": FAR_PAST}).status == 200
        person_ids.append(person["id"])
    # When they are listed two at a time
    items, pages = all_pages(api, f"/courses/{course['id']}/compliance", limit=2)
    # Then each arrives once, with its effective status, in the same order as on one page
    paged = [item["personnelId"] for item in items]
    assert len(paged) == len(set(paged)) == 5
    assert set(paged) == set(person_ids)
    assert pages >= 3
    assert {item["status"] for item in items} == {"NON_COMPLIANT"}
    whole = api.get(f"/courses/{course['id']}/compliance", {"limit": "200"}).body
    assert [item["personnelId"] for item in whole["items"]] == paged


@pytest.mark.parametrize("limit", ["0", "201", "ten"])
@pytest.mark.parametrize("kind", ["personnel", "courses"])
def test_bad_limit_is_422(api, kind, limit):
    # Given a worker or course
    owner = api.person() if kind == "personnel" else api.course()
    # When its items are listed with a bad limit
    reply = api.get(f"/{kind}/{owner['id']}/compliance", {"limit": limit})
    # Then the limit is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"limit"}


@pytest.mark.parametrize("kind", ["personnel", "courses"])
def test_garbage_next_token_is_422(api, kind):
    # Given a worker or course
    owner = api.person() if kind == "personnel" else api.course()
    # When its items are listed with a made-up token
    reply = api.get(f"/{kind}/{owner['id']}/compliance", {"nextToken": "%%%garbage%%%"})
    # Then nextToken is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


def test_a_token_from_another_workers_list_is_422(api):
    # Given a worker with two items, and another worker
    person, other = api.person(), api.person()
    for course in (api.course(), api.course()):
        assert put(api, person, course, {"status": "PENDING"}).status == 200
    token = api.get(f"/personnel/{person['id']}/compliance", {"limit": "1"}).body["nextToken"]
    assert token
    # When the first worker's token is used on the other's list
    reply = api.get(f"/personnel/{other['id']}/compliance", {"nextToken": token})
    # Then it is refused, naming nextToken
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


def test_a_token_from_another_courses_list_is_422(api):
    # Given a course with two items, and another course
    course, other = api.course(), api.course()
    for person in (api.person(), api.person()):
        assert put(api, person, course, {"status": "PENDING"}).status == 200
    token = api.get(f"/courses/{course['id']}/compliance", {"limit": "1"}).body["nextToken"]
    assert token
    # When the first course's token is used on the other's list
    reply = api.get(f"/courses/{other['id']}/compliance", {"nextToken": token})
    # Then it is refused, naming nextToken
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}
