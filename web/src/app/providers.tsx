import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/errors";
import { cssVariablesResolver, theme } from "./theme";
import { loadIdentity, setIdentity, type Identity } from "../api/identity";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // a 4xx will not change on a retry
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}

type ActingAs = { identity: Identity; actAs: (identity: Identity) => void };
const ActingAsContext = createContext<ActingAs | null>(null);

function ActingAsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [identity, setState] = useState<Identity>(() => loadIdentity());
  const value = useMemo<ActingAs>(
    () => ({
      identity,
      actAs: (next) => {
        setIdentity(next);
        setState(next);
        queryClient.clear(); // what one user saw is not another's
      },
    }),
    [identity, queryClient],
  );
  return <ActingAsContext.Provider value={value}>{children}</ActingAsContext.Provider>;
}

export function useActingAs(): ActingAs {
  const value = useContext(ActingAsContext);
  if (!value) throw new Error("useActingAs outside AppProviders");
  return value;
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>
        <ActingAsProvider>{children}</ActingAsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
