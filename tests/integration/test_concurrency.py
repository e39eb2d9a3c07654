"""Races and all-or-nothing writes, against DynamoDB Local (moto does not serialize racing writes)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support import suffix

pytestmark = pytest.mark.dynamodb_local

RACERS = 20


def race(count, action):
    """Run `action(i)` for i in range(count) on as many threads, all released at once."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(action, range(count)))


def test_twenty_racing_creates_of_one_course_code_leave_exactly_one_course(local_api):
    # Given a code nobody has used yet
    code = f"RACE-{suffix()}"
    # When 20 admins create a course with that code at the same moment (in different letter cases)
    replies = race(
        RACERS, lambda i: local_api.post("/courses", {"name": f"Course {i}", "code": code if i % 2 else code.lower()})
    )
    # Then exactly one wins and the others get a clean 409 naming the code
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [201] + [409] * (RACERS - 1)
    assert all("already in use" in reply.body["message"] for reply in replies if reply.status == 409)
    # And no loser left a half-written course behind
    listed = local_api.get("/courses", {"limit": "200"}).body["items"]
    assert [course["code"].upper() for course in listed].count(code.upper()) == 1


def test_twenty_racing_creates_of_one_employee_number_leave_exactly_one_worker(local_api):
    employee_no = f"EMP-{suffix()}"
    replies = race(
        RACERS,
        lambda i: local_api.post("/personnel", {"firstName": "Ann", "lastName": f"Lee{i}", "employeeNo": employee_no}),
    )
    assert sorted(reply.status for reply in replies) == [201] + [409] * (RACERS - 1)
    everyone = local_api.get("/personnel", {"search": employee_no.lower()}).body["items"]
    assert len(everyone) == 1


def test_racing_edits_of_one_course_never_lose_an_accepted_change(local_api):
    # Given a course
    course = local_api.course(name="Original", durationMinutes=60)
    changes = [
        {"name": "Renamed"},
        {"validityMonths": 48},
        {"durationMinutes": 90},
        {"requiresVerification": True},
        {"code": f"NEW-{suffix()}"},
    ] * 2
    # When ten edits of different fields race
    replies = race(len(changes), lambda i: local_api.patch(f"/courses/{course['id']}", changes[i]))
    # Then each is either applied or refused with 409, never silently overwritten
    assert {reply.status for reply in replies} <= {200, 409}
    assert any(reply.status == 200 for reply in replies)
    final = local_api.get(f"/courses/{course['id']}").body
    for change, reply in zip(changes, replies, strict=True):
        if reply.status == 200:
            field, value = next(iter(change.items()))
            # A later accepted edit may only have re-applied the same field with the same value
            assert final[field] == value, (change, final)


def test_racing_qualifications_of_one_trainer_all_land(local_api):
    # Given a trainer and ten courses
    trainer = local_api.trainer()
    courses = [local_api.course()["id"] for _ in range(10)]
    # When the ten qualifications are added at once
    replies = race(len(courses), lambda i: local_api.put(f"/trainers/{trainer['id']}/qualifications/{courses[i]}"))
    # Then every one is there, on the trainer and in the by-course lookup
    assert {reply.status for reply in replies} == {200}
    detail = local_api.get(f"/trainers/{trainer['id']}").body
    assert sorted(detail["qualifiedCourseIds"]) == sorted(courses)
    assert sorted(q["courseId"] for q in detail["qualifications"]) == sorted(courses)
    for course_id in courses:
        listed = local_api.get("/trainers", {"courseId": course_id}).body["items"]
        assert [t["id"] for t in listed] == [trainer["id"]]


def test_a_compliance_item_for_an_unknown_course_writes_nothing(local_api):
    # Given a worker
    person = local_api.person()
    # When an item is recorded against a course that does not exist
    reply = local_api.put(f"/personnel/{person['id']}/compliance/cmissingcourse0000000001", {"status": "COMPLIANT"})
    # Then it is a 404 and the worker has no item at all
    assert reply.status == 404
    assert reply.body["message"] == "Course cmissingcourse0000000001 not found"
    assert local_api.get(f"/personnel/{person['id']}/compliance").body["items"] == []


def test_changing_a_code_frees_the_old_one_atomically(local_api):
    # Given a course with code A and another with code B
    first = local_api.course(code=f"A-{suffix()}")
    second = local_api.course(code=f"B-{suffix()}")
    # When the first takes the second's code, it is refused and keeps its own
    assert local_api.patch(f"/courses/{first['id']}", {"code": second["code"]}).status == 409
    assert local_api.get(f"/courses/{first['id']}").body["code"] == first["code"]
    # When the first moves to a new code, its old one is free for someone else
    assert local_api.patch(f"/courses/{first['id']}", {"code": f"C-{suffix()}"}).status == 200
    assert local_api.post("/courses", {"name": "Reuse", "code": first["code"]}).status == 201


def test_editing_a_course_keeps_the_stamp_of_its_last_compliance_change(local_api):
    from titan_training.store.items.courses import CourseItem

    # Given a course whose compliance changed
    course, person = local_api.course(), local_api.person()
    assert local_api.put(f"/personnel/{person['id']}/compliance/{course['id']}", {"status": "PENDING"}).status == 200
    stamped = CourseItem.get(*CourseItem.key(course["id"]), consistent_read=True).compliance_changed_at
    assert stamped is not None
    # When an admin edits the course
    assert local_api.patch(f"/courses/{course['id']}", {"name": "Renamed", "validityMonths": None}).status == 200
    # Then the stamp the picker's cache relies on is still there
    item = CourseItem.get(*CourseItem.key(course["id"]), consistent_read=True)
    assert (item.name, item.validity_months, item.compliance_changed_at) == ("Renamed", None, stamped)
