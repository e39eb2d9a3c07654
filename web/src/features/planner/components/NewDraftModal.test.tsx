import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { AppProviders, makeQueryClient } from "../../../app/providers";
import { NewDraftModal } from "./NewDraftModal";
import { json } from "../../../test/http";

function renderModal(picked: { startTime: string; endTime: string } | null) {
  render(
    <AppProviders queryClient={makeQueryClient()}>
      <MemoryRouter initialEntries={["/planner"]}>
        <Routes>
          <Route
            path="/planner"
            element={
              <NewDraftModal
                opened
                onClose={() => {}}
                courses={[{ value: "c1", label: "H2S Awareness" }]}
                picked={picked}
                siteTimezone="Asia/Dubai"
              />
            }
          />
          <Route path="/sessions/:sessionId" element={<p>session page</p>} />
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
}

describe("New draft", () => {
  let body: unknown;
  let reply: Response;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    body = undefined;
    reply = json({ id: "s9", courseId: "c1", status: "DRAFT" }, 201);
    vi.stubGlobal("fetch", vi.fn(async (request: Request) => {
      body = await request.json();
      return reply;
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("takes the time picked on the grid with the course", async () => {
    // Given a time selected on the grid (site wall clock, Dubai)
    renderModal({ startTime: "2026-11-23T09:00:00+04:00", endTime: "2026-11-23T11:00:00+04:00" });
    expect(screen.getByText("When: Mon 23 Nov 2026, 09:00–11:00")).toBeInTheDocument();
    // When a course is chosen and the draft created
    await userEvent.click(screen.getByRole("textbox", { name: /Course/ }));
    await userEvent.click(await screen.findByRole("option", { name: "H2S Awareness" }));
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    // Then the draft carries both, and its page opens
    expect(await screen.findByText("session page")).toBeInTheDocument();
    expect(body).toEqual({ courseId: "c1", startTime: "2026-11-23T09:00:00+04:00", endTime: "2026-11-23T11:00:00+04:00" });
  });

  it("shows the API's message when the draft is refused", async () => {
    reply = json({ statusCode: 404, error: "Not Found", message: "Course c1 not found" }, 404);
    renderModal(null);
    await userEvent.click(screen.getByRole("textbox", { name: /Course/ }));
    await userEvent.click(await screen.findByRole("option", { name: "H2S Awareness" }));
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(await screen.findByText("Course c1 not found")).toBeInTheDocument();
    expect(body).toEqual({ courseId: "c1" });
  });
  it("repeats a picked time weekly: previews the dates, creates the series and lists it", async () => {
    // Given a time selected on the grid (Monday 09:00-11:00 in Dubai)
    reply = json(
      {
        seriesId: "cseries0001",
        items: ["23", "26", "30"].map((day, i) => ({
          id: `s${i}`,
          courseId: "c1",
          status: "DRAFT",
          startTime: `2026-11-${day}T05:00:00.000Z`,
          endTime: `2026-11-${day}T07:00:00.000Z`,
          seriesId: "cseries0001",
        })),
      },
      201,
    );
    renderModal({ startTime: "2026-11-23T09:00:00+04:00", endTime: "2026-11-23T11:00:00+04:00" });
    await userEvent.click(screen.getByRole("textbox", { name: /Course/ }));
    await userEvent.click(await screen.findByRole("option", { name: "H2S Awareness" }));
    // When Repeat is on, weekly on Monday (the first session's day, already ticked) and Thursday, 3 sessions
    await userEvent.click(screen.getByRole("switch", { name: "Repeat" }));
    expect(screen.getByRole("checkbox", { name: "Mon" })).toBeChecked();
    await userEvent.click(screen.getByRole("checkbox", { name: "Thu" }));
    const sessions = screen.getByRole("textbox", { name: "Sessions" });
    await userEvent.clear(sessions);
    await userEvent.type(sessions, "3");
    // Then the preview lists the three dates
    const preview = screen.getByRole("list", { name: "Preview of the dates" });
    expect(Array.from(preview.querySelectorAll("li"), (li) => li.textContent)).toEqual([
      "Mon 23 Nov 2026, 09:00–11:00",
      "Thu 26 Nov 2026, 09:00–11:00",
      "Mon 30 Nov 2026, 09:00–11:00",
    ]);
    // And creating sends the first session and the rule, then shows the series with a link per draft
    await userEvent.click(screen.getByRole("button", { name: "Create 3 drafts" }));
    expect(await screen.findByText(/3 drafts of H2S Awareness/)).toBeInTheDocument();
    expect(body).toEqual({
      courseId: "c1",
      startTime: "2026-11-23T09:00:00+04:00",
      endTime: "2026-11-23T11:00:00+04:00",
      recurrence: { frequency: "WEEKLY", interval: 1, byWeekday: ["MO", "TH"], count: 3 },
    });
    const created = screen.getByRole("list", { name: "Created drafts" });
    expect(Array.from(created.querySelectorAll("a"), (a) => a.getAttribute("href"))).toEqual([
      "/sessions/s0",
      "/sessions/s1",
      "/sessions/s2",
    ]);
  });

  it("refuses more than 52 sessions before sending anything", async () => {
    renderModal({ startTime: "2026-11-23T09:00:00+04:00", endTime: "2026-11-23T11:00:00+04:00" });
    await userEvent.click(screen.getByRole("textbox", { name: /Course/ }));
    await userEvent.click(await screen.findByRole("option", { name: "H2S Awareness" }));
    await userEvent.click(screen.getByRole("switch", { name: "Repeat" }));
    const sessions = screen.getByRole("textbox", { name: "Sessions" });
    await userEvent.clear(sessions);
    await userEvent.type(sessions, "53");
    expect(screen.getByText("A series holds at most 52 sessions; this one has more")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create drafts" })).toBeDisabled();
    expect(body).toBeUndefined();
  });
});
