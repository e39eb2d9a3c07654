import { useState } from "react";
import { Alert, Button, Code, FileInput, Group, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { ErrorAlert } from "../../../shared/components";
import { useImportFile } from "../api/queries";
import {
  canApply,
  changedFields,
  fileProblem,
  IMPORT_KINDS,
  reportSummary,
  rowEntity,
  type ImportKind,
  type ImportReport,
} from "../rules/rules";

/** Spreadsheet imports: choose a CSV file, see the dry run's preview, then Import it. */
export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>("personnel");
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useImportFile();
  const apply = useImportFile();
  const chosen = IMPORT_KINDS.find((option) => option.kind === kind)!;

  const reset = () => {
    preview.reset();
    apply.reset();
  };
  const choose = async (picked: File | null) => {
    setFile(picked);
    setText(null);
    reset();
    const why = picked ? fileProblem(picked) : null;
    setProblem(why);
    if (!picked || why) return;
    const content = await picked.text();
    setText(content);
    preview.mutate({ kind, text: content, dryRun: true });
  };
  const switchKind = (value: string) => {
    setKind(value as ImportKind);
    setFile(null);
    setText(null);
    setProblem(null);
    reset();
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        Import
      </Title>
      <SegmentedControl
        aria-label="What to import"
        value={kind}
        onChange={switchKind}
        data={IMPORT_KINDS.map((option) => ({ value: option.kind, label: option.label }))}
        style={{ alignSelf: "flex-start" }}
      />
      <Text size="sm">
        A CSV file (UTF-8, comma or semicolon) with the columns <strong>{chosen.columns}</strong>, e.g.
      </Text>
      <Code block>{chosen.example}</Code>
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        value={file}
        onChange={(picked) => void choose(picked)}
        clearable
        clearButtonProps={{ "aria-label": "Clear the file" }}
        style={{ maxWidth: 420 }}
      />
      {problem ? (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      ) : null}
      <ErrorAlert error={preview.error ?? apply.error} />
      {preview.isPending ? <Text aria-live="polite">Checking the file…</Text> : null}
      {apply.data ? (
        <Alert color="green" title="Imported">
          <Text role="status">{reportSummary(apply.data)}</Text>
        </Alert>
      ) : preview.data ? (
        <Group>
          <Text role="status">Preview: {reportSummary(preview.data)}</Text>
          <Button
            disabled={!canApply(preview.data) || text === null}
            loading={apply.isPending}
            onClick={() => text !== null && apply.mutate({ kind, text, dryRun: false })}
          >
            Import
          </Button>
        </Group>
      ) : null}
      {apply.data || preview.data ? <ReportTables report={(apply.data ?? preview.data)!} /> : null}
    </Stack>
  );
}

function ReportTables({ report }: { report: ImportReport }) {
  const verb = report.dryRun ? "To " : "";
  return (
    <Stack>
      {report.refused.length > 0 ? (
        <Section title="Refused">
          <Table striped aria-label="Refused rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.refused.map((row) => (
                <Table.Tr key={row.row}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      ) : null}
      {report.created.length > 0 ? (
        <Section title={report.dryRun ? "To create" : "Created"}>
          <RowsTable label={`${verb}create`} rows={report.created.map((row) => [row.row, rowEntity(row), ""])} />
        </Section>
      ) : null}
      {report.changed.length > 0 ? (
        <Section title={report.dryRun ? "To change" : "Changed"}>
          <RowsTable
            label={`${verb}change`}
            rows={report.changed.map((row) => [row.row, rowEntity(row), changedFields(row)])}
          />
        </Section>
      ) : null}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={480}>{children}</Table.ScrollContainer>
    </Stack>
  );
}

// A preview lists at most this many created or changed rows (a 10,000-row file would be a long page).
const SHOWN = 200;

function RowsTable({ label, rows }: { label: string; rows: [number, string, string][] }) {
  return (
    <>
      <Table striped aria-label={`Rows ${label.toLowerCase()}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>Employee number</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, SHOWN).map(([row, entity, changes]) => (
            <Table.Tr key={row}>
              <Table.Td>{row}</Table.Td>
              <Table.Td>{entity}</Table.Td>
              <Table.Td>{changes}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > SHOWN ? <Text c="dimmed">and {rows.length - SHOWN} more rows</Text> : null}
    </>
  );
}
