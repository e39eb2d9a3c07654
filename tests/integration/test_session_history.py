"""The audit trail against DynamoDB Local: an entry is written exactly when its change commits.

Each entry is one more item of the change's own transaction, so a transaction that fails (a
condition, a race lost) leaves no entry, and a change that commits always has one.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from local.request_count import counting_dynamodb_requests
from tests.support import TRAINER, error_fields
from titan_training.api import runtime
from titan_training.domain.callers import Caller
from titan_training.domain.clock import utc_now
from titan_training.domain.errors import ConcurrentChange, Conflict
from titan_training.domain.history import HistoryAction, entry

pytestmark = pytest.mark.dynamodb_local

ADMIN = Caller("admin-user", frozenset({"hse-admin"}))
RACERS = 10
UNKNOWN_ID = "cunknown0000000000000000"


def _history(api, session_id, **query):
    items, token = [], None
    while True:
        reply = api.get(f"/sessions/{session_id}/history", {**query, **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        items += reply.body["items"]
        token = reply.body["nextToken"]
        if token is None:
            return items


def _actions(api, session_id):
    return [item["action"] for item in _history(api, session_id)]


def test_racing_schedules_of_one_trainer_record_only_the_booking_that_won(local_api):
    # Given a qualified trainer and ten drafts of the course
    course, trainer, venue = local_api.course(), local_api.trainer(), local_api.venue()
    assert local_api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    drafts = [local_api.post("/sessions/draft", {"courseId": course["id"]}).body["id"] for _ in range(RACERS)]
    start = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)

    def schedule(n):
        plan = {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": (start + timedelta(minutes=n)).isoformat(),
            "endTime": (start + timedelta(minutes=n + 120)).isoformat(),
        }
        return local_api.patch(f"/sessions/{drafts[n]}/schedule", plan)

    # When they are all scheduled into overlapping slots of that trainer at once
    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        replies = list(pool.map(schedule, range(RACERS)))
    # Then one booking won and the others were refused (409)
    won = [drafts[n] for n, reply in enumerate(replies) if reply.status == 200]
    assert len(won) == 1 and sorted(r.status for r in replies) == [200] + [409] * (RACERS - 1)
    # And only the winner's history says it was scheduled: the refused ones say only that they were created
    for draft in drafts:
        assert _actions(local_api, draft) == (["SCHEDULED", "CREATED"] if draft in won else ["CREATED"])


def test_a_transaction_whose_condition_fails_writes_no_entry(local_api):
    # Given a draft, read by two editors
    store = runtime.store()
    session_id = local_api.post("/sessions/draft", {"courseId": local_api.course()["id"]}).body["id"]
    stale = store.sessions.read_session(session_id)
    # When the first edit commits
    venue = local_api.venue()
    assert local_api.patch(f"/sessions/{session_id}", {"venueId": venue["id"]}).status == 200
    # And the second is written under the revision it read (now stale)
    now = utc_now()
    after = stale.session.model_copy(update={"deleted_at": now, "updated_at": now})
    deleted = entry(session_id, ADMIN, now, HistoryAction.DELETED)
    with pytest.raises(ConcurrentChange):
        store.sessions.update_session(stale, after, deleted)
    # Then only the committed edit is in the history, and the session is not deleted
    assert _actions(local_api, session_id) == ["EDITED", "CREATED"]
    assert local_api.get(f"/sessions/{session_id}").status == 200


def test_people_added_to_a_session_cancelled_meanwhile_leave_no_entry(local_api):
    # Given a draft and a worker, and the draft cancelled after it was read
    store = runtime.store()
    course_id = local_api.course()["id"]
    session_id = local_api.post("/sessions/draft", {"courseId": course_id}).body["id"]
    person = store.personnel.get_personnel(local_api.person()["id"])
    assert local_api.post(f"/sessions/{session_id}/cancel").status == 200
    # When the add's transaction runs (its check that the session is open fails)
    with pytest.raises(Conflict):
        store.sessions.add_attendees(session_id, course_id, [person], utc_now(), ADMIN)
    # Then no ATTENDEES_ADDED entry was written
    assert _actions(local_api, session_id) == ["CANCELLED", "CREATED"]


def test_a_class_of_250_added_at_once_is_recorded_once_per_transaction_with_every_id(local_api):
    # Given a draft and 250 workers
    store = runtime.store()
    course_id = local_api.course()["id"]
    session_id = local_api.post("/sessions/draft", {"courseId": course_id}).body["id"]
    people = [store.personnel.get_personnel(local_api.person()["id"]) for _ in range(250)]
    # When they are all added in one call (transactions of at most 49 people, each person's alert cleared
    # with them, and each transaction with its entry)
    added, _ = store.sessions.add_attendees(session_id, course_id, people, utc_now(), ADMIN)
    assert len(added) == 250
    # Then six entries name the 250 people between them, each once
    listed = [e for e in _history(local_api, session_id) if e["action"] == "ATTENDEES_ADDED"]
    assert sorted(len(e["details"]["personnelIds"]) for e in listed) == [5, 49, 49, 49, 49, 49]
    assert sorted(pid for e in listed for pid in e["details"]["personnelIds"]) == sorted(p.id for p in people)


def test_history_reads_on_dynamodb_local_page_newest_first_and_refuse_what_they_should(local_api):
    # Given a draft edited four times and then deleted (six entries)
    session_id = local_api.post("/sessions/draft", {"courseId": local_api.course()["id"]}).body["id"]
    start = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
    for hour in range(4):
        times = {
            "startTime": (start + timedelta(hours=hour)).isoformat(),
            "endTime": (start + timedelta(hours=hour + 1)).isoformat(),
        }
        assert local_api.patch(f"/sessions/{session_id}", times).status == 200
    assert local_api.delete(f"/sessions/{session_id}").status == 204
    # When it is read four at a time
    first = local_api.get(f"/sessions/{session_id}/history", {"limit": "4"})
    second = local_api.get(f"/sessions/{session_id}/history", {"limit": "4", "nextToken": first.body["nextToken"]})
    # Then the pages hold the six entries newest first, the deletion first, the creation last
    entries = first.body["items"] + second.body["items"]
    assert [e["action"] for e in entries] == ["DELETED", "EDITED", "EDITED", "EDITED", "EDITED", "CREATED"]
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    assert second.body["nextToken"] is None
    # And a trainer is refused (403), an unknown session is a 404, a bad limit or token a 422
    assert local_api.get(f"/sessions/{session_id}/history", caller=TRAINER).status == 403
    assert local_api.get(f"/sessions/{UNKNOWN_ID}/history").status == 404
    for query, field in [({"limit": "0"}, "limit"), ({"nextToken": "garbage"}, "nextToken")]:
        reply = local_api.get(f"/sessions/{session_id}/history", query)
        assert reply.status == 422 and field in error_fields(reply), reply.body


def test_a_page_of_history_is_one_request_and_writing_an_entry_adds_none(local_api):
    # Given a draft with a venue to change
    session_id = local_api.post("/sessions/draft", {"courseId": local_api.course()["id"]}).body["id"]
    venue = local_api.venue()
    # When it is edited (its entry rides in the edit's own transaction)
    with counting_dynamodb_requests() as edit:
        assert local_api.patch(f"/sessions/{session_id}", {"venueId": venue["id"]}).status == 200
    # Then the edit made its usual requests (the session, the venue, the transaction) and no more
    assert edit.count == 3
    # When a page of its history is read
    with counting_dynamodb_requests() as page:
        assert len(local_api.get(f"/sessions/{session_id}/history").body["items"]) == 2
    # Then that is one Query
    assert page.count == 1
    # And an unknown session's 404 costs one more read (the session, only when there is no entry)
    with counting_dynamodb_requests() as unknown:
        assert local_api.get(f"/sessions/{UNKNOWN_ID}/history").status == 404
    assert unknown.count == 2
