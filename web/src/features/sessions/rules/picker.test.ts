import { describe, expect, it } from "vitest";
import { addOutcome, draftPatch, hasMore, nextLimit, removeLabel, selectionAlert, sessionActions } from "./picker";

describe("the picker's paging", () => {
  it("asks for one more page, never past the API's 500", () => {
    expect(nextLimit(50)).toBe(100);
    expect(nextLimit(480)).toBe(500);
    expect(nextLimit(500)).toBe(500);
  });

  it("offers more only after a full answer below the maximum", () => {
    expect(hasMore(50, 50)).toBe(true);
    expect(hasMore(49, 50)).toBe(false);
    expect(hasMore(500, 500)).toBe(false);
  });
});

describe("selectionAlert", () => {
  it("counts the class list plus the selection against the room", () => {
    expect(selectionAlert(18, 7, 20)).toBe("Venue Capacity Exceeded (25/20).");
  });

  it("is silent at capacity, without a venue, or without a selection", () => {
    expect(selectionAlert(18, 2, 20)).toBeNull();
    expect(selectionAlert(18, 7, null)).toBeNull();
    expect(selectionAlert(25, 0, 20)).toBeNull();
  });
});

describe("addOutcome", () => {
  it("says how many were added", () => {
    expect(addOutcome({ added: ["p1"] })).toEqual([{ color: "green", message: "Added 1 person to the class list" }]);
  });

  it("names who was not added and why", () => {
    expect(addOutcome({ added: ["p1", "p2"], alreadyListed: ["p3"], inactive: ["p4", "p5"], notFound: ["p6"] })).toEqual([
      { color: "green", message: "Added 2 people to the class list" },
      { color: "yellow", message: "1 person already on the list" },
      { color: "yellow", message: "2 people not added: inactive" },
      { color: "yellow", message: "1 person not added: not found" },
    ]);
  });
});

describe("removeLabel", () => {
  it("names the person", () => {
    expect(removeLabel({ firstName: "Ali", lastName: "Hassan" })).toBe("Remove Ali Hassan");
  });
});

describe("sessionActions", () => {
  it("follows the API: cancel an open session, delete a draft or a cancelled one", () => {
    expect(sessionActions("DRAFT")).toEqual({ cancel: true, delete: true, edit: true });
    expect(sessionActions("SCHEDULED")).toEqual({ cancel: true, delete: false, edit: true });
    expect(sessionActions("CANCELLED")).toEqual({ cancel: false, delete: true, edit: false });
    expect(sessionActions("COMPLETED")).toEqual({ cancel: false, delete: false, edit: false });
    expect(sessionActions("FINALIZING")).toEqual({ cancel: false, delete: false, edit: false });
  });
});

describe("draftPatch", () => {
  it("sends empty fields as null, which clears them on a draft", () => {
    expect(draftPatch({ trainerId: "t1", venueId: null, startTime: "2026-11-23T09:00:00+00:00", endTime: "" })).toEqual({
      trainerId: "t1",
      venueId: null,
      startTime: "2026-11-23T09:00:00+00:00",
      endTime: null,
    });
  });
});
