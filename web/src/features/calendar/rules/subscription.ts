/** What the console says and decides about calendar subscriptions (issue 12): plain functions, tested alone. */

export type FeedOwner = "trainers" | "personnel";

/** Issuing a link revokes the previous one: said before the link is made, and again beside it. */
export const REVOKE_WARNING =
  "Issuing a new link revokes the previous one: calendars subscribed with the old link stop updating and must be given this one.";

/** Where each calendar app takes a subscription URL. */
export const CALENDAR_APPS: { app: string; where: string }[] = [
  { app: "Google Calendar", where: "Other calendars, +, From URL" },
  { app: "Outlook", where: "Add calendar, Subscribe from web" },
  { app: "Apple Calendar", where: "File, New Calendar Subscription" },
];

/** The dialog's title: whose sessions the feed lists. */
export function subscriptionTitle(owner: FeedOwner, name: string): string {
  return owner === "trainers" ? `Calendar of ${name}'s sessions` : `Calendar of the sessions ${name} attends`;
}

/** The confirm button: the first link of this visit, or a replacement of the one just shown. */
export function issueLabel(issued: boolean): string {
  return issued ? "Issue a new link" : "Create link";
}

/** A trainer's own trainer record among those listed: the one whose login (`userId`) is the caller's.
 * (The API shows a trainer only their own `userId`; every other trainer's reads null.) */
export function ownTrainerId(trainers: { id: string; userId?: string | null }[], userId: string): string | undefined {
  return trainers.find((trainer) => trainer.userId === userId)?.id;
}

/** The feed's address without its token, to tell the user which feed a link opens. */
export function feedAddress(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? url : url.slice(0, at);
}
