import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";

dayjs.extend(utc);
dayjs.extend(timezone);

/** An instant as the site's wall-clock time, e.g. "Mon 23 Nov 2026, 09:00". */
export function formatInstant(iso: string | null | undefined, siteTimezone: string): string {
  if (!iso) return "—";
  return dayjs(iso).tz(siteTimezone).format("ddd D MMM YYYY, HH:mm");
}

/** A session's time range on the site's calendar. */
export function formatRange(start: string | null, end: string | null, siteTimezone: string): string {
  if (!start || !end) return "No time yet";
  const from = dayjs(start).tz(siteTimezone);
  const to = dayjs(end).tz(siteTimezone);
  const sameDay = from.format("YYYY-MM-DD") === to.format("YYYY-MM-DD");
  return `${from.format("ddd D MMM YYYY, HH:mm")}–${to.format(sameDay ? "HH:mm" : "ddd D MMM, HH:mm")}`;
}

/** The ISO week (`YYYY-Www`) an instant falls in on the site's calendar: the week of a trainer's load. */
export function isoWeekOf(iso: string, siteTimezone: string): string {
  const local = dayjs(iso).tz(siteTimezone);
  // ISO week: the week's Thursday decides the year.
  const day = (local.day() + 6) % 7; // Monday 0
  const thursday = dayjs.utc(local.format("YYYY-MM-DD")).add(3 - day, "day");
  const jan4 = dayjs.utc(`${thursday.year()}-01-04`);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, "day");
  const week = Math.floor(thursday.diff(week1Monday, "day") / 7) + 1;
  return `${thursday.year()}-W${String(week).padStart(2, "0")}`;
}

/** A `datetime-local` value (site wall-clock) as an ISO instant with its offset, e.g. `2026-11-23T09:00:00+04:00`. */
export function toInstant(local: string, siteTimezone: string): string | null {
  if (!local) return null;
  const value = dayjs.tz(local, siteTimezone);
  return value.isValid() ? value.format("YYYY-MM-DDTHH:mm:ssZ") : null;
}

/** An ISO instant as a `datetime-local` value on the site's calendar. */
export function toLocalInput(iso: string | null | undefined, siteTimezone: string): string {
  return iso ? dayjs(iso).tz(siteTimezone).format("YYYY-MM-DDTHH:mm") : "";
}
