"""Recurring drafts (issue 12, part 3) through the Lambda handlers over a moto table.

`POST /sessions/recurring-drafts` makes a series of DRAFTs on the site's calendar, all or nothing, each
tagged with the series id; `GET /sessions?seriesId=` lists exactly the series. All or nothing against a
failing transaction on DynamoDB Local: tests/integration/test_recurring_drafts.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import TRAINER, ApiClient, error_fields
from titan_training.api import runtime
from titan_training.domain.ids import new_id

PATH = "/sessions/recurring-drafts"
LONDON = "Europe/London"


def series_body(course: dict[str, Any], start: str, end: str, **recurrence: Any) -> dict[str, Any]:
    return {"courseId": course["id"], "startTime": start, "endTime": end, "recurrence": recurrence}


def listed(api: ApiClient, **query: str) -> list[dict[str, Any]]:
    """Every page of `GET /sessions` for the query."""
    items, token = [], None
    while True:
        reply = api.get("/sessions", query={**query, **({"nextToken": token} if token else {})})
        assert reply.status == 200, reply.body
        items += reply.body["items"]
        token = reply.body["nextToken"]
        if not token:
            return items


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch, api: ApiClient) -> ApiClient:
    """The API of a site whose calendar is Europe/London."""
    monkeypatch.setenv("SITE_TIMEZONE", LONDON)
    runtime.reset()
    return api


# --- The series and the site's clock --------------------------------------------------------------------------------


def test_weekly_drafts_across_both_clock_changes_keep_0900_london_time(london):
    # Given a course, and Thursday 09:00-11:00 GMT sessions from 19 March 2026, weekly until 5 November:
    # the last Sundays of March (29th) and October (25th) fall inside
    course = london.course()
    body = series_body(course, "2026-03-19T09:00:00Z", "2026-03-19T11:00:00Z", frequency="WEEKLY", until="2026-11-05")

    # When the series is created
    reply = london.post(PATH, body)

    # Then 34 drafts of the course start at 09:00 London time: 09:00Z in winter, 08:00Z in summer
    assert reply.status == 201, reply.body
    items = reply.body["items"]
    assert len(items) == 34
    starts = [item["startTime"] for item in items]
    assert starts[:3] == ["2026-03-19T09:00:00.000Z", "2026-03-26T09:00:00.000Z", "2026-04-02T08:00:00.000Z"]
    assert starts[-3:] == ["2026-10-22T08:00:00.000Z", "2026-10-29T09:00:00.000Z", "2026-11-05T09:00:00.000Z"]
    assert [item["endTime"][11:16] for item in items] == [
        "11:00" if start[11:13] == "09" else "10:00" for start in starts
    ]
    # And every one is a DRAFT of the course, tagged with the series, shaped as a single draft's answer
    single = london.post("/sessions/draft", {"courseId": course["id"]}).body
    for item in items:
        assert set(item) == set(single)
        assert (item["status"], item["courseId"], item["seriesId"]) == ("DRAFT", course["id"], reply.body["seriesId"])
        assert item["createdById"] == "admin-user"
    assert single["seriesId"] is None


def test_every_n_days_for_a_count_with_trainer_and_venue(api):
    # Given a course, a trainer and a venue
    course, trainer, venue = api.course(), api.trainer(), api.venue(capacity=12)
    body = {
        **series_body(course, "2027-01-04T13:00:00Z", "2027-01-04T15:30:00Z", frequency="DAILY", interval=3, count=4),
        "trainerId": trainer["id"],
        "venueId": venue["id"],
    }

    # When a series every third day, four times, is created
    reply = api.post(PATH, body)

    # Then the four drafts carry the trainer, the venue and the times
    assert reply.status == 201, reply.body
    assert [(i["startTime"], i["endTime"]) for i in reply.body["items"]] == [
        (f"2027-01-{day:02d}T13:00:00.000Z", f"2027-01-{day:02d}T15:30:00.000Z") for day in (4, 7, 10, 13)
    ]
    assert {(i["trainerId"], i["venueId"]) for i in reply.body["items"]} == {(trainer["id"], venue["id"])}


def test_several_weekdays_every_other_week(api):
    # Given Monday 4 January 2027, MO/WE/FR every second week, for 7 sessions
    course = api.course()
    recurrence = {"frequency": "WEEKLY", "interval": 2, "byWeekday": ["MO", "WE", "FR"], "count": 7}
    body = series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", **recurrence)

    reply = api.post(PATH, body)

    # Then the week of the 11th is skipped
    assert reply.status == 201, reply.body
    assert [item["startTime"][:10] for item in reply.body["items"]] == [
        "2027-01-04",
        "2027-01-06",
        "2027-01-08",
        "2027-01-18",
        "2027-01-20",
        "2027-01-22",
        "2027-02-01",
    ]


# --- Limits and bad input -------------------------------------------------------------------------------------------


def test_52_sessions_are_created(api):
    course = api.course()
    reply = api.post(
        PATH, series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="WEEKLY", count=52)
    )
    assert reply.status == 201, reply.body
    assert len(reply.body["items"]) == 52
    assert len({item["id"] for item in reply.body["items"]}) == 52


@pytest.mark.parametrize(
    "recurrence",
    [
        pytest.param({"frequency": "WEEKLY", "count": 53}, id="count-53"),
        pytest.param({"frequency": "DAILY", "until": "2027-02-25"}, id="until-yielding-53"),
        pytest.param(
            {"frequency": "WEEKLY", "byWeekday": ["MO", "TU"], "until": "2027-12-31"}, id="until-yielding-104"
        ),
    ],
)
def test_more_than_52_sessions_are_refused_saying_the_limit_and_nothing_is_made(api, recurrence):
    # Given a course and a recurrence of 53 or more sessions from Monday 4 January 2027
    course = api.course()

    # When the series is asked for
    reply = api.post(PATH, series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", **recurrence))

    # Then it is a 422 saying the limit, and no draft exists
    assert reply.status == 422, reply.body
    assert "at most 52 sessions" in reply.body["message"]
    assert "recurrence" in " ".join(error_fields(reply))
    assert listed(api, courseId=course["id"]) == []


@pytest.mark.parametrize(
    ("recurrence", "field"),
    [
        pytest.param({"frequency": "WEEKLY", "count": 2, "until": "2027-03-01"}, "recurrence", id="count-and-until"),
        pytest.param({"frequency": "WEEKLY"}, "recurrence", id="neither-count-nor-until"),
        pytest.param({"frequency": "DAILY", "until": "2027-01-03"}, "recurrence.until", id="no-session"),
        pytest.param(
            {"frequency": "WEEKLY", "byWeekday": ["TU"], "count": 2}, "recurrence.byWeekday", id="off-weekday"
        ),
        pytest.param({"frequency": "DAILY", "byWeekday": ["MO"], "count": 2}, "recurrence", id="weekdays-daily"),
        pytest.param({"frequency": "HOURLY", "count": 2}, "recurrence.frequency", id="hourly"),
        pytest.param({"frequency": "DAILY", "interval": 0, "count": 2}, "recurrence.interval", id="interval-0"),
        pytest.param({"frequency": "DAILY", "count": 0}, "recurrence.count", id="count-0"),
        pytest.param({"frequency": "DAILY", "count": None}, "recurrence.count", id="count-null"),
        pytest.param({"frequency": "DAILY", "until": "next week"}, "recurrence.until", id="until-not-a-date"),
    ],
)
def test_malformed_recurrences_are_422_naming_the_field(api, recurrence, field):
    course = api.course()
    reply = api.post(PATH, series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", **recurrence))
    assert reply.status == 422, reply.body
    assert set(reply.body) == {"statusCode", "error", "message", "details"}
    assert field in error_fields(reply)
    assert listed(api, courseId=course["id"]) == []


def test_times_are_validated_as_a_single_draft_validates_them(api):
    course = api.course()
    backwards = series_body(course, "2027-01-04T10:00:00Z", "2027-01-04T09:00:00Z", frequency="DAILY", count=2)
    too_long = series_body(course, "2027-01-04T10:00:00Z", "2027-01-20T09:00:00Z", frequency="DAILY", count=2)
    no_offset = series_body(course, "2027-01-04T10:00:00", "2027-01-04T11:00:00Z", frequency="DAILY", count=2)
    for body, field in ((backwards, "endTime"), (too_long, "endTime"), (no_offset, "startTime")):
        reply = api.post(PATH, body)
        assert reply.status == 422, reply.body
        assert field in error_fields(reply)
    # A session beyond 2099 (the years instants may have) is refused, naming the recurrence
    late = series_body(course, "2099-12-21T10:00:00Z", "2099-12-21T11:00:00Z", frequency="WEEKLY", count=3)
    reply = api.post(PATH, late)
    assert reply.status == 422, reply.body
    assert "session 3 (2100-01-04)" in reply.body["message"]
    assert listed(api, courseId=course["id"]) == []


def test_an_unknown_course_is_404_and_nothing_is_made(api):
    course = {"id": new_id()}
    reply = api.post(
        PATH, series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="DAILY", count=3)
    )
    assert reply.status == 404, reply.body
    assert reply.body["message"] == f"Course {course['id']} not found"
    assert listed(api, courseId=course["id"]) == []


@pytest.mark.parametrize("kind", ["trainer", "venue"])
def test_an_unknown_trainer_or_venue_is_what_a_single_draft_answers(api, kind):
    # Given a course and an id naming no trainer (or venue)
    course = api.course()
    fields = {f"{kind}Id": new_id()}
    times = {"startTime": "2027-01-04T09:00:00Z", "endTime": "2027-01-04T10:00:00Z"}

    # When a single draft and a series name it
    single = api.post("/sessions/draft", {"courseId": course["id"], **times, **fields})
    body = series_body(course, times["startTime"], times["endTime"], frequency="DAILY", count=2)
    series = api.post(PATH, {**body, **fields})

    # Then both answer the same (a 404 naming it), and no draft of the series exists
    assert single.status == 404, single.body
    assert (series.status, series.body) == (single.status, single.body)
    assert listed(api, courseId=course["id"]) == []


def test_a_malformed_trainer_id_is_422_as_for_a_single_draft(api):
    course = api.course()
    body = {**series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="DAILY", count=2)}
    reply = api.post(PATH, {**body, "trainerId": "not-a-cuid"})
    assert reply.status == 422, reply.body
    assert "trainerId" in error_fields(reply)


def test_only_an_hse_admin_creates_a_series(api):
    course = api.course()
    body = series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="DAILY", count=2)
    assert api.post(PATH, body, caller=TRAINER).status == 403
    assert listed(api, courseId=course["id"]) == []


# --- Listing a series -----------------------------------------------------------------------------------------------


def test_sessions_by_series_lists_exactly_the_series_by_start_and_combines_with_filters(api):
    # Given two series of one course and a single draft of it
    course, venue = api.course(), api.venue()
    first = api.post(
        PATH,
        {
            **series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="WEEKLY", count=30),
            "venueId": venue["id"],
        },
    ).body
    other = api.post(
        PATH, series_body(course, "2027-01-05T09:00:00Z", "2027-01-05T10:00:00Z", frequency="DAILY", count=3)
    )
    assert other.status == 201
    api.post("/sessions/draft", {"courseId": course["id"]})

    # When the first series is listed (pages of 20)
    items = listed(api, seriesId=first["seriesId"], limit="20")

    # Then exactly its 30 drafts come back, by start
    assert [item["id"] for item in items] == [item["id"] for item in first["items"]]
    assert {item["seriesId"] for item in items} == {first["seriesId"]}

    # And the other filters narrow it: dates as the key's range, status, course and venue as filters
    window = listed(api, seriesId=first["seriesId"], **{"from": "2027-02-01T00:00:00Z", "to": "2027-03-01T00:00:00Z"})
    assert [item["startTime"][:10] for item in window] == ["2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22"]
    assert (
        len(listed(api, seriesId=first["seriesId"], status="DRAFT", courseId=course["id"], venueId=venue["id"])) == 30
    )
    assert listed(api, seriesId=first["seriesId"], status="SCHEDULED") == []
    assert listed(api, seriesId=other.body["seriesId"], venueId=venue["id"]) == []
    # And an unknown series lists nothing
    assert listed(api, seriesId=new_id()) == []


def test_each_draft_is_then_scheduled_edited_and_deleted_on_its_own(api):
    # Given a series of three, a trainer qualified for the course and a venue
    course, trainer, venue = api.course(), api.trainer(), api.venue()
    assert api.put(f"/trainers/{trainer['id']}/qualifications/{course['id']}").status == 200
    series = api.post(
        PATH, series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="DAILY", count=3)
    ).body
    first, second, third = (item["id"] for item in series["items"])

    # When the first is scheduled, the second moved to later, the third deleted
    scheduled = api.patch(
        f"/sessions/{first}/schedule",
        {
            "trainerId": trainer["id"],
            "venueId": venue["id"],
            "startTime": "2027-01-04T09:00:00Z",
            "endTime": "2027-01-04T10:00:00Z",
        },
    )
    assert scheduled.status == 200, scheduled.body
    moved = api.patch(f"/sessions/{second}", {"startTime": "2027-01-10T09:00:00Z", "endTime": "2027-01-10T10:00:00Z"})
    assert moved.status == 200, moved.body
    assert api.delete(f"/sessions/{third}").status == 204

    # Then the series lists the two left, by their new starts, each keeping its series id and status
    items = listed(api, seriesId=series["seriesId"])
    assert [(i["id"], i["status"], i["startTime"][:10]) for i in items] == [
        (first, "SCHEDULED", "2027-01-04"),
        (second, "DRAFT", "2027-01-10"),
    ]
    assert api.get(f"/sessions/{first}").body["seriesId"] == series["seriesId"]
    assert [i["id"] for i in listed(api, seriesId=series["seriesId"], status="SCHEDULED")] == [first]


def test_a_trainer_lists_only_their_own_sessions_of_a_series(api):
    # Given a series assigned to another trainer
    course, other = api.course(), api.trainer()
    body = {**series_body(course, "2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", frequency="DAILY", count=2)}
    series = api.post(PATH, {**body, "trainerId": other["id"]}).body
    # When a trainer without those sessions lists the series, they see none of them
    reply = api.get("/sessions", query={"seriesId": series["seriesId"]}, caller=TRAINER)
    assert reply.status == 200
    assert reply.body["items"] == []
