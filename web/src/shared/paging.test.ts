import { describe, expect, it } from "vitest";
import { currentToken, firstPage, nextPage, previousPage } from "./paging";

describe("paging by nextToken", () => {
  it("walks forward and back", () => {
    // Given the first page
    let state = firstPage();
    expect(currentToken(state)).toBeUndefined();
    // When the API gives a nextToken and we follow it, then go back
    state = nextPage(state, "t2");
    expect(currentToken(state)).toBe("t2");
    state = previousPage(state);
    // Then we are on the first page again
    expect(currentToken(state)).toBeUndefined();
  });

  it("stays on the last page without a token", () => {
    const state = nextPage(firstPage(), null);
    expect(state.tokens).toHaveLength(1);
    expect(previousPage(state)).toBe(state);
  });
});
