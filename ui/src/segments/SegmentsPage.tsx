// Segments, personas and priority tiers: who your contacts are and whom to call first, each
// with its measured conversion rate so the model can be checked against what happened.
import { useState } from "react";
import { Anchor, Button, Group, Menu, ActionIcon, ScrollArea, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { IconDots, IconFilter, IconPlus } from "@tabler/icons-react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { commands, type Segment } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { FilterSummary } from "../criteria/FilterSummary";
import { PeriodPicker, Rate, periodOf } from "../conversion/period";
import { PersonasPanel } from "../personas/PersonasPanel";
import { TiersPanel } from "../tiers/TiersPanel";
import { SegmentModal } from "./SegmentModal";
import { formatNumber } from "../lib/numbers";

function SegmentsPanel() {
  const { version, changed } = useData();
  const navigate = useNavigate();
  const [days, setDays] = useState("365");
  const [editing, setEditing] = useState<Segment | "new" | null>(null);
  const list = useLoad(() => call(commands.segmentsList()), [version]);
  const rates = useLoad(() => call(commands.segmentsConversion(periodOf(days))), [version, days]);
  const remove = (s: Segment) =>
    confirmDanger({
      title: `Delete “${s.name}”?`,
      body: "Only the saved filter goes: no contact is changed. You can undo it (Ctrl/Cmd+Z).",
      confirmLabel: "Delete",
      onConfirm: async () => {
        try {
          await call(commands.segmentDelete(s.id));
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const segments = list.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <PeriodPicker value={days} onChange={setDays} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")} data-testid="segment-new">New segment</Button>
      </Group>
      {list.data && segments.length === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconFilter size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No segments yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>
            A segment is a saved filter (“hot leads from referrals”, “customers not contacted in 90 days”). Its members are worked out
            each time, so it is always up to date. Open it as a list, act on all its contacts at once, and see how it converts.
          </Text>
        </Stack>
      )}
      {segments.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm" data-testid="segments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Segment</Table.Th>
              <Table.Th w={110} ta="right">Contacts</Table.Th>
              <Table.Th w={200}>Converted</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((s) => (
              <Table.Tr key={s.id} data-testid="segment-row">
                <Table.Td>
                  <Anchor component={Link} to={`/contacts?segment=${s.id}`} fw={500}>{s.name}</Anchor>
                  {s.description && <Text size="xs">{s.description}</Text>}
                  <FilterSummary filter={s.filter} />
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor component={Link} to={`/contacts?segment=${s.id}`} data-testid="segment-members">{formatNumber(s.members)}</Anchor>
                </Table.Td>
                <Table.Td><Rate c={rates.data?.find((r) => r.segment_id === s.id)?.conversion} /></Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" aria-label={`Actions for ${s.name}`}><IconDots size={16} /></ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => navigate(`/contacts?segment=${s.id}`)}>Open as a list</Menu.Item>
                      <Menu.Item onClick={() => setEditing(s)}>Edit</Menu.Item>
                      <Menu.Item color="red" onClick={() => remove(s)}>Delete</Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PersonaRates days={days} />
      {editing && (
        <SegmentModal segment={editing === "new" ? null : editing} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); changed(); }} />
      )}
    </Stack>
  );
}

/** Conversion by persona, beside the segments'. */
function PersonaRates({ days }: { days: string }) {
  const { version } = useData();
  const { data } = useLoad(async () => {
    const [personas, rates] = await Promise.all([call(commands.personasList()), call(commands.personasConversion(periodOf(days)))]);
    return { personas, rates };
  }, [version, days]);
  if (!data || data.personas.length === 0) return null;
  return (
    <Stack gap="xs" mt="md">
      <Title order={4}>Conversion by persona</Title>
      <Table verticalSpacing="xs" data-testid="persona-rates">
        <Table.Tbody>
          {data.personas.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Anchor component={Link} to={`/contacts?persona=${p.id}`}>{p.name}</Anchor></Table.Td>
              <Table.Td w={110} ta="right">{formatNumber(p.members)}</Table.Td>
              <Table.Td w={200}><Rate c={data.rates.find((r) => r.persona_id === p.id)?.conversion} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function SegmentsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "segments";
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="md" maw={1100}>
        <div>
          <Title order={2}>Segments</Title>
          <Text c="dimmed">Groups of contacts, the kinds of people you serve, and who comes first.</Text>
        </div>
        <Tabs value={tab} onChange={(t) => setParams(t && t !== "segments" ? { tab: t } : {})} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="segments" data-testid="tab-segments">Segments</Tabs.Tab>
            <Tabs.Tab value="personas" data-testid="tab-personas">Personas</Tabs.Tab>
            <Tabs.Tab value="tiers" data-testid="tab-tiers">Priority tiers</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="segments" pt="md"><SegmentsPanel /></Tabs.Panel>
          <Tabs.Panel value="personas" pt="md"><PersonasPanel /></Tabs.Panel>
          <Tabs.Panel value="tiers" pt="md"><TiersPanel /></Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
