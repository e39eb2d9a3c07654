import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { PersonnelDetailPage } from "./PersonnelDetailPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const WORKER = {
  id: "p1", firstName: "Ali", lastName: "Hassan", email: "ali@example.com", employeeNo: "E001", active: true,
  createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z",
};
const item = (courseId: string, status: string, expiryDate: string | null, expired = false) => ({
  personnelId: "p1", courseId, status, recordedStatus: status, expiryDate, expired, updatedAt: "2026-11-01T00:00:00Z",
});
const COMPLIANCE = {
  items: [
    item("c1", "NON_COMPLIANT", "2026-11-01", true),
    item("c2", "COMPLIANT", "2026-12-10"),
    item("c3", "COMPLIANT", "2028-01-01"),
    item("c4", "PENDING", null),
  ],
  nextToken: "page2",
};
const RECORDS = {
  items: [
    { id: "r1", personnelId: "p1", courseId: "c2", sessionId: "s9", trainerId: "t1", result: "PASSED",
      completedAt: "2025-12-10T12:00:00Z", completionDate: "2025-12-10", expiryDate: "2026-12-10",
      evidenceFileKey: "k", createdById: "demo-admin", createdAt: "2025-12-10T13:00:00Z" },
    { id: "r2", personnelId: "p1", courseId: "c1", sessionId: "s8", trainerId: "t1", result: "FAILED",
      completedAt: "2025-11-01T12:00:00Z", completionDate: "2025-11-01", expiryDate: null,
      evidenceFileKey: "k", createdById: "demo-admin", createdAt: "2025-11-01T13:00:00Z" },
  ],
};
const COURSES = {
  items: [
    { id: "c1", name: "H2S Awareness" }, { id: "c2", name: "Fire Warden" },
    { id: "c3", name: "First Aid at Work" }, { id: "c4", name: "Confined Space Entry" },
  ],
};
const SUMMARY = { today: "2026-11-30", expiryWarningDays: 60, items: [] };

function renderAt(path: string) {
  renderRoutes(path, { "/personnel/:personnelId": <PersonnelDetailPage /> });
}

describe("the worker detail", () => {
  let requests: Request[];
  let routes: Record<string, () => Response>;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    routes = {
      "/personnel/p1": () => json(WORKER),
      "/personnel/p1/compliance": () => json(COMPLIANCE),
      "/personnel/p1/training-records": () => json(RECORDS),
      "/courses": () => json(COURSES),
      "/compliance/summary": () => json(SUMMARY),
    };
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      const route = routes[path];
      return route ? route() : json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the worker, their compliance per course and their training records", async () => {
    // Given a worker with four compliance items and two records
    renderAt("/personnel/p1");
    // Then their fields show
    expect(await screen.findByRole("heading", { name: "Ali Hassan" })).toBeInTheDocument();
    expect(screen.getByText("E001")).toBeInTheDocument();
    expect(screen.getByText("ali@example.com")).toBeInTheDocument();

    // And each compliance item has the picker's badge, its expiry and the expiring flag
    const compliance = (await screen.findByRole("heading", { name: "Compliance" })).closest("div")!;
    const row = async (course: string) => (await within(compliance).findByText(course)).closest("tr")!;
    const h2s = await row("H2S Awareness");
    expect(within(h2s).getByText("Non-compliant")).toBeInTheDocument();
    expect(within(h2s).getByText("2026-11-01")).toBeInTheDocument();
    expect(within(h2s).getByText("Expired")).toBeInTheDocument();
    const fire = await row("Fire Warden");
    expect(within(fire).getByText("Expiring 2026-12-10")).toBeInTheDocument();
    expect(within(fire).getByText("Expiring")).toBeInTheDocument();
    const firstAid = await row("First Aid at Work");
    expect(within(firstAid).getByText("Compliant")).toBeInTheDocument();
    expect(within(firstAid).getByText("No")).toBeInTheDocument();
    expect(within(await row("Confined Space Entry")).getByText("Pending")).toBeInTheDocument();
    // and the items page
    expect(within(compliance).getByRole("button", { name: "Next" })).toBeEnabled();

    // And the training records show course, session link, completion, result and expiry
    const records = screen.getByRole("heading", { name: "Training records" }).closest("div")!;
    const passed = (await within(records).findByText("2025-12-10")).closest("tr")!;
    expect(within(passed).getByText("Fire Warden")).toBeInTheDocument();
    expect(within(passed).getByText("Passed")).toBeInTheDocument();
    expect(within(passed).getByText("2026-12-10")).toBeInTheDocument();
    expect(within(passed).getByRole("link", { name: /Session of 2025-12-10/ })).toHaveAttribute("href", "/sessions/s9");
    const failed = within(records).getByText("2025-11-01").closest("tr")!;
    expect(within(failed).getByText("Failed")).toBeInTheDocument();
    expect(within(failed).getByText("none")).toBeInTheDocument();
  });

  it("pages the training records, 50 a page, newest first as the API gives them", async () => {
    // Given a worker whose records take two pages
    routes["/personnel/p1/training-records"] = () => {
      const query = new URL(requests.at(-1)!.url, "http://localhost").searchParams;
      return query.get("nextToken") === "rpage2"
        ? json({ items: [RECORDS.items[1]], nextToken: null })
        : json({ items: [RECORDS.items[0]], nextToken: "rpage2" });
    };
    renderAt("/personnel/p1");
    const records = (await screen.findByRole("heading", { name: "Training records" })).closest("div")!;
    // Then the first page shows the newer record, asked for 50 at a time
    expect(await within(records).findByText("2025-12-10")).toBeInTheDocument();
    expect(within(records).queryByText("2025-11-01")).not.toBeInTheDocument();
    const first = requests.find((r) => r.url.includes("/training-records"))!;
    expect(new URL(first.url).searchParams.get("limit")).toBe("50");
    // When the next page is asked for
    await userEvent.click(within(records).getByRole("button", { name: "Next" }));
    // Then it shows the older record, and there is no further page
    expect(await within(records).findByText("2025-11-01")).toBeInTheDocument();
    expect(within(records).getByText("Page 2")).toBeInTheDocument();
    expect(within(records).getByRole("button", { name: "Next" })).toBeDisabled();
  });

  it("shows the API's message when a call fails", async () => {
    // Given the worker is unknown and their records cannot be read
    routes["/personnel/p1"] = () => json({ statusCode: 404, error: "Not Found", message: "Personnel p1 not found" }, 404);
    routes["/personnel/p1/training-records"] = () =>
      json({ statusCode: 403, error: "Forbidden", message: "Only an hse-admin may read records" }, 403);
    renderAt("/personnel/p1");
    // Then each failure shows in the API's words
    expect(await screen.findByText("Personnel p1 not found")).toBeInTheDocument();
    expect(await screen.findByText("Only an hse-admin may read records")).toBeInTheDocument();
  });
});
