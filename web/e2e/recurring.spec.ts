/** "Repeat" in the Planner's new-draft form: a weekly series previewed, created in one go, then listed by the API. */
import { expect, test } from "@playwright/test";
import { ConsolePage } from "./pages/console";
import { TrainingApi } from "./support/api";
import { at, localInput, mondayOf } from "./support/dates";

test("A weekly series on Monday and Thursday: its dates previewed, six drafts created, each its own page", async ({
  page,
  request,
}) => {
  const api = new TrainingApi(request);
  const fireWarden = await api.course("FIRE-WD");
  // Given the Planner, and a Monday 09:00-12:00 eight weeks from now (a week no other test uses)
  const monday = mondayOf(8);
  const console = new ConsolePage(page);
  await console.open("/planner");

  // When an admin starts a new draft of Fire Warden and repeats it weekly on Monday and Thursday, six times
  await page.getByRole("button", { name: "New draft" }).click();
  const form = page.getByRole("dialog", { name: "New draft" });
  await form.getByRole("textbox", { name: "Course" }).click();
  await form.getByRole("option", { name: "Fire Warden" }).click();
  await form.getByText("Repeat", { exact: true }).click(); // Mantine's switch: its input is drawn by the label
  await expect(form.getByRole("switch", { name: "Repeat" })).toBeChecked();
  await form.getByLabel("First session starts (UTC)").fill(localInput(at(monday, "09:00")));
  await form.getByLabel("First session ends (UTC)").fill(localInput(at(monday, "12:00")));
  await expect(form.getByRole("checkbox", { name: "Mon" })).toBeChecked();
  await form.getByRole("checkbox", { name: "Thu" }).check();
  await form.getByRole("textbox", { name: "Sessions" }).fill("6");

  // Then the preview lists the six dates, Mondays and Thursdays, 09:00-12:00
  const preview = form.getByRole("list", { name: "Preview of the dates" }).getByRole("listitem");
  const expected = [0, 3, 7, 10, 14, 17].map((days) => `${monday.add(days, "day").format("ddd D MMM YYYY")}, 09:00–12:00`);
  await expect(preview).toHaveText(expected);
  await console.screenshot("recurring-drafts-preview");

  // And "Create 6 drafts" makes the series, listed as links to the six drafts
  await form.getByRole("button", { name: "Create 6 drafts" }).click();
  const result = page.getByRole("dialog", { name: "Series created" });
  const links = result.getByRole("list", { name: "Created drafts" }).getByRole("link");
  await expect(links).toHaveText(expected);
  await console.screenshot("recurring-drafts-created");

  // And the API lists exactly those six DRAFTs under the series id the result shows
  const seriesId = (await result.locator("code").textContent())!;
  const series = await api.sessions({ seriesId });
  expect(series.map((session) => [session.status, session.courseId, session.seriesId])).toEqual(
    Array(6).fill(["DRAFT", fireWarden.id, seriesId]),
  );
  // And each draft opens on its own page, to be scheduled as any other
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${series[0].id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fire Warden");
});
