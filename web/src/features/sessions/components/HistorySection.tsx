import { Card, Stack, Table, Text, Title } from "@mantine/core";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { useSessionHistory, useTrainerNames } from "../api/history";
import { useAllVenues, type SessionDetail } from "../api/queries";
import { actionLabel, actorText, entryDetails, entryTime, type Names } from "../rules/history";

/**
 * The session's audit trail (hse-admin): who changed what and when, newest first, a page at a time.
 * Paging controls show only when there is more than one page (a finished session's page stays free
 * of buttons).
 */
export function HistorySection({ session, timezone }: { session: SessionDetail; timezone: string }) {
  const pager = usePager();
  const history = useSessionHistory(session.id, pager.token);
  const trainers = useTrainerNames();
  const venues = useAllVenues(true);
  const names: Names = {
    ...(trainers.data ?? {}),
    ...Object.fromEntries((venues.data?.items ?? []).map((v) => [v.id, v.name])),
    ...Object.fromEntries(session.attendees.map((a) => [a.personnelId, `${a.firstName} ${a.lastName}`])),
  };
  const items = history.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="session-history">
      <Title order={2} size="h4" mb="sm" id="session-history">
        History
      </Title>
      <ErrorAlert error={history.error} />
      {history.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped aria-labelledby="session-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{entryTime(entry.at, timezone)}</Table.Td>
                  <Table.Td>{actorText(entry)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={700}>
                        {actionLabel(entry.action)}
                      </Text>
                      {entryDetails(entry, names, timezone).map((line, n) => (
                        <Text size="sm" key={n}>
                          {line}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {history.data && items.length === 0 && pager.page === 1 ? <Text c="dimmed">No changes recorded.</Text> : null}
      {pager.page > 1 || history.data?.nextToken ? (
        <PagerControls
          page={pager.page}
          hasNext={Boolean(history.data?.nextToken)}
          onNext={() => pager.next(history.data?.nextToken)}
          onPrevious={pager.previous}
        />
      ) : null}
    </Card>
  );
}
