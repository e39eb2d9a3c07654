/** A trainer acting in the console sees their own sessions and nothing an admin-only call would refuse. */
import { expect, test } from "@playwright/test";
import { ADMIN_NAV, ConsolePage, FRANK_LABEL, TRAINER_NAV } from "./pages/console";
import { SessionPage } from "./pages/session";
import { TrainingApi } from "./support/api";

// What only an admin may do on a session or a library (the API refuses a trainer with 403).
const ADMIN_ACTIONS = /^(Schedule|New draft|Create|Edit|Add|Cancel session|Delete|Finalize Session|Verify|Reject)\b/;

test("A trainer sees no admin navigation and no admin action on their session", async ({ page, request }) => {
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 403) refused.push(`${response.request().method()} ${response.url()}`);
  });
  // The demo's H2S Awareness that has ended, Frank Miller's: an admin sees its scheduling form.
  const api = new TrainingApi(request);
  const h2s = await api.course("H2S-AW");
  const ended = await api.latestEndedSession(h2s.id); // the demo's (the flow's is older, and finalized)
  const session = new SessionPage(page);
  await session.open(ended.id);
  expect(await session.navLabels()).toEqual(ADMIN_NAV);
  await expect(page.getByRole("main").getByRole("button", { name: ADMIN_ACTIONS })).not.toHaveCount(0);

  // Acting as Frank, the same page shows the session and its class list, and no admin action.
  await session.actAs(FRANK_LABEL);
  await session.settled();
  expect(await session.navLabels()).toEqual(TRAINER_NAV);
  await expect(session.heading).toHaveText("H2S Awareness");
  await expect(session.classListHeading).toBeVisible();
  await expect(page.getByRole("heading", { name: "Schedule" })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button", { name: ADMIN_ACTIONS })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("textbox", { name: "Trainer" })).toHaveCount(0);

  // His own list has it, under Past (it has ended); an admin screen's address leads back to that list.
  const console = new ConsolePage(page);
  await console.navigate("My sessions");
  await page.getByRole("tab", { name: "Past" }).click();
  await expect(page.getByRole("tabpanel", { name: "Past" }).getByRole("link", { name: "H2S Awareness" }).first()).toBeVisible();
  await page.goto("/compliance");
  await expect(page).toHaveURL(/\/my-sessions$/);
  await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New draft" })).toHaveCount(0);
  expect(await console.navLabels()).toEqual(TRAINER_NAV);

  expect(refused).toEqual([]);
});
