"""Trainers and their qualifications, through the Lambda handlers over a moto table."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support import ADMIN, NOBODY, TRAINER, ApiClient, error_fields, suffix
from titan_training.domain.clock import iso_week, utc_now
from titan_training.domain.ids import new_id
from titan_training.store.trainers import TrainerStore

MALFORMED_ID = "not-a-cuid"


def qualify(api: ApiClient, trainer_id: str, course_id: str):
    return api.put(f"/trainers/{trainer_id}/qualifications/{course_id}")


def walk(api: ApiClient, path: str, query: dict[str, str]) -> list[list[dict]]:
    """Every page of a list, following nextToken until it is null (bounded, so a loop can't hang)."""
    pages, token = [], None
    for _ in range(20):
        reply = api.get(path, query={**query, **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        pages.append(reply.body["items"])
        token = reply.body["nextToken"]
        if token is None:
            return pages
    raise AssertionError("nextToken never became null")


# --- POST /trainers ---------------------------------------------------------------------------------


def test_create_trainer_returns_it_with_no_qualifications(api):
    # Given a new trainer's details, with an email in mixed case
    body = {"firstName": "Ada", "lastName": "Lovelace", "email": "Ada@Example.COM", "userId": f"sub-{suffix()}"}
    # When an admin creates the trainer
    reply = api.post("/trainers", body)
    # Then it is created with a cuid, the fields given, no qualifications yet, and timestamps in UTC
    assert reply.status == 201
    trainer = reply.body
    assert trainer["id"].startswith("c") and len(trainer["id"]) >= 9
    assert trainer["firstName"] == "Ada"
    assert trainer["lastName"] == "Lovelace"
    assert trainer["email"] == "ada@example.com"
    assert trainer["userId"] == body["userId"]
    assert trainer["qualifiedCourseIds"] == []
    assert trainer["createdAt"] == trainer["updatedAt"]
    assert trainer["createdAt"].endswith("Z")


def test_created_trainer_reads_back_with_empty_qualifications(api):
    # Given a trainer created without email or userId
    created = api.trainer(firstName="Bo", lastName="Diddley")
    # When a trainer-group caller reads it
    reply = api.get(f"/trainers/{created['id']}", caller=TRAINER)
    # Then the detail is the created trainer, no qualifications, and an empty current week
    assert reply.status == 200
    assert reply.body == {
        **created,
        "qualifications": [],
        "loadWeek": iso_week(utc_now(), "UTC"),
        "bookedMinutesThisWeek": 0,
        "hoursBookedThisWeek": 0.0,
        "sessionsThisWeek": [],
    }
    assert reply.body["email"] is None
    assert reply.body["userId"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lastName": "Smith"}, "firstName"),
        ({"firstName": "Sam"}, "lastName"),
        ({"firstName": "   ", "lastName": "Smith"}, "firstName"),
        ({"firstName": "Sam", "lastName": "Smith", "email": "not-an-email"}, "email"),
        ({"firstName": "Sam", "lastName": "Smith", "userId": "x" * 101}, "userId"),
    ],
)
def test_create_trainer_rejects_bad_fields(api, body, field):
    # Given a trainer body with one bad field
    # When an admin posts it
    reply = api.post("/trainers", body)
    # Then it is a 422 in the standard error shape naming that field, and nothing was stored
    assert reply.status == 422
    assert reply.body["statusCode"] == 422
    assert reply.body["error"] == "Unprocessable Content"
    assert field in error_fields(reply)
    assert all(detail["location"] == "body" for detail in reply.body["details"])
    assert api.get("/trainers").body["items"] == []


def test_create_trainer_with_a_taken_user_id_is_409(api):
    # Given a trainer that owns a login sub
    sub = f"sub-{suffix()}"
    first = api.trainer(userId=sub)
    # When another trainer is created with the same sub
    reply = api.post("/trainers", {"firstName": "Other", "lastName": "Person", "userId": sub})
    # Then it is a 409 naming the value, and only the first trainer exists
    assert reply.status == 409
    assert reply.body["error"] == "Conflict"
    assert sub in reply.body["message"]
    assert [t["id"] for t in api.get("/trainers").body["items"]] == [first["id"]]


def test_trainers_without_user_id_do_not_conflict(api):
    # Given a trainer with no login
    api.trainer()
    # When a second trainer with no login is created
    reply = api.post("/trainers", {"firstName": "No", "lastName": "Login"})
    # Then it is created: an absent userId claims nothing
    assert reply.status == 201
    assert reply.body["userId"] is None
    assert len(api.get("/trainers").body["items"]) == 2


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_create_trainer_needs_admin(api, caller, status):
    # Given a caller who is not an hse-admin
    # When they try to create a trainer
    reply = api.call("POST", "/trainers", body={"firstName": "A", "lastName": "B"}, caller=caller)
    # Then they are refused and nothing is stored
    assert reply.status == status
    assert reply.body["statusCode"] == status
    assert api.get("/trainers").body["items"] == []


# --- GET /trainers/{trainerId} ------------------------------------------------------------------------


def test_get_unknown_trainer_is_404(api):
    # Given a well-formed id that names no trainer
    unknown = new_id()
    # When it is read
    reply = api.get(f"/trainers/{unknown}")
    # Then it is a 404 naming the id
    assert reply.status == 404
    assert reply.body["error"] == "Not Found"
    assert unknown in reply.body["message"]


def test_get_trainer_with_malformed_id_is_422(api):
    # Given an id that is not a cuid
    # When it is read
    reply = api.get(f"/trainers/{MALFORMED_ID}")
    # Then it is a 422 naming the path parameter
    assert reply.status == 422
    assert error_fields(reply) == {"trainerId"}
    assert reply.body["details"][0]["location"] == "path"


def test_get_trainer_needs_identity(api):
    # Given a trainer
    trainer = api.trainer()
    # When a caller without identity reads it
    reply = api.get(f"/trainers/{trainer['id']}", caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["error"] == "Unauthorized"


# --- PATCH /trainers/{trainerId} ----------------------------------------------------------------------


def test_patch_trainer_changes_only_the_fields_sent(api):
    # Given a trainer with an email and a login
    trainer = api.trainer(firstName="Old", lastName="Name", email="old@example.com", userId=f"sub-{suffix()}")
    # When an admin patches only the first name
    reply = api.patch(f"/trainers/{trainer['id']}", {"firstName": "New"})
    # Then only that field (and updatedAt) changed, and the change is stored
    assert reply.status == 200
    assert reply.body["firstName"] == "New"
    assert reply.body["lastName"] == "Name"
    assert reply.body["email"] == "old@example.com"
    assert reply.body["userId"] == trainer["userId"]
    assert reply.body["createdAt"] == trainer["createdAt"]
    assert reply.body["updatedAt"] >= trainer["updatedAt"]
    stored = api.get(f"/trainers/{trainer['id']}").body
    assert stored["firstName"] == "New"
    assert stored["email"] == "old@example.com"


def test_patch_trainer_null_clears_email_and_user_id(api):
    # Given a trainer with an email and a login
    trainer = api.trainer(email="t@example.com", userId=f"sub-{suffix()}")
    # When an admin patches both to null
    reply = api.patch(f"/trainers/{trainer['id']}", {"email": None, "userId": None})
    # Then both are cleared
    assert reply.status == 200
    assert reply.body["email"] is None
    assert reply.body["userId"] is None
    assert api.get(f"/trainers/{trainer['id']}").body["userId"] is None


@pytest.mark.parametrize("field", ["firstName", "lastName"])
def test_patch_trainer_refuses_null_names(api, field):
    # Given a trainer
    trainer = api.trainer()
    # When an admin tries to clear a required name
    reply = api.patch(f"/trainers/{trainer['id']}", {field: None})
    # Then it is a 422 naming the field, and the trainer is unchanged
    assert reply.status == 422
    assert field in error_fields(reply)
    assert api.get(f"/trainers/{trainer['id']}").body[field] == trainer[field]


def test_patch_trainer_to_a_taken_user_id_is_409_and_changes_nothing(api):
    # Given two trainers with their own logins
    sub_a, sub_b = f"sub-a-{suffix()}", f"sub-b-{suffix()}"
    api.trainer(userId=sub_a)
    second = api.trainer(userId=sub_b)
    # When the second is patched to the first one's login
    reply = api.patch(f"/trainers/{second['id']}", {"userId": sub_a, "firstName": "Changed"})
    # Then it is a 409 and the second trainer (and its claim on its own login) are untouched
    assert reply.status == 409
    assert sub_a in reply.body["message"]
    stored = api.get(f"/trainers/{second['id']}").body
    assert stored["userId"] == sub_b
    assert stored["firstName"] == second["firstName"]
    assert api.post("/trainers", {"firstName": "X", "lastName": "Y", "userId": sub_b}).status == 409


def test_patch_trainer_keeping_its_own_user_id_is_not_a_conflict(api):
    # Given a trainer with a login
    sub = f"sub-{suffix()}"
    trainer = api.trainer(userId=sub)
    # When it is patched with the same login (and another change)
    reply = api.patch(f"/trainers/{trainer['id']}", {"userId": sub, "lastName": "Renamed"})
    # Then it succeeds
    assert reply.status == 200
    assert reply.body["userId"] == sub
    assert reply.body["lastName"] == "Renamed"


def test_changing_user_id_frees_the_old_one(api):
    # Given a trainer whose login changes from one sub to another
    old, new = f"sub-old-{suffix()}", f"sub-new-{suffix()}"
    trainer = api.trainer(userId=old)
    assert api.patch(f"/trainers/{trainer['id']}", {"userId": new}).status == 200
    # When another trainer is created with the old sub, and a third with the new one
    reuse_old = api.post("/trainers", {"firstName": "Re", "lastName": "Use", "userId": old})
    reuse_new = api.post("/trainers", {"firstName": "Dup", "lastName": "Licate", "userId": new})
    # Then the old sub is free again, and the new one is taken
    assert reuse_old.status == 201
    assert reuse_new.status == 409


def test_clearing_user_id_frees_it(api):
    # Given a trainer whose login is cleared
    sub = f"sub-{suffix()}"
    trainer = api.trainer(userId=sub)
    assert api.patch(f"/trainers/{trainer['id']}", {"userId": None}).status == 200
    # When another trainer takes that sub
    reply = api.post("/trainers", {"firstName": "New", "lastName": "Owner", "userId": sub})
    # Then it is allowed
    assert reply.status == 201
    assert reply.body["userId"] == sub


def test_patch_unknown_trainer_is_404(api):
    # Given a well-formed id that names no trainer
    unknown = new_id()
    # When it is patched
    reply = api.patch(f"/trainers/{unknown}", {"firstName": "Ghost"})
    # Then it is a 404 and no trainer was created by the write
    assert reply.status == 404
    assert unknown in reply.body["message"]
    assert api.get(f"/trainers/{unknown}").status == 404


def test_patch_trainer_malformed_id_is_422(api):
    # Given a malformed trainer id
    # When it is patched
    reply = api.patch(f"/trainers/{MALFORMED_ID}", {"firstName": "X"})
    # Then it is a 422 naming trainerId
    assert reply.status == 422
    assert "trainerId" in error_fields(reply)


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_patch_trainer_needs_admin(api, caller, status):
    # Given a trainer
    trainer = api.trainer(firstName="Kept")
    # When a non-admin patches it
    reply = api.call("PATCH", f"/trainers/{trainer['id']}", body={"firstName": "Hacked"}, caller=caller)
    # Then they are refused and the trainer is unchanged
    assert reply.status == status
    assert api.get(f"/trainers/{trainer['id']}").body["firstName"] == "Kept"


# --- Qualifications ------------------------------------------------------------------------------------


def test_qualify_trainer_returns_detail_with_named_course(api):
    # Given a trainer and a course
    trainer = api.trainer()
    course = api.course(name="Confined Space Entry", code=f"CSE-{suffix()}")
    # When an admin qualifies the trainer for the course
    reply = qualify(api, trainer["id"], course["id"])
    # Then the reply is the trainer detail with the course listed and named
    assert reply.status == 200
    assert reply.body["id"] == trainer["id"]
    assert reply.body["qualifiedCourseIds"] == [course["id"]]
    assert len(reply.body["qualifications"]) == 1
    qualification = reply.body["qualifications"][0]
    assert qualification["courseId"] == course["id"]
    assert qualification["courseName"] == "Confined Space Entry"
    assert qualification["courseCode"] == course["code"]
    assert datetime.fromisoformat(qualification["qualifiedAt"]).tzinfo is not None
    # And a later read shows the same
    assert api.get(f"/trainers/{trainer['id']}", caller=TRAINER).body == reply.body


def test_qualify_trainer_is_idempotent_and_keeps_first_qualified_at(api):
    # Given a trainer already qualified for a course
    trainer = api.trainer()
    course = api.course()
    first = qualify(api, trainer["id"], course["id"]).body
    # When the same qualification is put again
    again = qualify(api, trainer["id"], course["id"])
    # Then it is a 200 with one qualification, whose qualifiedAt is the original
    assert again.status == 200
    assert again.body["qualifiedCourseIds"] == [course["id"]]
    assert len(again.body["qualifications"]) == 1
    assert again.body["qualifications"][0]["qualifiedAt"] == first["qualifications"][0]["qualifiedAt"]


def test_qualifications_are_sorted_by_course_name(api):
    # Given a trainer qualified for two courses, the later-named one first
    trainer = api.trainer()
    zulu = api.course(name="Zulu Rigging")
    alpha = api.course(name="alpha Scaffolding")
    qualify(api, trainer["id"], zulu["id"])
    qualify(api, trainer["id"], alpha["id"])
    # When the trainer is read
    detail = api.get(f"/trainers/{trainer['id']}").body
    # Then both appear, ordered by course name case-insensitively, and both ids are listed
    assert [q["courseName"] for q in detail["qualifications"]] == ["alpha Scaffolding", "Zulu Rigging"]
    assert sorted(detail["qualifiedCourseIds"]) == sorted([zulu["id"], alpha["id"]])


def test_qualify_unknown_trainer_is_404_and_stores_nothing(api):
    # Given a course and a well-formed id that names no trainer
    course = api.course()
    unknown = new_id()
    # When the unknown trainer is qualified
    reply = qualify(api, unknown, course["id"])
    # Then it is a 404 naming the trainer, and no trainer appears for the course
    assert reply.status == 404
    assert unknown in reply.body["message"]
    assert "Trainer" in reply.body["message"]
    assert api.get("/trainers", query={"courseId": course["id"]}).body["items"] == []
    assert api.get(f"/trainers/{unknown}").status == 404


def test_qualify_for_unknown_course_is_404_and_stores_nothing(api):
    # Given a trainer and a well-formed id that names no course
    trainer = api.trainer()
    unknown = new_id()
    # When the trainer is qualified for it
    reply = qualify(api, trainer["id"], unknown)
    # Then it is a 404 naming the course, and the trainer has no qualification
    assert reply.status == 404
    assert unknown in reply.body["message"]
    assert "Course" in reply.body["message"]
    detail = api.get(f"/trainers/{trainer['id']}").body
    assert detail["qualifiedCourseIds"] == []
    assert detail["qualifications"] == []


@pytest.mark.parametrize("which", ["trainerId", "courseId"])
def test_qualify_with_malformed_id_is_422(api, which):
    # Given a valid trainer and course, and one of their ids replaced by a malformed one
    ids = {"trainerId": api.trainer()["id"], "courseId": api.course()["id"], which: MALFORMED_ID}
    # When the qualification is put
    reply = qualify(api, ids["trainerId"], ids["courseId"])
    # Then it is a 422 naming exactly that path parameter
    assert reply.status == 422
    assert error_fields(reply) == {which}


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_qualify_needs_admin(api, caller, status):
    # Given a trainer and a course
    trainer, course = api.trainer(), api.course()
    # When a non-admin qualifies the trainer
    reply = api.call("PUT", f"/trainers/{trainer['id']}/qualifications/{course['id']}", caller=caller)
    # Then they are refused and nothing changed
    assert reply.status == status
    assert api.get(f"/trainers/{trainer['id']}").body["qualifiedCourseIds"] == []


def test_remove_qualification_is_204_and_unlists_the_course(api):
    # Given a trainer qualified for two courses
    trainer = api.trainer()
    kept, dropped = api.course(), api.course()
    qualify(api, trainer["id"], kept["id"])
    qualify(api, trainer["id"], dropped["id"])
    # When one qualification is removed
    reply = api.delete(f"/trainers/{trainer['id']}/qualifications/{dropped['id']}")
    # Then it is a 204 with no body, and only the other course remains everywhere
    assert reply.status == 204
    assert reply.body is None
    detail = api.get(f"/trainers/{trainer['id']}").body
    assert detail["qualifiedCourseIds"] == [kept["id"]]
    assert [q["courseId"] for q in detail["qualifications"]] == [kept["id"]]
    assert api.get("/trainers", query={"courseId": dropped["id"]}).body["items"] == []
    assert [t["id"] for t in api.get("/trainers", query={"courseId": kept["id"]}).body["items"]] == [trainer["id"]]


def test_removing_last_qualification_leaves_empty_list(api):
    # Given a trainer with exactly one qualification
    trainer = api.trainer()
    course = api.course()
    qualify(api, trainer["id"], course["id"])
    # When it is removed
    assert api.delete(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 204
    # Then the trainer shows an empty list in detail and in the list
    assert api.get(f"/trainers/{trainer['id']}").body["qualifiedCourseIds"] == []
    assert api.get("/trainers").body["items"][0]["qualifiedCourseIds"] == []


def test_remove_qualification_not_held_is_404(api):
    # Given a trainer and a course the trainer is not qualified for
    trainer, course = api.trainer(), api.course()
    # When the qualification is deleted
    reply = api.delete(f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    # Then it is a 404 that mentions the course
    assert reply.status == 404
    assert course["id"] in reply.body["message"]


def test_remove_qualification_twice_is_404_the_second_time(api):
    # Given a qualification that has just been removed
    trainer, course = api.trainer(), api.course()
    qualify(api, trainer["id"], course["id"])
    assert api.delete(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 204
    # When it is removed again
    reply = api.delete(f"/trainers/{trainer['id']}/qualifications/{course['id']}")
    # Then it is a 404
    assert reply.status == 404


def test_remove_qualification_of_unknown_trainer_is_404(api):
    # Given a course and a well-formed id that names no trainer
    course = api.course()
    unknown = new_id()
    # When the qualification is deleted
    reply = api.delete(f"/trainers/{unknown}/qualifications/{course['id']}")
    # Then it is a 404 naming the trainer
    assert reply.status == 404
    assert unknown in reply.body["message"]


@pytest.mark.parametrize("which", ["trainerId", "courseId"])
def test_remove_qualification_malformed_id_is_422(api, which):
    # Given a path with one malformed id
    ids = {"trainerId": new_id(), "courseId": new_id(), which: MALFORMED_ID}
    # When the qualification is deleted
    reply = api.delete(f"/trainers/{ids['trainerId']}/qualifications/{ids['courseId']}")
    # Then it is a 422 naming that parameter
    assert reply.status == 422
    assert error_fields(reply) == {which}


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_remove_qualification_needs_admin(api, caller, status):
    # Given a qualified trainer
    trainer, course = api.trainer(), api.course()
    qualify(api, trainer["id"], course["id"])
    # When a non-admin removes the qualification
    reply = api.call("DELETE", f"/trainers/{trainer['id']}/qualifications/{course['id']}", caller=caller)
    # Then they are refused and the qualification stays
    assert reply.status == status
    assert api.get(f"/trainers/{trainer['id']}").body["qualifiedCourseIds"] == [course["id"]]


def test_patch_trainer_keeps_qualifications(api):
    # Given a qualified trainer
    trainer, course = api.trainer(), api.course()
    qualify(api, trainer["id"], course["id"])
    # When the trainer's name is patched
    reply = api.patch(f"/trainers/{trainer['id']}", {"lastName": "Renamed"})
    # Then the qualification survives the patch
    assert reply.status == 200
    assert reply.body["qualifiedCourseIds"] == [course["id"]]
    assert api.get(f"/trainers/{trainer['id']}").body["qualifiedCourseIds"] == [course["id"]]


def test_qualification_added_while_a_patch_is_in_flight_is_not_lost(api, monkeypatch):
    # Given a trainer and a course, and a PATCH of the trainer that reads the trainer, then (before it
    # writes) another request qualifies the same trainer for the course
    trainer, course = api.trainer(), api.course()
    original_get = TrainerStore.get_trainer
    raced = []

    def get_then_race(self, trainer_id):
        before = original_get(self, trainer_id)
        if not raced:
            raced.append(True)
            assert qualify(api, trainer["id"], course["id"]).status == 200
        return before

    monkeypatch.setattr(TrainerStore, "get_trainer", get_then_race)
    # When the PATCH completes
    patched = api.patch(f"/trainers/{trainer['id']}", {"firstName": "Renamed"})
    monkeypatch.setattr(TrainerStore, "get_trainer", original_get)
    # Then either the PATCH was refused as stale, or it kept the qualification that landed meanwhile:
    # the trainer's course list must still agree with its qualification records
    assert raced
    assert patched.status in (200, 409)
    detail = api.get(f"/trainers/{trainer['id']}").body
    assert [q["courseId"] for q in detail["qualifications"]] == [course["id"]]
    assert detail["qualifiedCourseIds"] == [course["id"]]


# --- GET /trainers ---------------------------------------------------------------------------------------


def test_list_trainers_sorted_by_last_then_first_name(api):
    # Given trainers created out of name order
    api.trainer(firstName="Zoe", lastName="brown")
    api.trainer(firstName="Adam", lastName="Brown")
    api.trainer(firstName="Carl", lastName="Abbot")
    # When a trainer-group caller lists them
    reply = api.get("/trainers", caller=TRAINER)
    # Then they come by last name then first name, case-insensitively, with no further page
    assert reply.status == 200
    assert [(t["lastName"], t["firstName"]) for t in reply.body["items"]] == [
        ("Abbot", "Carl"),
        ("Brown", "Adam"),
        ("brown", "Zoe"),
    ]
    assert reply.body["nextToken"] is None


def test_list_trainers_shows_qualified_course_ids(api):
    # Given one qualified and one unqualified trainer
    qualified = api.trainer(lastName="Aardvark")
    api.trainer(lastName="Zebra")
    course = api.course()
    qualify(api, qualified["id"], course["id"])
    # When the trainers are listed
    items = api.get("/trainers").body["items"]
    # Then each shows its own qualified courses
    assert [(t["lastName"], t["qualifiedCourseIds"]) for t in items] == [("Aardvark", [course["id"]]), ("Zebra", [])]


def test_list_trainers_pages_with_limit_and_next_token(api):
    # Given five trainers
    created = {api.trainer()["id"] for _ in range(5)}
    # When they are listed two at a time, following nextToken
    pages = walk(api, "/trainers", {"limit": "2"})
    # Then no page is larger than the limit and every trainer appears exactly once
    assert [len(page) for page in pages][:3] == [2, 2, 1]
    ids = [t["id"] for page in pages for t in page]
    assert sorted(ids) == sorted(created)


def test_list_trainers_filtered_by_course(api):
    # Given two trainers qualified for a course, one for another course, and one for none
    course, other = api.course(), api.course()
    first = api.trainer(lastName="Able")
    second = api.trainer(lastName="Baker")
    elsewhere = api.trainer(lastName="Charlie")
    api.trainer(lastName="Delta")
    qualify(api, first["id"], course["id"])
    qualify(api, second["id"], course["id"])
    qualify(api, elsewhere["id"], other["id"])
    # When the trainers are listed for the course
    reply = api.get("/trainers", query={"courseId": course["id"]}, caller=TRAINER)
    # Then only the two qualified for it come back, by name, each showing the course
    assert reply.status == 200
    assert [t["id"] for t in reply.body["items"]] == [first["id"], second["id"]]
    assert all(course["id"] in t["qualifiedCourseIds"] for t in reply.body["items"])
    assert reply.body["nextToken"] is None


def test_list_trainers_filtered_by_course_pages_in_name_order(api):
    # Given three trainers qualified for a course, created in reverse name order
    course = api.course()
    for last_name in ("Carter", "Bishop", "Adams"):
        trainer = api.trainer(lastName=last_name)
        qualify(api, trainer["id"], course["id"])
    # When the course's trainers are listed one per page
    pages = walk(api, "/trainers", {"courseId": course["id"], "limit": "1"})
    # Then every trainer appears once, and the pages run in name order like the unfiltered list
    names = [t["lastName"] for page in pages for t in page]
    assert sorted(names) == ["Adams", "Bishop", "Carter"]
    assert names == ["Adams", "Bishop", "Carter"]


def test_list_trainers_for_unknown_course_is_404(api):
    # Given a well-formed id that names no course
    unknown = new_id()
    # When trainers are listed for it
    reply = api.get("/trainers", query={"courseId": unknown})
    # Then it is a 404 naming the course
    assert reply.status == 404
    assert unknown in reply.body["message"]


def test_list_trainers_with_malformed_course_id_is_422(api):
    # Given a malformed courseId
    # When trainers are listed for it
    reply = api.get("/trainers", query={"courseId": MALFORMED_ID})
    # Then it is a 422 naming the query parameter
    assert reply.status == 422
    assert error_fields(reply) == {"courseId"}
    assert reply.body["details"][0]["location"] == "query"


@pytest.mark.parametrize("limit", ["0", "201", "abc"])
def test_list_trainers_rejects_bad_limit(api, limit):
    # Given an out-of-range or non-numeric limit
    # When trainers are listed
    reply = api.get("/trainers", query={"limit": limit})
    # Then it is a 422 naming limit
    assert reply.status == 422
    assert error_fields(reply) == {"limit"}


def test_list_trainers_rejects_a_garbage_next_token(api):
    # Given a nextToken that no list handed out
    # When trainers are listed with it
    reply = api.get("/trainers", query={"nextToken": "garbage!!"})
    # Then it is a 422 naming nextToken
    assert reply.status == 422
    assert error_fields(reply) == {"nextToken"}


def test_list_trainers_rejects_a_token_from_another_list(api):
    # Given a nextToken handed out by the venue list
    for _ in range(2):
        api.venue()
    venue_token = api.get("/venues", query={"limit": "1"}).body["nextToken"]
    assert venue_token
    # When it is passed to the trainer list, unfiltered and filtered by a course
    course = api.course()
    plain = api.get("/trainers", query={"nextToken": venue_token})
    filtered = api.get("/trainers", query={"courseId": course["id"], "nextToken": venue_token})
    # Then both are 422 naming nextToken, not a server error
    assert plain.status == 422
    assert error_fields(plain) == {"nextToken"}
    assert filtered.status == 422
    assert error_fields(filtered) == {"nextToken"}


def test_list_trainers_needs_identity(api):
    # Given no caller identity
    # When trainers are listed
    reply = api.get("/trainers", caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["message"] == "Authentication required"


def test_list_trainers_when_there_are_none_is_an_empty_page(api):
    # Given an empty table
    # When an admin lists trainers
    reply = api.get("/trainers", caller=ADMIN)
    # Then it is an empty page with no further token
    assert reply.status == 200
    assert reply.body == {"items": [], "nextToken": None}
