import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_TRAINERS, setIdentity } from "../../../api/identity";
import { MySessionsPage } from "./MySessionsPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const base = {
  trainerId: "t1", venueId: "v1", createdById: "demo-admin",
  createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z",
};
const TODAY = { ...base, id: "s1", courseId: "c1", status: "SCHEDULED", startTime: "2026-11-30T05:00:00Z", endTime: "2026-11-30T09:00:00Z" };
const LATER = { ...base, id: "s2", courseId: "c2", status: "SCHEDULED", startTime: "2026-12-03T05:00:00Z", endTime: "2026-12-03T09:00:00Z" };
const PAST = { ...base, id: "s3", courseId: "c1", status: "COMPLETED", startTime: "2026-11-20T05:00:00Z", endTime: "2026-11-20T09:00:00Z" };

describe("My sessions", () => {
  let requests: Request[];

  beforeEach(() => {
    // Monday 30 November 2026, 14:00 in Dubai: the session of this morning is still today's
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T10:00:00Z"));
    setIdentity(DEMO_TRAINERS[0]);
    requests = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      requests.push(request);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ siteTimezone: "Asia/Dubai", local: true, expiryWarningDays: 60, auth: null });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }, { id: "c2", name: "Confined Space" }], nextToken: null });
      if (path === "/sessions" && url.searchParams.get("from")) {
        return url.searchParams.get("nextToken") === "u2"
          ? json({ items: [LATER], nextToken: null })
          : json({ items: [TODAY], nextToken: "u2" });
      }
      if (path === "/sessions" && url.searchParams.get("to")) return json({ items: [PAST], nextToken: null });
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("splits the trainer's sessions into upcoming and past, each linked and paged", async () => {
    renderRoutes("/my-sessions", { "/my-sessions": <MySessionsPage /> });
    // Then Upcoming holds today's session (already under way) first, linked to its page
    const upcoming = await screen.findByRole("tabpanel", { name: "Upcoming" });
    const today = await within(upcoming).findByRole("link", { name: "H2S Awareness" });
    expect(today).toHaveAttribute("href", "/sessions/s1");
    expect(within(upcoming).getByText("Mon 30 Nov 2026, 09:00–13:00")).toBeInTheDocument();
    // asked for from the start of the site's today, as the trainer
    const sessionCalls = requests.filter((r) => new URL(r.url).pathname.endsWith("/sessions"));
    expect(sessionCalls.some((r) => new URL(r.url).searchParams.get("from") === "2026-11-30T00:00:00+04:00")).toBe(true);
    expect(sessionCalls.every((r) => r.headers.get("X-Dev-User-Id") === "demo-trainer-frank")).toBe(true);

    // When the trainer pages on
    await userEvent.click(within(upcoming).getByRole("button", { name: "Next" }));
    // Then the next page shows
    expect(await within(upcoming).findByRole("link", { name: "Confined Space" })).toHaveAttribute("href", "/sessions/s2");
    expect(within(upcoming).getByText("Page 2")).toBeInTheDocument();

    // When they open Past
    await userEvent.click(screen.getByRole("tab", { name: "Past" }));
    // Then the sessions before today show there, and not under Upcoming
    const past = await screen.findByRole("tabpanel", { name: "Past" });
    expect(await within(past).findByRole("link", { name: "H2S Awareness" })).toHaveAttribute("href", "/sessions/s3");
    expect(within(past).getByText("COMPLETED")).toBeInTheDocument();
    expect(
      requests.some((r) => new URL(r.url).searchParams.get("to") === "2026-11-30T00:00:00+04:00"),
    ).toBe(true);
  });
});
