// Settings → Service levels: per priority tier, how soon a ticket is first answered and
// resolved (entered in hours or days, stored in minutes).
import { useEffect, useState } from "react";
import { Badge, Button, Card, Group, NumberInput, Select, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type ServiceLevel, type TierId } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { TIER_COLORS, tierLetter } from "../tiers/format";
import { formErrors } from "./formErrors";
import { minutesOf, targetOf, type Target, type Unit } from "./serviceLevels";

interface Row {
  tier: TierId;
  label: string;
  first: Target;
  resolve: Target;
}

const UNITS = [{ value: "hours", label: "hours" }, { value: "days", label: "days" }];
const rowOf = (l: ServiceLevel): Row => ({ tier: l.tier, label: l.label, first: targetOf(l.first_response_minutes), resolve: targetOf(l.resolution_minutes) });

function TargetInput({ label, value, error, onChange, testId }: { label: string; value: Target; error?: string; onChange: (t: Target) => void; testId: string }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <NumberInput aria-label={label} w={90} min={0} step={1} decimalScale={2} value={value.value} error={error}
        onChange={(v) => onChange({ ...value, value: v })} data-testid={`${testId}-value`} />
      <Select aria-label={`${label}: unit`} w={95} data={UNITS} value={value.unit} allowDeselect={false}
        onChange={(u) => u && onChange({ ...value, unit: u as Unit })} data-testid={`${testId}-unit`} />
    </Group>
  );
}

export function ServiceLevelsSettings() {
  const levels = useLoad(() => call(commands.serviceLevels()), []);
  const tiers = useLoad(() => call(commands.tiersList()), []);
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (levels.data) setRows(levels.data.map(rowOf));
  }, [levels.data]);

  const set = (tier: TierId, patch: Partial<Row>, field: string) => {
    setRows((rs) => rs.map((r) => (r.tier === tier ? { ...r, ...patch } : r)));
    setErrors(({ [`${tier}.${field}`]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    const local: Record<string, string> = {};
    const out: ServiceLevel[] = [];
    for (const r of rows) {
      const first = minutesOf(r.first);
      const resolve = minutesOf(r.resolve);
      if (!r.label.trim()) local[`${r.tier}.label`] = "Give it a name, e.g. “Standard, next day”.";
      if (first === null) local[`${r.tier}.first_response_minutes`] = "Enter a time above zero.";
      if (resolve === null) local[`${r.tier}.resolution_minutes`] = "Enter a time above zero.";
      if (first !== null && resolve !== null) out.push({ tier: r.tier, label: r.label.trim(), first_response_minutes: first, resolution_minutes: resolve });
    }
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const before = new Map((levels.data ?? []).map((l) => [l.tier, l]));
    const changedRows = out.filter((l) => JSON.stringify(l) !== JSON.stringify(before.get(l.tier)));
    if (changedRows.length === 0) return;
    setSaving(true);
    const found: Record<string, string> = {};
    let latest: ServiceLevel[] | null = null;
    for (const l of changedRows) {
      try {
        latest = await call(commands.serviceLevelSet(l));
      } catch (e) {
        const mine = formErrors(e);
        for (const [k, v] of Object.entries(mine)) found[`${l.tier}.${k}`] = v;
        if (Object.keys(mine).length === 0) notifyError(e);
      }
    }
    setSaving(false);
    setErrors(found);
    if (latest) {
      // Keep what was refused as typed, take the saved ones from the answer.
      const refused = new Set(Object.keys(found).map((k) => k.split(".")[0]));
      levels.setData(latest);
      setRows(latest.map((l) => (refused.has(l.tier) ? rows.find((r) => r.tier === l.tier) ?? rowOf(l) : rowOf(l))));
    }
    if (Object.keys(found).length === 0) {
      notifications.show({ color: "green", title: "Service levels saved", message: "New tickets get these targets; open ones keep theirs." });
    }
  };

  if (levels.data === null) return null;
  const tierName = (t: TierId) => tiers.data?.find((x) => x.id === t)?.name;
  return (
    <Card withBorder padding="lg" data-testid="service-levels">
      <Title order={4}>Service levels</Title>
      <Text size="sm" c="dimmed" mb="md">
        How soon each priority tier gets a first answer and a resolution. A ticket takes its targets from the contact's tier when it is
        opened (tier C when they have none); changing them here does not move the targets of tickets already open.
      </Text>
      <Table verticalSpacing="sm" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Tier</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th w={200}>First response within</Table.Th>
            <Table.Th w={200}>Resolved within</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.tier} data-testid={`service-level-${r.tier}`}>
              <Table.Td style={{ verticalAlign: "top" }}>
                <Badge size="lg" circle color={TIER_COLORS[r.tier]} mt={4} aria-label={`Tier ${tierLetter(r.tier)}`}>{tierLetter(r.tier)}</Badge>
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <TextInput aria-label={`Tier ${tierLetter(r.tier)} name`} value={r.label} error={errors[`${r.tier}.label`]}
                  description={tierName(r.tier) ? `For ${tierName(r.tier)}` : undefined} inputWrapperOrder={["input", "error", "description"]}
                  onChange={(e) => set(r.tier, { label: e.currentTarget.value }, "label")} data-testid={`service-level-${r.tier}-label`} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <TargetInput label={`Tier ${tierLetter(r.tier)} first response`} value={r.first} error={errors[`${r.tier}.first_response_minutes`]}
                  onChange={(t) => set(r.tier, { first: t }, "first_response_minutes")} testId={`service-level-${r.tier}-first`} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <TargetInput label={`Tier ${tierLetter(r.tier)} resolution`} value={r.resolve} error={errors[`${r.tier}.resolution_minutes`]}
                  onChange={(t) => set(r.tier, { resolve: t }, "resolution_minutes")} testId={`service-level-${r.tier}-resolve`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt="md">
        <Text size="xs" c="dimmed">Targets count every hour of the day, weekends included; the longest is 90 days.</Text>
        <Button onClick={() => void save()} loading={saving} data-testid="service-levels-save">Save service levels</Button>
      </Group>
    </Card>
  );
}
