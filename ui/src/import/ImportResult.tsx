// While an import runs: progress and Cancel. Afterwards: the summary, the rejected rows (to
// save as a CSV and fix), and Undo.
import { useState } from "react";
import { Alert, Badge, Button, Group, Progress, ScrollArea, Stack, Table, Text } from "@mantine/core";
import { IconArrowBackUp, IconDownload } from "@tabler/icons-react";
import { commands, type ImportProgress, type ImportSummary } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { notifications } from "@mantine/notifications";
import { pickSavePath } from "./files";
import { countsText, percent, undoText } from "./mapping";
import { formatNumber } from "../lib/numbers";

export function Running({ progress, onCancel, cancelling }: { progress: ImportProgress | null; onCancel: () => void; cancelling: boolean }) {
  const pct = progress ? percent(progress.bytes_done, progress.bytes_total) : 0;
  return (
    <Stack gap="sm" data-testid="import-running">
      <Text fw={500}>Importing… {progress ? `${formatNumber(progress.rows_done)} rows read` : ""}</Text>
      <Progress value={pct} size="lg" animated aria-label="Import progress" />
      <Text size="sm" c="dimmed">Everything is written in one go: cancel now and nothing will have been imported.</Text>
      <Group>
        <Button variant="default" color="red" onClick={onCancel} loading={cancelling} data-testid="import-cancel">Cancel import</Button>
      </Group>
    </Stack>
  );
}

export function Summary({ summary, onUndone, onAgain }: { summary: ImportSummary; onUndone: () => void; onAgain: () => void }) {
  const [undone, setUndone] = useState(false);
  const c = summary.counts;
  const saveRejects = async () => {
    try {
      const name = summary.file_name.replace(/\.[^.]+$/, "") + "-rejected.csv";
      const path = await pickSavePath(name);
      if (!path) return;
      const n = await call(commands.importSaveRejects(summary.import_id, path));
      notifications.show({ color: "green", title: "Rejected rows saved", message: `${n} rows with a Reason column in ${path}` });
    } catch (e) {
      notifyError(e);
    }
  };
  const undo = () =>
    confirmDanger({
      title: "Undo this import?",
      body: undoText(summary.kind, c),
      confirmLabel: "Undo import",
      onConfirm: async () => {
        try {
          await call(commands.importUndo(summary.import_id));
          setUndone(true);
          onUndone();
          notifications.show({ color: "green", title: "Import undone", message: `${summary.file_name} is as if it had never been imported.` });
        } catch (e) {
          notifyError(e);
        }
      },
    });
  return (
    <Stack gap="md" data-testid="import-summary">
      <Alert color={undone ? "gray" : c.reject ? "orange" : "green"} title={undone ? "Import undone" : "Import finished"}>
        {summary.file_name}: {countsText(c)} in {(summary.duration_ms / 1000).toFixed(1)} s.
      </Alert>
      <Group gap="xs">
        <Badge color="green" size="lg" variant="light" data-testid="summary-created">{c.create} created</Badge>
        <Badge color="blue" size="lg" variant="light" data-testid="summary-updated">{c.update} updated</Badge>
        <Badge color="gray" size="lg" variant="light" data-testid="summary-skipped">{c.skip} skipped</Badge>
        <Badge color="red" size="lg" variant="light" data-testid="summary-rejected">{c.reject} rejected</Badge>
      </Group>
      {summary.rejected.length > 0 && (
        <>
          <Text fw={500}>Rejected rows</Text>
          <ScrollArea.Autosize mah={240} type="auto">
            <Table withTableBorder striped data-testid="rejected-table">
              <Table.Thead><Table.Tr><Table.Th w={80}>Row</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {summary.rejected.map((r) => (
                  <Table.Tr key={r.row_number}><Table.Td>{r.row_number}</Table.Td><Table.Td>{r.reason}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}
      <Group>
        {c.reject > 0 && (
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={saveRejects} data-testid="import-save-rejects">Save rejected rows as CSV…</Button>
        )}
        {!undone && (c.create > 0 || c.update > 0) && (
          <Button variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={undo} data-testid="import-undo">
            Undo this import
          </Button>
        )}
        <Button onClick={onAgain}>Import another file</Button>
      </Group>
    </Stack>
  );
}
