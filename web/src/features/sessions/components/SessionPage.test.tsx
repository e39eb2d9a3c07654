import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { SessionPage } from "./SessionPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const SESSION = {
  id: "s1", courseId: "c1", status: "DRAFT", trainerId: null, venueId: null,
  startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T12:00:00Z",
  createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z", createdById: "demo-admin",
  attendees: Array.from({ length: 25 }, (_, i) => ({
    personnelId: `p${i}`, firstName: "Worker", lastName: `${i}`, employeeNo: `E${i}`,
    status: "REGISTERED", addedAt: "2026-11-01T00:00:00Z",
  })),
  capacity: { attendees: 25, venueCapacity: null, exceeded: false },
};
const TRAINERS = {
  items: [
    { id: "t1", firstName: "John", lastName: "Smith", hoursBookedThisWeek: 12, bookedMinutesThisWeek: 720,
      loadWeek: "2026-W48", qualifiedCourseIds: ["c1"], email: null, userId: null, createdAt: "", updatedAt: "" },
    { id: "t2", firstName: "Frank", lastName: "Miller", hoursBookedThisWeek: 7.5, bookedMinutesThisWeek: 450,
      loadWeek: "2026-W48", qualifiedCourseIds: ["c1"], email: null, userId: null, createdAt: "", updatedAt: "" },
  ],
};
const VENUES = { items: [{ id: "v1", name: "Training Room B", capacity: 20, location: null, createdAt: "", updatedAt: "" }] };
const CLASH = {
  statusCode: 409, error: "Conflict", message: "Trainer t1 is already booked at that time by session(s) s9",
  details: [{ sessionId: "s9", courseId: "c1", trainerId: "t1", venueId: "v1",
    startTime: "2026-11-23T08:00:00Z", endTime: "2026-11-23T10:00:00Z" }],
};

describe("the session page", () => {
  let requests: Request[];

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    requests = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      requests.push(request);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ statusCode: 404, error: "Not Found", message: "No route" }, 404);
      if (path === "/sessions/s1") return json(SESSION);
      if (path === "/courses/c1") return json({ id: "c1", name: "H2S Awareness", code: "H2S-AW" });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }] });
      if (path === "/trainers") return json(TRAINERS);
      if (path === "/venues") return json(VENUES);
      if (path === "/sessions/s1/schedule") return json(CLASH, 409);
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("labels trainers with their load, warns past capacity and shows a clash as the clashing session", async () => {
    // Given an admin on a draft with 25 on the class list
    renderRoutes("/sessions/s1", { "/sessions/:sessionId": <SessionPage /> });
    expect(await screen.findByRole("heading", { name: "H2S Awareness" })).toBeInTheDocument();
    // Then the load for the session's ISO week was asked for, with the acting user's identity
    await vi.waitFor(() => expect(requests.some((r) => r.url.includes("/trainers?"))).toBe(true));
    const trainersCall = requests.find((r) => r.url.includes("/trainers?"))!;
    expect(new URL(trainersCall.url).searchParams.get("week")).toBe("2026-W48");
    expect(new URL(trainersCall.url).searchParams.get("courseId")).toBe("c1");
    expect(trainersCall.headers.get("X-Dev-User-Id")).toBe("demo-admin");
    expect(trainersCall.headers.get("X-Dev-Groups")).toBe("hse-admin");

    // When the admin opens the trainer picker
    await userEvent.click(screen.getByRole("textbox", { name: "Trainer" }));
    // Then each trainer reads with their hours booked that week
    expect(await screen.findByRole("option", { name: "John Smith (12h booked this week)" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("option", { name: "Frank Miller (7.5h booked this week)" }));

    // When they choose the room for 20
    await userEvent.click(screen.getByRole("textbox", { name: "Venue" }));
    await userEvent.click(await screen.findByRole("option", { name: "Training Room B (capacity 20)" }));
    // Then the yellow alert reads exactly as the seeds say
    expect(await screen.findByText("Venue Capacity Exceeded (25/20).")).toBeInTheDocument();

    // When scheduling clashes
    await userEvent.click(screen.getByRole("button", { name: "Schedule" }));
    // Then the clash names the other session with a link to it
    const link = await screen.findByRole("link", { name: /H2S Awareness, Mon 23 Nov 2026, 08:00/ });
    expect(link).toHaveAttribute("href", "/sessions/s9");
  });
});
