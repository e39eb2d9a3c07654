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

  // The smart picker (admins, on a draft or a scheduled session): the API's ranking, red first.

  get picker(): Locator {
    return this.page.getByRole("region", { name: "Smart picker" });
  }

  /** The picker's yellow alert (the class list plus the selection past the room; Mantine's Alert is role "alert"). */
  get pickerAlert(): Locator {
    return this.picker.getByRole("alert");
  }

  get addButton(): Locator {
    return this.picker.getByRole("button", { name: "Add", exact: true });
  }

  get pickerRows(): Locator {
    return this.picker.getByRole("row").filter({ has: this.page.getByRole("checkbox") });
  }

  /** Selects the first `count` workers of the ranking; returns them as shown (name and status badge). */
  async selectTopWorkers(count: number): Promise<{ name: string; status: string }[]> {
    await expect(this.pickerRows.nth(count - 1)).toBeVisible();
    const picked: { name: string; status: string }[] = [];
    for (let n = 0; n < count; n++) {
      const row = this.pickerRows.nth(n);
      const checkbox = row.getByRole("checkbox");
      await checkbox.check();
      const label = (await checkbox.getAttribute("aria-label")) ?? "";
      picked.push({ name: label.replace(/^Select /, ""), status: ((await row.locator("td").nth(2).textContent()) ?? "").trim() });
    }
    await expect(this.picker.getByText(`${count} selected`, { exact: true })).toBeVisible();
    return picked;
  }

  /** Adds the selection to the class list, as the toast confirms. */
  async addSelected(count: number): Promise<void> {
    await this.addButton.click();
    await expect(this.page.getByText(`Added ${count} people to the class list`)).toBeVisible();
  }

  // Attendance (the session's trainer, or an admin, once it has started).

  get attendance(): Locator {
    return this.page.getByRole("form", { name: "Attendance" });
  }

  /** One attendee's card on the attendance form. */
  attendee(name: string): Locator {
    return this.attendance.getByRole("group", { name, exact: true });
  }

  async markAllAttendedPassed(): Promise<void> {
    await this.attendance.getByRole("button", { name: "Mark all attended & passed" }).click();
    await expect(this.attendance.getByText("Everyone is marked.")).toBeVisible();
  }

  async markNoShow(name: string): Promise<void> {
    const card = this.attendee(name);
    await card.getByRole("radio", { name: "No-show" }).check();
    await expect(card.getByRole("radio", { name: "Passed" })).toBeDisabled();
  }

  /** Saves the sheet; the toast sums it up, e.g. "18 attended (18 passed, 0 failed), 2 no-shows, 0 not marked". */
  async saveAttendance(summary: string): Promise<void> {
    await this.attendance.getByRole("button", { name: "Save attendance" }).click();
    await expect(this.page.getByRole("alert").filter({ hasText: "Attendance saved" })).toContainText(summary);
  }

  // The signed attendance sheet.

  get sheetLink(): Locator {
    return this.page.getByRole("link", { name: "View attendance sheet" });
  }

  /** Chooses a PDF in the drop zone's file picker; the sheet's link shows once it is there. */
  async uploadSheet(file: string): Promise<void> {
    await this.page.getByLabel("Signed attendance sheet (PDF)").setInputFiles(file);
    await expect(this.page.getByText(`${file.split("/").pop()} uploaded`)).toBeVisible();
    await expect(this.sheetLink).toBeVisible();
  }

  // Finalize (an admin, once the session has ended) and the records it wrote.

  async finalize(): Promise<void> {
    await this.page.getByRole("button", { name: "Finalize Session" }).click();
    await expect(this.page.getByText("Session finalized")).toBeVisible();
  }

  get records(): Locator {
    return this.page.getByRole("table", { name: "Records" });
  }

  get recordsHeading(): Locator {
    return this.page.getByRole("heading", { name: /^Records \(/ });
  }
}
