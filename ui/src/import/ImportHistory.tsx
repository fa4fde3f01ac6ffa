// Every past import, with Undo.
import { Badge, Button, Card, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type ImportRecord } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { formatDateTime } from "../lib/dates";
import { KIND_LABELS, countsText, undoText } from "./mapping";

export function ImportHistory({ records, onChanged }: { records: ImportRecord[]; onChanged: () => void }) {
  const undo = (r: ImportRecord) =>
    confirmDanger({
      title: `Undo the import of ${r.file_name}?`,
      body: undoText(r.kind, r.counts),
      confirmLabel: "Undo import",
      onConfirm: async () => {
        try {
          await call(commands.importUndo(r.id));
          notifications.show({ color: "green", title: "Import undone", message: r.file_name });
          onChanged();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={4}>Past imports</Title>
        {records.length === 0 ? (
          <Text size="sm" c="dimmed">No imports yet. Every import is listed here and can be undone as a whole.</Text>
        ) : (
          <Table striped data-testid="import-history">
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>File</Table.Th><Table.Th>What</Table.Th><Table.Th>Result</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r) => (
                <Table.Tr key={r.id} data-testid="import-history-row">
                  <Table.Td>{formatDateTime(r.finished_at)}</Table.Td>
                  <Table.Td>{r.file_name}</Table.Td>
                  <Table.Td>{KIND_LABELS[r.kind]}</Table.Td>
                  <Table.Td>{countsText(r.counts)}</Table.Td>
                  <Table.Td ta="right">
                    {r.status === "undone" ? (
                      <Badge color="gray" variant="light">Undone {formatDateTime(r.undone_at)}</Badge>
                    ) : (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => undo(r)}>Undo</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
