import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { components } from "../../../api/schema";

dayjs.extend(utc);
dayjs.extend(timezone);

type Session = components["schemas"]["Session"];
type SessionStatus = components["schemas"]["SessionStatus"];

/*
 * Time zones on the grid. FullCalendar runs in its "UTC" zone and is fed the site's wall-clock times
 * (dayjs's timezone plugin does the conversion both ways, as shared/time.ts does). So a 09:00 session
 * in Europe/London sits at 09:00 in summer and in winter, the visible week is the site's Monday 00:00
 * to the next Monday 00:00 (167 or 169 hours in a DST week), and no named-zone plugin (luxon or
 * moment-timezone) is needed. Grid wall-clock strings carry no offset: "2026-11-23T09:00:00".
 */
const WALL = "YYYY-MM-DDTHH:mm:ss";

/** An instant as a wall-clock string on the site's calendar, for the grid. */
export function toWallClock(iso: string, siteTimezone: string): string {
  return dayjs(iso).tz(siteTimezone).format(WALL);
}

/** A date the grid gives back (its "UTC" stands for the site's wall clock) as an instant with the site's offset. */
export function gridDateToInstant(date: Date, siteTimezone: string): string {
  return dayjs.tz(dayjs.utc(date).format(WALL), siteTimezone).format("YYYY-MM-DDTHH:mm:ssZ");
}

/** "Now" on the site's calendar, for the grid's today button and now line. */
export function siteNow(now: Date, siteTimezone: string): string {
  return dayjs(now).tz(siteTimezone).format(WALL);
}

/**
 * The instants bounding what the grid shows ([from, to), as `GET /sessions?from=&to=` takes them):
 * the grid's visible start and end (its dates, the site's midnights) with the site's offset.
 */
export function visibleRange(start: Date, end: Date, siteTimezone: string): { from: string; to: string } {
  return { from: gridDateToInstant(start, siteTimezone), to: gridDateToInstant(end, siteTimezone) };
}

/** The ISO week (Monday to Monday) holding a site calendar day (`YYYY-MM-DD`), as instants. */
export function weekRange(day: string, siteTimezone: string): { from: string; to: string } {
  const date = dayjs.utc(day);
  const monday = date.subtract((date.day() + 6) % 7, "day");
  const at = (d: dayjs.Dayjs) => dayjs.tz(d.format("YYYY-MM-DD") + "T00:00:00", siteTimezone).format("YYYY-MM-DDTHH:mm:ssZ");
  return { from: at(monday), to: at(monday.add(7, "day")) };
}

/** Colours keep white (or the draft's blue) text at WCAG AA contrast (4.5:1) at the grid's small size. */
/** How a status looks on the grid and in the legend. */
export type StatusStyle = {
  label: string;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  borderStyle: "solid" | "dashed";
  /** CSS class for what inline colours cannot say: stripes, strike-through. */
  className: string;
};

const STYLES: Record<SessionStatus, StatusStyle> = {
  // Tentative: light, striped, dashed outline.
  DRAFT: { label: "Draft", backgroundColor: "#e7f5ff", borderColor: "#1c7ed6", textColor: "#1864ab", borderStyle: "dashed", className: "planner-draft" },
  SCHEDULED: { label: "Scheduled", backgroundColor: "#1971c2", borderColor: "#1864ab", textColor: "#ffffff", borderStyle: "solid", className: "planner-scheduled" },
  FINALIZING: { label: "Finalizing", backgroundColor: "#7048e8", borderColor: "#5f3dc4", textColor: "#ffffff", borderStyle: "solid", className: "planner-finalizing" },
  COMPLETED: { label: "Completed", backgroundColor: "#237032", borderColor: "#1b5e28", textColor: "#ffffff", borderStyle: "solid", className: "planner-completed" },
  // Greyed and struck through.
  CANCELLED: { label: "Cancelled", backgroundColor: "#e9ecef", borderColor: "#adb5bd", textColor: "#495057", borderStyle: "solid", className: "planner-cancelled" },
};

/** The legend's order. */
export const LEGEND_STATUSES: SessionStatus[] = ["DRAFT", "SCHEDULED", "FINALIZING", "COMPLETED", "CANCELLED"];

export function statusStyle(status: SessionStatus): StatusStyle {
  return STYLES[status];
}

export type PlannerEvent = {
  id: string;
  title: string;
  start: string;
  end: string;
  url: string;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
};

/** A session as a grid event (sessions without a time have no place on the grid: null). */
export function toEvent(session: Session, title: string, siteTimezone: string): PlannerEvent | null {
  if (!session.startTime || !session.endTime) return null;
  const style = statusStyle(session.status);
  return {
    id: session.id,
    title: `${title} (${style.label})`,
    start: toWallClock(session.startTime, siteTimezone),
    end: toWallClock(session.endTime, siteTimezone),
    url: `/sessions/${session.id}`,
    backgroundColor: style.backgroundColor,
    borderColor: style.borderColor,
    textColor: style.textColor,
    classNames: [style.className],
  };
}

/** The grid's hours: 07:00 to 19:00, widened to whole hours to hold every event (all day if one runs past midnight). */
export function gridHours(events: { start: string; end: string }[]): { slotMinTime: string; slotMaxTime: string } {
  let first = 7;
  let last = 19;
  for (const event of events) {
    const start = dayjs.utc(event.start);
    const end = dayjs.utc(event.end);
    if (end.format("YYYY-MM-DD") !== start.format("YYYY-MM-DD") && end.diff(end.startOf("day")) > 0) {
      return { slotMinTime: "00:00:00", slotMaxTime: "24:00:00" };
    }
    first = Math.min(first, start.hour());
    last = Math.max(last, end.minute() > 0 || end.second() > 0 ? end.hour() + 1 : end.hour() || 24);
  }
  const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00:00`;
  return { slotMinTime: hh(first), slotMaxTime: hh(last) };
}
