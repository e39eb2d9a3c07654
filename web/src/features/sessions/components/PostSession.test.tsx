import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, DEMO_TRAINERS, setIdentity } from "../../../api/identity";
import { SessionPage } from "./SessionPage";
import { renderRoutes } from "../../../test/render";
import { json } from "../../../test/http";

const ENDED = {
  id: "s1", courseId: "c1", status: "SCHEDULED", trainerId: "t1", venueId: "v1",
  startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T12:00:00Z",
  createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z", createdById: "demo-admin",
  attendees: ["Ann", "Bob", "Cy"].map((firstName, i) => ({
    personnelId: `p${i}`, firstName, lastName: "Worker", employeeNo: null,
    status: "REGISTERED", addedAt: "2026-11-01T00:00:00Z",
  })),
  capacity: { attendees: 3, venueCapacity: 20, exceeded: false },
};
const NOT_READY = {
  statusCode: 422, error: "Unprocessable Content", message: "Invalid request: session.attendees.p0: attendance is not marked",
  details: [
    { location: "session", field: "attendees.p0", message: "attendance is not marked", type: "not_ready" },
    { location: "session", field: "evidence", message: "no signed attendance sheet (PDF) has been uploaded", type: "not_ready" },
  ],
};

const WAIT = { timeout: 5000 }; // polls until true; generous for a loaded machine

/** XMLHttpRequest as the presigned POST sees it: records the form, reports progress, answers 204. */
class FakeXhr {
  static sent: { url: string; body: FormData }[] = [];
  status = 0;
  responseText = "";
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private url = "";
  open(_method: string, url: string) {
    this.url = url;
  }
  send(body: FormData) {
    FakeXhr.sent.push({ url: this.url, body });
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
    this.status = 204;
    this.onload?.();
  }
}

function renderPage() {
  renderRoutes("/sessions/s1", { "/sessions/:sessionId": <SessionPage /> });
}

// Mantine's forms in jsdom are slow to drive: a generous limit per test (nothing here waits on time).
describe("after the session: attendance, the signed sheet, finalize", { timeout: 30_000 }, () => {
  let requests: { method: string; path: string; body: unknown }[];
  let session: typeof ENDED;
  let evidence: boolean;

  beforeEach(() => {
    requests = [];
    session = structuredClone(ENDED);
    evidence = false;
    FakeXhr.sent = [];
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const path = new URL(request.url, "http://localhost").pathname.replace("/api/v1/training", "");
      const text = request.method === "GET" ? "" : await request.text();
      requests.push({ method: request.method, path, body: text ? JSON.parse(text) : null });
      if (path === "/config") return json({ statusCode: 404, error: "Not Found", message: "No route" }, 404);
      if (path === "/sessions/s1") return json(session);
      if (path === "/courses/c1") return json({ id: "c1", name: "H2S Awareness", code: "H2S-AW" });
      if (path === "/courses") return json({ items: [{ id: "c1", name: "H2S Awareness" }] });
      if (path === "/trainers" || path === "/venues") return json({ items: [] });
      if (path === "/sessions/s1/attendance") {
        return json({
          sessionId: "s1", updated: 3, attendees: [],
          summary: { registered: 0, attended: 2, noShow: 1, passed: 2, failed: 0 },
        });
      }
      if (path === "/sessions/s1/evidence" && request.method === "POST") {
        return json({ url: "http://127.0.0.1:9000/evidence", fields: { key: "k1", policy: "p" }, fileKey: "k1", expiresInSeconds: 900 });
      }
      if (path === "/sessions/s1/evidence") {
        return evidence
          ? json({ fileKey: "k1", url: "http://127.0.0.1:9000/evidence/k1?sig", expiresInSeconds: 300, finalized: false })
          : json({ statusCode: 404, error: "Not Found", message: "Evidence of session s1 not found" }, 404);
      }
      if (path === "/sessions/s1/finalize") return json(NOT_READY, 422);
      return json({ statusCode: 404, error: "Not Found", message: `unexpected ${path}` }, 404);
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lets the trainer mark everyone, one a no-show, and saves the sheet in one call", async () => {
    // Given the session's trainer on an ended session
    setIdentity(DEMO_TRAINERS[0]);
    renderPage();
    await screen.findByRole("heading", { name: "Attendance" });
    // Then a trainer sees no admin action
    expect(screen.queryByRole("button", { name: "Finalize Session" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Schedule" })).not.toBeInTheDocument();

    // When they mark all attended & passed, then Cy a no-show with a remark
    await userEvent.click(screen.getByRole("button", { name: "Mark all attended & passed" }));
    const cy = screen.getByRole("group", { name: "Cy Worker" });
    await userEvent.click(within(cy).getByRole("radio", { name: "No-show" }));
    expect(within(cy).getByRole("radio", { name: "Passed" })).toBeDisabled();
    await userEvent.type(within(cy).getByRole("textbox", { name: "Remarks" }), "Did not attend");
    await userEvent.click(screen.getByRole("button", { name: "Save attendance" }));

    // Then one PATCH carries the whole sheet, with no result for the no-show
    await vi.waitFor(() => expect(requests.some((r) => r.method === "PATCH")).toBe(true), WAIT);
    expect(requests.find((r) => r.method === "PATCH")!.body).toEqual({
      entries: [
        { personnelId: "p0", status: "ATTENDED", result: "PASSED", remarks: null },
        { personnelId: "p1", status: "ATTENDED", result: "PASSED", remarks: null },
        { personnelId: "p2", status: "NO_SHOW", result: null, remarks: "Did not attend" },
      ],
    });
    expect(await screen.findByText(/2 attended \(2 passed, 0 failed\), 1 no-shows/)).toBeInTheDocument();
    // And the session is read again
    await vi.waitFor(() => expect(requests.filter((r) => r.path === "/sessions/s1").length).toBeGreaterThan(1), WAIT);
  });

  it("shows a 422 of the attendance call on the card of the person it names", async () => {
    setIdentity(DEMO_TRAINERS[0]);
    const fetcher = globalThis.fetch as ReturnType<typeof vi.fn>;
    const base = fetcher.getMockImplementation()!;
    fetcher.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
      if (url.pathname.endsWith("/sessions/s1/attendance")) {
        return json({
          statusCode: 422, error: "Unprocessable Content", message: "Invalid request: body.entries.1.personnelId",
          details: [{ location: "body", field: "entries.1.personnelId", message: "p1 is not on the class list", type: "not_listed" }],
        }, 422);
      }
      return base(input, init);
    });
    renderPage();
    // When Ann and Bob are marked no-shows and the sheet is saved
    for (const name of ["Ann Worker", "Bob Worker"]) {
      await userEvent.click(within(await screen.findByRole("group", { name })).getByRole("radio", { name: "No-show" }));
    }
    await userEvent.click(screen.getByRole("button", { name: "Save attendance" }));
    // Then the second entry's problem shows on Bob's card, not Ann's
    const bob = screen.getByRole("group", { name: "Bob Worker" });
    expect(await within(bob).findByText("personnelId: p1 is not on the class list")).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: "Ann Worker" })).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("refuses a file that is not a PDF, and uploads a PDF through the presigned form", async () => {
    setIdentity(DEMO_TRAINERS[0]);
    renderPage();
    const input = await screen.findByLabelText("Signed attendance sheet (PDF)");
    expect(await screen.findByText("No signed sheet uploaded yet.")).toBeInTheDocument();
    const user = userEvent.setup({ applyAccept: false });

    // When they choose a photo
    await user.upload(input, new File(["jpeg"], "sheet.jpg", { type: "image/jpeg" }));
    // Then it is refused with a clear message, and nothing is asked of the API
    expect(await screen.findByText("sheet.jpg is not a PDF: upload the signed attendance sheet as a PDF.")).toBeInTheDocument();
    expect(requests.some((r) => r.path === "/sessions/s1/evidence" && r.method === "POST")).toBe(false);

    // When they choose the PDF
    evidence = true;
    await user.upload(input, new File(["%PDF-1.7"], "sheet.pdf", { type: "application/pdf" }));
    // Then the form's fields go first, the file last, to the returned url
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1), WAIT);
    const { url, body } = FakeXhr.sent[0];
    expect(url).toBe("http://127.0.0.1:9000/evidence");
    expect([...body.keys()]).toEqual(["key", "policy", "file"]);
    expect((body.get("file") as File).name).toBe("sheet.pdf");
    // And the progress bar is full, and the link to what is there appears
    expect(screen.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
    const link = await screen.findByRole("link", { name: "View attendance sheet" });
    expect(link).toHaveAttribute("href", "http://127.0.0.1:9000/evidence/k1?sig");
  });

  it("shows what finalize says is missing as a checklist", async () => {
    // Given an admin on the ended session
    setIdentity(DEMO_ADMIN);
    renderPage();
    // When they click Finalize Session
    await userEvent.click(await screen.findByRole("button", { name: "Finalize Session" }));
    // Then each missing item is a line of the checklist, the person by name
    const list = await screen.findByRole("list", { name: "What is missing" });
    const items = within(list).getAllByRole("listitem").map((item) => item.textContent);
    expect(items).toEqual([
      "Ann Worker: attendance is not marked",
      "Signed attendance sheet: no signed attendance sheet (PDF) has been uploaded",
    ]);
  });

  it("shows a completed session's records and new statuses, read-only", async () => {
    // Given a finalized session, its records and the course's compliance now
    setIdentity(DEMO_ADMIN);
    session = { ...structuredClone(ENDED), status: "COMPLETED" };
    evidence = true;
    const fetcher = globalThis.fetch as ReturnType<typeof vi.fn>;
    const base = fetcher.getMockImplementation()!;
    fetcher.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
      if (url.pathname.endsWith("/sessions/s1/records")) {
        return json({
          sessionId: "s1", competencyRecords: [],
          trainingRecords: [
            { id: "r0", personnelId: "p0", result: "PASSED", expiryDate: "2028-11-23" },
            { id: "r1", personnelId: "p1", result: "FAILED", expiryDate: null },
          ],
        });
      }
      if (url.pathname.endsWith("/courses/c1/compliance")) {
        return json({
          items: [
            { personnelId: "p0", courseId: "c1", status: "COMPLIANT", expiryDate: "2028-11-23" },
            { personnelId: "p1", courseId: "c1", status: "NON_COMPLIANT", expiryDate: null },
          ],
          nextToken: null,
        });
      }
      return base(input, init);
    });
    renderPage();
    // Then the records show with each worker's new status
    const records = await screen.findByRole("table", { name: "Records" });
    await within(records).findByText("Compliant until 2028-11-23");
    const rows = within(records).getAllByRole("row").map((row) => row.textContent);
    expect(rows).toEqual([
      "NameOutcomeValid untilCompliance now",
      "Ann WorkerPASSED2028-11-23Compliant until 2028-11-23",
      "Bob WorkerFAILED—Non-compliant",
    ]);
    expect(screen.getByRole("link", { name: "View attendance sheet" })).toBeInTheDocument();
    // And nothing is editable any more
    expect(screen.queryByRole("button", { name: "Save attendance" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Finalize Session" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Schedule" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Signed attendance sheet (PDF)")).not.toBeInTheDocument();
  });
});
