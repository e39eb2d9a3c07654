import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { TrainerDetailPage } from "./TrainerDetailPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

function trainer(week: string, sessions: unknown[], hours: number, courseIds = ["c1"]) {
  return {
    id: "t1", firstName: "John", lastName: "Smith", email: "john@example.com", userId: "demo-trainer-john",
    qualifiedCourseIds: courseIds, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
    qualifications: courseIds.map((id) => ({
      courseId: id, courseName: id === "c1" ? "H2S Awareness" : "Fire Warden", courseCode: id === "c1" ? "H2S-AW" : "FW",
      qualifiedAt: "2026-01-02T08:00:00Z",
    })),
    loadWeek: week, bookedMinutesThisWeek: hours * 60, hoursBookedThisWeek: hours, sessionsThisWeek: sessions,
  };
}
const SESSION = { id: "s7", courseId: "c1", venueId: "v1", startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T16:30:00Z" };
const COURSES = { items: [{ id: "c1", name: "H2S Awareness" }, { id: "c2", name: "Fire Warden" }] };
const VENUES = { items: [{ id: "v1", name: "Training Room B", capacity: 20, location: null, createdAt: "", updatedAt: "" }] };

describe("the trainer detail", () => {
  let requests: Request[];
  let qualified: string[];
  let putStatus: number;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    qualified = ["c1"];
    putStatus = 200;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ siteTimezone: "UTC", local: true, expiryWarningDays: 60, auth: null });
      if (path === "/courses") return json(COURSES);
      if (path === "/venues") return json(VENUES);
      if (path === "/trainers/t1") {
        const week = url.searchParams.get("week");
        return week === "2026-W49" ? json(trainer(week, [], 0, qualified)) : json(trainer("2026-W48", [SESSION], 7.5, qualified));
      }
      const qualification = /^\/trainers\/t1\/qualifications\/(\w+)$/.exec(path);
      if (qualification && request.method === "PUT") {
        if (putStatus !== 200) return json({ statusCode: putStatus, error: "Not Found", message: "Course c2 not found" }, putStatus);
        qualified = [...qualified, qualification[1]];
        return json(trainer("2026-W48", [SESSION], 7.5, qualified));
      }
      if (qualification && request.method === "DELETE") {
        qualified = qualified.filter((id) => id !== qualification[1]);
        return new Response(null, { status: 204 });
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  function renderPage() {
    renderRoutes("/trainers/t1", { "/trainers/:trainerId": <TrainerDetailPage /> });
  }

  it("shows the trainer, their qualifications and this week's sessions with the booked hours, week by week", async () => {
    // Given a trainer with one qualification and one session this week
    renderPage();
    // Then the name, email and qualification show
    expect(await screen.findByRole("heading", { name: "John Smith" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "john@example.com" })).toHaveAttribute("href", "mailto:john@example.com");
    expect(screen.getByText("H2S-AW")).toBeInTheDocument();
    // And the week's sessions link to their pages, with the booked hours
    expect(screen.getByRole("heading", { name: "Sessions in 2026-W48" })).toBeInTheDocument();
    expect(screen.getByText("7.5h booked")).toBeInTheDocument();
    const link = await screen.findByRole("link", { name: "H2S Awareness" });
    expect(link).toHaveAttribute("href", "/sessions/s7");
    const row = link.closest("tr")!;
    expect(within(row).getByText("Mon 23 Nov 2026, 09:00–16:30")).toBeInTheDocument();
    expect(await within(row).findByText("Training Room B")).toBeInTheDocument();
    expect(within(row).getByText("7.5h")).toBeInTheDocument();

    // When the admin moves to the next week
    await userEvent.click(screen.getByRole("button", { name: "Next week" }));
    // Then that week is asked for and shown
    expect(await screen.findByRole("heading", { name: "Sessions in 2026-W49" })).toBeInTheDocument();
    expect(requests.some((r) => new URL(r.url).searchParams.get("week") === "2026-W49")).toBe(true);
    expect(screen.getByText("0h booked")).toBeInTheDocument();
    expect(screen.getByText("No scheduled sessions this week.")).toBeInTheDocument();
    // And "This week" goes back to the API's current week
    await userEvent.click(screen.getByRole("button", { name: "This week" }));
    expect(await screen.findByRole("heading", { name: "Sessions in 2026-W48" })).toBeInTheDocument();
  });

  it("adds and withdraws a qualification", async () => {
    renderPage();
    await screen.findByRole("heading", { name: "John Smith" });
    // When the admin qualifies the trainer for Fire Warden
    await userEvent.click(screen.getByRole("textbox", { name: "Add qualification" }));
    await userEvent.click(await screen.findByRole("option", { name: "Fire Warden" }));
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    // Then the qualification is PUT and the trainer refetched with it
    expect(await screen.findByText("FW")).toBeInTheDocument();
    expect(requests.some((r) => r.method === "PUT" && r.url.endsWith("/trainers/t1/qualifications/c2"))).toBe(true);

    // When they withdraw H2S Awareness and confirm
    await userEvent.click(screen.getByRole("button", { name: "Withdraw H2S Awareness" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Withdraw" }));
    // Then it is DELETEd and gone from the list
    await vi.waitFor(() => expect(screen.queryByText("H2S-AW")).not.toBeInTheDocument());
    expect(requests.some((r) => r.method === "DELETE" && r.url.endsWith("/trainers/t1/qualifications/c1"))).toBe(true);
  });

  it("shows the API's message when adding fails", async () => {
    // Given the API refuses the qualification
    putStatus = 404;
    renderPage();
    await screen.findByRole("heading", { name: "John Smith" });
    await userEvent.click(screen.getByRole("textbox", { name: "Add qualification" }));
    await userEvent.click(await screen.findByRole("option", { name: "Fire Warden" }));
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    // Then its message shows
    expect(await screen.findByText("Course c2 not found")).toBeInTheDocument();
  });
});
