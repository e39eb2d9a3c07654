import { Group, Select, Title } from "@mantine/core";
import { useConfig } from "../../config/api/config";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { useCourseNames, useSessions, type SessionStatus } from "../api/queries";
import { useState } from "react";
import { SessionsTable } from "./SessionsTable";

const STATUSES: SessionStatus[] = ["DRAFT", "SCHEDULED", "FINALIZING", "COMPLETED", "CANCELLED"];

/** Sessions with a status filter; a trainer's "My sessions" is the same list, which the API limits to their own. */
export function SessionsPage({ title = "Sessions" }: { title?: string }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const pager = usePager();
  const query = useSessions(status, pager.token);
  const timezone = useConfig().data?.siteTimezone ?? "UTC";
  const courses = useCourseNames().data ?? {};
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {title}
        </Title>
      </Group>
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        data={STATUSES}
        value={status}
        onChange={(value) => {
          setStatus(value as SessionStatus | null);
          pager.reset();
        }}
        maw={240}
        mb="sm"
      />
      <ErrorAlert error={query.error} />
      {query.isLoading ? (
        <Loading />
      ) : (
        <SessionsTable sessions={query.data?.items ?? []} courses={courses} timezone={timezone} />
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
