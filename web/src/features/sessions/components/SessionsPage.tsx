import { Anchor, Badge, Group, Select, Table, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useConfig } from "../../config/api/config";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { formatRange } from "../../../shared/time";
import { statusColor } from "../rules/rules";
import { useCourseNames, useSessions, type SessionStatus } from "../api/queries";
import { useState } from "react";

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
        <Table.ScrollContainer minWidth={480}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Session</Table.Th>
                <Table.Th>When ({timezone})</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(query.data?.items ?? []).map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/sessions/${session.id}`}>
                      {courses[session.courseId] ?? session.courseId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatRange(session.startTime, session.endTime, timezone)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor(session.status)} variant={session.status === "DRAFT" ? "outline" : "filled"}>
                      {session.status}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
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
