/**
 * A session's page (/sessions/<id>) as an admin or a trainer uses it. Each part of the page is its own
 * small set of methods, so later parts (the picker, attendance and evidence, finalize) join as more.
 */
import { expect, type Locator } from "@playwright/test";
import { ConsolePage } from "./console";

export type Slot = { start: string; end: string }; // datetime-local values on the site's calendar

export class SessionPage extends ConsolePage {
  async open(sessionId: string): Promise<void> {
    await super.open(`/sessions/${sessionId}`);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The session's status badge (DRAFT, SCHEDULED, ...), next to the heading. */
  async expectStatus(status: string): Promise<void> {
    await expect(this.page.getByText(status, { exact: true }).first()).toBeVisible();
  }

  // The scheduling form (admins, on a draft or a scheduled session).

  get scheduleForm(): Locator {
    return this.page.locator("form").filter({ has: this.page.getByRole("heading", { name: "Schedule" }) });
  }

  get trainer(): Locator {
    return this.scheduleForm.getByRole("textbox", { name: "Trainer" });
  }

  get venue(): Locator {
    return this.scheduleForm.getByRole("textbox", { name: "Venue" });
  }

  /** Start and end on the site's calendar (the form's inputs say which zone). */
  async setTimes(slot: Slot): Promise<void> {
    await this.scheduleForm.getByLabel(/^Start \(/).fill(slot.start);
    await this.scheduleForm.getByLabel(/^End \(/).fill(slot.end);
  }

  /** The labels the trainer picker offers, as shown. */
  async trainerOptions(): Promise<string[]> {
    await this.trainer.click();
    const options = this.page.getByRole("listbox").getByRole("option");
    await expect(options.first()).toBeVisible();
    const labels = (await options.allInnerTexts()).map((text) => text.trim());
    await this.page.keyboard.press("Escape");
    return labels;
  }

  async chooseTrainer(label: string): Promise<void> {
    await this.trainer.click();
    await this.page.getByRole("option", { name: label, exact: true }).click();
    await expect(this.trainer).toHaveValue(label);
  }

  async chooseVenue(label: string): Promise<void> {
    await this.venue.click();
    await this.page.getByRole("option", { name: label, exact: true }).click();
    await expect(this.venue).toHaveValue(label);
  }

  async submitSchedule(): Promise<void> {
    await this.scheduleForm.getByRole("button", { name: "Schedule" }).click();
  }

  /** The 409 shown as the clashing session. */
  get clash(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "The trainer is already booked" });
  }

  // The class list (everyone on the session).

  get classListHeading(): Locator {
    return this.page.getByRole("heading", { name: /^Class list/ });
  }
}
