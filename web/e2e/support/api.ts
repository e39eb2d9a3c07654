/**
 * The API as the tests' own hands: set up what the console cannot yet do, and look up the demo data's
 * ids. Calls go to the same local server with the local server's identity headers; types come from the
 * generated schema, as in the console.
 */
import { expect, type APIRequestContext } from "@playwright/test";
import type { components } from "../../src/api/schema";

type Schemas = components["schemas"];
export type Course = Schemas["Course"];
export type Trainer = Schemas["Trainer"];
export type TrainerWithLoad = Schemas["TrainerWithLoad"];
export type Venue = Schemas["Venue"];
export type SessionDetail = Schemas["SessionDetail"];
export type ScheduleSession = Schemas["ScheduleSession"];

const BASE = "/api/v1/training";

export type Caller = { userId: string; groups: string };
export const ADMIN: Caller = { userId: "demo-admin", groups: "hse-admin" };
export const FRANK: Caller = { userId: "demo-trainer-frank", groups: "trainer" };

export class TrainingApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly caller: Caller = ADMIN,
  ) {}

  private headers() {
    return { "X-Dev-User-Id": this.caller.userId, "X-Dev-Groups": this.caller.groups };
  }

  private async call<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${BASE}${path}`, { method, data, headers: this.headers() });
    expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  }

  async course(code: string): Promise<Course> {
    const page = await this.call<Schemas["Page_Course_"]>("GET", "/courses?limit=200");
    const found = page.items.find((course) => course.code === code);
    if (!found) throw new Error(`no course ${code} in the demo data`);
    return found;
  }

  async trainer(lastName: string): Promise<Trainer> {
    const page = await this.call<{ items: Trainer[] }>("GET", "/trainers?limit=200");
    const found = page.items.find((trainer) => trainer.lastName === lastName);
    if (!found) throw new Error(`no trainer ${lastName} in the demo data`);
    return found;
  }

  /** The trainers qualified for a course with their booked hours in an ISO week (`2026-W49`). */
  async qualifiedTrainers(courseId: string, week: string): Promise<TrainerWithLoad[]> {
    const query = new URLSearchParams({ courseId, week, limit: "200" });
    return (await this.call<{ items: TrainerWithLoad[] }>("GET", `/trainers?${query}`)).items;
  }

  async venue(name: string): Promise<Venue> {
    const page = await this.call<Schemas["Page_Venue_"]>("GET", "/venues?limit=200");
    const found = page.items.find((venue) => venue.name === name);
    if (!found) throw new Error(`no venue ${name} in the demo data`);
    return found;
  }

  async session(sessionId: string): Promise<SessionDetail> {
    return this.call<SessionDetail>("GET", `/sessions/${sessionId}`);
  }

  async sessions(query: Record<string, string>): Promise<Schemas["Session"][]> {
    const params = new URLSearchParams({ limit: "200", ...query });
    return (await this.call<{ items: Schemas["Session"][] }>("GET", `/sessions?${params}`)).items;
  }

  /** The latest SCHEDULED session of a course that has ended: the demo's H2S Awareness to mark and finalize. */
  async latestEndedSession(courseId: string): Promise<Schemas["Session"]> {
    const ended = (await this.sessions({ courseId, status: "SCHEDULED" }))
      .filter((session) => session.endTime && Date.parse(session.endTime) < Date.now())
      .sort((a, b) => Date.parse(b.endTime!) - Date.parse(a.endTime!));
    expect(ended.length, "an ended, not yet finalized session of the course").toBeGreaterThan(0);
    return ended[0];
  }

  async complianceItems(personnelId: string): Promise<Schemas["ComplianceItem"][]> {
    return (await this.call<{ items: Schemas["ComplianceItem"][] }>("GET", `/personnel/${personnelId}/compliance?limit=200`)).items;
  }

  async createDraft(courseId: string): Promise<string> {
    return (await this.call<{ id: string }>("POST", "/sessions/draft", { courseId })).id;
  }

  async schedule(sessionId: string, plan: ScheduleSession): Promise<void> {
    await this.call("PATCH", `/sessions/${sessionId}/schedule`, plan);
  }

  /** A new session of a course, scheduled as given: what the planner will do in the browser. */
  async scheduledSession(courseId: string, plan: ScheduleSession): Promise<string> {
    const sessionId = await this.createDraft(courseId);
    await this.schedule(sessionId, plan);
    return sessionId;
  }
}
