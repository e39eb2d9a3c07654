import { useState } from "react";

/** Paging through `nextToken`: the tokens of the pages seen so far, so Previous works too. */
export type PagerState = { tokens: (string | undefined)[] };

export function firstPage(): PagerState {
  return { tokens: [undefined] };
}

export function nextPage(state: PagerState, nextToken: string | null | undefined): PagerState {
  return nextToken ? { tokens: [...state.tokens, nextToken] } : state;
}

export function previousPage(state: PagerState): PagerState {
  return state.tokens.length > 1 ? { tokens: state.tokens.slice(0, -1) } : state;
}

export function currentToken(state: PagerState): string | undefined {
  return state.tokens[state.tokens.length - 1];
}

export function usePager() {
  const [state, setState] = useState<PagerState>(firstPage);
  return {
    token: currentToken(state),
    page: state.tokens.length,
    next: (token: string | null | undefined) => setState((s) => nextPage(s, token)),
    previous: () => setState(previousPage),
    reset: () => setState(firstPage()),
  };
}
