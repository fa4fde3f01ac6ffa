// Customers → Product rules: "customers who own A also own B", with the counts and the three
// measures behind every cross-sell suggestion.
import { Center, Loader, Paper, Stack, Table, Text } from "@mantine/core";
import { IconArrowRight, IconArrowsShuffle } from "@tabler/icons-react";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { MEASURES, liftText, pct } from "./format";
import { formatNumber } from "../lib/numbers";

export function ProductRulesPanel() {
  const { version } = useData();
  const list = useLoad(() => call(commands.productRulesList()), [version]);
  if (!list.data) return <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>;
  const rules = list.data;
  const customers = rules[0]?.customers ?? 0;
  return (
    <Stack>
      <Paper withBorder p="sm" radius="md" data-testid="rule-measures">
        <Text size="sm" mb={4}>
          Which products go together, from every customer's purchases{customers ? ` (${formatNumber(customers)} customers who bought something)` : ""}.
          Pairs owned together by fewer than 2 customers are left out. The strongest (by lift) first.
        </Text>
        <Text size="xs" c="dimmed">{MEASURES.support}</Text>
        <Text size="xs" c="dimmed">{MEASURES.confidence}</Text>
        <Text size="xs" c="dimmed">{MEASURES.lift}</Text>
      </Paper>
      {rules.length === 0 ? (
        <Stack align="center" gap={6} py="xl">
          <IconArrowsShuffle size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No rules yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>Rules appear once at least two customers own the same two products.</Text>
        </Stack>
      ) : (
        <Table verticalSpacing="xs" highlightOnHover data-testid="product-rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customers who own</Table.Th>
              <Table.Th w={30} />
              <Table.Th>also own</Table.Th>
              <Table.Th ta="right" w={70}>Both</Table.Th>
              <Table.Th ta="right" w={90}>Own the first</Table.Th>
              <Table.Th ta="right" w={90}>Own the second</Table.Th>
              <Table.Th ta="right" w={80}>Support</Table.Th>
              <Table.Th ta="right" w={100}>Confidence</Table.Th>
              <Table.Th ta="right" w={70}>Lift</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((r) => (
              <Table.Tr key={`${r.from.id}-${r.to.id}`} data-testid="product-rule">
                <Table.Td><Text size="sm" fw={500}>{r.from.name}</Text></Table.Td>
                <Table.Td><IconArrowRight size={14} aria-label="also own" /></Table.Td>
                <Table.Td><Text size="sm" fw={500}>{r.to.name}</Text></Table.Td>
                <Table.Td ta="right">{r.both}</Table.Td>
                <Table.Td ta="right">{r.from_count}</Table.Td>
                <Table.Td ta="right">{r.to_count}</Table.Td>
                <Table.Td ta="right">{pct(r.support)}</Table.Td>
                <Table.Td ta="right">{pct(r.confidence)}</Table.Td>
                <Table.Td ta="right" fw={r.lift !== null && r.lift > 1 ? 600 : undefined}>{liftText(r.lift)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
