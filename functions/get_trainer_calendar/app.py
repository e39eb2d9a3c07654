"""GET /api/v1/training/calendar/trainers/{trainerId}.ics?token=: a trainer's sessions as an RFC 5545 feed.

Outside the Cognito authorizer (a calendar app sends no token of ours): the feed's own token decides,
and a missing, wrong or revoked one is a 404. API Gateway REST cannot put a suffix after a path
parameter, so the route's parameter is the whole last segment, `<trainerId>.ics`.
"""

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from titan_training.api import runtime
from titan_training.api.http import CALENDAR_CONTENT_TYPE, build_resolver, calendar_responses, public_entry
from titan_training.domain.calendar import FEED_NAME_PATTERN, FeedOwner
from titan_training.domain.clock import utc_now
from titan_training.services import calendar

app = build_resolver()


@app.get(
    "/api/v1/training/calendar/trainers/<trainerId>",
    operation_id="getTrainerCalendar",
    summary="A trainer's sessions (those they teach) from 30 days back onward, as an iCalendar feed to subscribe to.",
    tags=["Calendar"],
    responses=calendar_responses(),
)
def get_trainer_calendar(
    trainerId: Annotated[
        str,
        Path(
            pattern=FEED_NAME_PATTERN,
            max_length=68,
            description="The trainer's id followed by `.ics`, e.g. `cmx3owesqcpk7yy6ey1uwagb7.ics`.",
        ),
    ],
    token: Annotated[str | None, Query(description="The feed's token, from its subscription link.")] = None,
) -> Response[str]:
    config = runtime.settings()
    body = calendar.feed(runtime.store(), FeedOwner.TRAINER, trainerId, token, utc_now(), config.site_timezone)
    return Response(200, CALENDAR_CONTENT_TYPE, body.decode(), headers={"Cache-Control": "private, no-cache"})


lambda_handler = public_entry(app, operation="GetTrainerCalendar")
