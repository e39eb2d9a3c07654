"""Inputs where the OpenAPI document and the server used to disagree (issue 9, section 3)."""

from __future__ import annotations

import pytest

from tests.support import error_fields


@pytest.mark.parametrize("venue_id", ["c1234567$x", "c12345678.9", "c_12345678", " c123456789", "c123456789 "])
def test_an_id_with_a_symbol_or_a_space_is_422_in_the_path(api, venue_id):
    # The cuid pattern (`c` and 8 to 63 letters or digits) is what the spec says and what is accepted
    reply = api.get(f"/venues/{venue_id}")
    assert reply.status == 422 and error_fields(reply) == {"venueId"}


def test_an_id_with_a_symbol_is_422_in_a_body(api):
    reply = api.post("/sessions/draft", {"courseId": "c1234567$x"})
    assert reply.status == 422 and error_fields(reply) == {"courseId"}


def test_a_whole_number_written_with_a_fraction_is_an_integer(api):
    # Given capacity 12.0 (JSON Schema's `integer` takes it)
    reply = api.post("/venues", '{"name": "Hall", "capacity": 12.0}')
    # Then it is the integer 12
    assert reply.status == 201 and reply.body["capacity"] == 12
    assert api.post("/venues", '{"name": "Hall", "capacity": 12.5}').status == 422


def test_attendance_marked_registered_is_422_as_the_enum_says(api):
    reply = api.patch(
        "/sessions/c123456789/attendance", {"entries": [{"personnelId": "c123456789", "status": "REGISTERED"}]}
    )
    assert reply.status == 422 and error_fields(reply) == {"entries.0.status"}


@pytest.mark.parametrize("body", [{}, {"name": None}, {"capacity": None}])
def test_an_empty_patch_or_null_for_a_field_that_cannot_be_cleared_is_422(api, body):
    venue = api.venue()
    assert api.patch(f"/venues/{venue['id']}", body).status == 422


def test_text_is_trimmed_and_must_keep_a_visible_character(api):
    # Given names padded with spaces and a tab (the pattern allows them around the text)
    reply = api.post("/venues", {"name": " \tHall B  ", "capacity": 5, "location": "  "})
    # Then they are trimmed, and a blank optional text is none
    assert reply.status == 201 and reply.body["name"] == "Hall B" and reply.body["location"] is None
    # And a control character inside, or nothing visible, is refused
    assert api.post("/venues", {"name": "Hall\x07B", "capacity": 5}).status == 422
    assert api.post("/venues", {"name": " \u3000 ", "capacity": 5}).status == 422
