import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { components } from "../../../api/schema";

dayjs.extend(utc);
dayjs.extend(timezone);

/*
 * "Repeat" in the new-draft form: the same rule as the API's `POST /sessions/recurring-drafts`
 * (domain/recurrence.py, python-dateutil's rrule), so the preview lists exactly the drafts it makes.
 * Evaluated on the site's wall clock: every session starts and ends at the first one's local times
 * (09:00 stays 09:00 across a clock change); WEEKLY counts weeks from Monday (RRULE WKST=MO), takes
 * the chosen weekdays from the first session's day on; at most 52 sessions.
 */

export type Recurrence = components["schemas"]["Recurrence"];
/** A recurrence as the preview reads it: `interval` defaults to 1, as in the API. */
export type RecurrenceRule = Omit<Recurrence, "interval"> & { interval?: number };
export type Weekday = components["schemas"]["Weekday"];

export const MAX_SERIES_SESSIONS = 52;
export const WEEKDAYS: Weekday[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};

/** What the form holds: weekly on chosen weekdays or every N days; until a date or a count. */
export type RepeatForm = {
  frequency: "WEEKLY" | "DAILY";
  interval: number;
  byWeekday: Weekday[];
  ends: "count" | "until";
  count: number;
  until: string; // YYYY-MM-DD, a site calendar day (inclusive)
};

/** The recurrence the API takes for what the form holds. */
export function toRecurrence(form: RepeatForm): Recurrence {
  const ends = form.ends === "count" ? { count: form.count } : { until: form.until };
  const weekdays = form.frequency === "WEEKLY" && form.byWeekday.length ? { byWeekday: sortedDays(form.byWeekday) } : {};
  return { frequency: form.frequency, interval: form.interval, ...weekdays, ...ends };
}

export type PlannedSession = { startTime: string; endTime: string };
export type SeriesPreview = { sessions: PlannedSession[]; problem: string | null };

const WALL = "YYYY-MM-DDTHH:mm:ss";
const DAY = "YYYY-MM-DD";

/** Monday 0 .. Sunday 6 of a calendar day (`YYYY-MM-DD`). */
function weekdayIndex(day: dayjs.Dayjs): number {
  return (day.day() + 6) % 7;
}

function sortedDays(days: Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The days (`YYYY-MM-DD`) the rule yields from `first`, one more than allowed at most. */
function seriesDays(first: dayjs.Dayjs, recurrence: RecurrenceRule, weekdays: number[]): string[] {
  const interval = recurrence.interval ?? 1;
  const limit = recurrence.count != null ? Math.min(recurrence.count, MAX_SERIES_SESSIONS + 1) : MAX_SERIES_SESSIONS + 1;
  const until = recurrence.until ?? null;
  const days: string[] = [];
  const take = (day: dayjs.Dayjs): boolean => {
    const text = day.format(DAY);
    if (until !== null && text > until) return false;
    days.push(text);
    return days.length < limit;
  };
  if (recurrence.frequency === "DAILY") {
    for (let step = 0; ; step += 1) if (!take(first.add(step * interval, "day"))) return days;
  }
  const monday = first.subtract(weekdayIndex(first), "day");
  for (let week = 0; ; week += 1) {
    for (const index of weekdays) {
      const day = monday.add(week * interval * 7 + index, "day");
      if (day.isBefore(first)) continue;
      if (!take(day)) return days;
    }
  }
}

/**
 * The sessions a recurrence makes from the first session [startTime, endTime) on the site's calendar,
 * or the problem the API would answer with a 422 (none, more than 52, the first off the chosen days).
 */
export function seriesPreview(
  startTime: string,
  endTime: string,
  recurrence: RecurrenceRule,
  siteTimezone: string,
): SeriesPreview {
  const start = dayjs(startTime).tz(siteTimezone);
  const end = dayjs(endTime).tz(siteTimezone);
  if (!start.isValid() || !end.isValid() || !end.isAfter(start)) {
    return { sessions: [], problem: "The first session must end after it starts" };
  }
  if ((recurrence.interval ?? 1) < 1) return { sessions: [], problem: "Repeat every 1 or more days or weeks" };
  if (recurrence.count != null && recurrence.count < 1) return { sessions: [], problem: "Give a number of sessions" };
  if (recurrence.count == null && !recurrence.until) return { sessions: [], problem: "Give the last day" };
  const first = dayjs.utc(start.format(DAY));
  const clock = start.format("HH:mm:ss");
  const length = dayjs.utc(end.format(WALL)).diff(dayjs.utc(start.format(WALL)));
  const firstDay = WEEKDAYS[weekdayIndex(first)];
  const chosen = recurrence.frequency === "WEEKLY" ? sortedDays(recurrence.byWeekday?.length ? recurrence.byWeekday : [firstDay]) : [];
  if (recurrence.frequency === "WEEKLY" && !chosen.includes(firstDay)) {
    return { sessions: [], problem: `The first session (${WEEKDAY_LABELS[firstDay]}) must fall on one of the chosen days` };
  }
  const days = seriesDays(first, recurrence, chosen.map((day) => WEEKDAYS.indexOf(day)));
  if (days.length === 0) return { sessions: [], problem: "The recurrence yields no session" };
  if (days.length > MAX_SERIES_SESSIONS) {
    return { sessions: [], problem: `A series holds at most ${MAX_SERIES_SESSIONS} sessions; this one has more` };
  }
  const sessions = days.map((day) => {
    const wall = `${day}T${clock}`;
    return {
      startTime: dayjs.tz(wall, siteTimezone).format("YYYY-MM-DDTHH:mm:ssZ"),
      endTime: dayjs.tz(dayjs.utc(wall).add(length, "millisecond").format(WALL), siteTimezone).format("YYYY-MM-DDTHH:mm:ssZ"),
    };
  });
  return { sessions, problem: null };
}
