/**
 * "Plan" from Compliance (issue 13): an admin asks for a proposal over the demo data, reads it on the
 * week grid (sessions coloured by course, the uncovered listed red first), opens a class list, accepts
 * it, and finds the drafts in the Planner.
 */
import { expect, test } from "@playwright/test";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { CompliancePage } from "./pages/compliance";
import { ConsolePage } from "./pages/console";
import { TrainingApi } from "./support/api";
import { mondayOf } from "./support/dates";

dayjs.extend(utc);

test("An admin proposes a plan from Compliance, reads it on the week grid and accepts it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const compliance = new CompliancePage(page);
  await compliance.open();
  await page.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan" })).toBeVisible();

  // The form's defaults: the next Monday (the e2e site is on UTC), four weeks.
  const nextMonday = mondayOf(1).format("YYYY-MM-DD");
  await expect(page.getByLabel("Start date")).toHaveValue(nextMonday);
  await expect(page.getByRole("textbox", { name: "Weeks" })).toHaveValue("4");
  // A short search: the demo site is small.
  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("textbox", { name: "Time limit (seconds)" }).fill("5");
  await page.getByRole("button", { name: "Propose plan" }).click();

  // Computed in the background: the console polls until it is done ("Computing the plan…" meanwhile,
  // too briefly on this small site to assert here; the Vitest test of the screen checks it).
  await expect(page.getByRole("heading", { name: "Proposal" })).toBeVisible({ timeout: 60_000 });
  const summary = page.getByRole("list", { name: "Summary" });
  await expect(summary).toContainText(/\d+ of \d+ due workers covered/);
  await expect(summary).toContainText(/Proven optimal|Best found in time/);

  // The sessions as blocks on the grid (the first week holds the earliest), one legend entry per course.
  const rows = page.getByRole("table").first().getByRole("row");
  const proposed = (await rows.count()) - 1;
  expect(proposed).toBeGreaterThan(0);
  const blocks = page.locator(".fc-event.plan-proposed");
  await expect(blocks.first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Courses" }).getByRole("listitem")).not.toHaveCount(0);

  // The uncovered, red first, each with a reason in plain words (or everyone covered).
  const uncoveredHeading = page.getByRole("heading", { name: /^Uncovered workers \(\d+\)$/ });
  await expect(uncoveredHeading).toBeVisible();
  const uncovered = page.getByRole("table", { name: "Uncovered workers" });
  if ((await uncovered.count()) > 0) {
    const urgencies = (await uncovered.getByRole("row").locator("td:nth-child(2)").allTextContents()).map((t) => t.trim());
    const rank = (u: string) => ["Red", "Yellow", "Expiring"].indexOf(u);
    expect(urgencies.map(rank)).toEqual([...urgencies.map(rank)].sort((a, b) => a - b));
    await expect(uncovered.getByRole("row").nth(1)).toContainText(
      /No qualified trainer|No venue for the smallest class|Too few due for a class|No free trainer hours before the due date|Longer than a teaching day/,
    );
  } else {
    await expect(page.getByText("Every due worker is covered.")).toBeVisible();
  }

  const console = new ConsolePage(page);
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("plan-proposal", { fullPage: true });

  // A block opens its class list: names with their urgency.
  await blocks.first().click();
  const classList = page.getByRole("dialog");
  await expect(classList.getByRole("list", { name: "Class list" }).getByRole("listitem").first()).toContainText(/Red|Yellow|Expiring/);
  await console.screenshot("plan-class-list");
  await page.keyboard.press("Escape");
  await expect(classList).toHaveCount(0);

  // Accept every session: the drafts, linked, and in the Planner.
  await page.getByRole("button", { name: "Accept", exact: true }).click();
  const done = page.getByRole("alert", { name: /draft sessions? created/ });
  await expect(done).toContainText(`${proposed} draft ${proposed === 1 ? "session" : "sessions"} created`);
  await console.screenshot("plan-accepted", { fullPage: true });
  const drafts = await done.getByRole("link").filter({ hasNotText: "Open the Planner" }).all();
  expect(drafts).toHaveLength(proposed);
  const firstDraft = (await drafts[0].getAttribute("href"))!.split("/").pop()!;
  const draft = await new TrainingApi(request).session(firstDraft);
  expect(draft).toMatchObject({ status: "DRAFT", planId: expect.any(String) });

  await done.getByRole("link", { name: "Open the Planner" }).click();
  await console.settled();
  await expect(page.getByRole("heading", { level: 1, name: "Planner" })).toBeVisible();
  // The first draft in its week (the plan starts next week), linked to its page.
  const weeksAhead = dayjs.utc(draft.startTime!).diff(mondayOf(0), "week");
  for (let week = 0; week < weeksAhead; week++) await page.getByRole("button", { name: "Next week" }).click();
  await expect(page.locator(`a[href="/sessions/${firstDraft}"]`)).toContainText("(Draft)");
});
