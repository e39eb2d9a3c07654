import { useState } from "react";
import { Group, Tabs, Text, Title } from "@mantine/core";
import { useActingAs } from "../../../app/providers";
import { useOwnTrainer } from "../../calendar/api/subscription";
import { SubscribeToCalendar } from "../../calendar/components/SubscribeToCalendar";
import { useConfig } from "../../config/api/config";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { useSessionsBetween } from "../api/mySessions";
import { useCourseNames } from "../api/queries";
import { windowQuery, type SessionWindow } from "../rules/mySessions";
import { SessionsTable } from "./SessionsTable";

/** A trainer's own sessions (the API gives a trainer no others), upcoming and past, each list paged. */
export function MySessionsPage() {
  const [tab, setTab] = useState<SessionWindow>("upcoming");
  const timezone = useConfig().data?.siteTimezone;
  const own = useOwnTrainer(useActingAs().identity.userId).data;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          My sessions
        </Title>
        {own ? <SubscribeToCalendar owner="trainers" ownerId={own.id} name={own.name} /> : null}
      </Group>
      {timezone ? (
        <Tabs value={tab} onChange={(value) => setTab((value as SessionWindow) ?? "upcoming")}>
          <Tabs.List>
            <Tabs.Tab value="upcoming">Upcoming</Tabs.Tab>
            <Tabs.Tab value="past">Past</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upcoming" pt="sm">
            <WindowList window="upcoming" timezone={timezone} />
          </Tabs.Panel>
          <Tabs.Panel value="past" pt="sm">
            <WindowList window="past" timezone={timezone} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Loading />
      )}
    </>
  );
}

const HINTS: Record<SessionWindow, { intro: string; empty: string }> = {
  upcoming: { intro: "Today's and later sessions, soonest first.", empty: "No upcoming sessions." },
  past: { intro: "Sessions before today, oldest first.", empty: "No past sessions." },
};

function WindowList({ window, timezone }: { window: SessionWindow; timezone: string }) {
  // the split is fixed when the list opens, so paging walks one stable query
  const [range] = useState(() => windowQuery(window, new Date(), timezone));
  const pager = usePager();
  const query = useSessionsBetween(range, pager.token);
  const courses = useCourseNames().data ?? {};
  return (
    <>
      <Text size="sm" c="gray.7" mb="xs">
        {HINTS[window].intro}
      </Text>
      <ErrorAlert error={query.error} />
      {query.isLoading ? (
        <Loading />
      ) : (
        <SessionsTable sessions={query.data?.items ?? []} courses={courses} timezone={timezone} empty={HINTS[window].empty} />
      )}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(query.data?.nextToken)}
        onNext={() => pager.next(query.data?.nextToken)}
        onPrevious={pager.previous}
      />
    </>
  );
}
