/**
 * Every main screen as it is today: no serious or critical accessibility violation (axe-core, WCAG 2.1
 * A and AA), and its picture for the README (1280 px wide; a session and its attendance on a phone; see
 * ConsolePage.screenshot for where the pictures go). Files run in name order: this one first, so the
 * pictures show the demo data before other tests add to it; nothing here changes the data.
 */
import { expect, test } from "@playwright/test";
import { ConsolePage, FRANK_LABEL } from "./pages/console";
import { CompliancePage } from "./pages/compliance";
import { SessionPage } from "./pages/session";
import { TrainingApi } from "./support/api";

const ADMIN_SCREENS = [
  { screenshot: "sessions", path: "/sessions", heading: "Sessions" },
  { screenshot: "planner", path: "/planner", heading: "Planner" },
  { screenshot: "courses", path: "/courses", heading: "Courses" },
  { screenshot: "personnel", path: "/personnel", heading: "Personnel" },
  { screenshot: "trainers", path: "/trainers", heading: "Trainers" },
  { screenshot: "venues", path: "/venues", heading: "Venues" },
  { screenshot: "verification", path: "/verification", heading: "Verification" },
];

for (const screen of ADMIN_SCREENS) {
  test(`${screen.heading}: accessible, and pictured`, async ({ page }) => {
    const console = new ConsolePage(page);
    await console.open(screen.path);
    await expect(page.getByRole("heading", { level: 1, name: screen.heading })).toBeVisible();
    expect(await console.seriousA11yViolations()).toEqual([]);
    await console.screenshot(screen.screenshot);
  });
}

test("Compliance with a course's workers: accessible, and pictured", async ({ page }) => {
  const compliance = new CompliancePage(page);
  await compliance.open();
  expect(await compliance.seriousA11yViolations()).toEqual([]);
  await compliance.selectCourse("H2S Awareness");
  expect(await compliance.seriousA11yViolations()).toEqual([]);
  await compliance.screenshot("compliance");
});

/** The demo's First Aid at Work this week: 14 invited into a room for 12. */
async function firstAidSession(api: TrainingApi): Promise<string> {
  const course = await api.course("FAW-3D");
  const [session] = await api.sessions({ courseId: course.id, status: "SCHEDULED" });
  return session.id;
}

test("A session's page, as an admin: accessible, and pictured (and on a phone)", async ({ page, request }) => {
  const sessionId = await firstAidSession(new TrainingApi(request));
  const session = new SessionPage(page);
  await session.open(sessionId);
  await expect(session.heading).toHaveText("First Aid at Work");
  await expect(session.trainer).not.toHaveValue("");
  await expect(page.getByText("Venue Capacity Exceeded (14/12).").first()).toBeVisible();
  expect(await session.seriousA11yViolations()).toEqual([]);
  await session.screenshot("session", { fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(session.heading).toBeVisible();
  expect(await session.seriousA11yViolations()).toEqual([]);
  await session.screenshot("session-phone");
});

test("A worker's page (compliance items and training records): accessible, and pictured", async ({ page, request }) => {
  // One of last week's Working at Heights class (whom its finalize gave a training record) with an item
  // of another course that has lapsed: the page's every kind of badge.
  const api = new TrainingApi(request);
  const [completed] = await api.sessions({ courseId: (await api.course("WAH-01")).id, status: "COMPLETED" });
  let worker: Awaited<ReturnType<TrainingApi["session"]>>["attendees"][number] | undefined;
  for (const attendee of (await api.session(completed.id)).attendees) {
    if ((await api.complianceItems(attendee.personnelId)).some((item) => item.expired)) {
      worker = attendee;
      break;
    }
  }
  expect(worker, "a worker of the completed session with a lapsed item").toBeDefined();
  const console = new ConsolePage(page);
  await console.open(`/personnel/${worker!.personnelId}`);
  await expect(page.getByRole("heading", { level: 1, name: `${worker!.firstName} ${worker!.lastName}` })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Session of / }).first()).toBeVisible();
  await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("personnel-detail", { fullPage: true });
});

test("A trainer's page (qualifications and this week's sessions): accessible, and pictured", async ({ page, request }) => {
  const frank = await new TrainingApi(request).trainer("Miller");
  const console = new ConsolePage(page);
  await console.open(`/trainers/${frank.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Frank Miller" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Fire Warden").first()).toBeVisible();
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("trainer-detail", { fullPage: true });
});

test("A session that has started: attendance, the signed sheet and Finalize accessible; attendance pictured on a phone", async ({
  page,
  request,
}) => {
  // The demo's H2S Awareness that has ended, Frank Miller's, nobody marked yet.
  const api = new TrainingApi(request);
  const ended = await api.latestEndedSession((await api.course("H2S-AW")).id);
  const session = new SessionPage(page);
  await session.open(ended.id);
  await expect(session.attendance).toBeVisible();
  await expect(page.getByRole("button", { name: "Finalize Session" })).toBeVisible();
  expect(await session.seriousA11yViolations()).toEqual([]);

  // Its trainer, at the site, on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await session.actAs(FRANK_LABEL);
  await session.settled();
  await expect(session.heading).toHaveText("H2S Awareness");
  const [first] = (await api.session(ended.id)).attendees;
  await expect(session.attendee(`${first.firstName} ${first.lastName}`)).toBeVisible();
  expect(await session.seriousA11yViolations()).toEqual([]);
  await session.scrollToTop(session.attendance);
  await session.screenshot("attendance-phone");
});

test("A trainer's My sessions: accessible, and pictured", async ({ page }) => {
  const console = new ConsolePage(page);
  await console.open("/");
  await console.actAs(FRANK_LABEL);
  await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
  await console.settled();
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("my-sessions");
});
