"""GET /compliance/summary: the dashboard's red/yellow/expiring/green counts per course, on the site calendar.

The site is Asia/Tokyo (UTC+9) and the test travels to 2026-06-10 20:00 UTC, which is already
2026-06-11 on site: an item valid through 2026-06-10 has lapsed there (red) though UTC's day is still
the 10th, and the 60-day window ends on 2026-08-10 (site), not 2026-08-09 (UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from tests.support import NOBODY, TRAINER, ApiClient
from titan_training.api import runtime
from titan_training.domain.clock import utc_now
from titan_training.services import suggestions

TOKYO = "Asia/Tokyo"
NOW = datetime(2026, 6, 10, 20, 0, tzinfo=UTC)  # 2026-06-11 05:00 in Tokyo


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch, api: ApiClient) -> ApiClient:
    monkeypatch.setenv("SITE_TIMEZONE", TOKYO)
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "60")
    runtime.reset()
    return api


def comply(api: ApiClient, course_id: str, status: str, expiry: str | None = None, **person) -> dict:
    someone = api.person(**person)
    body = {"status": status, **({"expiryDate": expiry} if expiry else {})}
    reply = api.put(f"/personnel/{someone['id']}/compliance/{course_id}", body)
    assert reply.status == 200, reply.body
    return someone


def summary(api: ApiClient) -> dict:
    with time_machine.travel(NOW, tick=False):
        reply = api.get("/compliance/summary")
    assert reply.status == 200, reply.body
    return reply.body


def test_counts_each_course_by_the_pickers_groups_on_the_site_calendar(tokyo):
    # Given a course whose active workers are in every state, at the edges of the site's calendar
    api = tokyo
    course = api.course(name="H2S Awareness")
    empty = api.course(name="Fire Warden")
    comply(api, course["id"], "COMPLIANT", "2026-06-10")  # lapsed yesterday on site (today in UTC): red
    comply(api, course["id"], "NON_COMPLIANT")  # red
    comply(api, course["id"], "PENDING")  # yellow
    comply(api, course["id"], "COMPLIANT", "2026-06-11")  # valid through today: expiring
    comply(api, course["id"], "COMPLIANT", "2026-08-10")  # 60 days from the site's today: expiring
    comply(api, course["id"], "COMPLIANT", "2026-08-11")  # 61 days: green
    comply(api, course["id"], "COMPLIANT")  # no expiry: green
    gone = comply(api, course["id"], "NON_COMPLIANT")
    assert api.patch(f"/personnel/{gone['id']}", {"active": False}).status == 200  # inactive: not counted
    api.person()  # no item for the course: not counted
    # When the admin opens the dashboard on 2026-06-11 (site)
    body = summary(api)
    # Then every course is a row, by name, with its counts; the lapsed pass reads red
    assert body["today"] == "2026-06-11" and body["expiryWarningDays"] == 60
    rows = {row["courseId"]: row for row in body["items"]}
    assert [row["courseName"] for row in body["items"]] == ["Fire Warden", "H2S Awareness"]
    assert rows[course["id"]] == {
        "courseId": course["id"],
        "courseName": "H2S Awareness",
        "courseCode": course["code"],
        "red": 2,
        "yellow": 1,
        "expiring": 2,
        "green": 2,
        "total": 7,
    }
    assert {k: rows[empty["id"]][k] for k in ("red", "yellow", "expiring", "green", "total")} == dict.fromkeys(
        ("red", "yellow", "expiring", "green", "total"), 0
    )


def test_the_warning_window_follows_expiry_warning_days(tokyo, monkeypatch):
    # Given a pass expiring in 30 days and a window of 29 days
    course = tokyo.course()
    comply(tokyo, course["id"], "COMPLIANT", "2026-07-11")
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "29")
    runtime.reset()
    # When the dashboard is read / Then it is green, and expiring with a 30-day window
    assert summary(tokyo)["items"][0]["green"] == 1
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "30")
    runtime.reset()
    assert summary(tokyo)["items"][0]["expiring"] == 1


def test_agrees_with_the_course_compliance_list(tokyo):
    # Given items read through GET /courses/{id}/compliance with their effective status
    course = tokyo.course()
    for status, expiry in [("COMPLIANT", "2026-06-10"), ("PENDING", None), ("COMPLIANT", "2027-01-01")]:
        comply(tokyo, course["id"], status, expiry)
    with time_machine.travel(NOW, tick=False):
        listed = tokyo.get(f"/courses/{course['id']}/compliance").body["items"]
    # Then the dashboard's red and yellow are the list's NON_COMPLIANT and PENDING
    row = summary(tokyo)["items"][0]
    assert row["red"] == sum(item["status"] == "NON_COMPLIANT" for item in listed) == 1
    assert row["yellow"] == sum(item["status"] == "PENDING" for item in listed) == 1
    assert row["green"] == 1 and row["total"] == len(listed) == 3


def test_with_no_courses_the_dashboard_is_empty(api):
    reply = api.get("/compliance/summary")
    assert reply.status == 200 and reply.body["items"] == []


def test_the_dashboard_is_for_admins_only(api):
    # Given a trainer and no one / Then 403 and 401
    assert api.get("/compliance/summary", caller=TRAINER).status == 403
    assert api.get("/compliance/summary", caller=NOBODY).status == 401


# --- GET /courses/{courseId}/workers: the dashboard's worker list, red first, with names -----------------


def test_a_courses_workers_come_red_first_with_names_and_page(tokyo):
    # Given a course with workers in every group (one lapsed on the site's calendar) and one inactive
    api = tokyo
    course = api.course()
    green = comply(api, course["id"], "COMPLIANT", "2027-01-01", firstName="Gina", lastName="Green")
    soon = comply(api, course["id"], "COMPLIANT", "2026-06-20", firstName="Sam", lastName="Soon")
    pending = comply(api, course["id"], "PENDING", firstName="Pat", lastName="Pending")
    lapsed = comply(api, course["id"], "COMPLIANT", "2026-06-10", firstName="Lee", lastName="Lapsed")
    gone = comply(api, course["id"], "NON_COMPLIANT", firstName="Gus", lastName="Gone")
    assert api.patch(f"/personnel/{gone['id']}", {"active": False}).status == 200
    api.person()  # no item for the course: not listed
    # When the admin pages through the course's workers, two at a time, on 2026-06-11 (site)
    seen, token = [], None
    with time_machine.travel(NOW, tick=False):
        while True:
            query = {"limit": "2", **({"nextToken": token} if token else {})}
            reply = api.get(f"/courses/{course['id']}/workers", query)
            assert reply.status == 200, reply.body
            seen += reply.body["items"]
            token = reply.body["nextToken"]
            if token is None:
                break
        only_red = api.get(f"/courses/{course['id']}/workers", {"group": "1"}).body["items"]
    # Then red (the lapsed pass), yellow, expiring, green, each with name and effective status
    assert [(w["personnelId"], w["firstName"], w["complianceStatus"], w["group"]) for w in seen] == [
        (lapsed["id"], "Lee", "NON_COMPLIANT", 1),
        (pending["id"], "Pat", "PENDING", 2),
        (soon["id"], "Sam", "COMPLIANT", 3),
        (green["id"], "Gina", "COMPLIANT", 4),
    ]
    assert [w["personnelId"] for w in only_red] == [lapsed["id"]]


def test_a_workers_token_belongs_to_its_course_and_group(api):
    # Given a first page of one course's red workers
    course = api.course()
    for _ in range(3):
        comply(api, course["id"], "NON_COMPLIANT")
    token = api.get(f"/courses/{course['id']}/workers", {"group": "1", "limit": "1"}).body["nextToken"]
    assert token
    # When the token is sent with another group, or for another course / Then 422 naming nextToken
    for path, group in [(f"/courses/{course['id']}/workers", "2"), (f"/courses/{api.course()['id']}/workers", "1")]:
        reply = api.get(path, {"group": group, "nextToken": token})
        assert reply.status == 422 and reply.body["details"][0]["field"] == "nextToken", reply.body


def test_workers_of_an_unknown_course_is_404_and_a_bad_group_422(api):
    assert api.get("/courses/cunknown0000000000000000/workers").status == 404
    assert api.get(f"/courses/{api.course()['id']}/workers", {"group": "5"}).status == 422


def test_the_worker_list_is_for_admins_only(api):
    course = api.course()
    assert api.get(f"/courses/{course['id']}/workers", caller=TRAINER).status == 403
    assert api.get(f"/courses/{course['id']}/workers", caller=NOBODY).status == 401


def test_the_worker_list_reads_the_same_from_the_pickers_cache(api):
    # Given a course's workers listed live
    course = api.course()
    for status in ("COMPLIANT", "NON_COMPLIANT", "PENDING"):
        comply(api, course["id"], status)
    live = api.get(f"/courses/{course['id']}/workers").body
    # When the scheduled refresh has stored the course's ranking
    refreshed = suggestions.refresh_rankings(runtime.store(), runtime.today(), 60, utc_now())
    assert refreshed["refreshed"] == 1
    # Then the list served from it is the same
    assert api.get(f"/courses/{course['id']}/workers").body == live
    assert [w["complianceStatus"] for w in live["items"]] == ["NON_COMPLIANT", "PENDING", "COMPLIANT"]
