import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { AppProviders, makeQueryClient } from "../app/providers";

/** Render the console's providers and a router at `path`, with `routes` (route pattern → element). */
export function renderRoutes(path: string, routes: Record<string, ReactElement>) {
  return render(
    <AppProviders queryClient={makeQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          {Object.entries(routes).map(([pattern, element]) => (
            <Route key={pattern} path={pattern} element={element} />
          ))}
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
}
