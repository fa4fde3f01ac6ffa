// Settings → Your data: export everything, jump to import/duplicates/quality, the audit log.
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconFileZip } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { formatDateTime } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { exportEverything } from "./exportFile";

export function YourData() {
  const audit = useLoad(() => call(commands.auditLog(20)), []);
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={4}>Your data</Title>
        <Text size="sm" c="dimmed">
          Everything stays on this computer. Take all of it with you at any time: one ZIP of CSV files with a manifest, readable by any spreadsheet.
        </Text>
        <Group>
          <Button leftSection={<IconFileZip size={18} />} onClick={exportEverything} data-testid="export-everything">Export everything (ZIP)…</Button>
          <Anchor component={Link} to="/import">Import</Anchor>
          <Anchor component={Link} to="/duplicates">Duplicates</Anchor>
          <Anchor component={Link} to="/quality">Data quality</Anchor>
        </Group>
        <Text fw={500} size="sm" mt="sm">Audit log</Text>
        {(audit.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">Erasures, merges and imports are noted here, without personal details.</Text>
        ) : (
          <Table striped data-testid="audit-log">
            <Table.Tbody>
              {(audit.data ?? []).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td w={200}>{formatDateTime(a.at)}</Table.Td>
                  <Table.Td>{a.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
