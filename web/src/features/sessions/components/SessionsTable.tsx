import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { formatRange } from "../../../shared/time";
import { statusColor } from "../rules/rules";
import type { Session } from "../api/queries";

/** Sessions as rows: the course (a link to the session's page), when on the site's calendar, and the status. */
export function SessionsTable({
  sessions,
  courses,
  timezone,
  empty = "No sessions.",
}: {
  sessions: Session[];
  courses: Record<string, string>;
  timezone: string;
  empty?: string;
}) {
  return (
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
          {sessions.map((session) => (
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
          {sessions.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="gray.7" size="sm">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
