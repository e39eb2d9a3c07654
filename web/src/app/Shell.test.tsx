import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../api/identity";
import { AppProviders, makeQueryClient } from "./providers";
import { Shell } from "./Shell";

function serverConfig(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function renderShell(queryClient = makeQueryClient()) {
  return render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={["/"]}>
        <Routes>
          <Route element={<Shell />}>
            <Route index element={<p>home</p>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
}

describe("the app shell", () => {
  beforeEach(() => {
    window.localStorage.clear();
    setIdentity(DEMO_ADMIN);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("offers an admin the eight screens and the Acting as switcher on a server without GET /config", async () => {
    // Given a server that answers GET /config with 404 (assumed local)
    const fetchMock = serverConfig(404, { statusCode: 404, error: "Not Found", message: "No route" });
    // When the console starts as the demo admin
    renderShell();
    // Then the switcher appears and the navigation has exactly the admin's labels
    expect(await screen.findByRole("textbox", { name: "Acting as" })).toHaveValue("Demo admin (hse-admin)");
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/training/config", expect.anything());
    const nav = screen.getByLabelText("Main navigation");
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual([
      "Planner", "Sessions", "Compliance", "Courses", "Personnel", "Trainers", "Venues", "Verification", "Import",
    ]);
  });

  it("shows a trainer only My sessions after switching", async () => {
    serverConfig(200, { siteTimezone: "UTC", local: true });
    renderShell();
    // When the admin switches to Frank
    await userEvent.click(await screen.findByRole("textbox", { name: "Acting as" }));
    await userEvent.click(await screen.findByRole("option", { name: "Frank Miller (trainer)" }));
    // Then no admin-only entry is left, and the choice is remembered
    const nav = screen.getByLabelText("Main navigation");
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["My sessions"]);
    expect(window.localStorage.getItem("titan.actingAs")).toBe("demo-trainer-frank");
  });

  it("hides the switcher on a server that is not local", async () => {
    // Given a deployed server's config
    serverConfig(200, { siteTimezone: "Europe/London", local: false });
    const queryClient = makeQueryClient();
    renderShell(queryClient);
    // When the console has read it
    await vi.waitFor(() => expect(queryClient.getQueryData(["config"])).toEqual({ siteTimezone: "Europe/London", local: false }));
    await screen.findByText("home");
    // Then there is no Acting as switcher
    expect(screen.queryByRole("textbox", { name: "Acting as" })).toBeNull();
  });
});
