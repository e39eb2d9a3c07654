import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { CompliancePage } from "./CompliancePage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const SUMMARY = {
  today: "2026-11-30",
  expiryWarningDays: 30,
  items: [
    { courseId: "c1", courseName: "H2S Awareness", courseCode: "H2S-AW", red: 3, yellow: 2, expiring: 1, green: 14, total: 20 },
    { courseId: "c2", courseName: "Confined Space", courseCode: "CSE", red: 0, yellow: 0, expiring: 0, green: 5, total: 5 },
  ],
};
const WORKERS = {
  items: [
    { personnelId: "p1", firstName: "Ali", lastName: "Hassan", employeeNo: "E001", complianceStatus: "NON_COMPLIANT", expiryDate: null, group: 1 },
    { personnelId: "p2", firstName: "Maria", lastName: "Lopez", employeeNo: "E002", complianceStatus: "COMPLIANT", expiryDate: "2026-12-10", group: 3 },
  ],
  nextToken: "page2",
};
const DRAFT = {
  id: "s42", courseId: "c1", status: "DRAFT", trainerId: null, venueId: null, startTime: null, endTime: null,
  createdById: "demo-admin", createdAt: "2026-11-30T00:00:00Z", updatedAt: "2026-11-30T00:00:00Z", warnings: [],
};

describe("the compliance dashboard", () => {
  let requests: Request[];
  let bodies: Record<string, unknown>;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    bodies = {};
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      if (path === "/compliance/summary") return json(SUMMARY);
      if (path === "/alerts") return json({ items: [], nextToken: null, total: 0, today: "2026-11-30" });
      if (path === "/courses/c1/workers") return json(WORKERS);
      if (path === "/sessions/draft" && request.method === "POST") {
        bodies[path] = await request.clone().json();
        return json(DRAFT, 201);
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the counts per course, a course's workers, and starts a draft for it", async () => {
    // Given an admin on the compliance dashboard
    renderRoutes("/compliance", { "/compliance": <CompliancePage />, "/sessions/:sessionId": <p>session page</p> });
    // Then each course shows its red, yellow, expiring and green counts
    const h2s = (await screen.findByRole("button", { name: "H2S Awareness" })).closest("tr")!;
    expect(within(h2s).getByText("3 red")).toBeInTheDocument();
    expect(within(h2s).getByText("2 yellow")).toBeInTheDocument();
    expect(within(h2s).getByText("1 expiring")).toBeInTheDocument();
    expect(within(h2s).getByText("14 green")).toBeInTheDocument();
    const cse = screen.getByRole("button", { name: "Confined Space" }).closest("tr")!;
    expect(within(cse).getByText("5 green")).toBeInTheDocument();

    // When the admin selects the course
    await userEvent.click(screen.getByRole("button", { name: "H2S Awareness" }));
    // Then its workers show with their status badge and expiry date, and the list pages
    expect(await screen.findByText("Ali Hassan")).toBeInTheDocument();
    expect(screen.getByText("E001")).toBeInTheDocument();
    expect(screen.getByText("Non-compliant")).toBeInTheDocument();
    expect(screen.getByText("Expiring 2026-12-10")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next" })).toBeEnabled();

    // When they filter to the red group
    await userEvent.click(screen.getByRole("textbox", { name: "Group" }));
    await userEvent.click(await screen.findByRole("option", { name: "Red: non-compliant" }));
    // Then the workers are asked for with that group
    await vi.waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get("group") === "1")).toBe(true),
    );

    // When they start a new draft for the course
    await userEvent.click(screen.getByRole("button", { name: "New draft" }));
    // Then the draft is created for that course and its page opens
    expect(await screen.findByText("session page")).toBeInTheDocument();
    expect(bodies["/sessions/draft"]).toEqual({ courseId: "c1" });
  });
});
