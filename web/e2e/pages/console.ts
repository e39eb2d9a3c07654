/**
 * The console's shell as a person meets it: navigation, the "Acting as" switcher, and the checks every
 * screen shares (accessibility with axe-core, screenshots).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ADMIN_NAV = ["Planner", "Sessions", "Compliance", "Courses", "Personnel", "Trainers", "Venues", "Verification", "Import"];
export const TRAINER_NAV = ["My sessions"];

export const ADMIN_LABEL = "Demo admin (hse-admin)";
export const FRANK_LABEL = "Frank Miller (trainer)";

// Where the pictures go: .local/screenshots/ (ignored by git) unless E2E_SCREENSHOTS names another folder,
// relative to the repository (`make screenshots` refreshes the committed docs/screenshots/ this way).
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SCREENSHOTS = path.resolve(ROOT, process.env.E2E_SCREENSHOTS || ".local/screenshots");

export class ConsolePage {
  constructor(readonly page: Page) {}

  get navigation() {
    return this.page.getByRole("navigation", { name: "Main navigation" });
  }

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.settled();
  }

  /** Nothing is loading any more (the console's loaders carry the label "Loading"). */
  async settled(): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(this.page.getByLabel("Loading")).toHaveCount(0);
  }

  /** Switches the "Acting as" identity in the header, as a person does. */
  async actAs(label: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Acting as" }).click();
    await this.page.getByRole("option", { name: label }).click();
    await expect(this.page.getByRole("textbox", { name: "Acting as" })).toHaveValue(label);
  }

  async navigate(label: string): Promise<void> {
    await this.navigation.getByRole("link", { name: label, exact: true }).click();
    await this.settled();
  }

  async navLabels(): Promise<string[]> {
    return (await this.navigation.getByRole("link").allInnerTexts()).map((text) => text.trim());
  }

  /** axe-core's serious and critical findings (WCAG 2.1 A and AA) on what the page shows now. */
  async seriousA11yViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }

  /** Scrolls the page so that an element sits just below the header (for a picture of that part). */
  async scrollToTop(element: Locator): Promise<void> {
    await element.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 80));
  }

  /** Closes every toast (they would cover the header in a picture). */
  async dismissToasts(): Promise<void> {
    const close = this.page.getByRole("button", { name: "Close notification" });
    for (let tries = 0; tries < 10 && (await close.count()) > 0; tries++) {
      await close.first().click({ timeout: 2_000 }).catch(() => {}); // it may close by itself meanwhile
    }
    await expect(close).toHaveCount(0);
  }

  /**
   * A screenshot under a fixed name, <name>.png in the screenshots folder (see SCREENSHOTS), without
   * toasts: of the window, or the whole page (from its top, so the fixed header stays on top).
   */
  async screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
    await this.dismissToasts();
    await this.page.mouse.move(0, 0); // no hover effects in the picture
    if (options.fullPage) await this.page.evaluate(() => window.scrollTo(0, 0));
    const picture = { path: path.join(SCREENSHOTS, `${name}.png`), animations: "disabled", caret: "hide" } as const;
    await this.page.screenshot({ ...picture, fullPage: options.fullPage ?? false });
  }
}
