import { useState } from "react";
import { Alert, Badge, Button, Card, Checkbox, Group, ScrollArea, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../../api/errors";
import { ErrorAlert, Loading } from "../../../shared/components";
import { useAddAttendees, useAttendeeSuggestions } from "../api/attendees";
import type { SessionDetail, Warning } from "../api/queries";
import { addOutcome, hasMore, nextLimit, PICKER_PAGE, selectionAlert } from "../rules/picker";
import { badgeColor, badgeText } from "../rules/rules";

/** Every `warnings` entry of a change, as a toast that stays a while. */
export function showWarnings(warnings: Warning[] | undefined) {
  for (const warning of warnings ?? []) {
    notifications.show({ color: "yellow", title: "Warning", message: warning.message, autoClose: 10_000 });
  }
}

/** The smart picker: the API's ranking (red first), a server-side search, multi-select and "Add". */
export function AttendeePicker({ session }: { session: SessionDetail }) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [limit, setLimit] = useState(PICKER_PAGE);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const suggestions = useAttendeeSuggestions(session.id, debounced, limit);
  const add = useAddAttendees(session.id);
  const items = suggestions.data?.items ?? [];
  const alert = selectionAlert(session.capacity.attendees, selected.size, session.capacity.venueCapacity);

  function toggle(personnelId: string, on: boolean) {
    setSelected((before) => {
      const after = new Set(before);
      if (on) after.add(personnelId);
      else after.delete(personnelId);
      return after;
    });
  }

  function changeSearch(value: string) {
    setSearch(value);
    setLimit(PICKER_PAGE);
  }

  async function addSelected() {
    try {
      const change = await add.mutateAsync([...selected]);
      for (const toast of addOutcome(change)) notifications.show(toast);
      showWarnings(change.warnings);
      setSelected(new Set());
    } catch (error) {
      notifications.show({ color: "red", message: describeError(error) });
    }
  }

  return (
    <Card withBorder component="section" aria-label="Smart picker">
      <Stack>
        <Title order={2} size="h4">
          Smart picker
        </Title>
        <Text size="sm" c="dimmed">
          Red (non-compliant) and yellow (pending or expiring) workers first; people on the class list are left out.
        </Text>
        <TextInput
          label="Search workers"
          placeholder="Name, email or employee number"
          value={search}
          onChange={(event) => changeSearch(event.currentTarget.value)}
        />
        <ErrorAlert error={suggestions.error} />
        {alert ? (
          <Alert color="yellow" role="status">
            {alert}
          </Alert>
        ) : null}
        <ErrorAlert error={add.error} />
        <Group justify="space-between">
          <Text size="sm">{selected.size} selected</Text>
          <Button onClick={addSelected} disabled={selected.size === 0} loading={add.isPending}>
            Add
          </Button>
        </Group>
        {suggestions.isLoading ? (
          <Loading />
        ) : (
          <ScrollArea.Autosize mah={520} type="auto">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <VisuallyHidden>Select</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>Worker</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.personnelId}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${s.firstName} ${s.lastName}`}
                        checked={selected.has(s.personnelId)}
                        onChange={(event) => toggle(s.personnelId, event.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {s.firstName} {s.lastName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {s.employeeNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={badgeColor(s)}>
                        {badgeText(s)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      <Text size="sm" c="dimmed">
                        {debounced ? "Nobody matches the search." : "Nobody left to invite."}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        {hasMore(items.length, limit) ? (
          <Group justify="center">
            <Button variant="default" size="xs" onClick={() => setLimit(nextLimit)} loading={suggestions.isFetching}>
              Show more
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
