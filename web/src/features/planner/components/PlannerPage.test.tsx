import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { PlannerPage } from "./PlannerPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const base = {
  trainerId: null, venueId: null, createdById: "demo-admin",
  createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z",
};
// Wednesday 25 November 2026 in Dubai (UTC+4)
const SCHEDULED = { ...base, id: "s1", courseId: "c1", status: "SCHEDULED", startTime: "2026-11-23T05:00:00Z", endTime: "2026-11-23T08:00:00Z" };
const DRAFT = { ...base, id: "s2", courseId: "c2", status: "DRAFT", startTime: "2026-11-24T06:00:00Z", endTime: "2026-11-24T07:00:00Z" };
const CANCELLED = { ...base, id: "s3", courseId: "c1", status: "CANCELLED", startTime: "2026-11-26T10:00:00Z", endTime: "2026-11-26T11:00:00Z" };
const NEW_DRAFT = { ...base, id: "s42", courseId: "c2", status: "DRAFT", startTime: null, endTime: null, warnings: [] };

// jsdom has no layout, so FullCalendar keeps its events hidden (no accessible name) until it could
// measure them: an event's link is found by its title's text (in a browser it is a named link).
async function eventLink(title: string): Promise<HTMLElement> {
  const link = (await screen.findByText(title, {}, WAIT)).closest("a");
  if (!link) throw new Error(`${title} is not a link`);
  return link;
}

function renderPlanner() {
  renderRoutes("/planner", { "/planner": <PlannerPage />, "/sessions/:sessionId": <p>session page</p> });
}

// FullCalendar in jsdom is slow to first render: a generous upper bound, never a delay.
const WAIT = { timeout: 15_000 };

describe("the planner", { timeout: 60_000 }, () => {
  let sessionQueries: URLSearchParams[];
  let draftBody: unknown;
  let sessionsStatus: number;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T08:00:00Z"));
    setIdentity(DEMO_ADMIN);
    sessionQueries = [];
    draftBody = undefined;
    sessionsStatus = 200;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ siteTimezone: "Asia/Dubai", local: true, expiryWarningDays: 60, auth: null });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }, { id: "c2", name: "Confined Space" }], nextToken: null });
      if (path === "/trainers") return json({ items: [{ id: "t1", firstName: "Frank", lastName: "Miller" }], nextToken: null });
      if (path === "/venues") return json({ items: [{ id: "v1", name: "Room A", capacity: 20 }], nextToken: null });
      if (path === "/sessions") {
        sessionQueries.push(url.searchParams);
        if (sessionsStatus !== 200) return json({ statusCode: 400, error: "Bad Request", message: "The table is unavailable" }, 400);
        // two pages: the grid must follow nextToken
        return url.searchParams.get("nextToken") === "p2"
          ? json({ items: [CANCELLED], nextToken: null })
          : json({ items: [SCHEDULED, DRAFT], nextToken: "p2" });
      }
      if (path === "/sessions/draft" && request.method === "POST") {
        draftBody = await request.json();
        return json(NEW_DRAFT, 201);
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows the site's week, every page of it, each session linked and styled by status", async () => {
    renderPlanner();
    // Then the sessions of this week (Monday to Monday in Dubai) are asked for, all pages
    const scheduled = await eventLink("H2S Awareness (Scheduled)");
    expect(scheduled).toHaveAttribute("href", "/sessions/s1");
    expect(scheduled).toHaveClass("planner-scheduled");
    expect(sessionQueries[0].get("from")).toBe("2026-11-23T00:00:00+04:00");
    expect(sessionQueries[0].get("to")).toBe("2026-11-30T00:00:00+04:00");
    expect(await eventLink("H2S Awareness (Cancelled)")).toHaveClass("planner-cancelled");
    expect(await eventLink("Confined Space (Draft)")).toHaveClass("planner-draft");
    expect(sessionQueries.map((q) => q.get("nextToken"))).toEqual([null, "p2"]);
    // at the site's wall-clock time
    expect(within(scheduled).getByText("09:00 - 12:00")).toBeInTheDocument();
    // and the legend names each status
    const legend = screen.getByRole("list", { name: "Legend" });
    for (const label of ["Draft", "Scheduled", "Completed", "Cancelled"]) {
      expect(within(legend).getByText(label)).toBeInTheDocument();
    }

    // When the admin goes to the next week
    await userEvent.click(screen.getByRole("button", { name: "Next week" }));
    // Then the next week is asked for
    await vi.waitFor(() => expect(sessionQueries.some((q) => q.get("from") === "2026-11-30T00:00:00+04:00")).toBe(true));
    // and Today comes back
    await userEvent.click(screen.getByRole("button", { name: "Today" }));
    await eventLink("H2S Awareness (Scheduled)");

    // When they filter by course, trainer and venue
    await userEvent.click(screen.getByRole("textbox", { name: "Course" }));
    await userEvent.click(await screen.findByRole("option", { name: "H2S Awareness" }));
    await userEvent.click(screen.getByRole("textbox", { name: "Trainer" }));
    await userEvent.click(await screen.findByRole("option", { name: "Frank Miller" }));
    await userEvent.click(screen.getByRole("textbox", { name: "Venue" }));
    await userEvent.click(await screen.findByRole("option", { name: "Room A" }));
    // Then the API filters
    await vi.waitFor(() =>
      expect(
        sessionQueries.some(
          (q) => q.get("courseId") === "c1" && q.get("trainerId") === "t1" && q.get("venueId") === "v1" && q.get("from") === "2026-11-23T00:00:00+04:00",
        ),
      ).toBe(true),
    );

    // When they open a session
    await userEvent.click(await eventLink("H2S Awareness (Scheduled)"));
    // Then its page opens
    expect(await screen.findByText("session page")).toBeInTheDocument();
  });

  it("starts a draft with only a course and opens it", async () => {
    renderPlanner();
    await userEvent.click(await screen.findByRole("button", { name: "New draft" }, WAIT));
    const dialog = await screen.findByRole("dialog", { name: "New draft" });
    expect(within(dialog).getByRole("button", { name: "Create draft" })).toBeDisabled();
    await userEvent.click(within(dialog).getByRole("textbox", { name: /Course/ }));
    await userEvent.click(await within(dialog).findByRole("option", { name: "Confined Space" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Create draft" }));
    expect(await screen.findByText("session page")).toBeInTheDocument();
    expect(draftBody).toEqual({ courseId: "c2" });
  });

  it("shows the API's message when the sessions cannot be read", async () => {
    sessionsStatus = 400;
    renderPlanner();
    expect(await screen.findByText("The table is unavailable", {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
