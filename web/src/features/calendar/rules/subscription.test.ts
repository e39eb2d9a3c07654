import { describe, expect, it } from "vitest";
import { feedAddress, issueLabel, ownTrainerId, REVOKE_WARNING, subscriptionTitle } from "./subscription";

describe("calendar subscription rules", () => {
  it("finds the caller's own trainer by login, and none when no trainer has it", () => {
    const trainers = [
      { id: "t1", userId: null },
      { id: "t2", userId: "demo-trainer-frank" },
      { id: "t3" },
    ];
    expect(ownTrainerId(trainers, "demo-trainer-frank")).toBe("t2");
    expect(ownTrainerId(trainers, "someone-else")).toBeUndefined();
    expect(ownTrainerId([], "demo-trainer-frank")).toBeUndefined();
  });

  it("names whose sessions the feed lists", () => {
    expect(subscriptionTitle("trainers", "Frank Miller")).toBe("Calendar of Frank Miller's sessions");
    expect(subscriptionTitle("personnel", "Ana Silva")).toBe("Calendar of the sessions Ana Silva attends");
  });

  it("warns that a new link revokes the old, and says so on the button once a link was shown", () => {
    expect(REVOKE_WARNING).toMatch(/revokes the previous one/);
    expect(issueLabel(false)).toBe("Create link");
    expect(issueLabel(true)).toBe("Issue a new link");
  });

  it("shows the feed's address without the token", () => {
    expect(feedAddress("http://127.0.0.1:3000/api/v1/training/calendar/trainers/c1.ics?token=abc")).toBe(
      "http://127.0.0.1:3000/api/v1/training/calendar/trainers/c1.ics",
    );
    expect(feedAddress("https://x/y.ics")).toBe("https://x/y.ics");
  });
});
