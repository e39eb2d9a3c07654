/** Calendar feeds (issue 12): a trainer subscribes to their own sessions from "My sessions", an admin to a
 * worker's from the worker's page; each link is the local server's own and opens the feed, and a new link
 * revokes the old one. */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ConsolePage, FRANK_LABEL } from "./pages/console";
import { TrainingApi } from "./support/api";

async function issueLink(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(/revokes the previous one/)).toBeVisible();
  await dialog.getByRole("button", { name: /^(Create link|Issue a new link)$/ }).click();
  const field = dialog.getByRole("textbox", { name: "Subscription link" });
  await expect(field).toHaveValue(/\.ics\?token=/);
  return field.inputValue();
}

async function feed(request: APIRequestContext, link: string) {
  return request.get(link); // no identity: as a calendar app fetches it
}

test("A trainer subscribes to their sessions; a new link revokes the old one", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const console = new ConsolePage(page);
  await console.open("/my-sessions");
  await console.actAs(FRANK_LABEL);
  await console.settled();
  await page.getByRole("button", { name: "Subscribe to calendar" }).click();
  const dialog = page.getByRole("dialog", { name: "Calendar of Frank Miller's sessions" });
  const first = await issueLink(page);
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  await console.screenshot("calendar-subscribe");

  // The link is the local server's own, and opens Frank's feed: his sessions, H2S Awareness among them
  expect(new URL(first).origin).toBe(new URL(page.url()).origin);
  const opened = await feed(request, first);
  expect(opened.status()).toBe(200);
  expect(opened.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await opened.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("SUMMARY:H2S Awareness");

  // A new link: the old one is 404 from now on
  const second = await issueLink(page);
  expect(second).not.toBe(first);
  expect((await feed(request, first)).status()).toBe(404);
  expect((await feed(request, second)).status()).toBe(200);
});

test("An admin subscribes to a worker's sessions from the worker's page", async ({ page, request }) => {
  // A worker on one of Frank's class lists
  const api = new TrainingApi(request);
  const frank = await api.trainer("Miller");
  const sessions = await api.sessions({ trainerId: frank.id, status: "SCHEDULED" });
  const withClass = (await Promise.all(sessions.map((s) => api.session(s.id)))).find((s) => s.attendees.length > 0);
  expect(withClass, "a scheduled session of Frank's with a class list").toBeDefined();
  const worker = withClass!.attendees[0];

  const console = new ConsolePage(page);
  await console.open(`/personnel/${worker.personnelId}`);
  await page.getByRole("button", { name: "Subscribe to calendar" }).click();
  await expect(page.getByRole("dialog", { name: `Calendar of the sessions ${worker.firstName} ${worker.lastName} attends` })).toBeVisible();
  const link = await issueLink(page);
  const opened = await feed(request, link);
  expect(opened.status()).toBe(200);
  expect(await opened.text()).toContain(`UID:${withClass!.id}@titan-training`);
});
