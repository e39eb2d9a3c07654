import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../../../api/identity";
import { AppProviders, makeQueryClient } from "../../../app/providers";
import { VerificationPage } from "./VerificationPage";
import { json } from "../../../test/http";

function record(id: string, personnelId: string, personnelName: string | null) {
  return {
    id, personnelId, personnelName, courseId: "c1", sessionId: "s1", trainerId: "t1", status: "PENDING_VERIFICATION",
    completedAt: "2026-11-23T12:00:00Z", completionDate: "2026-11-23", evidenceFileKey: "evidence/s1.pdf",
    createdById: "demo-admin", createdAt: "2026-11-23T12:00:00Z", remarks: null, verifiedAt: null, verifiedById: null,
  };
}

function renderPage() {
  render(
    <AppProviders queryClient={makeQueryClient()}>
      <MemoryRouter initialEntries={["/verification"]}>
        <VerificationPage />
      </MemoryRouter>
    </AppProviders>,
  );
}

describe("the verification screen", () => {
  let pending: ReturnType<typeof record>[];
  let verifyCalls: { path: string; body: unknown }[];
  let listQueries: URLSearchParams[];
  let refuse: boolean;

  beforeEach(() => {
    setIdentity(DEMO_ADMIN);
    pending = [record("crec1", "cworker1", "Aisha Abbott"), record("crec2", "cworker2", null)];
    verifyCalls = [];
    listQueries = [];
    refuse = false;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url, "http://localhost");
      const path = url.pathname.replace("/api/v1/training", "");
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }] });
      if (path === "/competency-records") {
        listQueries.push(url.searchParams);
        return json({ items: pending, nextToken: null });
      }
      const verify = path.match(/^\/competency-records\/(\w+)\/verify$/);
      if (verify && request.method === "POST") {
        verifyCalls.push({ path, body: await request.clone().json() });
        if (refuse) {
          return json({ statusCode: 409, error: "Conflict", message: "Competency record crec1 is already VERIFIED", details: [] }, 409);
        }
        const done = pending.find((r) => r.id === verify[1])!;
        pending = pending.filter((r) => r.id !== verify[1]);
        return json({ competencyRecord: { ...done, status: "VERIFIED" }, trainingRecord: null });
      }
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("verifies a record with remarks and the row leaves the list", async () => {
    // Given an admin with two records waiting
    renderPage();
    const row = (await screen.findByText("Aisha Abbott")).closest("tr")!;
    // (each worker by name, linking to their page; by id when they have left the directory)
    expect(within(row).getByRole("link", { name: "Aisha Abbott" })).toHaveAttribute("href", "/personnel/cworker1");
    expect(screen.getByText("cworker2")).toBeInTheDocument();
    expect(within(row).getByRole("link", { name: "H2S Awareness" })).toHaveAttribute("href", "/sessions/s1");
    expect(within(row).getByText("2026-11-23")).toBeInTheDocument();
    expect(listQueries[0].get("status")).toBe("PENDING_VERIFICATION");

    // When they verify the first with remarks
    await userEvent.type(within(row).getByRole("textbox", { name: "Remarks for Aisha Abbott" }), "Observed on site");
    await userEvent.click(within(row).getByRole("button", { name: "Verify" }));

    // Then the API got the outcome and the remarks for that record
    await vi.waitFor(() => expect(verifyCalls).toHaveLength(1));
    expect(verifyCalls[0]).toEqual({
      path: "/competency-records/crec1/verify",
      body: { outcome: "VERIFIED", remarks: "Observed on site" },
    });
    // And the list refetches without it, with a toast saying so
    await vi.waitFor(() => expect(screen.queryByRole("link", { name: "Aisha Abbott" })).not.toBeInTheDocument());
    expect(screen.getByText("cworker2")).toBeInTheDocument();
    expect(await screen.findByText("Verified: Aisha Abbott, H2S Awareness")).toBeInTheDocument();
  });

  it("rejects without remarks and shows the API's message when it refuses", async () => {
    // Given the API will refuse the decision
    refuse = true;
    renderPage();
    const row = (await screen.findByText("Aisha Abbott")).closest("tr")!;

    // When the admin rejects with no remarks
    await userEvent.click(within(row).getByRole("button", { name: "Reject" }));

    // Then the body carries no remarks, and the API's own message shows on the row
    await vi.waitFor(() => expect(verifyCalls).toHaveLength(1));
    expect(verifyCalls[0].body).toEqual({ outcome: "REJECTED", remarks: null });
    expect(await within(row).findByRole("alert")).toHaveTextContent("Competency record crec1 is already VERIFIED");
    expect(screen.getByText("Aisha Abbott")).toBeInTheDocument();
  });
});
