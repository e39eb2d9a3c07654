import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";
import { PlanPage } from "./PlanPage";

const REQUEST = { startDate: "2026-12-07", weeks: 2, courseIds: null, constraints: { dayStart: "08:00", dayEnd: "17:00", weekdays: ["MO", "TU", "WE", "TH", "FR"] } };
const BASE = { id: "cplan0001", request: REQUEST, createdAt: "2026-12-01T00:00:00Z", expiresAt: "2026-12-08T00:00:00Z" };
const SESSION = (courseId: string, courseName: string, day: number) => ({
  courseId, courseName, trainerId: "ctrainer01", trainerName: "Frank Miller", venueId: "cvenue0001", venueName: "Room A",
  startTime: `2026-12-0${day}T04:00:00Z`, endTime: `2026-12-0${day}T08:00:00Z`, personnelIds: ["cp0000001", "cp0000002"],
  workers: [{ personnelId: "cp0000001", name: "Ann Lee", urgency: "RED" }, { personnelId: "cp0000002", name: "Bo Kim", urgency: "EXPIRING" }],
});
const DONE = {
  ...BASE, status: "DONE", solver: "CP-SAT", optimal: false,
  coverage: { due: 5, covered: 4, red: 2, yellow: 0, expiring: 2, sessions: 2, trainerHours: 8 },
  sessions: [SESSION("ccourse01", "H2S Awareness", 7), SESSION("ccourse02", "Fire Warden", 8)],
  uncovered: [
    { personnelId: "cp0000009", name: "Yan Yu", urgency: "YELLOW", courseId: "ccourse03", reason: "NO_QUALIFIED_TRAINER" },
    { personnelId: "cp0000008", name: "Rex Roe", urgency: "RED", courseId: "ccourse03", reason: "BELOW_MIN_CLASS_SIZE" },
  ],
};

// FullCalendar in jsdom is slow to first render: a generous upper bound, never a delay.
const WAIT = { timeout: 15_000 };

describe("the plan screen", { timeout: 60_000 }, () => {
  let reads: number;
  let planAnswers: object[];
  let created: unknown;
  let accepted: unknown;
  let acceptStatus: number;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T08:00:00Z")); // a Wednesday
    setIdentity(DEMO_ADMIN);
    reads = 0;
    planAnswers = [{ ...BASE, status: "RUNNING" }, DONE];
    created = undefined;
    accepted = undefined;
    acceptStatus = 201;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      if (path === "/config") return json({ siteTimezone: "Asia/Dubai", local: true, expiryWarningDays: 60, auth: null });
      if (path === "/compliance/summary") {
        return json({ today: "2026-12-02", expiryWarningDays: 60, items: [{ courseId: "ccourse03", courseName: "First Aid", courseCode: "FA", red: 1, yellow: 1, expiring: 0, green: 0, total: 2 }] });
      }
      if (path === "/plans" && request.method === "POST") {
        created = await request.json();
        return json({ ...BASE, status: "RUNNING" }, 202);
      }
      if (path === "/plans/cplan0001") {
        reads += 1;
        return json(planAnswers[Math.min(reads - 1, planAnswers.length - 1)]);
      }
      if (path === "/plans/cplan0001/accept") {
        accepted = await request.json();
        if (acceptStatus === 409) {
          return json({ statusCode: 409, error: "Conflict", message: "Frank Miller was booked meanwhile; ask for a new plan" }, 409);
        }
        return json({ planId: "cplan0001", items: [{ id: "cdraft0001", courseId: "ccourse02", status: "DRAFT", startTime: DONE.sessions[1].startTime, endTime: DONE.sessions[1].endTime }] }, 201);
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function propose() {
    renderRoutes("/compliance/plan", { "/compliance/plan": <PlanPage />, "/planner": <p>planner</p> });
    const user = userEvent.setup();
    // The default first day is the site's next Monday
    expect(await screen.findByLabelText(/Start date/, {}, WAIT)).toHaveValue("2026-12-07");
    await user.click(screen.getByRole("button", { name: "Propose plan" }));
    return user;
  }

  it("polls while the plan is computed, then shows it, the uncovered red first, and accepts the sessions still ticked", async () => {
    const user = await propose();
    expect(await screen.findByText("Computing the plan…")).toBeInTheDocument();
    expect(created).toMatchObject({ startDate: "2026-12-07", weeks: 4, constraints: { maxTrainerHoursPerWeek: 20, minClassSize: 3 } });
    // Then, read again a second later, DONE
    const summary = await screen.findByRole("list", { name: "Summary" }, WAIT);
    expect(summary).toHaveTextContent("4 of 5 due workers covered (2 red, 0 yellow, 2 expiring)");
    expect(summary).toHaveTextContent("Best found in time");
    expect(reads).toBeGreaterThanOrEqual(2);
    const legend = screen.getByRole("list", { name: "Courses" });
    expect(within(legend).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Fire Warden", "H2S Awareness"]);
    // The uncovered, red first, with the reason in words and the course's name
    const uncovered = within(screen.getByRole("table", { name: "Uncovered workers" })).getAllByRole("row").slice(1);
    expect(uncovered.map((row) => row.textContent)).toEqual([
      "Rex RoeRedFirst AidToo few due for a class",
      "Yan YuYellowFirst AidNo qualified trainer",
    ]);
    // A class list, with each worker's urgency
    await user.click(screen.getByRole("button", { name: /Class list of H2S Awareness/ }));
    const classList = await screen.findByRole("list", { name: "Class list" });
    expect(within(classList).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["RedAnn Lee", "ExpiringBo Kim"]);
    await user.keyboard("{Escape}");

    // Untick the first: only the second is accepted
    await user.click(screen.getByRole("checkbox", { name: /Accept H2S Awareness/ }));
    await user.click(screen.getByRole("button", { name: "Accept 1 of 2" }));
    const done = await screen.findByRole("alert", { name: "1 draft session created" });
    expect(accepted).toEqual({ sessions: [1] });
    expect(within(done).getByRole("link", { name: "Open the Planner" })).toHaveAttribute("href", "/planner");
    expect(within(done).getByRole("link", { name: /Fire Warden/ })).toHaveAttribute("href", "/sessions/cdraft0001");
  });

  it("shows a 409's message and offers a new plan", async () => {
    acceptStatus = 409;
    const user = await propose();
    await screen.findByRole("list", { name: "Summary" }, WAIT);
    await user.click(screen.getByRole("button", { name: "Accept" }));
    const conflict = await screen.findByRole("alert", { name: "The plan is out of date" });
    expect(conflict).toHaveTextContent("Frank Miller was booked meanwhile; ask for a new plan");
    expect(accepted).toEqual({});
    await user.click(screen.getByRole("button", { name: "New plan" }));
    expect(await screen.findByRole("button", { name: "Propose plan" })).toBeInTheDocument();
  });

  it("says why a plan failed", async () => {
    planAnswers = [{ ...BASE, status: "FAILED", error: "The solver ran out of memory" }];
    await propose();
    const failed = await screen.findByRole("alert", { name: "The plan failed" }, WAIT);
    expect(failed).toHaveTextContent("The solver ran out of memory");
  });
});
