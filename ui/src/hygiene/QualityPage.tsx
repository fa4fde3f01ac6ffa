// Data quality: each check with its count; pick one to see its records and fix many at once.
import { useEffect, useState } from "react";
import {
  Anchor, Badge, Card, Checkbox, Group, Loader, NumberInput, ScrollArea, SimpleGrid, Stack, Table, Text, Title, UnstyledButton,
} from "@mantine/core";
import { Link } from "react-router-dom";
import { commands, type QualityCheck, type QualityCount } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { BulkBar } from "./BulkBar";
import { formatNumber } from "../lib/numbers";

const PAGE = 200;

function CheckCard({ c, active, onPick }: { c: QualityCount; active: boolean; onPick: () => void }) {
  return (
    <UnstyledButton onClick={onPick} data-testid={`quality-${c.check}`} aria-pressed={active}>
      <Card withBorder padding="sm" style={{ borderColor: active ? "var(--mantine-color-blue-filled)" : undefined, borderWidth: active ? 2 : 1 }}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500} size="sm">{c.label}</Text>
          <Badge color={c.count === 0 ? "green" : "orange"} variant="light" style={{ flex: "none" }}>{formatNumber(c.count)}</Badge>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>{c.description}</Text>
      </Card>
    </UnstyledButton>
  );
}

export function QualityPage() {
  const { version, changed } = useData();
  const [check, setCheck] = useState<QualityCheck | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [days, setDays] = useState<number | string>("");
  const overview = useLoad(() => call(commands.qualityOverview()), [version]);
  const rows = useLoad(() => (check ? call(commands.qualityRows(check, 0, PAGE)) : Promise.resolve(null)), [check, version]);
  useEffect(() => {
    if (overview.data && days === "") setDays(overview.data.stale_days);
  }, [overview.data, days]);
  useEffect(() => setSelected(new Set()), [check, version]);

  const saveDays = async () => {
    const n = typeof days === "number" ? days : parseInt(days, 10);
    if (!Number.isFinite(n) || n === overview.data?.stale_days) return;
    try {
      overview.setData(await call(commands.qualitySetStaleDays(n)));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };

  const current = overview.data?.checks.find((c) => c.check === check) ?? null;
  const list = rows.data?.rows ?? [];
  const allOn = list.length > 0 && list.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1100}>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Data quality</Title>
            <Text c="dimmed">Records that need attention, each with a fix for many at once.</Text>
          </div>
          <NumberInput label="“Not touched” means no call, e-mail or meeting for" suffix=" days" min={1} max={3650} w={320}
            value={days} onChange={setDays} onBlur={saveDays} onKeyDown={(e) => e.key === "Enter" && void saveDays()} />
        </Group>
        {!overview.data ? <Group justify="center"><Loader /></Group> : (
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {overview.data.checks.map((c) => <CheckCard key={c.check} c={c} active={c.check === check} onPick={() => setCheck(c.check)} />)}
          </SimpleGrid>
        )}
        {current && (
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={4}>{current.label}</Title>
              <Text size="sm" c="dimmed">
                {rows.data ? `${formatNumber(rows.data.total)} records${rows.data.total > list.length ? `, the first ${list.length} shown` : ""}` : ""}
              </Text>
            </Group>
            <BulkBar kind={current.kind} ids={[...selected]} onDone={changed} />
            {list.length === 0 ? <Text size="sm" c="dimmed" mt="sm">Nothing here. Well kept!</Text> : (
              <Table striped mt="sm" data-testid="quality-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox aria-label="Select all shown" checked={allOn} indeterminate={!allOn && selected.size > 0}
                        onChange={() => setSelected(allOn ? new Set() : new Set(list.map((r) => r.id)))} />
                    </Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Why it is listed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td><Checkbox aria-label={`Select ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} /></Table.Td>
                      <Table.Td><Anchor component={Link} to={r.kind === "contact" ? `/contacts/${r.id}` : `/companies/${r.id}`}>{r.name}</Anchor></Table.Td>
                      <Table.Td><Text size="sm" c="dimmed">{r.detail ?? ""}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        )}
      </Stack>
    </ScrollArea>
  );
}
