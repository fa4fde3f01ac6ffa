// Step 3: what every row will do, and why a row is rejected — before anything is written.
import { Alert, Badge, Group, ScrollArea, Stack, Table, Text } from "@mantine/core";
import type { Preview, PreviewRow, RowAction } from "../bindings";
import { countsText } from "./mapping";
import { formatNumber } from "../lib/numbers";

export const ACTION_BADGE: Record<RowAction, { color: string; label: string }> = {
  create: { color: "green", label: "New" },
  update: { color: "blue", label: "Update" },
  skip: { color: "gray", label: "Duplicate, skipped" },
  reject: { color: "red", label: "Rejected" },
};

function Issues({ row }: { row: PreviewRow }) {
  if (row.issues.length === 0 && !row.matched) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {row.matched && (
        <Text size="sm">
          Matches <b>{row.matched.name}</b> by {row.matched.by.replace("_", " ")}
        </Text>
      )}
      {row.issues.map((i, n) => (
        <Text key={n} size="sm" c={row.action === "reject" ? "red" : "orange"}>
          {i.column ? `${i.column}: ` : ""}{i.message}
        </Text>
      ))}
    </Stack>
  );
}

export function PreviewStep({ preview, headers }: { preview: Preview; headers: string[] }) {
  const c = preview.counts;
  const shown = headers.slice(0, 4);
  return (
    <Stack gap="md">
      <Group gap="xs" data-testid="preview-counts">
        <Badge color="green" size="lg" variant="light">{formatNumber(c.create)} new</Badge>
        <Badge color="blue" size="lg" variant="light">{formatNumber(c.update)} updates</Badge>
        <Badge color="gray" size="lg" variant="light">{formatNumber(c.skip)} duplicates skipped</Badge>
        <Badge color="red" size="lg" variant="light">{formatNumber(c.reject)} rejected</Badge>
        <Text size="sm" c="dimmed">Nothing is written until you press Import.</Text>
      </Group>
      {preview.missing_required.length > 0 && (
        <Alert color="red" title="Cannot import yet">
          No column is mapped to {preview.missing_required.map((f) => f.label).join(", ")}.
        </Alert>
      )}
      {preview.warnings.length > 0 && (
        <Alert color="orange" title="About this file">
          <Stack gap={2}>{preview.warnings.map((w, i) => <Text key={i} size="sm">{w}</Text>)}</Stack>
        </Alert>
      )}
      <Text size="sm" c="dimmed">{countsText(c)} — showing the first rows and the rejected ones.</Text>
      <ScrollArea h={360} type="auto">
        <Table striped withTableBorder stickyHeader data-testid="preview-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Row</Table.Th>
              <Table.Th w={150}>Will be</Table.Th>
              {shown.map((h, i) => <Table.Th key={i}>{h}</Table.Th>)}
              <Table.Th>Notes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((r) => (
              <Table.Tr key={r.row_number} data-testid="preview-row" data-action={r.action}>
                <Table.Td>{r.row_number}</Table.Td>
                <Table.Td><Badge color={ACTION_BADGE[r.action].color} variant="light">{ACTION_BADGE[r.action].label}</Badge></Table.Td>
                {shown.map((_, i) => <Table.Td key={i}><Text size="sm" lineClamp={1}>{r.cells[i] ?? ""}</Text></Table.Td>)}
                <Table.Td><Issues row={r} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}
