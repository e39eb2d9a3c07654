import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { SessionPage } from "./SessionPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

function attendee(i: number) {
  return { personnelId: `p${i}`, firstName: "Worker", lastName: `${i}`, employeeNo: `E${i}`, status: "REGISTERED", addedAt: "2026-11-01T00:00:00Z" };
}

function session(listed: number) {
  return {
    id: "s1", courseId: "c1", status: "SCHEDULED", trainerId: "t1", venueId: "v1",
    startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T12:00:00Z",
    createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z", createdById: "demo-admin",
    attendees: Array.from({ length: listed }, (_, i) => attendee(i)),
    capacity: { attendees: listed, venueCapacity: 20, exceeded: listed > 20 },
  };
}

const SUGGESTIONS = [
  { personnelId: "r1", firstName: "Ali", lastName: "Hassan", employeeNo: "E101", complianceStatus: "NON_COMPLIANT", expiryDate: null, group: 1 },
  { personnelId: "r2", firstName: "Bea", lastName: "Khan", employeeNo: "E102", complianceStatus: "NON_COMPLIANT", expiryDate: null, group: 1 },
  { personnelId: "y1", firstName: "Chen", lastName: "Li", employeeNo: "E103", complianceStatus: "PENDING", expiryDate: null, group: 2 },
  { personnelId: "x1", firstName: "Dana", lastName: "Ruiz", employeeNo: "E104", complianceStatus: "COMPLIANT", expiryDate: "2027-01-10", group: 3 },
  { personnelId: "g1", firstName: "Eli", lastName: "Stone", employeeNo: "E105", complianceStatus: "COMPLIANT", expiryDate: "2028-01-10", group: 4 },
];

function renderPage() {
  renderRoutes("/sessions/s1", { "/sessions/:sessionId": <SessionPage /> });
}

describe("the smart picker and the class list", () => {
  let requests: Request[];
  let bodies: unknown[];
  let listed: number;
  let removeFails: boolean;
  let addFails: boolean;
  let ranking: typeof SUGGESTIONS | null;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    bodies = [];
    listed = 18;
    removeFails = false;
    addFails = false;
    ranking = null;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ statusCode: 404, error: "Not Found", message: "No route" }, 404);
      if (path === "/sessions/s1") return json(session(listed));
      if (path === "/courses/c1") return json({ id: "c1", name: "H2S Awareness", code: "H2S-AW" });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }] });
      if (path === "/trainers") return json({ items: [] });
      if (path === "/venues") return json({ items: [] });
      if (path === "/sessions/s1/attendee-suggestions") {
        const search = url.searchParams.get("search");
        const limit = Number(url.searchParams.get("limit"));
        const all = ranking ?? SUGGESTIONS;
        const items = (search ? all.filter((s) => s.firstName.includes(search)) : all).slice(0, limit);
        return json({ items, source: "cache", computedAt: "2026-11-01T00:00:00Z" });
      }
      if (path === "/sessions/s1/attendees" && request.method === "POST") {
        if (addFails) return json({ statusCode: 409, error: "Conflict", message: "Session s1 is CANCELLED; it can no longer be changed" }, 409);
        const body = (await request.clone().json()) as { personnelIds: string[] };
        bodies.push(body);
        listed += body.personnelIds.length;
        return json({
          sessionId: "s1", added: body.personnelIds, alreadyListed: [], inactive: [], notFound: [], removed: [],
          capacity: { attendees: listed, venueCapacity: 20, exceeded: listed > 20 },
          warnings: [{ code: "CAPACITY_EXCEEDED", message: `Venue Capacity Exceeded (${listed}/20).` }],
        });
      }
      if (path === "/sessions/s1/attendees/p3" && request.method === "DELETE") {
        if (removeFails) return json({ statusCode: 409, error: "Conflict", message: "Session s1 is COMPLETED; it can no longer be changed" }, 409);
        listed -= 1;
        return json({ sessionId: "s1", removed: ["p3"], capacity: { attendees: listed, venueCapacity: 20, exceeded: false }, warnings: [] });
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${request.method} ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("ranks with coloured badges, warns past the room while Add stays enabled, and adds the selection", async () => {
    // Given an admin on a scheduled session with 18 listed in a room for 20
    renderPage();
    expect(await screen.findByRole("heading", { name: "Smart picker" })).toBeInTheDocument();
    // Then the ranking shows each worker's badge in the API's order
    await screen.findByText("Ali Hassan");
    expect(screen.getAllByText("Non-compliant")).toHaveLength(2);
    expect(screen.getByText("Pending")).toBeInTheDocument();
    expect(screen.getByText("Expiring 2027-01-10")).toBeInTheDocument();
    expect(screen.getByText("Compliant")).toBeInTheDocument();
    const add = screen.getByRole("button", { name: "Add" });
    expect(add).toBeDisabled();

    // When two are selected: 20 of 20, no alert
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Ali Hassan" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Bea Khan" }));
    expect(screen.queryByText(/Venue Capacity Exceeded/)).not.toBeInTheDocument();
    // When a third is selected: past the room
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Chen Li" }));
    // Then the yellow alert reads exactly so, and Add stays enabled
    expect(screen.getByText("Venue Capacity Exceeded (21/20).")).toBeInTheDocument();
    expect(screen.getByText("3 selected")).toBeInTheDocument();
    expect(add).toBeEnabled();

    // When the admin adds them
    await userEvent.click(add);
    // Then the selected ids were sent as the API takes them
    await waitFor(() => expect(bodies).toEqual([{ personnelIds: ["r1", "r2", "y1"] }]));
    // And the outcome and the API's warning show as toasts, the selection clears and the session refetches
    expect(await screen.findByText("Added 3 people to the class list")).toBeInTheDocument();
    // (the warning toast, and the class list's own alert once it refetched)
    expect((await screen.findAllByText("Venue Capacity Exceeded (21/20).")).length).toBeGreaterThanOrEqual(1);
    expect(await screen.findByText("0 selected")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Class list (21 of 20)" })).toBeInTheDocument();
    const sessionReads = requests.filter((r) => new URL(r.url).pathname.endsWith("/sessions/s1"));
    expect(sessionReads.length).toBeGreaterThanOrEqual(2);
    const pickerReads = requests.filter((r) => r.url.includes("/attendee-suggestions"));
    expect(pickerReads.length).toBeGreaterThanOrEqual(2);
  });

  it("searches on the server", async () => {
    renderPage();
    await screen.findByText("Ali Hassan");
    // When the admin types a name
    await userEvent.type(screen.getByRole("textbox", { name: "Search workers" }), "Dana");
    // Then the API is asked with the search, and only its answer shows
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get("search") === "Dana")).toBe(true),
    );
    await waitFor(() => expect(screen.queryByText("Ali Hassan")).not.toBeInTheDocument());
    expect(screen.getByText("Dana Ruiz")).toBeInTheDocument();
  });

  it("removes a person from the class list, and shows the API's message when it refuses", async () => {
    renderPage();
    // When the admin removes Worker 3
    await userEvent.click(await screen.findByRole("button", { name: "Remove Worker 3" }));
    // Then the API's remove route was called and the list refetches
    await waitFor(() =>
      expect(requests.some((r) => r.method === "DELETE" && r.url.endsWith("/sessions/s1/attendees/p3"))).toBe(true),
    );
    expect(await screen.findByText("Removed Worker 3")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Class list (17 of 20)" })).toBeInTheDocument();

    // When a removal is refused
    listed = 18;
    removeFails = true;
    await userEvent.click(await screen.findByRole("button", { name: "Remove Worker 3" }));
    // Then the API's message shows
    expect(await screen.findByText("Session s1 is COMPLETED; it can no longer be changed")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove Worker 3" })).toBeInTheDocument();
  });

  it("pages the ranking with Show more", async () => {
    // Given a ranking longer than one page
    ranking = Array.from({ length: 120 }, (_, i) => ({
      personnelId: `q${i}`, firstName: `First${i}`, lastName: "Worker", employeeNo: `E${i}`,
      complianceStatus: "NON_COMPLIANT", expiryDate: null, group: 1,
    }));
    renderPage();
    await screen.findByText("First0 Worker");
    expect(screen.queryByText("First50 Worker")).not.toBeInTheDocument();
    // When the admin asks for more
    await userEvent.click(screen.getByRole("button", { name: "Show more" }));
    // Then the next 50 are asked for and shown
    expect(await screen.findByText("First99 Worker")).toBeInTheDocument();
    expect(requests.some((r) => new URL(r.url).searchParams.get("limit") === "100")).toBe(true);
    expect(screen.queryByText("First100 Worker")).not.toBeInTheDocument();
  });

  it("shows the API's message when Add is refused, and keeps the selection", async () => {
    addFails = true;
    renderPage();
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select Ali Hassan" }));
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findAllByText("Session s1 is CANCELLED; it can no longer be changed")).length).toBeGreaterThanOrEqual(1);
    expect(screen.getByText("1 selected")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Select Ali Hassan" })).toBeChecked();
  });
});
