"""Every write that changes a session moves it between the lists it belongs to (the indexes' keys are
written in the same write): by status, trainer, venue and course, and out of all of them when deleted."""

from __future__ import annotations

from typing import Any

from tests.handlers.test_post_session import NOT_A_PDF, PDF, entry, finalize, mark, scheduled_class, upload
from tests.support import ApiClient
from titan_training.api import runtime
from titan_training.domain.callers import Caller
from titan_training.domain.courses import RecordRules
from titan_training.domain.history import HistoryAction
from titan_training.domain.history import entry as history_entry
from titan_training.store.items.sessions import SessionItem


def listed(api: ApiClient, **query: str) -> list[str]:
    reply = api.get("/sessions", {**query, "limit": "200"})
    assert reply.status == 200, reply.body
    return [item["id"] for item in reply.body["items"]]


def lists_holding(api: ApiClient, session_id: str, session: dict[str, Any]) -> set[str]:
    """Which lists name the session: each status, and its trainer's, venue's and course's."""
    found = {
        status
        for status in ("DRAFT", "SCHEDULED", "FINALIZING", "COMPLETED", "CANCELLED")
        if session_id in listed(api, status=status)
    }
    for name, key in (("trainer", "trainerId"), ("venue", "venueId"), ("course", "courseId")):
        if session.get(key) and session_id in listed(api, **{key: session[key]}):
            found.add(name)
    if session_id in listed(api):
        found.add("all")
    return found


def test_a_session_moves_through_the_status_lists_as_it_is_scheduled_finalized_or_cancelled(api):
    # Given a draft of a course
    course = api.course()
    draft = api.post("/sessions/draft", {"courseId": course["id"]}).body
    # Then it is listed as a DRAFT, under its course, and in the list of all sessions
    assert lists_holding(api, draft["id"], draft) == {"DRAFT", "course", "all"}

    # When a class is scheduled (a draft, then scheduled with a trainer and a venue)
    klass = scheduled_class(api, people=1)
    stored = api.get(f"/sessions/{klass.session_id}").body
    # Then it is SCHEDULED, and listed under its trainer, venue and course
    assert lists_holding(api, klass.session_id, stored) == {"SCHEDULED", "trainer", "venue", "course", "all"}

    # When its finalize is refused (the upload is not a PDF) and it stays SCHEDULED
    assert mark(api, klass.session_id, [entry(klass.pid(0), "ATTENDED", "PASSED")]).status == 200
    upload(api, klass.session_id, body=NOT_A_PDF)
    assert finalize(api, klass.session_id).status == 422
    assert lists_holding(api, klass.session_id, stored) == {"SCHEDULED", "trainer", "venue", "course", "all"}

    # When it is finalized with a real PDF
    upload(api, klass.session_id, body=PDF)
    assert finalize(api, klass.session_id).status == 200
    # Then it is listed as COMPLETED only, still under its trainer, venue and course
    assert lists_holding(api, klass.session_id, stored) == {"COMPLETED", "trainer", "venue", "course", "all"}


def test_cancel_moves_a_session_to_cancelled_and_delete_takes_it_off_every_list(api):
    # Given a scheduled session
    klass = scheduled_class(api, people=0)
    stored = api.get(f"/sessions/{klass.session_id}").body
    # When it is cancelled
    assert api.post(f"/sessions/{klass.session_id}/cancel").status == 200
    # Then it is CANCELLED, still under its trainer, venue and course
    assert lists_holding(api, klass.session_id, stored) == {"CANCELLED", "trainer", "venue", "course", "all"}
    # When it is deleted
    assert api.delete(f"/sessions/{klass.session_id}").status == 204
    # Then no list names it
    assert lists_holding(api, klass.session_id, stored) == set()


def test_a_draft_given_a_trainer_and_venue_is_listed_under_them_and_moves_when_they_change(api):
    # Given a draft saved with a trainer and a venue
    course, trainer, venue, other_venue = api.course(), api.trainer(), api.venue(), api.venue()
    draft = api.post("/sessions/draft", {"courseId": course["id"], "trainerId": trainer["id"], "venueId": venue["id"]})
    assert draft.status == 201, draft.body
    session_id = draft.body["id"]
    assert session_id in listed(api, trainerId=trainer["id"], status="DRAFT")
    assert session_id in listed(api, venueId=venue["id"])
    # When the draft moves to another venue
    reply = api.patch(f"/sessions/{session_id}", {"venueId": other_venue["id"]})
    assert reply.status == 200, reply.body
    # Then it is listed under the new venue only
    assert session_id in listed(api, venueId=other_venue["id"])
    assert session_id not in listed(api, venueId=venue["id"])


def test_a_finalize_that_begins_then_aborts_moves_the_session_to_finalizing_and_back(api):
    # Given a scheduled session
    klass = scheduled_class(api, people=1)
    stored = api.get(f"/sessions/{klass.session_id}").body
    store = runtime.store()
    # When the Finalize Gate freezes it
    revision = store.sessions.read_session(klass.session_id).revision
    rules = RecordRules(validity_months=None, requires_verification=False)
    admin = Caller("admin", frozenset({"hse-admin"}))
    started = history_entry(klass.session_id, admin, klass.end, HistoryAction.FINALIZE_STARTED)
    store.records.begin_finalize(klass.session_id, revision, "upload", "final", rules, "admin", klass.end, started)
    # Then it is listed as FINALIZING, and no longer as SCHEDULED
    assert lists_holding(api, klass.session_id, stored) == {"FINALIZING", "trainer", "venue", "course", "all"}
    # When the finalize aborts before writing a record (its frozen evidence was unusable)
    aborted = history_entry(klass.session_id, admin, klass.end, HistoryAction.FINALIZE_ABORTED)
    assert store.records.abort_finalize(klass.session_id, klass.people[0]["id"], aborted)
    # Then it is listed as SCHEDULED again
    assert lists_holding(api, klass.session_id, stored) == {"SCHEDULED", "trainer", "venue", "course", "all"}


def test_sessions_written_before_the_indexes_get_their_keys_from_the_backfill(api):
    # Given a scheduled session and a draft stored as they were before TrainerIndex, VenueIndex and
    # StatusIndex (no keys of theirs), and a deleted session
    klass = scheduled_class(api, people=0)
    draft = api.post("/sessions/draft", {"courseId": klass.course["id"]}).body["id"]
    deleted = api.post("/sessions/draft", {"courseId": klass.course["id"]}).body["id"]
    assert api.delete(f"/sessions/{deleted}").status == 204
    old_keys = [SessionItem.trainer_pk, SessionItem.trainer_sk, SessionItem.venue_pk, SessionItem.venue_sk]
    for session_id in (klass.session_id, draft):
        SessionItem(*SessionItem.key(session_id)).update(
            actions=[attribute.remove() for attribute in [*old_keys, SessionItem.status_pk, SessionItem.status_sk]]
        )
    stored = api.get(f"/sessions/{klass.session_id}").body
    assert lists_holding(api, klass.session_id, stored) == {"course", "all"}
    # When the backfill runs
    assert runtime.store().sessions.backfill_index_keys() == 2
    # Then both are in their lists again, the deleted one stays out, and a second run has nothing to do
    assert lists_holding(api, klass.session_id, stored) == {"SCHEDULED", "trainer", "venue", "course", "all"}
    assert draft in listed(api, status="DRAFT")
    assert deleted not in listed(api, status="DRAFT")
    assert runtime.store().sessions.backfill_index_keys() == 0
