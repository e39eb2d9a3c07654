/** Spreadsheet import: an admin chooses a CSV file, reads the dry run's preview, then imports it. */
import { expect, test } from "@playwright/test";
import { ConsolePage } from "./pages/console";

test("An admin previews a personnel CSV, sees the refused row, and imports the rest", async ({ page }) => {
  const tag = Date.now().toString(36);
  const csv = [
    "First Name;Last Name;Email;Employee Number;Active",
    `Iris;Import${tag};iris.${tag}@titan.example;IMP-${tag}-1;yes`,
    `Omar;Import${tag};not-an-email;IMP-${tag}-2;yes`,
    `Uma;Import${tag};;IMP-${tag}-3;no`,
  ].join("\n");
  const console = new ConsolePage(page);
  await console.open("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();

  // Choosing the file shows the dry run: two to create, the bad email refused with its row and reason.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "CSV file" }).click();
  await (await chooser).setFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeff" + csv) });
  await expect(page.getByRole("status")).toContainText("2 would be created");
  const refused = page.getByRole("table", { name: "Refused rows" });
  await expect(refused.getByRole("row", { name: /^3 email: must be an email address$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Rows to create" }).getByRole("row")).toHaveCount(3);
  expect(await console.seriousA11yViolations()).toEqual([]);
  await console.screenshot("import-preview", { fullPage: true });

  // Import applies the valid rows; the workers are then in the directory.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("2 created · 0 changed · 0 unchanged · 1 refused");
  await console.screenshot("import-result");
  await console.navigate("Personnel");
  await page.getByRole("textbox", { name: "Search personnel" }).fill(`import${tag}`);
  await expect(page.getByRole("main").getByText(`IMP-${tag}-3`)).toBeVisible();
});
