import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/errors";
import { cssVariablesResolver, theme } from "./theme";
import { loadIdentity, setIdentity, type Identity } from "../api/identity";
import type { Session } from "../auth/claims";

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

/** Who the console acts as: the local "Acting as" choice, or (deployed) the signed-in user's session. */
type ActingAs = { identity: Identity; actAs: (identity: Identity) => void; session?: Session };
const ActingAsContext = createContext<ActingAs | null>(null);

function ActingAsProvider({ children, session }: { children: ReactNode; session?: Session }) {
  const queryClient = useQueryClient();
  const [identity, setState] = useState<Identity>(() => session?.identity ?? loadIdentity());
  const value = useMemo<ActingAs>(
    () => ({
      identity,
      session,
      actAs: (next) => {
        if (session) return; // signed in: the token says who this is
        setIdentity(next);
        setState(next);
        queryClient.clear(); // what one user saw is not another's
      },
    }),
    [identity, queryClient, session],
  );
  return <ActingAsContext.Provider value={value}>{children}</ActingAsContext.Provider>;
}

export function useActingAs(): ActingAs {
  const value = useContext(ActingAsContext);
  if (!value) throw new Error("useActingAs outside AppProviders");
  return value;
}

export function AppProviders({
  children,
  queryClient,
  session,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  session?: Session;
}) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>
        <ActingAsProvider session={session}>{children}</ActingAsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
