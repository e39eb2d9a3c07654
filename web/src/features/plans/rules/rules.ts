import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import type { components } from "../../../api/schema";
import { toWallClock } from "../../planner/rules/rules";

dayjs.extend(utc);
dayjs.extend(timezone);

export type PlanView = components["schemas"]["PlanView"];
export type PlanRequest = components["schemas"]["PlanRequest"];
export type ProposedSession = components["schemas"]["ProposedSessionView"];
export type UncoveredWorker = components["schemas"]["UncoveredWorker"];
export type UncoveredReason = components["schemas"]["UncoveredReason"];
export type Urgency = components["schemas"]["Urgency"];
export type Coverage = components["schemas"]["Coverage"];

/** The plan form's values, as the person typed them (site wall clock, site calendar). */
export type PlanForm = {
  startDate: string;
  weeks: number;
  maxTrainerHoursPerWeek: number;
  minClassSize: number;
  dayStart: string;
  dayEnd: string;
  timeLimitSeconds: number;
  /** Empty: every course with due workers (the API's default). */
  courseIds: string[];
};

export const WEEKS = { min: 1, max: 12 };
/** The API's own default, for a course without durationMinutes (the form does not ask). */
const DEFAULT_SESSION_MINUTES = 240;

/** The next Monday after today on the site's calendar (`YYYY-MM-DD`): a plan's default first day. */
export function nextMonday(now: Date, siteTimezone: string): string {
  const today = dayjs.utc(dayjs(now).tz(siteTimezone).format("YYYY-MM-DD"));
  const daysToMonday = 7 - ((today.day() + 6) % 7); // Monday 0 .. Sunday 6: always ahead, 1 to 7 days
  return today.add(daysToMonday, "day").format("YYYY-MM-DD");
}

export function defaultForm(now: Date, siteTimezone: string): PlanForm {
  return {
    startDate: nextMonday(now, siteTimezone),
    weeks: 4,
    maxTrainerHoursPerWeek: 20,
    minClassSize: 3,
    dayStart: "08:00",
    dayEnd: "17:00",
    timeLimitSeconds: 20,
    courseIds: [],
  };
}

/** The form as `POST /plans` takes it (no `courseIds` when every course is meant). */
export function planRequest(form: PlanForm): PlanRequest {
  return {
    startDate: form.startDate,
    weeks: form.weeks,
    ...(form.courseIds.length > 0 ? { courseIds: form.courseIds } : {}),
    constraints: {
      dayStart: form.dayStart,
      dayEnd: form.dayEnd,
      maxTrainerHoursPerWeek: form.maxTrainerHoursPerWeek,
      minClassSize: form.minClassSize,
      timeLimitSeconds: form.timeLimitSeconds,
      defaultSessionMinutes: DEFAULT_SESSION_MINUTES,
    },
  };
}

/** TanStack Query's refetchInterval for a plan: every second while it is computed, then never. */
export function pollInterval(plan: Pick<PlanView, "status"> | undefined): number | false {
  return plan === undefined || plan.status === "RUNNING" ? 1000 : false;
}

/** Colours for course blocks: white text on each at WCAG AA contrast (4.5:1) or better. */
export const COURSE_PALETTE = [
  "#1864ab", // blue
  "#a61e4d", // crimson
  "#237032", // green
  "#5f3dc4", // violet
  "#c92a2a", // red
  "#0b7285", // teal
  "#862e9c", // grape
  "#b23b00", // orange
  "#364fc7", // indigo
  "#4b6e0a", // olive
  "#495057", // grey
  "#087f5b", // jade
];

export type CourseColor = { courseId: string; courseName: string; color: string };

/**
 * One colour per course of a plan, stable for the plan (courses in name order, then id, take the palette
 * in turn), so the grid's blocks, the legend and the class lists agree.
 */
export function courseColors(sessions: Pick<ProposedSession, "courseId" | "courseName">[]): CourseColor[] {
  const names = new Map<string, string>();
  for (const s of sessions) if (!names.has(s.courseId)) names.set(s.courseId, s.courseName || s.courseId);
  return [...names.entries()]
    .sort(([idA, a], [idB, b]) => a.localeCompare(b) || idA.localeCompare(idB))
    .map(([courseId, courseName], index) => ({
      courseId,
      courseName,
      color: COURSE_PALETTE[index % COURSE_PALETTE.length],
    }));
}

export type ProposalEvent = {
  /** The session's position in the plan (what `accept` takes), as a string. */
  id: string;
  title: string;
  start: string;
  end: string;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
};

/** A proposed session's block: the course's colour, its name, trainer, venue and class size. */
export function proposalEvents(sessions: ProposedSession[], colors: CourseColor[], siteTimezone: string): ProposalEvent[] {
  const colorOf = new Map(colors.map((c) => [c.courseId, c.color]));
  return sessions.map((s, position) => {
    const color = colorOf.get(s.courseId) ?? COURSE_PALETTE[0];
    return {
      id: String(position),
      title: `${s.courseName || s.courseId} · ${s.trainerName || s.trainerId} · ${s.venueName || s.venueId} · ${classSize(s)}`,
      start: toWallClock(s.startTime, siteTimezone),
      end: toWallClock(s.endTime, siteTimezone),
      backgroundColor: color,
      borderColor: color,
      textColor: "#ffffff",
      classNames: ["plan-proposed"],
    };
  });
}

export function classSize(session: Pick<ProposedSession, "personnelIds">): string {
  const n = session.personnelIds.length;
  return `${n} ${n === 1 ? "worker" : "workers"}`;
}

/** The Mondays (`YYYY-MM-DD`) of the weeks the horizon touches: the grid shows one at a time. */
export function horizonWeeks(startDate: string, weeks: number): string[] {
  const start = dayjs.utc(startDate);
  const last = start.add(weeks * 7 - 1, "day");
  const mondayOf = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, "day");
  const out: string[] = [];
  for (let monday = mondayOf(start); !monday.isAfter(last); monday = monday.add(7, "day")) {
    out.push(monday.format("YYYY-MM-DD"));
  }
  return out;
}

const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/** FullCalendar's hidden days (0 Sunday .. 6 Saturday): those not among the plan's teaching days. */
export function hiddenDays(weekdays: string[] | undefined): number[] {
  const teaching = weekdays && weekdays.length > 0 ? weekdays : ["MO", "TU", "WE", "TH", "FR"];
  return BYDAY.flatMap((code, day) => (teaching.includes(code) ? [] : [day]));
}

/** The grid's hours: the plan's teaching hours (whole hours around them). */
export function teachingHours(dayStart = "08:00", dayEnd = "17:00"): { slotMinTime: string; slotMaxTime: string } {
  const [startHour] = dayStart.split(":").map(Number);
  const [endHour, endMinute] = dayEnd.split(":").map(Number);
  const last = endMinute > 0 ? endHour + 1 : endHour;
  const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00:00`;
  return { slotMinTime: hh(startHour), slotMaxTime: hh(Math.max(last, startHour + 1)) };
}

const REASONS: Record<UncoveredReason, string> = {
  NO_QUALIFIED_TRAINER: "No qualified trainer",
  NO_VENUE: "No venue for the smallest class",
  BELOW_MIN_CLASS_SIZE: "Too few due for a class",
  NO_TRAINER_HOURS_BEFORE_DUE: "No free trainer hours before the due date",
  LONGER_THAN_TEACHING_DAY: "Longer than a teaching day (multi-day courses are not planned)",
};

export function reasonLabel(reason: UncoveredReason): string {
  return REASONS[reason] ?? reason;
}

const URGENCY_ORDER: Record<Urgency, number> = { RED: 0, YELLOW: 1, EXPIRING: 2 };
const URGENCY_STYLE: Record<Urgency, { label: string; color: string }> = {
  RED: { label: "Red", color: "red" },
  YELLOW: { label: "Yellow", color: "yellow" },
  EXPIRING: { label: "Expiring", color: "orange" },
};

export function urgencyBadge(urgency: Urgency | null | undefined): { label: string; color: string } {
  return urgency ? URGENCY_STYLE[urgency] : { label: "Due", color: "gray" };
}

/** The uncovered workers as listed: red first, then yellow, then expiring; by course, then name. */
export function sortUncovered(
  uncovered: UncoveredWorker[],
  courseName: (courseId: string) => string,
): (UncoveredWorker & { courseName: string })[] {
  const rank = (u: UncoveredWorker) => (u.urgency ? URGENCY_ORDER[u.urgency] : 3);
  return uncovered
    .map((u) => ({ ...u, courseName: courseName(u.courseId) }))
    .sort((a, b) => rank(a) - rank(b) || a.courseName.localeCompare(b.courseName) || (a.name ?? "").localeCompare(b.name ?? ""));
}

/** The plan's summary, line by line. */
export function summaryLines(plan: Pick<PlanView, "coverage" | "optimal">): string[] {
  const c = plan.coverage;
  if (!c) return [];
  const hours = Number.isInteger(c.trainerHours) ? String(c.trainerHours) : c.trainerHours.toFixed(1);
  return [
    `${c.covered} of ${c.due} due workers covered (${c.red} red, ${c.yellow} yellow, ${c.expiring} expiring)`,
    `${c.sessions} ${c.sessions === 1 ? "session" : "sessions"}, ${hours} trainer hours`,
    plan.optimal ? "Proven optimal" : "Best found in time",
  ];
}

/** `POST /plans/{planId}/accept`'s body: nothing for every session, else the chosen positions in order. */
export function acceptBody(chosen: ReadonlySet<number>, total: number): { sessions?: number[] } {
  if (chosen.size === total) return {};
  return { sessions: [...chosen].sort((a, b) => a - b) };
}

export function acceptedText(count: number): string {
  return `${count} draft ${count === 1 ? "session" : "sessions"} created`;
}
