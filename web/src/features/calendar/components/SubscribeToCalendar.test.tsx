import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";
import { SubscribeToCalendar } from "./SubscribeToCalendar";

const LINK = (token: string) => `http://127.0.0.1:3000/api/v1/training/calendar/personnel/p1.ics?token=${token}`;

describe("Subscribe to calendar", () => {
  let issued: string[];

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    issued = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      if (request.method === "POST" && path === "/calendar/personnel/p1/token") {
        const token = `tok${issued.length + 1}`;
        issued.push(token);
        return json({ url: LINK(token), token, issuedAt: "2026-12-01T09:00:00Z" });
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("warns first, then issues the link and shows it with a Copy button; a new link replaces it", async () => {
    renderRoutes("/", { "/": <SubscribeToCalendar owner="personnel" ownerId="p1" name="Ana Silva" /> });
    // When the admin opens the action: the warning shows before any link is made
    await userEvent.click(screen.getByRole("button", { name: "Subscribe to calendar" }));
    const dialog = await screen.findByRole("dialog", { name: "Calendar of the sessions Ana Silva attends" });
    expect(within(dialog).getByText(/revokes the previous one/)).toBeInTheDocument();
    expect(issued).toEqual([]);
    // And creates the link
    await userEvent.click(within(dialog).getByRole("button", { name: "Create link" }));
    // Then the link shows, with the copy button and where to paste it
    expect(await within(dialog).findByDisplayValue(LINK("tok1"))).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Copy link" })).toBeInTheDocument();
    expect(within(dialog).getByText("Google Calendar")).toBeInTheDocument();
    // And issuing again gives a new link in its place
    await userEvent.click(within(dialog).getByRole("button", { name: "Issue a new link" }));
    expect(await within(dialog).findByDisplayValue(LINK("tok2"))).toBeInTheDocument();
    expect(issued).toEqual(["tok1", "tok2"]);
  });
});
