/**
 * The seeds' data flow in the browser, one step per test, in order (serial: each step starts from
 * where the one before left the session):
 *   1. an admin starts a draft of H2S Awareness from Compliance (red workers first);
 *   2. schedules it with a qualified trainer, seeing each one's load that week, in the smaller room;
 *   3. adds 20 workers from the smart picker, red first, seeing "Venue Capacity Exceeded (20/12).";
 *   4. Frank Miller (the trainer), on a phone, marks 18 attended and passed and 2 no-shows, and uploads
 *      the signed sheet (local/attendance-sheet.pdf);
 *   5. the admin clicks "Finalize Session", sees 18 records, and the session becomes read-only;
 *   6. those 18 workers are green for H2S Awareness in Compliance.
 * Attendance may only be marked once a session has started, so the flow's session takes place in a
 * past week (three weeks ago, a week the demo data leaves empty), as an admin records a session after
 * the fact.
 */
import { expect, test } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { FRANK_LABEL } from "./pages/console";
import { CompliancePage } from "./pages/compliance";
import { SessionPage } from "./pages/session";
import { TrainingApi } from "./support/api";
import { at, iso, isoWeek, localInput, mondayOf } from "./support/dates";

test.describe.configure({ mode: "serial" });

const WEEK = mondayOf(-3);
const DAY = WEEK.add(2, "day"); // Wednesday
const SLOT = { start: at(DAY, "08:00"), end: at(DAY, "12:00") };
const SMALLER_ROOM = "Training Room B"; // 12 seats, for the 20 the picker will add
const PICKED = 20;
const NO_SHOWS = 2;
const SIGNED_SHEET = fileURLToPath(new URL("../../local/attendance-sheet.pdf", import.meta.url));
const PHONE = { width: 390, height: 844 };

/** What the steps share: the session the flow is about, and who the picker added (names as shown). */
const flow = { sessionId: "", picked: [] as string[], noShows: [] as string[], statusBefore: {} as Record<string, string> };

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

test("3. The admin adds 20 workers from the smart picker, red first, past the room's 12 seats", async ({ page }) => {
  test.skip(!flow.sessionId, "needs step 2");
  const session = new SessionPage(page);
  await session.open(flow.sessionId);
  await expect(session.classListHeading).toHaveText("Class list (0 of 12)");

  // The ranking starts with the red (non-compliant) workers; the first 20 of it are picked.
  const picked = await session.selectTopWorkers(PICKED);
  const statuses = picked.map((worker) => worker.status);
  expect(statuses[0]).toBe("Non-compliant");
  expect(statuses.lastIndexOf("Non-compliant")).toBe(statuses.filter((s) => s === "Non-compliant").length - 1);
  flow.picked = picked.map((worker) => worker.name);
  flow.statusBefore = Object.fromEntries(picked.map((worker) => [worker.name, worker.status]));

  // 20 for 12 seats: the yellow alert, and Add stays enabled.
  await expect(session.pickerAlert).toHaveText("Venue Capacity Exceeded (20/12).");
  await expect(session.addButton).toBeEnabled();
  await session.pickerRows.first().scrollIntoViewIfNeeded(); // the list from its top: the red ones
  await session.scrollToTop(session.picker);
  await session.screenshot("flow-picker");

  await session.addSelected(PICKED);
  await expect(session.classListHeading).toHaveText("Class list (20 of 12)");
  await expect(page.getByRole("alert").filter({ hasText: /^Venue Capacity Exceeded \(20\/12\)\.$/ }).first()).toBeVisible();
  for (const name of flow.picked.slice(0, 3)) {
    await expect(page.getByRole("row").filter({ hasText: name }).first()).toBeVisible();
  }
});

test("4. Frank Miller, on a phone, marks 18 attended and passed and 2 no-shows, and uploads the signed sheet", async ({
  page,
}) => {
  test.skip(flow.picked.length !== PICKED, "needs step 3");
  await page.setViewportSize(PHONE);
  const session = new SessionPage(page);
  await session.open(flow.sessionId);
  await session.actAs(FRANK_LABEL);
  await session.settled();
  await expect(session.heading).toHaveText("H2S Awareness");
  await expect(session.picker).toHaveCount(0);

  // Everyone attended and passed, but the last two on the sheet did not come.
  await session.markAllAttendedPassed();
  const names = await session.attendance.getByRole("group").evaluateAll((cards) =>
    cards.map((card) => card.getAttribute("aria-label") ?? ""),
  );
  expect([...names].sort()).toEqual([...flow.picked].sort());
  flow.noShows = names.slice(-NO_SHOWS);
  for (const name of flow.noShows) await session.markNoShow(name);
  await session.attendee(flow.noShows[0]).scrollIntoViewIfNeeded();
  await session.screenshot("flow-attendance-phone");
  await session.saveAttendance("18 attended (18 passed, 0 failed), 2 no-shows, 0 not marked");

  await session.uploadSheet(SIGNED_SHEET);
  await expect(page.getByText("(the latest upload)")).toBeVisible();
  await session.scrollToTop(page.getByRole("heading", { name: "Signed attendance sheet" }));
  await session.screenshot("flow-upload-phone");
});

test("5. The admin finalizes: 18 records, and the session is read-only", async ({ page, request }) => {
  test.skip(flow.noShows.length !== NO_SHOWS, "needs step 4");
  const session = new SessionPage(page);
  await session.open(flow.sessionId);
  await session.finalize();
  await session.expectStatus("COMPLETED");
  await expect(session.recordsHeading).toHaveText("Records (18 training, 0 competency)");
  await expect(session.records.getByRole("row")).toHaveCount(1 + 18); // the header and one per attendee who came
  await expect(session.records.getByText(/^Compliant until /)).toHaveCount(18);
  for (const name of flow.noShows) await expect(session.records.getByRole("cell", { name, exact: true })).toHaveCount(0);

  // Read-only: no scheduling, no picker, no attendance, no cancel or delete; the sheet stays linked.
  const main = page.getByRole("main");
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await expect(session.attendance).toHaveCount(0);
  await expect(session.sheetLink).toBeVisible();
  expect(await session.seriousA11yViolations()).toEqual([]);
  await session.screenshot("flow-finalized", { fullPage: true });

  expect((await new TrainingApi(request).session(flow.sessionId)).status).toBe("COMPLETED");
});

test("6. In Compliance, the 18 who came are green for H2S Awareness", async ({ page }) => {
  test.skip(flow.noShows.length !== NO_SHOWS, "needs step 5");
  const compliance = new CompliancePage(page);
  await compliance.open();
  await compliance.selectCourse("H2S Awareness");
  const attended = flow.picked.filter((name) => !flow.noShows.includes(name));
  expect(attended).toHaveLength(18);
  for (const name of attended) {
    await expect(compliance.workerRow(name).getByText("Compliant", { exact: true })).toBeVisible();
  }
  // The two who did not come stand as they did when the picker offered them.
  for (const name of flow.noShows) {
    await expect(compliance.workerRow(name).locator("td").nth(2)).toHaveText(flow.statusBefore[name]);
  }
});

test("7. The admin reads the session's history: who changed it, when, and what", async ({ page }) => {
  test.skip(flow.noShows.length !== NO_SHOWS, "needs step 5");
  const session = new SessionPage(page);
  await session.open(flow.sessionId);
  const history = page.getByRole("table", { name: "History" });
  await history.scrollIntoViewIfNeeded();
  // Every change of the flow, one row each, newest first.
  const actions = history.locator("tbody tr").locator("td:nth-child(3) p:first-child");
  await expect(actions).toHaveText([
    "Finalize committed",
    "Finalize started",
    "Evidence upload requested",
    "Attendance marked",
    "Attendees added",
    "Scheduled",
    "Created",
  ]);
  // Frank marked the attendance and asked for the upload form; the admin did the rest.
  const row = (action: string) => history.locator("tbody tr").filter({ hasText: action });
  await expect(row("Attendance marked")).toContainText("demo-trainer-frank (trainer)");
  await expect(row("Attendance marked")).toContainText("20 people: 18 attended (18 passed, 0 failed), 2 no-show");
  await expect(row("Evidence upload requested")).toContainText("demo-trainer-frank (trainer)");
  await expect(row("Finalize committed")).toContainText("demo-admin (hse-admin)");
  await expect(row("Finalize committed")).toContainText("18 training records, 0 pending competencies, 2 no-shows");
  await expect(row("Scheduled")).toContainText(`Trainer: none → Frank Miller`);
  await expect(row("Attendees added")).toContainText(`${PICKED} people: `);
  expect(await session.seriousA11yViolations()).toEqual([]);
  await page.getByRole("heading", { name: "History" }).scrollIntoViewIfNeeded();
  await session.screenshot("session-history");
});
