/**
 * Every main screen as it is today: no serious or critical accessibility violation (axe-core, WCAG 2.1
 * A and AA), and its picture in docs/screenshots/ for the README (1280 px wide; a session on a phone).
 * Files run in name order: this one first, so the pictures show the demo data before other tests add to it.
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

test("A trainer's My sessions: accessible, and pictured", async ({ page }) => {
  const console = new ConsolePage(page);
  await console.open("/");
  await console.actAs(FRANK_LABEL);
  await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
  await console.settled();
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("my-sessions");
});
