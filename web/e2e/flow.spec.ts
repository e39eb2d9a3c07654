/**
 * The seeds' data flow in the browser, one step per test, in order (serial: each step starts from
 * where the one before left the session). Today the console plans and schedules; the next steps join
 * this file as further tests using the same page objects:
 *   - the smart picker adds 20 workers, red first, into the smaller room and shows the yellow alert
 *     "Venue Capacity Exceeded (20/12)." (a picker part for SessionPage);
 *   - Frank Miller (the trainer) marks 18 attended and passed and 2 no-shows, and uploads a PDF
 *     (local/attendance-sheet.pdf) (attendance and evidence parts);
 *   - the admin clicks "Finalize Session", sees 18 records, and those workers green in Compliance.
 * Attendance may only be marked once a session has started, so the flow's session takes place in a
 * past week (three weeks ago, a week the demo data leaves empty), as an admin records a session after
 * the fact.
 */
import { expect, test } from "@playwright/test";
import { CompliancePage } from "./pages/compliance";
import { SessionPage } from "./pages/session";
import { TrainingApi } from "./support/api";
import { at, iso, isoWeek, localInput, mondayOf } from "./support/dates";

test.describe.configure({ mode: "serial" });

const WEEK = mondayOf(-3);
const DAY = WEEK.add(2, "day"); // Wednesday
const SLOT = { start: at(DAY, "08:00"), end: at(DAY, "12:00") };
const SMALLER_ROOM = "Training Room B"; // 12 seats, for the 20 the picker will add

/** What the steps share: the session the flow is about. */
const flow = { sessionId: "" };

test("1. An admin starts a draft of H2S Awareness from Compliance", async ({ page }) => {
  const compliance = new CompliancePage(page);
  await compliance.open();
  await compliance.selectCourse("H2S Awareness");
  // The dashboard lists the course's red workers first: those the flow is for.
  const statuses = await compliance.workerStatuses();
  expect(statuses[0]).toBe("Non-compliant");
  expect(statuses.indexOf("Compliant")).toBeGreaterThan(statuses.lastIndexOf("Non-compliant"));
  flow.sessionId = await compliance.newDraft();

  const session = new SessionPage(page);
  await session.settled();
  await expect(session.heading).toHaveText("H2S Awareness");
  await session.expectStatus("DRAFT");
});

test("2. The admin schedules it with a qualified trainer, seeing each one's load that week", async ({ page, request }) => {
  test.skip(!flow.sessionId, "needs step 1");
  const api = new TrainingApi(request);
  // Frank Miller already teaches Fire Warden for 7.5 hours on the Tuesday of that week.
  const frank = await api.trainer("Miller");
  await api.scheduledSession((await api.course("FIRE-WD")).id, {
    trainerId: frank.id,
    venueId: (await api.venue("Fire Ground")).id,
    startTime: iso(at(WEEK.add(1, "day"), "08:00")),
    endTime: iso(at(WEEK.add(1, "day"), "15:30")),
  });

  const session = new SessionPage(page);
  await session.open(flow.sessionId);
  await session.setTimes({ start: localInput(SLOT.start), end: localInput(SLOT.end) });

  // The picker offers exactly the trainers qualified for H2S Awareness, each with that week's hours.
  const qualified = await api.qualifiedTrainers((await api.course("H2S-AW")).id, isoWeek(DAY));
  const labels = await session.trainerOptions();
  expect(labels).toContain("Frank Miller (7.5h booked this week)");
  expect(labels).toContain("Hannah Becker (0h booked this week)");
  expect([...labels].sort()).toEqual(
    qualified.map((t) => `${t.firstName} ${t.lastName} (${t.hoursBookedThisWeek}h booked this week)`).sort(),
  );

  await session.chooseTrainer("Frank Miller (7.5h booked this week)");
  await session.chooseVenue(`${SMALLER_ROOM} (capacity 12)`);
  await session.submitSchedule();
  await expect(page.getByText("Session scheduled")).toBeVisible();
  await session.expectStatus("SCHEDULED");

  const scheduled = await api.session(flow.sessionId);
  expect(scheduled).toMatchObject({
    status: "SCHEDULED",
    trainerId: frank.id,
    venueId: (await api.venue(SMALLER_ROOM)).id,
  });
  expect(Date.parse(scheduled.startTime!)).toBe(SLOT.start.valueOf());
  expect(Date.parse(scheduled.endTime!)).toBe(SLOT.end.valueOf());
});
