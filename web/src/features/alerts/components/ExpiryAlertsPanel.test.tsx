import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";
import { ExpiryAlertsPanel } from "./ExpiryAlertsPanel";

const ALERTS = {
  today: "2026-11-30",
  total: 3,
  nextToken: "page2",
  items: [
    {
      personnelId: "p1", firstName: "Ana", lastName: "Silva", employeeNo: "E001", courseId: "c1",
      courseName: "H2S Awareness", courseCode: "H2S-AW", expiryDate: "2026-12-04", daysLeft: 4, horizon: 7,
    },
    {
      personnelId: "p2", firstName: "Ben", lastName: "Okafor", employeeNo: "E002", courseId: "c2",
      courseName: "Fire Warden", courseCode: "FIRE-WD", expiryDate: "2027-01-14", daysLeft: 45, horizon: 60,
    },
  ],
};

describe("the expiry alerts panel", () => {
  let urls: URL[];

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    urls = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url, "http://localhost");
      urls.push(url);
      if (url.pathname.endsWith("/alerts")) return json(ALERTS);
      return json({ statusCode: 404, error: "Not Found", message: "unexpected" }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the open alerts' count and each worker, linked to their page, with course, expiry and days left", async () => {
    // Given an admin on a page with the panel
    renderRoutes("/compliance", { "/compliance": <ExpiryAlertsPanel />, "/personnel/:id": <p>worker page</p> });

    // Then the count is the total of every page, and each alert is a row
    expect(await screen.findByLabelText("3 open alerts")).toHaveTextContent("3");
    const table = screen.getByRole("table", { name: "Expiry alerts" });
    const ana = within(table).getByRole("row", { name: /Ana Silva/ });
    expect(within(ana).getByText("H2S Awareness")).toBeInTheDocument();
    expect(within(ana).getByText("2026-12-04")).toBeInTheDocument();
    expect(within(ana).getByText("4 days")).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /Ben Okafor/ })).toHaveTextContent("45 days");

    // When the next page is asked for, then it is fetched with the token
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(urls.some((url) => url.searchParams.get("nextToken") === "page2")).toBe(true);

    // When a worker is clicked, then their page opens
    await userEvent.click(screen.getAllByRole("link", { name: "Ana Silva" })[0]);
    expect(await screen.findByText("worker page")).toBeInTheDocument();
  });
});
