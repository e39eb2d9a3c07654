/**
 * The Compliance screen's "Expiry alerts" panel on the demo data (the server's first daily run opens
 * them at start): the count and the list, a worker linked to their page, and an alert cleared as soon as
 * its worker is booked onto a session of the course.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { CompliancePage } from "./pages/compliance";

const HEADERS = { "X-Dev-User-Id": "demo-admin", "X-Dev-Groups": "hse-admin" };
const API = "/api/v1/training";

type Alerts = {
  total: number;
  items: { personnelId: string; firstName: string; lastName: string; courseId: string; courseName: string }[];
};

async function openAlerts(request: APIRequestContext): Promise<Alerts> {
  const response = await request.get(`${API}/alerts?limit=200`, { headers: HEADERS });
  expect(response.ok()).toBe(true);
  return (await response.json()) as Alerts;
}

test("Expiry alerts: the count and the list, a worker's link, and cleared by a booking", async ({ page, request }) => {
  // Given the demo data after the server's first expiry run (it runs as the server starts)
  await expect.poll(async () => (await openAlerts(request)).total, { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await openAlerts(request);
  const first = before.items[0];

  // When an admin opens Compliance
  const compliance = new CompliancePage(page);
  await compliance.open();

  // Then the panel shows the count and the soonest alerts, each worker linking to their page
  const panel = page.getByRole("region", { name: "Expiry alerts" });
  await expect(panel.getByLabel(`${before.total} open alert${before.total === 1 ? "" : "s"}`)).toHaveText(
    String(before.total),
  );
  const name = `${first.firstName} ${first.lastName}`;
  const row = panel.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row.first()).toContainText(first.courseName);
  expect(await compliance.seriousA11yViolations()).toEqual([]);
  await compliance.screenshot("expiry-alerts");

  // When that worker is booked onto a draft of the course
  const draft = await request.post(`${API}/sessions/draft`, { headers: HEADERS, data: { courseId: first.courseId } });
  const sessionId = ((await draft.json()) as { id: string }).id;
  const added = await request.post(`${API}/sessions/${sessionId}/attendees`, {
    headers: HEADERS,
    data: { personnelIds: [first.personnelId] },
  });
  expect(added.ok()).toBe(true);

  // Then, on reload, the alert is gone and the count is one less
  await compliance.open();
  await expect(panel.getByLabel(new RegExp(`^${before.total - 1} open alerts?$`))).toBeVisible();
  await expect(
    panel.getByRole("row").filter({ hasText: first.courseName }).filter({ has: page.getByRole("link", { name, exact: true }) }),
  ).toHaveCount(0);

  // And the worker's link opens their page
  const another = panel.getByRole("link").first();
  const anotherName = (await another.textContent()) ?? "";
  await another.click();
  await expect(page.getByRole("heading", { level: 1, name: anotherName })).toBeVisible();

  // (the draft goes, so later specs see the demo as it was)
  await request.delete(`${API}/sessions/${sessionId}`, { headers: HEADERS });
});
