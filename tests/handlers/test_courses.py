"""Courses through their Lambda handlers: create, read, list (paged, by name) and partial update."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support import ADMIN, NOBODY, TRAINER, ApiClient, error_fields, suffix

CUID = re.compile(r"^[cC][^\s-]{8,}$")
UNKNOWN_ID = "cunknown0000000000000000"


def all_pages(api: ApiClient, path: str, limit: int, query: dict[str, str] | None = None) -> tuple[list[Any], int]:
    """Every item of a list, following nextToken; and how many pages it took."""
    items: list[Any] = []
    token = None
    pages = 0
    while True:
        params = {"limit": str(limit), **(query or {})}
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


# --- Create and read ---------------------------------------------------------------------------


def test_admin_creates_and_a_trainer_reads_a_course(api):
    # Given an admin creates a course with every field
    code = f"H2S-{suffix()}"
    reply = api.post(
        "/courses",
        {
            "name": "H2S Awareness",
            "code": code,
            "validityMonths": 24,
            "requiresVerification": True,
            "durationMinutes": 90,
        },
    )
    # Then it is created with those fields, a cuid and equal timestamps
    assert reply.status == 201, reply.body
    created = reply.body
    assert CUID.match(created["id"])
    assert created["name"] == "H2S Awareness"
    assert created["code"] == code
    assert created["validityMonths"] == 24
    assert created["requiresVerification"] is True
    assert created["durationMinutes"] == 90
    assert created["createdAt"] == created["updatedAt"]
    # When a trainer reads it back
    read = api.get(f"/courses/{created['id']}", caller=TRAINER)
    # Then it is the same course
    assert read.status == 200
    assert read.body == created


def test_optional_fields_default_when_omitted(api):
    # Given a course created with only its name and code
    reply = api.post("/courses", {"name": "Induction", "code": f"IND-{suffix()}"})
    # Then it never expires, needs no verification and has no duration
    assert reply.status == 201, reply.body
    assert reply.body["validityMonths"] is None
    assert reply.body["requiresVerification"] is False
    assert reply.body["durationMinutes"] is None
    # And the stored course reads the same
    assert api.get(f"/courses/{reply.body['id']}").body == reply.body


def test_null_validity_means_never_expires(api):
    # When a course is created with an explicit null validity
    created = api.course(validityMonths=None)
    # Then it is stored without validity
    assert created["validityMonths"] is None
    assert api.get(f"/courses/{created['id']}").body["validityMonths"] is None


@pytest.mark.parametrize("variant", [str.upper, str.lower, lambda code: f"  {code}  "])
def test_duplicate_code_is_409_whatever_its_case(api, variant):
    # Given a course with a mixed-case code
    code = f"Fa-{suffix()}"
    first = api.course(code=code)
    # When another course is created with the same code in another case (or padded)
    reply = api.post("/courses", {"name": "Another", "code": variant(code)})
    # Then it is refused as a conflict naming the code
    assert reply.status == 409, reply.body
    assert reply.body["statusCode"] == 409
    assert reply.body["error"] == "Conflict"
    assert code.lower() in reply.body["message"].lower()
    # And only the first course exists
    assert [course["id"] for course in api.get("/courses").body["items"]] == [first["id"]]


def test_every_invalid_field_is_named(api):
    # When a course is created with every field wrong
    reply = api.post(
        "/courses",
        {"name": "", "code": "", "validityMonths": 0, "requiresVerification": "maybe", "durationMinutes": -1},
    )
    # Then a 422 names each of them, in the body
    assert reply.status == 422, reply.body
    assert reply.body["statusCode"] == 422
    assert reply.body["error"] == "Unprocessable Content"
    assert error_fields(reply) == {"name", "code", "validityMonths", "requiresVerification", "durationMinutes"}
    assert {detail["location"] for detail in reply.body["details"]} == {"body"}
    # And nothing was created
    assert api.get("/courses").body["items"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "x" * 201),
        ("name", "   "),
        ("code", "x" * 101),
        ("validityMonths", 601),
        ("validityMonths", "twelve"),
        ("durationMinutes", 0),
        ("durationMinutes", 14 * 24 * 60 + 1),
    ],
)
def test_one_invalid_field_is_422_naming_it(api, field, value):
    # Given an otherwise valid course
    body = {"name": "Valid", "code": f"V-{suffix()}", field: value}
    # When it is created
    reply = api.post("/courses", body)
    # Then only the bad field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}


def test_missing_required_fields_are_named(api):
    # When a course is created from an empty object
    reply = api.post("/courses", {})
    # Then name and code are named as missing
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"name", "code"}
    assert {detail["type"] for detail in reply.body["details"]} == {"missing"}


def test_malformed_json_is_400(api):
    # When the body is not JSON
    reply = api.post("/courses", '{"name": "Broken", ')
    # Then it is a 400 with the common error shape
    assert reply.status == 400, reply.body
    assert reply.body == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": "Request body is not valid JSON",
        "details": [],
    }


def test_malformed_id_is_422_naming_the_path_field(api):
    # When a course is read by an id that is not a cuid
    reply = api.get("/courses/not-a-cuid")
    # Then the path field is named
    assert reply.status == 422, reply.body
    assert reply.body["details"][0]["location"] == "path"
    assert error_fields(reply) == {"courseId"}


def test_unknown_id_is_404(api):
    # When a well-formed id names no course
    reply = api.get(f"/courses/{UNKNOWN_ID}")
    # Then it is a 404 naming the id
    assert reply.status == 404, reply.body
    assert reply.body["error"] == "Not Found"
    assert UNKNOWN_ID in reply.body["message"]


# --- Who may call ------------------------------------------------------------------------------


@pytest.mark.parametrize(("caller", "status", "error"), [(TRAINER, 403, "Forbidden"), (NOBODY, 401, "Unauthorized")])
def test_only_admins_create_courses(api, caller, status, error):
    # When a non-admin creates a course (even an invalid one: identity comes first)
    valid = api.post("/courses", {"name": "Nope", "code": f"N-{suffix()}"}, caller=caller)
    invalid = api.post("/courses", {"name": ""}, caller=caller)
    # Then both are refused with the identity error, and nothing is created
    assert (valid.status, valid.body["error"]) == (status, error)
    assert (invalid.status, invalid.body["error"]) == (status, error)
    assert api.get("/courses").body["items"] == []


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_only_admins_update_courses(api, caller, status):
    # Given a course
    course = api.course(name="Original")
    # When a non-admin renames it
    reply = api.patch(f"/courses/{course['id']}", {"name": "Hijacked"}, caller=caller)
    # Then they are refused and the course is unchanged
    assert reply.status == status, reply.body
    assert reply.body["statusCode"] == status
    assert api.get(f"/courses/{course['id']}").body == course


@pytest.mark.parametrize("caller", [ADMIN, TRAINER])
def test_admins_and_trainers_read_courses(api, caller):
    # Given a course
    course = api.course()
    # When either group lists and reads courses
    listed = api.get("/courses", caller=caller)
    read = api.get(f"/courses/{course['id']}", caller=caller)
    # Then both see it
    assert listed.status == 200
    assert listed.body["items"] == [course]
    assert read.status == 200
    assert read.body == course


@pytest.mark.parametrize("path", ["/courses", f"/courses/{UNKNOWN_ID}"])
def test_no_identity_is_401(api, path):
    # When nobody reads courses
    reply = api.get(path, caller=NOBODY)
    # Then it is a 401 in the common shape
    assert reply.status == 401
    assert reply.body["error"] == "Unauthorized"
    assert reply.body["details"] == []


# --- List and paging ---------------------------------------------------------------------------


def test_list_pages_through_every_course_by_name(api):
    # Given five courses created out of name order
    names = ["Echo", "Alpha", "Delta", "Bravo", "Charlie"]
    ids_by_name = {name: api.course(name=f"{name} {suffix()}")["id"] for name in names}
    # When they are listed two at a time
    items, pages = all_pages(api, "/courses", limit=2)
    # Then every course arrives once, over several pages, in name order
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == 5
    assert pages >= 3
    assert ids == [ids_by_name[name] for name in sorted(names)]


def test_list_without_limit_returns_everything_on_one_page(api):
    # Given three courses
    created = [api.course(name=f"{letter} course {suffix()}") for letter in "CAB"]
    # When listed with the default limit
    reply = api.get("/courses")
    # Then all arrive on one page, sorted by name, with no next page
    assert reply.status == 200
    assert reply.body["nextToken"] is None
    assert reply.body["items"] == sorted(created, key=lambda course: course["name"])


def test_a_name_sorts_before_longer_names_it_prefixes(api):
    # Given a course whose name is the start of another's
    longer = api.course(name="First Aid Advanced")
    shorter = api.course(name="First Aid")
    # When the courses are listed
    reply = api.get("/courses")
    # Then the shorter name comes first, as by-name order requires
    assert reply.status == 200
    assert [item["id"] for item in reply.body["items"]] == [shorter["id"], longer["id"]]


@pytest.mark.parametrize("limit", ["0", "201", "-1", "abc"])
def test_bad_limit_is_422(api, limit):
    # When courses are listed with a limit outside 1..200
    reply = api.get("/courses", {"limit": limit})
    # Then the limit is named
    assert reply.status == 422, reply.body
    assert reply.body["details"][0]["location"] == "query"
    assert error_fields(reply) == {"limit"}


@pytest.mark.parametrize("limit", ["1", "200"])
def test_limit_bounds_are_accepted(api, limit):
    # Given two courses
    api.course()
    api.course()
    # When listed at the edge limits
    reply = api.get("/courses", {"limit": limit})
    # Then the page holds at most `limit` items
    assert reply.status == 200, reply.body
    assert len(reply.body["items"]) == min(int(limit), 2)


@pytest.mark.parametrize("token", ["garbage!!", "eyJub3QiOiAidGhpcyJ9", "e30"])
def test_garbage_next_token_is_422(api, token):
    # When courses are listed with a token this list never handed out
    reply = api.get("/courses", {"nextToken": token})
    # Then nextToken is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


def test_token_of_another_list_is_422(api):
    # Given a next token of the personnel list
    api.person()
    api.person()
    token = api.get("/personnel", {"limit": "1"}).body["nextToken"]
    assert token
    # When it is used on the course list
    reply = api.get("/courses", {"nextToken": token})
    # Then it is refused, naming nextToken
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


# --- Partial update ----------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(api):
    # Given a course
    course = api.course(name="Old name", validityMonths=12, durationMinutes=60)
    # When only its name and verification flag are changed
    reply = api.patch(f"/courses/{course['id']}", {"name": "New name", "requiresVerification": True})
    # Then those change, the rest stay, and updatedAt moves on
    assert reply.status == 200, reply.body
    expected = {**course, "name": "New name", "requiresVerification": True}
    assert {k: v for k, v in reply.body.items() if k != "updatedAt"} == {
        k: v for k, v in expected.items() if k != "updatedAt"
    }
    assert reply.body["updatedAt"] >= course["updatedAt"]
    assert reply.body["createdAt"] == course["createdAt"]
    # And the stored course is the one returned
    assert api.get(f"/courses/{course['id']}").body == reply.body


@pytest.mark.parametrize("body", [{}, {"nmae": "typo"}, {"id": "cother0000000000000000001"}])
def test_a_patch_with_nothing_it_can_change_is_422_and_changes_nothing(api, body):
    # Given a course
    course = api.course()
    # When a patch with no changeable field is sent (empty, a typo, a read-only field)
    reply = api.patch(f"/courses/{course['id']}", body)
    # Then it is refused, saying what could be sent, and the course is untouched
    assert reply.status == 422, reply.body
    assert "Nothing to change: send one or more of name, code, validityMonths" in reply.body["message"]
    assert api.get(f"/courses/{course['id']}").body == course


def test_null_validity_and_duration_clear_them(api):
    # Given a course that expires and has a duration
    course = api.course(validityMonths=36, durationMinutes=120)
    # When both are patched to null
    reply = api.patch(f"/courses/{course['id']}", {"validityMonths": None, "durationMinutes": None})
    # Then both are cleared, and the course never expires
    assert reply.status == 200, reply.body
    assert reply.body["validityMonths"] is None
    assert reply.body["durationMinutes"] is None
    stored = api.get(f"/courses/{course['id']}").body
    assert stored["validityMonths"] is None
    assert stored["durationMinutes"] is None
    assert stored["name"] == course["name"]


def test_null_on_required_fields_is_422_naming_each(api):
    # Given a course
    course = api.course()
    # When name, code and the verification flag are patched to null
    reply = api.patch(f"/courses/{course['id']}", {"name": None, "code": None, "requiresVerification": None})
    # Then each is named, and the course is unchanged
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"name", "code", "requiresVerification"}
    assert {detail["type"] for detail in reply.body["details"]} == {"null_not_allowed"}
    assert api.get(f"/courses/{course['id']}").body == course


@pytest.mark.parametrize(
    ("field", "value"), [("name", ""), ("code", ""), ("validityMonths", 0), ("durationMinutes", -5)]
)
def test_patch_with_invalid_value_is_422(api, field, value):
    # Given a course
    course = api.course()
    # When one field is patched to an invalid value
    reply = api.patch(f"/courses/{course['id']}", {field: value})
    # Then it is named and nothing changes
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}
    assert api.get(f"/courses/{course['id']}").body == course


def test_patch_with_malformed_json_is_400(api):
    # Given a course
    course = api.course()
    # When the patch body is not JSON
    reply = api.patch(f"/courses/{course['id']}", "{oops")
    # Then it is a 400 and the course is unchanged
    assert reply.status == 400, reply.body
    assert reply.body["message"] == "Request body is not valid JSON"
    assert api.get(f"/courses/{course['id']}").body == course


def test_patch_unknown_course_is_404(api):
    # When a course that does not exist is patched
    reply = api.patch(f"/courses/{UNKNOWN_ID}", {"name": "Ghost"})
    # Then it is a 404 naming the id
    assert reply.status == 404, reply.body
    assert UNKNOWN_ID in reply.body["message"]


def test_patch_malformed_id_is_422(api):
    # When a patch addresses an id that is not a cuid
    reply = api.patch("/courses/x1", {"name": "Ghost"})
    # Then the path field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"courseId"}


def test_patch_to_a_taken_code_is_409_and_changes_nothing(api):
    # Given two courses
    taken = api.course(code=f"Taken-{suffix()}")
    other = api.course()
    # When the second takes the first's code, in another case
    reply = api.patch(f"/courses/{other['id']}", {"code": taken["code"].upper(), "name": "Renamed"})
    # Then it is a conflict and the second course is unchanged
    assert reply.status == 409, reply.body
    assert reply.body["error"] == "Conflict"
    assert api.get(f"/courses/{other['id']}").body == other
    # And both codes are still held: neither can be created again
    for code in (taken["code"], other["code"]):
        assert api.post("/courses", {"name": "Dup", "code": code}).status == 409


def test_changing_the_code_frees_the_old_one(api):
    # Given a course whose code is then changed
    old_code = f"Old-{suffix()}"
    new_code = f"New-{suffix()}"
    course = api.course(code=old_code)
    reply = api.patch(f"/courses/{course['id']}", {"code": new_code})
    assert reply.status == 200, reply.body
    assert reply.body["code"] == new_code
    # When new courses are created with the old and the new code
    reuse_old = api.post("/courses", {"name": "Reuse", "code": old_code.lower()})
    reuse_new = api.post("/courses", {"name": "Clash", "code": new_code.lower()})
    # Then the old code is free and the new one is taken
    assert reuse_old.status == 201, reuse_old.body
    assert reuse_new.status == 409, reuse_new.body


def test_changing_only_the_case_of_a_code_keeps_it_reserved(api):
    # Given a course with a lower-case code
    code = f"case-{suffix()}"
    course = api.course(code=code)
    # When its code is re-cased
    reply = api.patch(f"/courses/{course['id']}", {"code": code.upper()})
    # Then the change is accepted
    assert reply.status == 200, reply.body
    assert reply.body["code"] == code.upper()
    # And the code is still reserved for it
    assert api.post("/courses", {"name": "Clash", "code": code}).status == 409


def test_patch_back_to_its_own_code_is_allowed(api):
    # Given a course
    course = api.course()
    # When it is patched with its own code
    reply = api.patch(f"/courses/{course['id']}", {"code": course["code"]})
    # Then nothing conflicts
    assert reply.status == 200, reply.body
    assert reply.body["code"] == course["code"]


def test_renaming_moves_a_course_in_the_list(api):
    # Given courses A and B
    a = api.course(name="Alpha course")
    b = api.course(name="Bravo course")
    # When A is renamed to sort after B
    assert api.patch(f"/courses/{a['id']}", {"name": "Zulu course"}).status == 200
    # Then the list shows B first, and A once, with its new name
    items = api.get("/courses").body["items"]
    assert [(item["id"], item["name"]) for item in items] == [(b["id"], "Bravo course"), (a["id"], "Zulu course")]
