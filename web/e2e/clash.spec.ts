/** Scheduling a trainer over a session they already have: the 409 is shown as that session, with a link. */
import { expect, test } from "@playwright/test";
import { SessionPage } from "./pages/session";
import { TrainingApi } from "./support/api";
import { at, iso, localInput, mondayOf, shown } from "./support/dates";

test("A 409 clash shows the clashing session's course, time and a link to it", async ({ page, request }) => {
  const api = new TrainingApi(request);
  const [fireWarden, h2s] = [await api.course("FIRE-WD"), await api.course("H2S-AW")];
  const frank = await api.trainer("Miller");
  // Given Frank Miller teaching Fire Warden on Tuesday four weeks from now, 09:00-12:00 (a week no other test uses),
  const tuesday = mondayOf(4).add(1, "day");
  const booked = { start: at(tuesday, "09:00"), end: at(tuesday, "12:00") };
  const fireGround = await api.venue("Fire Ground");
  const clashingId = await api.scheduledSession(fireWarden.id, {
    trainerId: frank.id,
    venueId: fireGround.id,
    startTime: iso(booked.start),
    endTime: iso(booked.end),
  });
  // and a draft of H2S Awareness,
  const draftId = await api.createDraft(h2s.id);

  // when an admin schedules the draft with Frank from 11:00 on that day,
  const session = new SessionPage(page);
  await session.open(draftId);
  await session.setTimes({ start: localInput(at(tuesday, "11:00")), end: localInput(at(tuesday, "15:00")) });
  await session.chooseTrainer("Frank Miller (3h booked this week)");
  await session.chooseVenue("Training Room B (capacity 12)");
  await session.submitSchedule();

  // then the clash names the session he already has, and links to it,
  await expect(session.clash).toBeVisible();
  const link = session.clash.getByRole("link", { name: `Fire Warden, ${shown(booked.start)}` });
  await expect(link).toHaveAttribute("href", `/sessions/${clashingId}`);
  expect((await api.session(draftId)).status).toBe("DRAFT");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${clashingId}$`));
  await expect(session.heading).toHaveText("Fire Warden");
});
