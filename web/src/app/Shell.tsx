import { Suspense } from "react";
import { AppShell, Burger, Button, Group, NavLink, Select, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router-dom";
import { isAdmin, LOCAL_IDENTITIES } from "../api/identity";
import { useConfig } from "../features/config/api/config";
import { navItems } from "./navigation";
import { Loading } from "../shared/components";
import { useActingAs } from "./providers";

function ActingAsSwitcher() {
  const { identity, actAs } = useActingAs();
  return (
    <Select
      label="Acting as"
      size="xs"
      w={{ base: 190, sm: 240 }}
      allowDeselect={false}
      data={LOCAL_IDENTITIES.map((option) => ({ value: option.userId, label: option.label }))}
      value={identity.userId}
      onChange={(userId) => {
        const next = LOCAL_IDENTITIES.find((option) => option.userId === userId);
        if (next) actAs(next);
      }}
    />
  );
}

/** Deployed: who signed in, and the way out (Cognito's hosted sign-out). */
function SignedInUser() {
  const { identity, session } = useActingAs();
  if (!session) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" visibleFrom="sm" truncate maw={220}>
        {identity.label}
      </Text>
      <Button size="xs" variant="default" onClick={() => void session.signOut()}>
        Sign out
      </Button>
    </Group>
  );
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { identity } = useActingAs();
  const config = useConfig();
  const location = useLocation();
  const items = navItems(isAdmin(identity));
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={3} size="h4" visibleFrom="xs">
              Titan Training
            </Title>
            <Title order={3} size="h5" hiddenFrom="xs">
              Titan
            </Title>
          </Group>
          {config.data?.local ? <ActingAsSwitcher /> : <SignedInUser />}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            label={item.label}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* A screen's chunk loading shows a loader in its place; the header and navigation stay. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
