import { screen, within, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, DEMO_TRAINERS, setIdentity } from "../../../api/identity";
import { SessionPage } from "./SessionPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

type Status = "DRAFT" | "SCHEDULED" | "CANCELLED" | "COMPLETED";

function session(status: Status) {
  return {
    id: "s1", courseId: "c1", status, trainerId: null, venueId: null,
    startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T12:00:00Z",
    createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z", createdById: "demo-admin",
    attendees: [{ personnelId: "p1", firstName: "Ali", lastName: "Hassan", employeeNo: "E1", status: "REGISTERED", addedAt: "2026-11-01T00:00:00Z" }],
    capacity: { attendees: 1, venueCapacity: null, exceeded: false },
  };
}

function renderPage() {
  renderRoutes("/sessions/s1", { "/sessions/:sessionId": <SessionPage />, "/sessions": <h1>All sessions</h1> });
}

describe("a session's actions", () => {
  let requests: Request[];
  let status: Status;
  let patches: unknown[];
  let refuse: { path: string; status: number; message: string; details?: object[] } | null;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    patches = [];
    status = "DRAFT";
    refuse = null;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      const call = `${request.method} ${path}`;
      if (refuse && call === refuse.path) {
        return json({ statusCode: refuse.status, error: "Refused", message: refuse.message, details: refuse.details ?? [] }, refuse.status);
      }
      if (path === "/config") return json({ statusCode: 404, error: "Not Found", message: "No route" }, 404);
      if (call === "GET /sessions/s1") return json(session(status));
      if (call === "POST /sessions/s1/cancel") {
        status = "CANCELLED";
        return json({ ...session(status), warnings: [] });
      }
      if (call === "DELETE /sessions/s1") return new Response(null, { status: 204 });
      if (call === "PATCH /sessions/s1") {
        patches.push(await request.clone().json());
        return json({ ...session(status), warnings: [] });
      }
      if (path === "/courses/c1") return json({ id: "c1", name: "H2S Awareness", code: "H2S-AW" });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }] });
      if (path === "/trainers") return json({ items: [] });
      if (path === "/venues") return json({ items: [] });
      if (path === "/sessions/s1/attendee-suggestions") return json({ items: [], source: "live", computedAt: "2026-11-01T00:00:00Z" });
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${call}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("cancels after a confirmation, then shows CANCELLED and read-only", async () => {
    // Given an admin on a scheduled session
    status = "SCHEDULED";
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Cancel session" }));
    // (a scheduled session cannot be deleted: the API refuses it)
    expect(screen.queryByRole("button", { name: "Delete session" })).not.toBeInTheDocument();
    // Then nothing happened yet: a confirmation asks first
    const dialog = await screen.findByRole("dialog", { name: "Cancel this session?" });
    expect(requests.some((r) => r.url.endsWith("/cancel"))).toBe(false);
    // When "Back": nothing is cancelled
    await userEvent.click(within(dialog).getByRole("button", { name: "Back" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(requests.some((r) => r.url.endsWith("/cancel"))).toBe(false);

    // When confirmed
    await userEvent.click(screen.getByRole("button", { name: "Cancel session" }));
    const again = await screen.findByRole("dialog", { name: "Cancel this session?" });
    await userEvent.click(within(again).getByRole("button", { name: "Cancel session" }));
    // Then the API cancelled it and the page shows CANCELLED, with no editing left
    await waitFor(() => expect(requests.some((r) => r.method === "POST" && r.url.endsWith("/sessions/s1/cancel"))).toBe(true));
    expect(await screen.findByText("CANCELLED")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole("button", { name: "Schedule" })).not.toBeInTheDocument());
    expect(screen.queryByRole("heading", { name: "Smart picker" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove Ali Hassan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    // a cancelled session can still be deleted (the API allows it)
    expect(screen.getByRole("button", { name: "Delete session" })).toBeInTheDocument();
  });

  it("deletes a draft after a confirmation and goes to the sessions list", async () => {
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Delete session" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this session?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete session" }));
    await waitFor(() => expect(requests.some((r) => r.method === "DELETE" && r.url.endsWith("/sessions/s1"))).toBe(true));
    expect(await screen.findByRole("heading", { name: "All sessions" })).toBeInTheDocument();
  });

  it("shows the API's message when a delete is refused, and stays", async () => {
    refuse = { path: "DELETE /sessions/s1", status: 409, message: "Session s1 is SCHEDULED; only DRAFT or CANCELLED sessions can be deleted" };
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Delete session" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this session?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete session" }));
    expect(await within(dialog).findByText(refuse.message)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "All sessions" })).not.toBeInTheDocument();
  });

  it("offers neither cancel nor delete on a completed session", async () => {
    status = "COMPLETED";
    renderPage();
    expect(await screen.findByText("COMPLETED")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete session" })).not.toBeInTheDocument();
  });

  it("shows no admin action to a trainer", async () => {
    setIdentity(DEMO_TRAINERS[0]!);
    renderPage();
    expect(await screen.findByText("DRAFT")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save draft" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();
  });

  it("saves a draft's edit without scheduling it, and shows a 422 next to its field", async () => {
    renderPage();
    const start = await screen.findByLabelText("Start (UTC)");
    await userEvent.clear(start);
    await userEvent.type(start, "2026-11-24T10:00");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({ trainerId: null, venueId: null, startTime: "2026-11-24T10:00:00+00:00", endTime: "2026-11-23T12:00:00+00:00" });
    expect(requests.some((r) => r.url.endsWith("/schedule"))).toBe(false);
    expect(await screen.findByText("Draft saved")).toBeInTheDocument();

    // When the API refuses a field
    refuse = { path: "PATCH /sessions/s1", status: 422, message: "Invalid input",
      details: [{ field: "endTime", message: "must be after startTime", location: "body" }] };
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText("must be after startTime")).toBeInTheDocument();
  });
});
