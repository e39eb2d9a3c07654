import { Alert, Button, Center, Loader, MantineProvider, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { configureApi } from "../api/client";
import { clientBaseUrl, loadRuntime, type Runtime } from "../api/runtime";
import { tokenHeaders } from "../auth/claims";
import { App } from "./App";

function Starting({ label }: { label: string }) {
  return (
    <MantineProvider>
      <Center h="100vh">
        <Loader aria-label={label} />
      </Center>
    </MantineProvider>
  );
}

/** A console that cannot start says why, and offers the way back in. */
export function StartupError({ message }: { message: string }) {
  return (
    <MantineProvider>
      <Center h="100vh" p="md">
        <Stack maw={480}>
          <Alert color="red" title="The console could not start" role="alert">
            {message}
          </Alert>
          <Button onClick={() => window.location.assign("/")}>Sign in again</Button>
        </Stack>
      </Center>
    </MantineProvider>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/**
 * Before anything else the console reads /config.json: none (the local server) renders the app as
 * it always was; a deployed one signs in through Cognito's hosted sign-in first (oidc-client-ts,
 * loaded only then), and every API call goes to the configured API with the user's ID token.
 */
export async function start(
  render: (node: ReactNode) => void,
  loadConfig: () => Promise<Runtime> = () => loadRuntime(),
): Promise<void> {
  let runtime: Runtime;
  try {
    runtime = await loadConfig();
  } catch (error) {
    render(<StartupError message={messageOf(error)} />);
    return;
  }
  if (runtime.kind === "local") {
    render(<App />);
    return;
  }
  render(<Starting label="Signing in" />);
  try {
    const { startSession } = await import("../auth/session");
    const session = await startSession(runtime.auth);
    if (!session) return; // on the way to the hosted sign-in
    configureApi({
      baseUrl: clientBaseUrl(runtime.apiUrl),
      headers: async () => tokenHeaders(await session.idToken()),
      onUnauthorized: session.reauthenticate,
    });
    render(<App session={session} />);
  } catch (error) {
    render(<StartupError message={`Signing in failed: ${messageOf(error)}`} />);
  }
}
