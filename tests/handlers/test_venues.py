"""Venues, through the Lambda handlers over a moto table."""

from __future__ import annotations

import pytest

from tests.support import NOBODY, TRAINER, error_fields, suffix
from titan_training.domain.ids import new_id

MALFORMED_ID = "not-a-cuid"


# --- POST /venues -------------------------------------------------------------------------------------


def test_create_venue_returns_it(api):
    # Given a venue's details
    body = {"name": "Training Room A", "location": "Building 4, Level 2", "capacity": 24}
    # When an admin creates it
    reply = api.post("/venues", body)
    # Then it is created with a cuid, the fields given and UTC timestamps
    assert reply.status == 201
    venue = reply.body
    assert venue["id"].startswith("c") and len(venue["id"]) >= 9
    assert venue["name"] == "Training Room A"
    assert venue["location"] == "Building 4, Level 2"
    assert venue["capacity"] == 24
    assert venue["createdAt"] == venue["updatedAt"]
    assert venue["createdAt"].endswith("Z")


def test_created_venue_reads_back_unchanged(api):
    # Given a venue created without a location
    created = api.venue(name="Yard", capacity=5)
    # When a trainer-group caller reads it
    reply = api.get(f"/venues/{created['id']}", caller=TRAINER)
    # Then it is the same venue, with no location
    assert reply.status == 200
    assert reply.body == created
    assert reply.body["location"] is None
    assert reply.body["capacity"] == 5


def test_create_venue_strips_whitespace_from_name(api):
    # Given a name padded with spaces
    # When the venue is created
    reply = api.post("/venues", {"name": "  Hall  ", "capacity": 1})
    # Then the stored name is trimmed (and capacity 1 is the smallest allowed)
    assert reply.status == 201
    assert reply.body["name"] == "Hall"
    assert reply.body["capacity"] == 1


@pytest.mark.parametrize("capacity", [0, -1, 1.5, "abc", None, 100_001])
def test_create_venue_rejects_a_bad_capacity(api, capacity):
    # Given a venue whose capacity is not a positive integer in range
    # When an admin creates it
    reply = api.post("/venues", {"name": f"Room {suffix()}", "capacity": capacity})
    # Then it is a 422 in the standard shape naming capacity, and nothing was stored
    assert reply.status == 422
    assert reply.body["statusCode"] == 422
    assert reply.body["error"] == "Unprocessable Content"
    assert error_fields(reply) == {"capacity"}
    assert reply.body["details"][0]["location"] == "body"
    assert api.get("/venues").body["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"capacity": 10}, "name"),
        ({"name": "   ", "capacity": 10}, "name"),
        ({"name": "x" * 201, "capacity": 10}, "name"),
        ({"name": "Room"}, "capacity"),
    ],
)
def test_create_venue_rejects_bad_fields(api, body, field):
    # Given a venue body with one missing or bad field
    # When an admin posts it
    reply = api.post("/venues", body)
    # Then it is a 422 naming that field
    assert reply.status == 422
    assert error_fields(reply) == {field}


def test_create_venue_without_body_is_422(api):
    # Given no request body at all
    # When an admin posts to /venues
    reply = api.post("/venues")
    # Then it is a 422 saying the body is required
    assert reply.status == 422
    assert any("body is required" in d["message"].lower() for d in reply.body["details"])


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_create_venue_needs_admin(api, caller, status):
    # Given a caller who is not an hse-admin
    # When they create a venue
    reply = api.call("POST", "/venues", body={"name": "Room", "capacity": 10}, caller=caller)
    # Then they are refused and nothing is stored
    assert reply.status == status
    assert reply.body["statusCode"] == status
    assert api.get("/venues").body["items"] == []


# --- GET /venues/{venueId} ------------------------------------------------------------------------------


def test_get_unknown_venue_is_404(api):
    # Given a well-formed id that names no venue
    unknown = new_id()
    # When it is read
    reply = api.get(f"/venues/{unknown}")
    # Then it is a 404 naming the id
    assert reply.status == 404
    assert reply.body["error"] == "Not Found"
    assert unknown in reply.body["message"]


def test_get_venue_with_malformed_id_is_422(api):
    # Given a malformed venue id
    # When it is read
    reply = api.get(f"/venues/{MALFORMED_ID}")
    # Then it is a 422 naming venueId in the path
    assert reply.status == 422
    assert error_fields(reply) == {"venueId"}
    assert reply.body["details"][0]["location"] == "path"


def test_get_venue_needs_identity(api):
    # Given a venue
    venue = api.venue()
    # When a caller without identity reads it
    reply = api.get(f"/venues/{venue['id']}", caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["message"] == "Authentication required"


# --- PATCH /venues/{venueId} ----------------------------------------------------------------------------


def test_patch_venue_changes_only_the_fields_sent(api):
    # Given a venue with a location
    venue = api.venue(name="Old Room", location="Site 1", capacity=10)
    # When an admin patches only the capacity
    reply = api.patch(f"/venues/{venue['id']}", {"capacity": 30})
    # Then only capacity (and updatedAt) changed, and the change is stored
    assert reply.status == 200
    assert reply.body["capacity"] == 30
    assert reply.body["name"] == "Old Room"
    assert reply.body["location"] == "Site 1"
    assert reply.body["createdAt"] == venue["createdAt"]
    assert reply.body["updatedAt"] >= venue["updatedAt"]
    assert api.get(f"/venues/{venue['id']}").body == reply.body


def test_patch_venue_rename_moves_it_in_the_list(api):
    # Given two venues, "Alpha" before "Bravo"
    alpha = api.venue(name="Alpha")
    api.venue(name="Bravo")
    # When Alpha is renamed to "Charlie"
    assert api.patch(f"/venues/{alpha['id']}", {"name": "Charlie"}).status == 200
    # Then the list shows the new name in its new place, with no stale entry
    assert [v["name"] for v in api.get("/venues").body["items"]] == ["Bravo", "Charlie"]


def test_patch_venue_null_location_clears_it(api):
    # Given a venue with a location
    venue = api.venue(location="Somewhere")
    # When the location is patched to null
    reply = api.patch(f"/venues/{venue['id']}", {"location": None})
    # Then it is cleared
    assert reply.status == 200
    assert reply.body["location"] is None
    assert api.get(f"/venues/{venue['id']}").body["location"] is None


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": -1}, "capacity"),
        ({"capacity": 1.5}, "capacity"),
        ({"capacity": "abc"}, "capacity"),
        ({"capacity": None}, "capacity"),
        ({"name": None}, "name"),
        ({"name": ""}, "name"),
    ],
)
def test_patch_venue_rejects_bad_values(api, patch, field):
    # Given a venue
    venue = api.venue(capacity=12)
    # When it is patched with a bad value
    reply = api.patch(f"/venues/{venue['id']}", patch)
    # Then it is a 422 naming the field, and the venue is unchanged
    assert reply.status == 422
    assert error_fields(reply) == {field}
    assert api.get(f"/venues/{venue['id']}").body == venue


def test_patch_unknown_venue_is_404(api):
    # Given a well-formed id that names no venue
    unknown = new_id()
    # When it is patched
    reply = api.patch(f"/venues/{unknown}", {"capacity": 5})
    # Then it is a 404 and no venue came into being
    assert reply.status == 404
    assert unknown in reply.body["message"]
    assert api.get(f"/venues/{unknown}").status == 404


def test_patch_venue_malformed_id_is_422(api):
    # Given a malformed venue id
    # When it is patched
    reply = api.patch(f"/venues/{MALFORMED_ID}", {"capacity": 5})
    # Then it is a 422 naming venueId
    assert reply.status == 422
    assert "venueId" in error_fields(reply)


@pytest.mark.parametrize(("caller", "status"), [(TRAINER, 403), (NOBODY, 401)])
def test_patch_venue_needs_admin(api, caller, status):
    # Given a venue
    venue = api.venue(capacity=10)
    # When a non-admin patches it
    reply = api.call("PATCH", f"/venues/{venue['id']}", body={"capacity": 99}, caller=caller)
    # Then they are refused and the venue is unchanged
    assert reply.status == status
    assert api.get(f"/venues/{venue['id']}").body["capacity"] == 10


# --- GET /venues ----------------------------------------------------------------------------------------


def test_list_venues_sorted_by_name(api):
    # Given venues created out of name order, in mixed case
    api.venue(name="gym")
    api.venue(name="Boardroom")
    api.venue(name="Annex")
    # When a trainer-group caller lists them
    reply = api.get("/venues", caller=TRAINER)
    # Then they come by name, case-insensitively, with no further page
    assert reply.status == 200
    assert [v["name"] for v in reply.body["items"]] == ["Annex", "Boardroom", "gym"]
    assert reply.body["nextToken"] is None


def test_list_venues_pages_with_limit_and_next_token(api):
    # Given five venues
    created = {api.venue(name=f"Room {n}")["id"] for n in range(5)}
    # When they are listed two at a time, following nextToken
    seen, sizes, token = [], [], None
    for _ in range(10):
        reply = api.get("/venues", query={"limit": "2", **({"nextToken": token} if token else {})})
        assert reply.status == 200
        sizes.append(len(reply.body["items"]))
        seen.extend(v["name"] for v in reply.body["items"])
        token = reply.body["nextToken"]
        if token is None:
            break
    # Then pages hold at most two, the last one ends the list, and every venue appears once in name order
    assert token is None
    assert sizes[:3] == [2, 2, 1]
    assert seen == [f"Room {n}" for n in range(5)]
    assert len(created) == 5


def test_list_venues_empty(api):
    # Given no venues
    # When they are listed
    reply = api.get("/venues")
    # Then the page is empty and final
    assert reply.status == 200
    assert reply.body == {"items": [], "nextToken": None}


@pytest.mark.parametrize(("query", "field"), [({"limit": "0"}, "limit"), ({"nextToken": "bogus"}, "nextToken")])
def test_list_venues_rejects_bad_paging(api, query, field):
    # Given a bad limit or a token no list handed out
    # When venues are listed
    reply = api.get("/venues", query=query)
    # Then it is a 422 naming that parameter
    assert reply.status == 422
    assert error_fields(reply) == {field}


def test_list_venues_rejects_a_trainer_list_token(api):
    # Given a nextToken from the trainer list
    api.trainer()
    api.trainer()
    token = api.get("/trainers", query={"limit": "1"}).body["nextToken"]
    assert token
    # When it is used on the venue list
    reply = api.get("/venues", query={"nextToken": token})
    # Then it is a 422 naming nextToken
    assert reply.status == 422
    assert error_fields(reply) == {"nextToken"}


def test_list_venues_needs_identity(api):
    # Given no caller identity
    # When venues are listed
    reply = api.get("/venues", caller=NOBODY)
    # Then it is a 401
    assert reply.status == 401
    assert reply.body["statusCode"] == 401
