"""The smart attendee picker through its Lambda handlers over a moto table, with its precomputed cache.

GET /sessions/{sessionId}/attendee-suggestions ranks red, pending, expiring soon, then everyone else;
the scheduled refresh (run in-process by refresh_once) precomputes each course's ranking, and the
endpoint serves it only while it is fresh. The site timezone is UTC in tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from local.events import claims_for
from local.refresh_suggestions import refresh_once
from tests.support import NOBODY, TRAINER, ApiClient, Reply, error_fields
from titan_training.api import runtime
from titan_training.domain.clock import utc_now
from titan_training.domain.ids import new_id
from titan_training.services.suggestions import refresh_rankings
from titan_training.store.suggestions import PickerRevisions

MALFORMED_ID = "not-a-cuid"
ITEM_FIELDS = {"personnelId", "firstName", "lastName", "complianceStatus", "expiryDate", "group"}


def utc_today() -> date:
    """The site's today: SITE_TIMEZONE is UTC in the tests."""
    return datetime.now(UTC).date()


def day(offset: int) -> str:
    return (utc_today() + timedelta(days=offset)).isoformat()


def comply(api: ApiClient, person: dict[str, Any], course: dict[str, Any], status: str, expiry: str | None = None):
    reply = api.put(f"/personnel/{person['id']}/compliance/{course['id']}", {"status": status, "expiryDate": expiry})
    assert reply.status == 200, reply.body
    return reply.body


def new_draft(api: ApiClient, course: dict[str, Any]) -> str:
    reply = api.post("/sessions/draft", {"courseId": course["id"]})
    assert reply.status == 201, reply.body
    return reply.body["id"]


def enrol(api: ApiClient, session_id: str, *people: dict[str, Any]) -> None:
    reply = api.post(f"/sessions/{session_id}/attendees", {"personnelIds": [p["id"] for p in people]})
    assert reply.status == 200, reply.body
    assert reply.body["added"] and len(reply.body["added"]) == len(people), reply.body


def suggest(api: ApiClient, session_id: str, caller: Any = None, **query: str) -> Reply:
    kwargs = {} if caller is None else {"caller": caller}
    return api.get(f"/sessions/{session_id}/attendee-suggestions", query=query or None, **kwargs)


def suggested(api: ApiClient, session_id: str, source: str, **query: str) -> list[dict[str, Any]]:
    """The items, asserting the reply is a 200 from the expected source."""
    reply = suggest(api, session_id, **query)
    assert reply.status == 200, reply.body
    assert reply.body["source"] == source, reply.body
    return reply.body["items"]


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["personnelId"] for item in items]


def refreshed() -> dict[str, int]:
    """Run the scheduled refresh once, as EventBridge would."""
    summary = refresh_once()
    assert summary["courses"] == summary["refreshed"] + summary["fresh"], summary
    return summary


class World:
    """One course with a person in every group, a draft session of it, and one person without an item."""

    def __init__(self, api: ApiClient) -> None:
        self.course = api.course()
        person = api.person
        # group 1: recorded red, and a COMPLIANT item that lapsed yesterday
        self.red_baker = person(firstName="Dora", lastName="Baker")
        self.lapsed_carter = person(firstName="Cyril", lastName="Carter")
        # group 2: pending
        self.pending_allen = person(firstName="Alma", lastName="Allen")
        self.pending_brown = person(firstName="Bert", lastName="Brown")
        # group 3: expiring within 60 days, soonest first whatever the name
        self.today_young = person(firstName="Yan", lastName="Young")
        self.soon_zimmer = person(firstName="Zoe", lastName="Zimmer")
        self.edge_abbott = person(firstName="Ann", lastName="Abbott")
        # group 4: compliant beyond the window (by name), and one with no expiry
        self.later_adams = person(firstName="Ann", lastName="Adams")
        self.open_ended_evans = person(firstName="Eve", lastName="Evans")
        # no item for the course: found only by search
        self.noitem_quinn = person(
            firstName="Quentin", lastName="Quinn", email="Q.Quinn@Example.org", employeeNo="EMP-QX-4471"
        )
        for who, status, expiry in [
            (self.red_baker, "NON_COMPLIANT", None),
            (self.lapsed_carter, "COMPLIANT", day(-1)),
            (self.pending_allen, "PENDING", None),
            (self.pending_brown, "PENDING", day(10)),
            (self.today_young, "COMPLIANT", day(0)),
            (self.soon_zimmer, "COMPLIANT", day(3)),
            (self.edge_abbott, "COMPLIANT", day(60)),
            (self.later_adams, "COMPLIANT", day(61)),
            (self.open_ended_evans, "COMPLIANT", None),
        ]:
            comply(api, who, self.course, status, expiry)
        self.session = new_draft(api, self.course)

    @property
    def ranked(self) -> list[dict[str, Any]]:
        """Everyone with an item, in the order the picker must list them."""
        return [
            self.red_baker,
            self.lapsed_carter,
            self.pending_allen,
            self.pending_brown,
            self.today_young,
            self.soon_zimmer,
            self.edge_abbott,
            self.later_adams,
            self.open_ended_evans,
        ]

    @property
    def ranked_ids(self) -> list[str]:
        return [p["id"] for p in self.ranked]


@pytest.fixture
def world(api: ApiClient) -> World:
    return World(api)


# --- Ranking ----------------------------------------------------------------------------------------------------


def test_live_ranking_lists_red_pending_expiring_then_the_rest(api, world):
    # Given a course with people in every group and one without an item, and no refresh yet
    # When the picker is asked for the session
    reply = suggest(api, world.session)
    # Then it is computed live, in group order, and the person without an item is not listed
    assert reply.status == 200, reply.body
    assert reply.body["source"] == "live"
    items = reply.body["items"]
    assert ids(items) == world.ranked_ids
    assert [item["group"] for item in items] == [1, 1, 2, 2, 3, 3, 3, 4, 4]
    # And each item carries the contract's fields, with the effective status (the lapsed pass is red)
    assert all(item.keys() >= ITEM_FIELDS for item in items)
    by_id = {item["personnelId"]: item for item in items}
    assert by_id[world.lapsed_carter["id"]]["complianceStatus"] == "NON_COMPLIANT"
    assert by_id[world.lapsed_carter["id"]]["expiryDate"] == day(-1)
    assert by_id[world.edge_abbott["id"]] == {
        **by_id[world.edge_abbott["id"]],
        "firstName": "Ann",
        "lastName": "Abbott",
        "complianceStatus": "COMPLIANT",
        "expiryDate": day(60),
        "group": 3,
    }
    assert by_id[world.later_adams["id"]]["group"] == 4
    assert by_id[world.open_ended_evans["id"]]["expiryDate"] is None
    assert by_id[world.pending_brown["id"]]["complianceStatus"] == "PENDING"
    # And computedAt is an instant in UTC
    assert reply.body["computedAt"].endswith("Z")


def test_cache_and_live_return_identical_items_for_the_same_state(api, world):
    # Given the live answers, for no search and for searches, before any refresh
    queries = [{}, {"search": "an"}, {"search": "quinn"}, {"limit": "3"}, {"search": "e", "limit": "4"}]
    live = [suggested(api, world.session, "live", **q) for q in queries]
    # When the scheduled refresh precomputes the course's ranking
    summary = refreshed()
    assert summary["refreshed"] == 1 and summary["fresh"] == 0
    # Then the same questions are answered from the cache, with identical items
    cached = [suggested(api, world.session, "cache", **q) for q in queries]
    assert cached == live
    assert ids(cached[0]) == world.ranked_ids


def test_cache_reports_when_it_was_computed(api, world):
    # Given a refresh at a known moment
    before = utc_now()
    refreshed()
    after = utc_now()
    # When the picker is asked twice
    first, second = suggest(api, world.session), suggest(api, world.session)
    # Then both come from the cache with the refresh's time, not the time of asking
    assert first.body["source"] == second.body["source"] == "cache"
    assert first.body["computedAt"] == second.body["computedAt"]
    computed = datetime.fromisoformat(first.body["computedAt"].replace("Z", "+00:00"))
    assert before.replace(microsecond=0) <= computed <= after


# --- Exclusions and search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("refresh", [False, True], ids=["live", "cache"])
def test_attendees_and_inactive_people_are_left_out(api, world, refresh):
    # Given two people on this session's list, and an inactive red person
    enrol(api, world.session, world.red_baker, world.soon_zimmer)
    inactive = api.person(firstName="Ina", lastName="Aardvark", active=False)
    comply(api, inactive, world.course, "NON_COMPLIANT")
    other_session = new_draft(api, world.course)
    if refresh:
        refreshed()
    source = "cache" if refresh else "live"
    # When the picker is asked for the session
    items = suggested(api, world.session, source)
    # Then the attendees and the inactive person are not suggested; the rest keep their order
    expected = [pid for pid in world.ranked_ids if pid not in {world.red_baker["id"], world.soon_zimmer["id"]}]
    assert ids(items) == expected
    # And searching for them by name does not bring them back
    assert suggested(api, world.session, source, search="baker") == []
    assert suggested(api, world.session, source, search="aardvark") == []
    # And another session of the same course still suggests the attendees (but not the inactive person)
    assert ids(suggested(api, other_session, source)) == world.ranked_ids


@pytest.mark.parametrize("refresh", [False, True], ids=["live", "cache"])
@pytest.mark.parametrize(
    "search",
    ["quinn", "QUENTIN", "quentin quinn", "q.quinn@example.ORG", "example.org", "emp-qx-4471", "Qx-44"],
)
def test_search_finds_an_active_person_without_an_item(api, world, search, refresh):
    # Given someone active with no compliance item for the course
    if refresh:
        refreshed()
    # When the admin searches by name, email or employee number, in any case
    items = suggested(api, world.session, "cache" if refresh else "live", search=search)
    # Then they come back, as group 4 with no status and no expiry
    assert items == [
        {
            **items[0],
            "personnelId": world.noitem_quinn["id"],
            "firstName": "Quentin",
            "lastName": "Quinn",
            "complianceStatus": None,
            "expiryDate": None,
            "group": 4,
        }
    ]


def test_search_keeps_rank_order_and_mixes_in_people_without_an_item(api, world):
    # Given a search matching people with items and the one without ("nn": Ann Abbott, Ann Adams, Quinn)
    # When the admin searches in upper case
    items = suggested(api, world.session, "live", search="NN")
    # Then the matches come back in rank order, Quinn by name among group 4
    assert ids(items) == [world.edge_abbott["id"], world.later_adams["id"], world.noitem_quinn["id"]]
    assert [item["group"] for item in items] == [3, 4, 4]


def test_limit_takes_the_first_of_the_ranking(api, world):
    # Given the full ranking of nine
    # When asked for 1, 4, and the maximum 500
    # Then the first 1, the first 4, and all nine come back
    assert ids(suggested(api, world.session, "live", limit="1")) == world.ranked_ids[:1]
    assert ids(suggested(api, world.session, "live", limit="4")) == world.ranked_ids[:4]
    assert ids(suggested(api, world.session, "live", limit="500")) == world.ranked_ids
    # And the default is 50, which holds all nine
    assert ids(suggested(api, world.session, "live")) == world.ranked_ids


def test_limit_applies_after_attendees_are_removed_from_the_cache(api, world):
    # Given a refreshed cache, then the top two people join the session (no change the cache depends on)
    refreshed()
    enrol(api, world.session, world.red_baker, world.lapsed_carter)
    # When three are asked for
    items = suggested(api, world.session, "cache", limit="3")
    # Then they are the next three of the ranking
    assert ids(items) == world.ranked_ids[2:5]


# --- Cache freshness --------------------------------------------------------------------------------------------


def test_source_is_live_before_any_refresh_and_cache_after(api, world):
    # Given no refresh has run
    assert suggest(api, world.session).body["source"] == "live"
    # When the scheduled refresh runs
    summary = refreshed()
    # Then it precomputed the one course, and the picker now reads the cache
    assert summary == {"courses": 1, "refreshed": 1, "fresh": 0}
    assert suggest(api, world.session).body["source"] == "cache"


def test_a_second_refresh_with_nothing_changed_refreshes_nothing(api, world):
    # Given a second course, and a refresh of both
    api.course()
    assert refreshed() == {"courses": 2, "refreshed": 2, "fresh": 0}
    # When the refresh runs again with nothing changed
    summary = refreshed()
    # Then both rankings are fresh and none is recomputed, and the cache is still served
    assert summary == {"courses": 2, "refreshed": 0, "fresh": 2}
    assert ids(suggested(api, world.session, "cache")) == world.ranked_ids


def test_a_compliance_change_for_the_course_makes_its_cache_stale(api, world):
    # Given a fresh cache
    refreshed()
    assert ids(suggested(api, world.session, "cache")) == world.ranked_ids
    # When Evans (group 4) is recorded NON_COMPLIANT for this course
    comply(api, world.open_ended_evans, world.course, "NON_COMPLIANT")
    # Then the stale cache is not served: the picker computes live and Evans is red, after Carter
    items = suggested(api, world.session, "live")
    assert ids(items)[:3] == [world.red_baker["id"], world.lapsed_carter["id"], world.open_ended_evans["id"]]
    assert items[2]["complianceStatus"] == "NON_COMPLIANT" and items[2]["group"] == 1
    # And the next refresh recomputes only this course, after which the cache says the same
    assert refreshed()["refreshed"] == 1
    assert suggested(api, world.session, "cache") == items


def test_a_first_item_for_someone_makes_the_cache_stale(api, world):
    # Given a fresh cache in which Quinn has no item
    refreshed()
    assert world.noitem_quinn["id"] not in ids(suggested(api, world.session, "cache"))
    # When Quinn is recorded PENDING for the course
    comply(api, world.noitem_quinn, world.course, "PENDING")
    # Then the picker computes live and lists Quinn among the pending, by name
    items = suggested(api, world.session, "live")
    assert ids(items)[2:5] == [world.pending_allen["id"], world.pending_brown["id"], world.noitem_quinn["id"]]


def test_a_compliance_change_for_another_course_keeps_this_cache_fresh(api, world):
    # Given another course with an item, and a refresh of both
    other = api.course()
    comply(api, world.later_adams, other, "PENDING")
    refreshed()
    # When Adams's item for the other course changes
    comply(api, world.later_adams, other, "NON_COMPLIANT")
    # Then this course's cache is still served, unchanged
    assert ids(suggested(api, world.session, "cache")) == world.ranked_ids
    # And the refresh recomputes only the other course
    assert refreshed() == {"courses": 2, "refreshed": 1, "fresh": 1}


def test_deactivating_someone_makes_the_cache_stale_and_they_disappear(api, world):
    # Given a fresh cache listing Zimmer
    refreshed()
    assert world.soon_zimmer["id"] in ids(suggested(api, world.session, "cache"))
    # When Zimmer is deactivated
    reply = api.patch(f"/personnel/{world.soon_zimmer['id']}", {"active": False})
    assert reply.status == 200, reply.body
    # Then the cache is not served: the live answer leaves Zimmer out, even when searched for
    expected = [pid for pid in world.ranked_ids if pid != world.soon_zimmer["id"]]
    assert ids(suggested(api, world.session, "live")) == expected
    assert suggested(api, world.session, "live", search="zimmer") == []
    # And after the next refresh the cache leaves Zimmer out too
    assert refreshed()["refreshed"] == 1
    assert ids(suggested(api, world.session, "cache")) == expected


def test_renaming_someone_makes_the_cache_stale_and_reorders_them(api, world):
    # Given a fresh cache with Allen first of the pending
    refreshed()
    # When Allen is renamed Zulu
    assert api.patch(f"/personnel/{world.pending_allen['id']}", {"lastName": "Zulu"}).status == 200
    # Then the live answer shows the new name, ordered after Brown
    items = suggested(api, world.session, "live")
    assert ids(items)[2:4] == [world.pending_brown["id"], world.pending_allen["id"]]
    assert items[3]["lastName"] == "Zulu"
    # And it is found by the new name, not the old
    assert ids(suggested(api, world.session, "live", search="zulu")) == [world.pending_allen["id"]]
    assert suggested(api, world.session, "live", search="allen") == []


def test_a_new_person_makes_the_cache_stale_and_can_be_found(api, world):
    # Given a fresh cache
    refreshed()
    # When a new person joins the directory
    newcomer = api.person(firstName="Nia", lastName="Newman")
    # Then the cache is not served, and a search finds the newcomer live
    assert ids(suggested(api, world.session, "live", search="newman")) == [newcomer["id"]]


def test_a_ranking_computed_for_another_day_is_not_served(api, world):
    # Given a ranking computed yesterday with today's revisions (as the refresh does)
    yesterday = utc_today() - timedelta(days=1)
    summary = refresh_rankings(runtime.store(), yesterday, 60, utc_now())
    assert summary["refreshed"] == 1
    # When the picker is asked today
    items = suggested(api, world.session, "live")
    # Then the picker computes live for today (Carter, lapsed yesterday, is red)
    assert ids(items) == world.ranked_ids
    # And the scheduled refresh recomputes it for today, after which the cache is served
    assert refreshed()["refreshed"] == 1
    assert suggested(api, world.session, "cache") == items


def test_expiry_warning_days_is_respected_live_and_by_the_refresh(api, monkeypatch):
    # Given a 30-day warning window, read before anything touched the store (TABLE_NAME stays bound:
    # the moto fixture set it through the same monkeypatch, and runtime.reset() re-reads the environment)
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "30")
    runtime.reset()
    assert runtime.settings().expiry_warning_days == 30
    assert runtime.settings().table_name.startswith("training-")
    # And the usual course, people and session
    world = World(api)
    at_30, at_31 = api.person(lastName="Thirty"), api.person(lastName="Thirtyone")
    comply(api, at_30, world.course, "COMPLIANT", day(30))
    comply(api, at_31, world.course, "COMPLIANT", day(31))
    # When the picker is asked
    items = suggested(api, world.session, "live")
    groups = {item["personnelId"]: item["group"] for item in items}
    # Then +30 days warns, +31 and Abbott's +60 do not
    assert groups[at_30["id"]] == 3
    assert groups[at_31["id"]] == 4
    assert groups[world.edge_abbott["id"]] == 4
    assert [item["group"] for item in items if item["group"] == 3] == [3, 3, 3]
    # And the refresh ranks by the same window, so the cache says the same
    refreshed()
    assert suggested(api, world.session, "cache") == items


def test_a_ranking_computed_with_another_warning_window_is_not_served(api, world, monkeypatch):
    # Given a ranking precomputed under the default 60-day window (Abbott at +60 is expiring)
    refreshed()
    assert suggested(api, world.session, "cache")[6]["group"] == 3
    # When the warning window becomes 30 days (only the settings are re-read: the store is already bound,
    # and runtime.reset() would bind the same table again, which pynamodb refuses)
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "30")
    runtime.settings.cache_clear()
    assert runtime.settings().expiry_warning_days == 30
    # Then the picker does not serve the 60-day ranking: Abbott is no longer expiring
    reply = suggest(api, world.session)
    groups = {item["personnelId"]: item["group"] for item in reply.body["items"]}
    assert groups[world.edge_abbott["id"]] == 4, reply.body["source"]
    # And the refresh does not keep the 60-day ranking as fresh either
    assert refreshed()["refreshed"] == 1


def test_a_refused_older_ranking_leaves_the_newer_cache_whole(api, world):
    # Given a refresh, so the cache holds the course's current compliance revision (one per item written)
    refreshed()
    expected = suggested(api, world.session, "cache")
    revisions = runtime.store().suggestions.picker_revisions(world.course["id"])
    assert revisions.compliance_revision >= 1
    # When a slower refresh that read the course before that change finishes writing its ranking
    # (the store refuses to move the head back to older revisions)
    older = PickerRevisions(True, revisions.compliance_revision - 1, revisions.directory_revision)
    runtime.store().suggestions.write_ranking(world.course["id"], [], older, utc_today(), 60, utc_now())
    # Then the newer cache is still served, whole
    assert suggest(api, world.session).body["source"] == "cache"
    assert suggested(api, world.session, "cache") == expected


# --- Errors and access ------------------------------------------------------------------------------------------


def test_unknown_session_is_404(api):
    # Given a well-formed id of no session
    missing = new_id()
    # When the picker is asked for it
    reply = suggest(api, missing)
    # Then it is a 404 naming the session
    assert reply.status == 404
    assert reply.body["error"] == "Not Found"
    assert reply.body["message"] == f"Session {missing} not found"


def test_deleted_session_is_404(api, world):
    # Given a deleted draft
    assert api.delete(f"/sessions/{world.session}").status in (200, 204)
    # When the picker is asked for it
    reply = suggest(api, world.session)
    # Then it is a 404
    assert reply.status == 404


def test_malformed_session_id_is_422(api):
    # Given an id that is not a cuid / When the picker is asked for it / Then 422 naming sessionId
    reply = suggest(api, MALFORMED_ID)
    assert reply.status == 422
    assert "sessionId" in error_fields(reply)


@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_limit_outside_1_to_500_is_422(api, world, limit):
    # Given a limit outside 1..500 / When the picker is asked / Then 422 naming limit
    reply = suggest(api, world.session, limit=limit)
    assert reply.status == 422
    assert error_fields(reply) == {"limit"}


def test_an_overlong_search_is_422(api, world):
    # Given a search of 201 characters / When the picker is asked / Then 422 naming search
    reply = suggest(api, world.session, search="x" * 201)
    assert reply.status == 422
    assert error_fields(reply) == {"search"}


def test_the_picker_is_for_planners_only(api, world):
    # Given a trainer-group caller
    # When they ask the picker (it ranks the whole directory, with compliance)
    reply = suggest(api, world.session, caller=TRAINER)
    # Then it is a 403: inviting is hse-admin's
    assert reply.status == 403, reply.body
    assert reply.body["error"] == "Forbidden"


def test_no_identity_is_401(api, world):
    # Given no identity / When the picker is asked / Then 401
    reply = api.get(f"/sessions/{world.session}/attendee-suggestions", caller=NOBODY)
    assert reply.status == 401
    assert reply.body["statusCode"] == 401


def test_a_caller_in_no_group_of_the_module_is_403(api, world):
    # Given a signed-in caller in no known group / When they ask the picker / Then 403
    reply = suggest(api, world.session, caller=claims_for("stranger", "contractor"))
    assert reply.status == 403
    assert reply.body["error"] == "Forbidden"
