"""The picker's precomputed ranking over DynamoDB Local, at a size spanning several chunks.

The chunks are made small (CHUNK_ROWS = 40) so a few hundred people fill several of them in each
stream. Requests are counted with a botocore `before-send` hook on the shared client, as
bench/run.py counts them: counts are deterministic, times are not asserted.
"""

from __future__ import annotations

import random
import string
from datetime import timedelta
from typing import Any

import pytest

from local.refresh_suggestions import refresh_once
from local.request_count import counting_dynamodb_requests
from tests.support import ApiClient
from titan_training.api import runtime
from titan_training.domain.clock import utc_now
from titan_training.domain.ids import new_id
from titan_training.domain.personnel import Personnel
from titan_training.store import suggestions as suggestion_store
from titan_training.store.items.personnel import ComplianceItemRow, PersonnelItem
from titan_training.store.items.suggestions import SuggestionChunkItem
from titan_training.store.personnel import personnel_item
from titan_training.store.revisions import bump_compliance_revision, bump_directory_revision

pytestmark = pytest.mark.dynamodb_local

WITH_ITEM, WITHOUT, INACTIVE = 230, 70, 6  # active people with an item, active without, inactive with one


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices("aeioulmnrst", k=rng.randint(3, 7)))


class Site:
    """A course, WITH_ITEM + WITHOUT active people and a few inactive ones, and a draft with a class list."""

    def __init__(self, api: ApiClient) -> None:
        rng = random.Random(11)
        now = utc_now()
        today = runtime.today()
        self.api = api
        self.course = api.course()
        people = [
            Personnel(
                id=new_id(),
                first_name=_name(rng),
                last_name=_name(rng),
                email=f"w{n}@site{n % 7}.example" if n % 5 else None,
                employee_no=f"E-{n:05d}",
                active=n < WITH_ITEM + WITHOUT,
                created_at=now,
                updated_at=now,
            )
            for n in range(WITH_ITEM + WITHOUT + INACTIVE)
        ]
        with PersonnelItem.batch_write() as batch:
            for person in people:
                batch.save(personnel_item(person))
        bump_directory_revision()
        with ComplianceItemRow.batch_write() as batch:
            for n, person in enumerate(people):
                if WITH_ITEM <= n < WITH_ITEM + WITHOUT:
                    continue  # no item for the course: found only by a search
                status = rng.choice(["NON_COMPLIANT", "PENDING", "COMPLIANT", "COMPLIANT"])
                expiry = today + timedelta(days=rng.randint(-30, 200)) if status == "COMPLIANT" else None
                batch.save(
                    ComplianceItemRow(
                        *ComplianceItemRow.key(person.id, self.course["id"]),
                        course_pk=ComplianceItemRow.course_key(person.id, self.course["id"])[0],
                        course_sk=ComplianceItemRow.course_key(person.id, self.course["id"])[1],
                        personnel_id=person.id,
                        course_id=self.course["id"],
                        status=status,
                        expiry_date=expiry.isoformat() if expiry else None,
                        updated_at=now,
                    )
                )
        bump_compliance_revision(self.course["id"], now)
        self.people = people
        self.session = api.post("/sessions/draft", {"courseId": self.course["id"]}).body["id"]
        top = self.suggest(limit="5")["items"]  # live: the class list takes three of the top five
        self.listed = [top[0]["personnelId"], top[2]["personnelId"], top[4]["personnelId"]]
        reply = api.post(f"/sessions/{self.session}/attendees", {"personnelIds": self.listed})
        assert reply.status == 200, reply.body

    def suggest(self, **query: str) -> dict[str, Any]:
        reply = self.api.get(f"/sessions/{self.session}/attendee-suggestions", query=query)
        assert reply.status == 200, reply.body
        return reply.body

    def workers(self, **query: str) -> list[dict[str, Any]]:
        """Every page of GET /courses/{id}/workers, following nextToken to the end."""
        items, token = [], None
        while True:
            reply = self.api.get(
                f"/courses/{self.course['id']}/workers", query={**query, **({"nextToken": token} if token else {})}
            )
            assert reply.status == 200, reply.body
            items += reply.body["items"]
            token = reply.body.get("nextToken")
            if not token:
                return items


QUERIES = [
    {},
    {"limit": "1"},
    {"limit": "500"},
    {"search": "a"},
    {"search": "E-0023"},
    {"search": "site3.example"},
    {"search": "E-0025", "limit": "500"},  # E-00250..E-00269: people without an item
    {"search": "  W1@SITE1  "},
    {"search": "zzzz"},
]


@pytest.fixture
def site(local_api: ApiClient, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setattr(suggestion_store, "CHUNK_ROWS", 40)
    return Site(local_api)


def answers(site: Site) -> list[dict[str, Any]]:
    return [site.suggest(**query) for query in QUERIES]


def test_the_cache_answers_exactly_as_the_live_ranking(site):
    # Given every question answered live, before any refresh
    live = answers(site)
    assert {answer["source"] for answer in live} == {"live"}
    # When the refresh stores the ranking (several chunks in each stream)
    assert refresh_once()["refreshed"] == 1
    head = runtime.store().suggestions.picker_state(site.course["id"]).head
    assert head is not None and len(head.ranked_groups) == 6 and len(head.others_rows) == 2
    # Then the cache gives the same items for each, leaving out the class list
    cached = answers(site)
    assert {answer["source"] for answer in cached} == {"cache"}
    assert [answer["items"] for answer in cached] == [answer["items"] for answer in live]
    assert not {item["personnelId"] for item in cached[2]["items"]} & set(site.listed)
    # And the questions were not trivial: a full page, people without an item found, some with none
    assert len(cached[2]["items"]) == WITH_ITEM - len(site.listed)
    assert {item["complianceStatus"] for item in cached[6]["items"]} == {None}
    assert cached[8]["items"] == []


def test_a_first_page_and_a_search_from_the_cache_take_three_requests(site):
    # Given a stored ranking of several chunks, none of them in this process's memory
    refresh_once()
    store = runtime.store()
    store.suggestions.forget_chunks()
    # When the first page is asked for (the session, the revisions with the head, the first chunks)
    with counting_dynamodb_requests() as first_page:
        assert site.suggest()["source"] == "cache"
    # And a search (the session, the revisions with the head, every chunk in one BatchGetItem)
    with counting_dynamodb_requests() as search:
        assert site.suggest(search="site2")["source"] == "cache"
    # Then each took three requests
    assert (first_page.count, search.count) == (3, 3)
    # And asked again, the chunks already read come from memory: two requests
    with counting_dynamodb_requests() as again:
        assert site.suggest(search="e-001")["source"] == "cache"
        assert site.suggest()["source"] == "cache"
    assert again.count == 4


@pytest.mark.parametrize("group", [None, "1", "4"])
def test_a_courses_workers_page_to_the_end_from_the_cache_as_live(site, group):
    # Given the workers listed live, page by page (13 a page: pages straddle the 40-row chunks)
    query = {"limit": "13", **({"group": group} if group else {})}
    live = site.workers(**query)
    # When the ranking is stored, and they are listed again
    refresh_once()
    with counting_dynamodb_requests() as requests:
        cached = site.workers(**query)
    # Then the same people in the same order, none twice, none missing
    assert cached == live
    ids = [item["personnelId"] for item in cached]
    assert len(ids) == len(set(ids))
    if group is None:
        assert len(ids) == WITH_ITEM  # everyone active with an item: the class list does not matter here
    else:
        assert {item["group"] for item in cached} == {int(group)}
    # And each page read at most its revisions and its chunks (two requests, one when in memory)
    pages = -(-len(ids) // 13) or 1
    assert requests.count <= 2 * pages


def test_a_second_refresh_with_nothing_changed_writes_nothing(site):
    # Given a stored ranking
    assert refresh_once() == {"courses": 1, "refreshed": 1, "fresh": 0}
    generation = runtime.store().suggestions.picker_state(site.course["id"]).head.generation
    # When the refresh runs again
    with counting_dynamodb_requests() as requests:
        summary = refresh_once()
    # Then nothing is recomputed: the course list, and one batch read of every course's revisions and head
    assert summary == {"courses": 1, "refreshed": 0, "fresh": 1}
    assert requests.count == 2
    assert runtime.store().suggestions.picker_state(site.course["id"]).head.generation == generation


def test_a_missing_chunk_falls_back_to_the_live_ranking(site):
    # Given a stored ranking, and the answers it gives
    refresh_once()
    cached = answers(site)
    head = runtime.store().suggestions.picker_state(site.course["id"]).head
    # When one of its chunks is gone (as when a newer generation replaces it under a reader)
    SuggestionChunkItem(*SuggestionChunkItem.key(site.course["id"], head.generation, "O", 1)).delete()
    runtime.store().suggestions.forget_chunks()
    # Then a search needing it is answered live, the same; the first page still comes from the cache
    searched = site.suggest(search="a")
    assert searched["source"] == "live"
    assert searched["items"] == cached[3]["items"]
    assert site.suggest()["source"] == "cache"


def test_a_stale_or_old_layout_ranking_is_not_served(site):
    # Given a stored ranking
    refresh_once()
    assert site.suggest()["source"] == "cache"
    # When the course's compliance moves on
    bump_compliance_revision(site.course["id"], utc_now())
    # Then the picker ranks live
    assert site.suggest()["source"] == "live"
    # And a head of the old layout (no per-chunk counts) is stale too, until the refresh rewrites it
    refresh_once()
    head = suggestion_store.SuggestionCacheItem.get(*suggestion_store.SuggestionCacheItem.key(site.course["id"]))
    head.update(actions=[suggestion_store.SuggestionCacheItem.ranked_groups.remove()])
    assert site.suggest()["source"] == "live"
    assert refresh_once()["refreshed"] == 1
    assert site.suggest()["source"] == "cache"


def test_the_dashboard_counts_from_a_fresh_ranking_and_ranks_a_stale_course_live(site):
    # Given the dashboard answered live, before any refresh, and a second course with no items
    other = site.api.course(name="Zz Second course")
    live = site.api.get("/compliance/summary").body
    # When the refresh has stored both rankings (several chunks each)
    assert refresh_once()["refreshed"] == 2
    with counting_dynamodb_requests() as requests:
        cached = site.api.get("/compliance/summary").body
    # Then the counts are the same, read in two requests: the course list and one batch of revisions and heads
    assert cached == live
    assert requests.count == 2
    row = next(item for item in cached["items"] if item["courseId"] == site.course["id"])
    assert row["total"] == WITH_ITEM and row["red"] > 0 and row["green"] > 0
    # And when a red worker's item becomes PENDING, that course is counted live again, with the change
    red = next(w for w in site.workers(group="1") if w["personnelId"] not in site.listed)
    reply = site.api.put(f"/personnel/{red['personnelId']}/compliance/{site.course['id']}", {"status": "PENDING"})
    assert reply.status == 200, reply.body
    after = site.api.get("/compliance/summary").body
    changed = next(item for item in after["items"] if item["courseId"] == site.course["id"])
    assert changed == {**row, "red": row["red"] - 1, "yellow": row["yellow"] + 1}
    assert next(item for item in after["items"] if item["courseId"] == other["id"])["total"] == 0
