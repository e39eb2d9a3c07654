import { useState, type ReactNode } from "react";
import { Button, Group, Table, TextInput, Title } from "@mantine/core";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import type { usePager } from "../../../shared/paging";
import { EntityForm } from "./EntityForm";
import type { FieldSpec } from "./form";

export type Column<T> = { header: string; cell: (row: T) => ReactNode };

type Props<T extends { id: string }> = {
  title: string;
  noun: string;
  rows: T[] | undefined;
  nextToken: string | null | undefined;
  loading: boolean;
  error: unknown;
  pager: ReturnType<typeof usePager>;
  columns: Column<T>[];
  fields: FieldSpec[];
  search: string;
  onSearch: (text: string) => void;
  searchLabel: string;
  onSave: (id: string | null, body: Record<string, unknown>) => Promise<unknown>;
  canEdit: boolean;
};

/** A library's list with search, paging, and create and edit forms. */
export function LibraryPage<T extends { id: string }>(props: Props<T>) {
  const { title, noun, rows, nextToken, loading, error, pager, columns, fields, canEdit } = props;
  const [editing, setEditing] = useState<T | "new" | null>(null);
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        {canEdit ? <Button onClick={() => setEditing("new")}>New {noun}</Button> : null}
      </Group>
      <TextInput
        label={props.searchLabel}
        placeholder="Search"
        value={props.search}
        onChange={(e) => props.onSearch(e.currentTarget.value)}
        mb="sm"
        maw={360}
      />
      <ErrorAlert error={error} />
      {loading && !rows ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.header}>{column.header}</Table.Th>
                ))}
                {canEdit ? <Table.Th>Actions</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rows ?? []).map((row) => (
                <Table.Tr key={row.id}>
                  {columns.map((column) => (
                    <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                  ))}
                  {canEdit ? (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setEditing(row)}>
                        Edit
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(nextToken)}
        onNext={() => pager.next(nextToken)}
        onPrevious={pager.previous}
      />
      {editing ? (
        <EntityForm
          opened
          title={editing === "new" ? `New ${noun}` : `Edit ${noun}`}
          fields={fields}
          entity={editing === "new" ? null : (editing as unknown as Record<string, unknown>)}
          onClose={() => setEditing(null)}
          onSave={(body) => props.onSave(editing === "new" ? null : editing.id, body)}
        />
      ) : null}
    </>
  );
}

/** The rows whose text contains the search, for lists the API does not search itself. */
export function matchesSearch(text: string, search: string): boolean {
  return text.toLowerCase().includes(search.trim().toLowerCase());
}
