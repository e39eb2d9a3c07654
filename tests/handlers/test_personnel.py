"""Personnel through their Lambda handlers: create, read, list (by name, searched, paged) and partial update."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.support import NOBODY, TRAINER, ApiClient, error_fields, suffix

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


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


# --- Create and read ---------------------------------------------------------------------------


def test_admin_creates_and_a_trainer_reads_a_worker(api):
    # Given an admin adds a worker with every field
    employee_no = f"E-{suffix()}"
    reply = api.post(
        "/personnel",
        {
            "firstName": "Dana",
            "lastName": "Scully",
            "email": "dana.scully@example.com",
            "employeeNo": employee_no,
            "active": False,
        },
    )
    # Then the worker is created as sent, with a cuid and equal timestamps
    assert reply.status == 201, reply.body
    created = reply.body
    assert CUID.match(created["id"])
    assert created["firstName"] == "Dana"
    assert created["lastName"] == "Scully"
    assert created["email"] == "dana.scully@example.com"
    assert created["employeeNo"] == employee_no
    assert created["active"] is False
    assert created["createdAt"] == created["updatedAt"]
    # And an admin reads back the same worker
    read = api.get(f"/personnel/{created['id']}")
    assert read.status == 200
    assert read.body == created


def test_email_and_active_default_when_omitted(api):
    # When a worker is added with names and an employee number only
    reply = api.post("/personnel", {"firstName": "Fox", "lastName": "Mulder", "employeeNo": f"E-{suffix()}"})
    # Then they have no email and are active
    assert reply.status == 201, reply.body
    assert reply.body["email"] is None
    assert reply.body["active"] is True
    assert api.get(f"/personnel/{reply.body['id']}").body == reply.body


def test_duplicate_employee_number_is_409(api):
    # Given a worker
    first = api.person()
    # When another worker is added with the same employee number
    reply = api.post("/personnel", {"firstName": "Other", "lastName": "Person", "employeeNo": first["employeeNo"]})
    # Then it is a conflict naming the number, and only the first worker exists
    assert reply.status == 409, reply.body
    assert reply.body["statusCode"] == 409
    assert reply.body["error"] == "Conflict"
    assert first["employeeNo"] in reply.body["message"]
    assert ids(api.get("/personnel").body["items"]) == [first["id"]]


def test_every_invalid_field_is_named(api):
    # When a worker is added with every field wrong
    reply = api.post(
        "/personnel", {"firstName": "", "lastName": None, "email": "not-an-email", "employeeNo": "", "active": "x"}
    )
    # Then a 422 names each field, in the body
    assert reply.status == 422, reply.body
    assert reply.body["error"] == "Unprocessable Content"
    assert error_fields(reply) == {"firstName", "lastName", "email", "employeeNo", "active"}
    assert {detail["location"] for detail in reply.body["details"]} == {"body"}
    # And nobody was added
    assert api.get("/personnel").body["items"] == []


def test_missing_required_fields_are_named(api):
    # When a worker is added from an empty object
    reply = api.post("/personnel", {})
    # Then the three required fields are named as missing
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"firstName", "lastName", "employeeNo"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("firstName", "x" * 201), ("lastName", "  "), ("email", "a@b"), ("email", "two words@x.io"), ("employeeNo", 7)],
)
def test_one_invalid_field_is_422_naming_it(api, field, value):
    # Given an otherwise valid worker
    body = {"firstName": "Val", "lastName": "Id", "employeeNo": f"E-{suffix()}", field: value}
    # When it is added
    reply = api.post("/personnel", body)
    # Then only that field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {field}


def test_malformed_json_is_400(api):
    # When the body is not JSON
    reply = api.post("/personnel", "{firstName: Dana}")
    # Then it is a 400 in the common shape
    assert reply.status == 400, reply.body
    assert reply.body == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": "Request body is not valid JSON",
        "details": [],
    }


def test_malformed_id_is_422_naming_the_path_field(api):
    # When a worker is read by an id that is not a cuid
    reply = api.get("/personnel/12345")
    # Then the path field is named
    assert reply.status == 422, reply.body
    assert reply.body["details"][0]["location"] == "path"
    assert error_fields(reply) == {"personnelId"}


def test_unknown_id_is_404(api):
    # When a well-formed id names nobody
    reply = api.get(f"/personnel/{UNKNOWN_ID}")
    # Then it is a 404 naming the id
    assert reply.status == 404, reply.body
    assert reply.body["error"] == "Not Found"
    assert UNKNOWN_ID in reply.body["message"]


# --- Who may call ------------------------------------------------------------------------------


@pytest.mark.parametrize(("caller", "status", "error"), [(TRAINER, 403, "Forbidden"), (NOBODY, 401, "Unauthorized")])
def test_only_admins_add_workers(api, caller, status, error):
    # When a non-admin adds a worker
    reply = api.post("/personnel", {"firstName": "A", "lastName": "B", "employeeNo": f"E-{suffix()}"}, caller=caller)
    # Then they are refused and nobody is added
    assert reply.status == status, reply.body
    assert reply.body["error"] == error
    assert api.get("/personnel").body["items"] == []


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_only_admins_update_workers(api, caller, status):
    # Given a worker
    person = api.person()
    # When a non-admin deactivates them
    reply = api.patch(f"/personnel/{person['id']}", {"active": False}, caller=caller)
    # Then they are refused and the worker is unchanged
    assert reply.status == status, reply.body
    assert reply.body["statusCode"] == status
    assert api.get(f"/personnel/{person['id']}").body == person


def test_admins_read_personnel(api):
    # Given a worker
    person = api.person()
    # When an admin lists, searches and reads personnel
    listed = api.get("/personnel")
    searched = api.get("/personnel", {"search": person["employeeNo"]})
    read = api.get(f"/personnel/{person['id']}")
    # Then all see the worker
    assert (listed.status, listed.body["items"]) == (200, [person])
    assert (searched.status, searched.body["items"]) == (200, [person])
    assert (read.status, read.body) == (200, person)


def test_the_directory_is_closed_to_trainers(api):
    # Given a worker with an email and an employee number
    person = api.person(email="pat@example.com")
    # When a trainer-group caller lists, searches or reads personnel
    replies = [
        api.get("/personnel", caller=TRAINER),
        api.get("/personnel", {"search": person["employeeNo"]}, caller=TRAINER),
        api.get(f"/personnel/{person['id']}", caller=TRAINER),
    ]
    # Then every one is a 403 that shows nothing of the worker
    assert [reply.status for reply in replies] == [403, 403, 403]
    assert all(person["employeeNo"] not in json.dumps(reply.body) for reply in replies)


@pytest.mark.parametrize("path", ["/personnel", f"/personnel/{UNKNOWN_ID}"])
def test_no_identity_is_401(api, path):
    # When nobody reads personnel
    reply = api.get(path, caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["error"] == "Unauthorized"


# --- List order and paging ---------------------------------------------------------------------


def test_list_is_sorted_by_last_then_first_name(api):
    # Given workers added out of order, two sharing a last name
    young = api.person(firstName="Zed", lastName="Young")
    baker_carla = api.person(firstName="Carla", lastName="Baker")
    adams = api.person(firstName="Bob", lastName="Adams")
    baker_ann = api.person(firstName="Ann", lastName="Baker")
    # When they are listed
    reply = api.get("/personnel")
    # Then they come by last name, then first name
    assert reply.status == 200
    assert ids(reply.body["items"]) == [adams["id"], baker_ann["id"], baker_carla["id"], young["id"]]
    assert reply.body["nextToken"] is None


def test_a_last_name_sorts_before_longer_last_names_it_prefixes(api):
    # Given "Van Dyke, Al" and "Van, Zoe"
    van_dyke = api.person(firstName="Al", lastName="Van Dyke")
    van = api.person(firstName="Zoe", lastName="Van")
    # When they are listed
    reply = api.get("/personnel")
    # Then "Van" comes before "Van Dyke": last name decides before first name does
    assert reply.status == 200
    assert ids(reply.body["items"]) == [van["id"], van_dyke["id"]]


def test_list_pages_through_every_worker_in_order(api):
    # Given five workers added out of name order
    last_names = ["Evans", "Adams", "Davis", "Brown", "Clark"]
    by_last = {name: api.person(lastName=name)["id"] for name in last_names}
    # When they are listed two at a time
    items, pages = all_pages(api, "/personnel", limit=2)
    # Then every worker arrives once, over several pages, in name order
    assert len(items) == len(set(ids(items))) == 5
    assert pages >= 3
    assert ids(items) == [by_last[name] for name in sorted(last_names)]


def test_renaming_moves_a_worker_in_the_list(api):
    # Given two workers
    adams = api.person(lastName="Adams")
    brown = api.person(lastName="Brown")
    # When Adams's last name changes to sort after Brown
    assert api.patch(f"/personnel/{adams['id']}", {"lastName": "Zimmer"}).status == 200
    # Then the list shows Brown first and Zimmer once
    items = api.get("/personnel").body["items"]
    assert [(item["id"], item["lastName"]) for item in items] == [(brown["id"], "Brown"), (adams["id"], "Zimmer")]


@pytest.mark.parametrize("limit", ["0", "201", "abc"])
def test_bad_limit_is_422(api, limit):
    # When personnel are listed with a bad limit
    reply = api.get("/personnel", {"limit": limit})
    # Then the limit is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"limit"}


def test_garbage_next_token_is_422(api):
    # When personnel are listed with a made-up token
    reply = api.get("/personnel", {"nextToken": "not-a-real-token"})
    # Then nextToken is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


def test_token_of_the_course_list_is_422(api):
    # Given a next token of the course list
    api.course()
    api.course()
    token = api.get("/courses", {"limit": "1"}).body["nextToken"]
    assert token
    # When it is used on the personnel list
    reply = api.get("/personnel", {"nextToken": token})
    # Then it is refused, naming nextToken
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


# --- Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "search",
    ["jOhAn", "KOWAL", "johanna kow", "jo.k@", "WIDGETS.COM", "pl-77", "Kowalska-Nowak"],
    ids=["first name", "last name", "full name", "email", "email domain", "employee number", "double-barrelled"],
)
def test_search_matches_the_start_of_a_name_email_or_employee_number_case_insensitively(api, search):
    # Given a worker who should match and one who should not
    target = api.person(firstName="Johanna", lastName="Kowalska-Nowak", email="jo.k@widgets.com", employeeNo="PL-7731")
    api.person(firstName="Sam", lastName="Other", email="sam@elsewhere.org", employeeNo="US-0001")
    # When personnel are searched
    reply = api.get("/personnel", {"search": search})
    # Then only the target is found
    assert reply.status == 200, reply.body
    assert reply.body["items"] == [target]


@pytest.mark.parametrize("search", ["nowak", "NOWAK-", "jose", "JOSÉ", "nunez", "Núñ", "jose nu"])
def test_search_finds_a_part_of_a_double_name_and_ignores_accents(api, search):
    # Given a worker with accents and a hyphenated last name part, and another worker
    target = api.person(firstName="José", lastName="Núñez Nowak-Lis")
    api.person(firstName="Sam", lastName="Other")
    # When personnel are searched by a word's start, with or without its accents
    reply = api.get("/personnel", {"search": search})
    # Then only the target is found
    assert reply.status == 200, reply.body
    assert ids(reply.body["items"]) == [target["id"]]


@pytest.mark.parametrize("search", ["hanna", "owalsk", "7731", "widgets"])
def test_search_does_not_match_inside_a_word(api, search):
    # Given a worker whose words contain the search only in their middle
    api.person(firstName="Johanna", lastName="Kowalska", email="jo.k@awidgets.com", employeeNo="PL-7731")
    # When personnel are searched
    reply = api.get("/personnel", {"search": search})
    # Then nobody is found: a search matches the start of a word (an index, not a scan)
    assert reply.status == 200, reply.body
    assert reply.body["items"] == []


def test_search_finds_deactivated_workers_as_the_list_does(api):
    # Given a worker who is deactivated
    person = api.person(firstName="Dormant", lastName="Worker")
    assert api.patch(f"/personnel/{person['id']}", {"active": False}).status == 200
    # When they are listed and searched
    listed = ids(api.get("/personnel", {"limit": "200"}).body["items"])
    found = api.get("/personnel", {"search": "dorm"}).body["items"]
    # Then both show them, inactive (the list has no active filter, and search follows it), as stored now
    assert person["id"] in listed
    assert [(p["id"], p["active"]) for p in found] == [(person["id"], False)]
    assert found == [api.get(f"/personnel/{person['id']}").body]


def test_search_lists_a_worker_matched_by_several_words_once(api):
    # Given workers matched by "ann" through one, two or three of their words
    wanted = {
        api.person(firstName="Ann", lastName="Annis", email="ann.annis@example.com")["id"],
        api.person(firstName="Anna", lastName="Smith")["id"],
        api.person(firstName="Bob", lastName="Annan")["id"],
        api.person(firstName="Ann Marie", lastName="Annett", employeeNo="ANN-1")["id"],
    }
    api.person(firstName="Bob", lastName="Other")
    for limit in (1, 2, 3, 50):
        # When "Ann" is searched `limit` at a time
        items, _ = all_pages(api, "/personnel", limit=limit, query={"search": "Ann"})
        # Then each of them arrives exactly once
        assert sorted(ids(items)) == sorted(wanted), limit


def test_rename_removes_the_old_words_from_the_search_index(api):
    # Given a worker found by their name and email
    person = api.person(firstName="Orla", lastName="Brennan", email="orla@old.example")
    # When they are renamed and their email changes
    patch = {"firstName": "Maeve", "lastName": "Quinn", "email": "maeve@new.example"}
    assert api.patch(f"/personnel/{person['id']}", patch).status == 200
    # Then the worker's stored search words are exactly the new ones
    from titan_training.store.items.personnel import PersonnelSearchItem

    words = {
        e.sk
        for e in PersonnelSearchItem.query(f"PERSONNEL#{person['id']}", PersonnelSearchItem.sk.startswith("SEARCH#"))
    }
    assert words == {
        f"SEARCH#{w}"
        for w in ("maeve", "quinn", "maeve quinn", person["employeeNo"].lower(), "maeve@new.example", "new.example")
    }
    # And the new words find them while the old ones do not
    for old in ("orla", "brennan", "orla b", "orla@", "old.example"):
        assert api.get("/personnel", {"search": old}).body["items"] == [], old
    for new in ("maeve", "quinn", "maeve q", "maeve@", "new.ex"):
        assert ids(api.get("/personnel", {"search": new}).body["items"]) == [person["id"]], new


def test_search_with_no_match_is_an_empty_page(api):
    # Given a worker
    api.person(firstName="Only", lastName="One")
    # When a search matches nobody
    reply = api.get("/personnel", {"search": "zzz-nobody"})
    # Then the page is empty and final
    assert reply.status == 200
    assert reply.body == {"items": [], "nextToken": None}


def test_search_pages_through_every_match_in_order(api):
    # Given five "Miller"s interleaved in name order with four others
    millers = {
        first: api.person(firstName=first, lastName="Miller")["id"] for first in ["Eve", "Ann", "Dan", "Bea", "Cy"]
    }
    for last in ["Aaron", "Mills", "Mallory", "Zane"]:
        api.person(firstName="Not", lastName=last)
    # When "MILLER" is searched two at a time
    items, pages = all_pages(api, "/personnel", limit=2, query={"search": "MILLER"})
    # Then exactly the Millers arrive, once each, by first name, over several pages
    assert len(items) == len(set(ids(items))) == 5
    assert pages >= 3
    assert ids(items) == [millers[first] for first in sorted(millers)]


def test_search_longer_than_200_characters_is_422(api):
    # When a search is too long
    reply = api.get("/personnel", {"search": "x" * 201})
    # Then the search field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"search"}


# --- Partial update ----------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(api):
    # Given a worker with an email
    person = api.person(firstName="Ada", lastName="Lovelace", email="ada@example.com")
    # When they are deactivated and renamed
    reply = api.patch(f"/personnel/{person['id']}", {"active": False, "firstName": "Augusta"})
    # Then those change and the rest stay
    assert reply.status == 200, reply.body
    assert reply.body["active"] is False
    assert reply.body["firstName"] == "Augusta"
    for field in ("id", "lastName", "email", "employeeNo", "createdAt"):
        assert reply.body[field] == person[field]
    assert reply.body["updatedAt"] >= person["updatedAt"]
    # And the stored worker is the one returned
    assert api.get(f"/personnel/{person['id']}").body == reply.body


def test_null_email_clears_it_and_search_forgets_it(api):
    # Given a worker found by email
    person = api.person(email="clear.me@example.com")
    assert ids(api.get("/personnel", {"search": "clear.me"}).body["items"]) == [person["id"]]
    # When their email is patched to null
    reply = api.patch(f"/personnel/{person['id']}", {"email": None})
    # Then it is cleared, and the old email no longer finds them
    assert reply.status == 200, reply.body
    assert reply.body["email"] is None
    assert api.get(f"/personnel/{person['id']}").body["email"] is None
    assert api.get("/personnel", {"search": "clear.me"}).body["items"] == []


def test_search_finds_a_worker_by_changed_fields(api):
    # Given a worker
    person = api.person(firstName="Old", lastName="Name")
    # When their last name changes
    assert api.patch(f"/personnel/{person['id']}", {"lastName": "Quixote"}).status == 200
    # Then the new name finds them and the old one does not
    assert ids(api.get("/personnel", {"search": "quixote"}).body["items"]) == [person["id"]]
    assert api.get("/personnel", {"search": "Name"}).body["items"] == []


def test_null_on_required_fields_is_422_naming_each(api):
    # Given a worker
    person = api.person()
    # When every non-nullable field is patched to null
    reply = api.patch(
        f"/personnel/{person['id']}", {"firstName": None, "lastName": None, "employeeNo": None, "active": None}
    )
    # Then each is named, and the worker is unchanged
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"firstName", "lastName", "employeeNo", "active"}
    assert api.get(f"/personnel/{person['id']}").body == person


def test_patch_with_invalid_email_is_422(api):
    # Given a worker
    person = api.person()
    # When their email is patched to something that is not one
    reply = api.patch(f"/personnel/{person['id']}", {"email": "nope"})
    # Then the email is named and nothing changes
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"email"}
    assert api.get(f"/personnel/{person['id']}").body == person


def test_patch_with_malformed_json_is_400(api):
    # Given a worker
    person = api.person()
    # When the patch body is not JSON
    reply = api.patch(f"/personnel/{person['id']}", "[unclosed")
    # Then it is a 400
    assert reply.status == 400, reply.body
    assert reply.body["error"] == "Bad Request"


def test_patch_unknown_worker_is_404(api):
    # When a worker who does not exist is patched
    reply = api.patch(f"/personnel/{UNKNOWN_ID}", {"active": False})
    # Then it is a 404 naming the id
    assert reply.status == 404, reply.body
    assert UNKNOWN_ID in reply.body["message"]


def test_patch_malformed_id_is_422(api):
    # When a patch addresses an id with a dash
    reply = api.patch("/personnel/c-12345678", {"active": False})
    # Then the path field is named
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"personnelId"}


def test_patch_to_a_taken_employee_number_is_409_and_changes_nothing(api):
    # Given two workers
    holder = api.person()
    other = api.person()
    # When the second takes the first's employee number
    reply = api.patch(f"/personnel/{other['id']}", {"employeeNo": holder["employeeNo"], "firstName": "Changed"})
    # Then it is a conflict and the second worker is unchanged
    assert reply.status == 409, reply.body
    assert reply.body["error"] == "Conflict"
    assert api.get(f"/personnel/{other['id']}").body == other
    # And both numbers are still held
    for employee_no in (holder["employeeNo"], other["employeeNo"]):
        clash = api.post("/personnel", {"firstName": "X", "lastName": "Y", "employeeNo": employee_no})
        assert clash.status == 409, clash.body


def test_changing_the_employee_number_frees_the_old_one(api):
    # Given a worker whose employee number then changes
    person = api.person()
    old_no = person["employeeNo"]
    new_no = f"E-{suffix()}"
    reply = api.patch(f"/personnel/{person['id']}", {"employeeNo": new_no})
    assert reply.status == 200, reply.body
    assert reply.body["employeeNo"] == new_no
    # When new workers are added with the old and the new number
    reuse_old = api.post("/personnel", {"firstName": "New", "lastName": "Hire", "employeeNo": old_no})
    reuse_new = api.post("/personnel", {"firstName": "New", "lastName": "Clash", "employeeNo": new_no})
    # Then the old number is free and the new one is taken
    assert reuse_old.status == 201, reuse_old.body
    assert reuse_new.status == 409, reuse_new.body
