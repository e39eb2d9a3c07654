import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";

dayjs.extend(utc);
dayjs.extend(timezone);

export type SessionWindow = "upcoming" | "past";

/**
 * "My sessions" split at the start of today on the site's calendar, as `GET /sessions` filters by
 * start time: today's sessions (one under way included, when the trainer marks attendance) stay under
 * "Upcoming" until the day is over; "Past" holds the ones that started before today.
 */
export function windowQuery(window: SessionWindow, now: Date, siteTimezone: string): { from?: string; to?: string } {
  const startOfToday = dayjs(now).tz(siteTimezone).startOf("day").format("YYYY-MM-DDTHH:mm:ssZ");
  return window === "upcoming" ? { from: startOfToday } : { to: startOfToday };
}
