/** The Compliance dashboard: counts per course, a course's workers, and "New draft" for it. */
import { expect, type Locator } from "@playwright/test";
import { ConsolePage } from "./console";

export class CompliancePage extends ConsolePage {
  async open(): Promise<void> {
    await super.open("/compliance");
    await expect(this.page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
  }

  /** Shows a course's workers below the counts. */
  async selectCourse(name: string): Promise<void> {
    await this.page.getByRole("button", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: `${name}: workers` })).toBeVisible();
    await expect(this.page.getByLabel("Loading")).toHaveCount(0);
  }

  /** A worker's row in the selected course's list (name as shown: "<First> <Last>"). */
  workerRow(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  /** The status badges of the listed workers, in the order shown ("Non-compliant", "Pending", ...). */
  async workerStatuses(): Promise<string[]> {
    const workers = this.page.getByRole("table").last(); // below the counts
    return (await workers.getByRole("row").locator("td:nth-child(3)").allTextContents()).map((text) => text.trim());
  }

  /** "New draft" for the selected course: the console opens the draft's page; returns its id. */
  async newDraft(): Promise<string> {
    await this.page.getByRole("button", { name: "New draft" }).click();
    await this.page.waitForURL(/\/sessions\/[^/]+$/);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }
}
