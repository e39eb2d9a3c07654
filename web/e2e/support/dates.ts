/** Days and times of the tests, on the site's calendar (the e2e server runs with SITE_TIMEZONE=UTC). */
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

/** Monday 00:00 UTC of the ISO week `weeks` away from this one (negative: in the past). */
export function mondayOf(weeks: number): Dayjs {
  const today = dayjs.utc().startOf("day");
  return today.subtract((today.day() + 6) % 7, "day").add(weeks, "week");
}

/** A wall-clock time on a day, e.g. at(monday.add(2, "day"), "09:30"). */
export function at(day: Dayjs, time: string): Dayjs {
  const [hours, minutes] = time.split(":").map(Number);
  return day.hour(hours).minute(minutes).second(0).millisecond(0);
}

/** What a `datetime-local` input takes: `2026-11-23T09:00`. */
export function localInput(instant: Dayjs): string {
  return instant.format("YYYY-MM-DDTHH:mm");
}

/** How the console writes an instant (shared/time.ts formatInstant): `Mon 23 Nov 2026, 09:00`. */
export function shown(instant: Dayjs): string {
  return instant.format("ddd D MMM YYYY, HH:mm");
}

/** The ISO week (`2026-W48`) of a day. */
export function isoWeek(day: Dayjs): string {
  const thursday = day.add(3 - ((day.day() + 6) % 7), "day");
  const jan4 = dayjs.utc(`${thursday.year()}-01-04`);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, "day");
  const week = Math.floor(thursday.startOf("day").diff(week1Monday, "day") / 7) + 1;
  return `${thursday.year()}-W${String(week).padStart(2, "0")}`;
}

export function iso(instant: Dayjs): string {
  return instant.utc().format("YYYY-MM-DDTHH:mm:ss[Z]");
}
