import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";
import type { SessionDetail } from "../api/queries";
import { HistorySection } from "./HistorySection";

const SESSION = {
  id: "s1", courseId: "c1", status: "SCHEDULED", trainerId: "t1", venueId: "v1",
  startTime: "2027-01-11T09:00:00Z", endTime: "2027-01-11T12:00:00Z",
  createdAt: "2027-01-01T00:00:00Z", updatedAt: "2027-01-01T00:00:00Z", createdById: "demo-admin",
  attendees: [{ personnelId: "p1", firstName: "Ann", lastName: "Worker", employeeNo: "E1", status: "REGISTERED", addedAt: "" }],
  capacity: { attendees: 1, venueCapacity: 12, exceeded: false },
} as unknown as SessionDetail;

function historyEntry(id: string, at: string, action: string, extra: object = {}) {
  return { id, sessionId: "s1", at, changedById: "demo-admin", changedByGroup: "hse-admin", action, changes: [], details: {}, ...extra };
}

const FIRST_PAGE = {
  items: [
    historyEntry("h3", "2027-01-02T10:00:00.000Z", "ATTENDEES_ADDED", { details: { personnelIds: ["p1"] } }),
    historyEntry("h2", "2027-01-01T12:00:00.000Z", "SCHEDULED", {
      changes: [{ field: "trainerId", old: null, new: "t1" }],
    }),
  ],
  nextToken: "page-2",
};
const SECOND_PAGE = { items: [historyEntry("h1", "2027-01-01T00:00:00.000Z", "CREATED", { details: { status: "DRAFT" } })], nextToken: null };

describe("the session's history", () => {
  let asked: URL[];

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    asked = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/sessions/s1/history") {
        asked.push(url);
        return json(url.searchParams.get("nextToken") === "page-2" ? SECOND_PAGE : FIRST_PAGE);
      }
      if (path === "/trainers") return json({ items: [{ id: "t1", firstName: "Frank", lastName: "Miller" }] });
      if (path === "/venues") return json({ items: [{ id: "v1", name: "Training Room B", capacity: 12 }] });
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists who changed what and when, newest first, and pages to older changes", async () => {
    // Given an admin on a session with three recorded changes
    renderRoutes("/", { "/": <HistorySection session={SESSION} timezone="Europe/London" /> });
    // Then the newest page shows who, when and what, with names instead of ids
    const table = await screen.findByRole("table", { name: "History" });
    expect(await within(table).findByText("Attendees added")).toBeInTheDocument();
    expect(within(table).getByText("1 person: Ann Worker")).toBeInTheDocument();
    expect(await within(table).findByText("Trainer: none → Frank Miller")).toBeInTheDocument();
    expect(within(table).getAllByText("demo-admin (hse-admin)")).toHaveLength(2);
    expect(within(table).getByText("Sat 2 Jan 2027, 10:00:00")).toBeInTheDocument();
    expect(new URL(asked[0]).searchParams.get("limit")).toBe("20");
    // When the admin asks for the next page
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    // Then the older change shows, asked for with the token the first page handed out
    expect(await within(table).findByText("Created")).toBeInTheDocument();
    expect(asked.at(-1)!.searchParams.get("nextToken")).toBe("page-2");
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
  });
});
