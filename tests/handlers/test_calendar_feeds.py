"""Calendar feeds (issue 12): the token routes and the public .ics feeds, read back with `icalendar`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import time_machine

from tests.handlers.test_post_session import iso, now, scheduled_class, trainer_caller
from tests.support import ADMIN, BASE, TRAINER, ApiClient, Reply
from titan_training.api import runtime


def feed(api: ApiClient, kind: str, owner_id: str, token: str | None) -> dict[str, Any]:
    """GET the feed as a calendar app does: no identity, the token in the query."""
    response = api.gateway.invoke(
        "GET", f"{BASE}/calendar/{kind}/{owner_id}.ics", query={"token": token} if token is not None else None
    )
    return response


def content_type(response: dict[str, Any]) -> str:
    multi = {name: ", ".join(values) for name, values in (response.get("multiValueHeaders") or {}).items()}
    return {**multi, **(response.get("headers") or {})}["Content-Type"]


def parsed(response: dict[str, Any]) -> icalendar.Calendar:
    assert response["statusCode"] == 200, response.get("body")
    assert content_type(response) == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response["body"])


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.events}


def issue(api: ApiClient, kind: str, owner_id: str, caller: Any = ADMIN) -> Reply:
    return api.post(f"/calendar/{kind}/{owner_id}/token", caller=caller)


def token_of(reply: Reply) -> str:
    assert reply.status == 200, reply.body
    return reply.body["token"]


def test_a_trainers_feed_lists_their_sessions_with_course_venue_and_stable_uid(api):
    # Given a trainer with a session in three days, and a token issued by an hse-admin
    klass = scheduled_class(api, people=1, start=timedelta(days=3), end=timedelta(days=3, hours=4))
    reply = issue(api, "trainers", klass.trainer["id"])
    # Then the answer carries the full subscription URL with the token as its `token` parameter
    assert reply.status == 200, reply.body
    url = urlsplit(reply.body["url"])
    assert url.path == f"/prod{BASE}/calendar/trainers/{klass.trainer['id']}.ics"  # API Gateway's stage
    assert parse_qs(url.query) == {"token": [reply.body["token"]]}
    assert url.scheme in ("http", "https") and url.netloc
    # When the calendar app reads the feed
    calendar = parsed(feed(api, "trainers", klass.trainer["id"], reply.body["token"]))
    # Then it has the session: summary with the course, location with the venue, a stable UID, SEQUENCE 0
    event = events(calendar)[f"{klass.session_id}@titan-training"]
    venue = api.get(f"/sessions/{klass.session_id}").body["venueId"]
    assert klass.course["name"] in str(event["SUMMARY"])
    assert api.get(f"/venues/{venue}").body["name"] in str(event["LOCATION"])
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.start == klass.start.replace(microsecond=0) and event.end == klass.end.replace(microsecond=0)


def test_a_reschedule_moves_the_event_with_a_higher_sequence_and_the_same_uid(api):
    # Given a subscribed trainer feed with a session
    klass = scheduled_class(api, people=0, start=timedelta(days=5), end=timedelta(days=5, hours=2))
    token = token_of(issue(api, "trainers", klass.trainer["id"]))
    uid = f"{klass.session_id}@titan-training"
    before = events(parsed(feed(api, "trainers", klass.trainer["id"], token)))[uid]
    # When the session moves a day later
    start, end = klass.start + timedelta(days=1), klass.end + timedelta(days=1)
    moved = api.patch(f"/sessions/{klass.session_id}", {"startTime": iso(start), "endTime": iso(end)})
    assert moved.status == 200, moved.body
    # Then the same UID carries the new times and a higher SEQUENCE
    after = events(parsed(feed(api, "trainers", klass.trainer["id"], token)))[uid]
    assert after.start == start.replace(microsecond=0) and after.end == end.replace(microsecond=0)
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(api):
    # Given a worker on a session, with a feed token
    klass = scheduled_class(api, people=1, start=timedelta(days=2), end=timedelta(days=2, hours=3))
    worker = klass.people[0]["id"]
    token = token_of(issue(api, "personnel", worker))
    uid = f"{klass.session_id}@titan-training"
    assert str(events(parsed(feed(api, "personnel", worker, token)))[uid]["STATUS"]) == "CONFIRMED"
    # When the session is cancelled
    assert api.post(f"/sessions/{klass.session_id}/cancel").status == 200
    # Then both feeds show it as STATUS:CANCELLED, with a higher SEQUENCE, so calendars drop it
    for kind, owner, owner_token in (
        ("personnel", worker, token),
        ("trainers", klass.trainer["id"], token_of(issue(api, "trainers", klass.trainer["id"]))),
    ):
        event = events(parsed(feed(api, kind, owner, owner_token)))[uid]
        assert str(event["STATUS"]) == "CANCELLED", kind
        assert event["SEQUENCE"] == 1, kind


def test_a_workers_feed_lists_only_the_sessions_they_are_on_from_30_days_back(api):
    # Given a worker on a session next week and on one 40 days ago, and not on another trainer's session
    soon = scheduled_class(api, people=1, start=timedelta(days=7), end=timedelta(days=7, hours=2))
    worker = soon.people[0]["id"]
    old = scheduled_class(api, people=0, start=timedelta(days=-40), end=timedelta(days=-40, hours=2))
    recent = scheduled_class(api, people=0, start=timedelta(days=-20), end=timedelta(days=-20, hours=2))
    for klass in (old, recent):
        assert api.post(f"/sessions/{klass.session_id}/attendees", {"personnelIds": [worker]}).status == 200
    other = scheduled_class(api, people=1, start=timedelta(days=7), end=timedelta(days=7, hours=2))
    token = token_of(issue(api, "personnel", worker))
    # When their feed is read
    uids = set(events(parsed(feed(api, "personnel", worker, token))))
    # Then it has their sessions from 30 days back onward, and nobody else's
    assert uids == {f"{soon.session_id}@titan-training", f"{recent.session_id}@titan-training"}
    assert f"{other.session_id}@titan-training" not in uids
    # And when they are taken off the class list, the session leaves their feed
    assert api.delete(f"/sessions/{soon.session_id}/attendees/{worker}").status == 200
    assert set(events(parsed(feed(api, "personnel", worker, token)))) == {f"{recent.session_id}@titan-training"}


def test_the_feed_is_in_the_sites_time_zone_with_its_vtimezone(api, monkeypatch):
    # Given a Europe/London site on 1 December 2026, with a session in winter (GMT) and one in summer (BST)
    monkeypatch.setenv("SITE_TIMEZONE", "Europe/London")
    runtime.reset()
    with time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=UTC), tick=True):
        winter = scheduled_class(
            api, people=0, start=datetime(2027, 1, 14, 9, tzinfo=UTC), end=datetime(2027, 1, 14, 12, tzinfo=UTC)
        )
        summer = scheduled_class(
            api, people=0, start=datetime(2027, 7, 1, 8, tzinfo=UTC), end=datetime(2027, 7, 1, 11, tzinfo=UTC)
        )
        trainer_token = token_of(issue(api, "trainers", winter.trainer["id"]))
        summer_token = token_of(issue(api, "trainers", summer.trainer["id"]))
        # When the feeds are read
        winter_feed = feed(api, "trainers", winter.trainer["id"], trainer_token)
        summer_feed = feed(api, "trainers", summer.trainer["id"], summer_token)
    # Then the events are at 09:00 local time, with TZID Europe/London, and the calendar has its VTIMEZONE
    for response, klass in ((winter_feed, winter), (summer_feed, summer)):
        calendar = parsed(response)
        assert [zone.tz_name for zone in calendar.timezones] == ["Europe/London"]
        event = events(calendar)[f"{klass.session_id}@titan-training"]
        assert event.start.tzinfo is not None and str(event.start.tzinfo) == "Europe/London"
        assert (event.start.hour, event.start.minute) == (9, 0)
        assert event.start.astimezone(UTC) == klass.start
        assert "DTSTART;TZID=Europe/London:" in response["body"]


def test_a_wrong_missing_or_revoked_token_is_404(api):
    # Given a trainer feed whose token was issued twice
    klass = scheduled_class(api, people=1, start=timedelta(days=1), end=timedelta(days=1, hours=1))
    trainer_id = klass.trainer["id"]
    first = token_of(issue(api, "trainers", trainer_id))
    second = token_of(issue(api, "trainers", trainer_id))
    assert first != second
    # Then the old token, a wrong one, none, and another feed's token are 404; the new one works
    assert feed(api, "trainers", trainer_id, first)["statusCode"] == 404
    assert feed(api, "trainers", trainer_id, "x" * 43)["statusCode"] == 404
    assert feed(api, "trainers", trainer_id, None)["statusCode"] == 404
    worker_token = token_of(issue(api, "personnel", klass.people[0]["id"]))
    assert feed(api, "trainers", trainer_id, worker_token)["statusCode"] == 404
    assert feed(api, "trainers", trainer_id, second)["statusCode"] == 200
    # And a feed never subscribed to is the same 404; a name without `.ics` is no feed name (422)
    other = api.trainer()
    assert feed(api, "trainers", other["id"], second)["statusCode"] == 404
    bare = api.gateway.invoke("GET", f"{BASE}/calendar/trainers/{trainer_id}", query={"token": second})
    assert bare["statusCode"] == 422


def test_who_may_issue_a_token(api):
    # Given two trainers, one of whom logs in as `login`, and a worker
    klass = scheduled_class(api, people=1, start=timedelta(days=1), end=timedelta(days=1, hours=1))
    own = trainer_caller(klass.login)
    other = api.trainer()
    # Then the trainer may issue a link to their own feed, not to another trainer's or a worker's
    assert issue(api, "trainers", klass.trainer["id"], caller=own).status == 200
    assert issue(api, "trainers", other["id"], caller=own).status == 403
    assert issue(api, "personnel", klass.people[0]["id"], caller=own).status == 403
    assert issue(api, "trainers", other["id"], caller=TRAINER).status == 403
    # And nobody without identity may issue one
    assert issue(api, "trainers", other["id"], caller=None).status == 401
    # And an unknown trainer or worker is 404 for an hse-admin
    unknown = "c" + "0" * 24
    assert issue(api, "trainers", unknown).status == 404
    assert issue(api, "personnel", unknown).status == 404


@pytest.mark.parametrize("kind", ["trainers", "personnel"])
def test_the_feed_needs_no_identity_and_reveals_nothing_without_a_token(api, kind):
    # Given a person with no token issued
    owner = api.trainer() if kind == "trainers" else api.person()
    # Then their feed is 404 as JSON, like any unknown route, with or without a token
    for token in (None, "anything"):
        response = feed(api, kind, owner["id"], token)
        assert response["statusCode"] == 404
        assert "text/calendar" not in content_type(response)


def test_the_subscription_url_is_the_local_servers_own(api, monkeypatch):
    # Given the local server (LOCAL_SERVER=true, no stage in its paths) reached at 127.0.0.1:3456
    monkeypatch.setenv("LOCAL_SERVER", "true")
    runtime.reset()
    trainer = api.trainer()
    reply = api.call("POST", f"/calendar/trainers/{trainer['id']}/token", headers={"Host": "127.0.0.1:3456"})
    # Then the link is that server's URL
    assert reply.status == 200, reply.body
    assert reply.body["url"].startswith(f"http://127.0.0.1:3456{BASE}/calendar/trainers/{trainer['id']}.ics?token=")


def test_a_deployed_subscription_url_carries_the_stage(api):
    # Given API Gateway's event (stage `prod` in the client's path, Host the API's domain)
    trainer = api.trainer()
    reply = api.call(
        "POST",
        f"/calendar/trainers/{trainer['id']}/token",
        headers={"Host": "abc123.execute-api.eu-west-2.amazonaws.com", "X-Forwarded-Proto": "https"},
    )
    # Then the link is the stage's URL
    assert reply.body["url"].startswith(
        f"https://abc123.execute-api.eu-west-2.amazonaws.com/prod{BASE}/calendar/trainers/{trainer['id']}.ics?token="
    )
    assert now() <= datetime.fromisoformat(reply.body["issuedAt"]) + timedelta(minutes=1)
