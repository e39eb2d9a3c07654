import { useState } from "react";
import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../../api/errors";
import { ErrorAlert, Loading } from "../../../shared/components";
import type { SessionDetail } from "../api/queries";
import { useCourseCompliance, useFinalize, useSessionRecords } from "../api/post-session";
import { competencyText, complianceBadge, missingItems, type MissingItem } from "../rules/post-session";

/** "Finalize Session" (an hse-admin, once the session has ended): what is missing, as a checklist. */
export function FinalizeSection({ session }: { session: SessionDetail }) {
  const finalize = useFinalize(session.id);
  const [missing, setMissing] = useState<MissingItem[] | null>(null);

  async function run() {
    setMissing(null);
    try {
      const done = await finalize.mutateAsync();
      notifications.show({
        color: "green",
        title: "Session finalized",
        message: `${done.trainingRecords} training records, ${done.competencyRecords} competency records, ${done.noShows} no-shows`,
      });
    } catch (error) {
      setMissing(missingItems(error, session.attendees));
      notifications.show({ color: "red", message: describeError(error) });
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Finalize
        </Title>
        <Text size="sm">
          Finalizing writes a record for every attendee, linking the signed sheet, and updates their compliance.
          The session then becomes read-only.
        </Text>
        {missing ? (
          <Alert color="red" title="Not ready to finalize" role="alert">
            <List spacing="xs" center aria-label="What is missing">
              {missing.map((item) => (
                <List.Item key={item.key} icon={<MissingIcon />}>
                  {item.label}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : finalize.error ? (
          <ErrorAlert error={finalize.error} />
        ) : null}
        <Group justify="flex-end">
          <Button size="md" color="green" onClick={() => void run()} loading={finalize.isPending}>
            Finalize Session
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MissingIcon() {
  return (
    <ThemeIcon color="red" variant="light" size={22} radius="xl" aria-hidden>
      <svg viewBox="0 0 16 16" width={12} height={12} fill="none" stroke="currentColor" strokeWidth={2.5}>
        <path d="M4 4l8 8M12 4l-8 8" />
      </svg>
    </ThemeIcon>
  );
}

/** A COMPLETED session's records; for an hse-admin also each worker's compliance for the course now. */
export function SessionRecordsSection({ session, showCompliance }: { session: SessionDetail; showCompliance: boolean }) {
  const records = useSessionRecords(session.id, true);
  const compliance = useCourseCompliance(session.courseId, showCompliance);
  const names = Object.fromEntries(session.attendees.map((a) => [a.personnelId, `${a.firstName} ${a.lastName}`]));
  if (records.isLoading) return <Loading />;
  const training = records.data?.trainingRecords ?? [];
  const competency = records.data?.competencyRecords ?? [];
  const rows = [
    ...training.map((r) => ({ id: r.id, personnelId: r.personnelId, outcome: r.result, until: r.expiryDate ?? "—" })),
    ...competency.map((r) => ({ id: r.id, personnelId: r.personnelId, outcome: competencyText(r.status), until: "—" })),
  ].sort((a, b) => (names[a.personnelId] ?? "").localeCompare(names[b.personnelId] ?? ""));
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Records ({training.length} training, {competency.length} competency)
        </Title>
        <ErrorAlert error={records.error ?? compliance.error} />
        {rows.length === 0 && records.isSuccess ? <Text c="dimmed">This session wrote no records.</Text> : null}
        {rows.length > 0 ? (
          <Table.ScrollContainer minWidth={360}>
            <Table striped aria-label="Records">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Valid until</Table.Th>
                  {showCompliance ? <Table.Th>Compliance now</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const badge = complianceBadge(compliance.data?.[row.personnelId]);
                  return (
                    <Table.Tr key={row.id}>
                      <Table.Td>{names[row.personnelId] ?? row.personnelId}</Table.Td>
                      <Table.Td>{row.outcome}</Table.Td>
                      <Table.Td>{row.until}</Table.Td>
                      {showCompliance ? (
                        <Table.Td>
                          {compliance.isLoading ? "…" : <Badge color={badge.color}>{badge.text}</Badge>}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Card>
  );
}
