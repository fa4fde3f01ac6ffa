// Sequences, e-mail templates and broadcasts: the nurturing side of Hearth.
import { Badge, Button, Group, ScrollArea, Stack, Table, Tabs, Text, Title, Tooltip } from "@mantine/core";
import { IconMailForward, IconPlus } from "@tabler/icons-react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { BroadcastsPanel } from "./BroadcastsPanel";
import { SEQUENCE_STATUS_COLORS, SEQUENCE_STATUS_LABELS } from "./format";
import { TemplatesPanel } from "./TemplatesPanel";
import { formatNumber } from "../lib/numbers";

function Count({ n, label, color }: { n: number; label: string; color?: string }) {
  return (
    <Tooltip label={label}>
      <Text size="sm" ta="right" c={n === 0 ? "dimmed" : color}>{formatNumber(n)}</Text>
    </Tooltip>
  );
}

function SequencesPanel() {
  const { version } = useData();
  const navigate = useNavigate();
  const list = useLoad(() => call(commands.sequencesList()), [version]);
  const rows = list.data ?? [];
  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => navigate("/sequences/new")} data-testid="sequence-new">New sequence</Button>
      </Group>
      {list.data && rows.length === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconMailForward size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No sequences yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            A sequence plans your follow-ups: a welcome e-mail today, a call in three days, a reminder a week later. Enrol contacts by
            hand or let triggers do it, and no lead goes cold.
          </Text>
          <Button mt="xs" variant="light" onClick={() => navigate("/sequences/new")}>Plan the first one</Button>
        </Stack>
      )}
      {rows.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm" data-testid="sequences-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sequence</Table.Th>
              <Table.Th w={100}>Status</Table.Th>
              <Table.Th w={70} ta="right">Steps</Table.Th>
              <Table.Th w={80} ta="right">Active</Table.Th>
              <Table.Th w={80} ta="right">Paused</Table.Th>
              <Table.Th w={80} ta="right">Finished</Table.Th>
              <Table.Th w={80} ta="right">Left</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid="sequence-row" style={{ cursor: "pointer" }} tabIndex={0}
                onClick={() => navigate(`/sequences/${s.id}`)} onKeyDown={(e) => e.key === "Enter" && navigate(`/sequences/${s.id}`)}>
                <Table.Td>
                  <Text fw={500}>{s.name}</Text>
                  {s.description && <Text size="xs" c="dimmed">{s.description}</Text>}
                  {s.triggers > 0 && <Text size="xs" c="dimmed">{s.triggers === 1 ? "1 trigger enrols" : `${s.triggers} triggers enrol`} contacts automatically</Text>}
                </Table.Td>
                <Table.Td><Badge variant="light" color={SEQUENCE_STATUS_COLORS[s.status]}>{SEQUENCE_STATUS_LABELS[s.status]}</Badge></Table.Td>
                <Table.Td ta="right">{s.steps}</Table.Td>
                <Table.Td><Count n={s.counts.active} label="Going through it now" color="green" /></Table.Td>
                <Table.Td><Count n={s.counts.paused} label="Paused" /></Table.Td>
                <Table.Td><Count n={s.counts.finished} label="Went through every step" /></Table.Td>
                <Table.Td><Count n={s.counts.exited} label="Left early (replied, became a customer, stopped…)" /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function SequencesPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "sequences";
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="md" maw={1100}>
        <div>
          <Title order={2}>Sequences</Title>
          <Text c="dimmed">Follow-ups that run on a schedule, the e-mails they send, and one-off e-mails to a segment.</Text>
        </div>
        <Tabs value={tab} onChange={(t) => setParams(t && t !== "sequences" ? { tab: t } : {})} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="sequences" data-testid="tab-sequences">Sequences</Tabs.Tab>
            <Tabs.Tab value="templates" data-testid="tab-templates">Templates</Tabs.Tab>
            <Tabs.Tab value="broadcasts" data-testid="tab-broadcasts">Broadcasts</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sequences" pt="md"><SequencesPanel /></Tabs.Panel>
          <Tabs.Panel value="templates" pt="md"><TemplatesPanel /></Tabs.Panel>
          <Tabs.Panel value="broadcasts" pt="md"><BroadcastsPanel /></Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
