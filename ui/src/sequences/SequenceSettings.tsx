// The sequence's send window, its exit rules and its triggers.
import { ActionIcon, Button, Checkbox, Chip, Group, Select, Stack, Switch, Text, Tooltip } from "@mantine/core";
import { TimeInput } from "@mantine/dates";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type ExitRules, type TriggerKind } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { useLookups } from "../lib/lookups";
import { STAGE_OPTIONS } from "../lib/stages";
import { useLoad } from "../lib/useLoad";
import { TIER_IDS, tierLetter } from "../tiers/format";
import { EXIT_RULES, TRIGGER_KINDS, TRIGGER_KIND_LABELS, WEEKDAYS } from "./format";
import { newTrigger, type SequenceForm, type TriggerForm } from "./sequenceForm";

type Patch = (patch: Partial<SequenceForm>, field?: string) => void;

export function WindowEditor({ form, set, errors }: { form: SequenceForm; set: Patch; errors: Record<string, string> }) {
  const hoursError = errors["window.start"] ?? errors["window.end"];
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={6} id="window-days-label">Days steps may happen on</Text>
        <Chip.Group multiple value={form.days.map(String)} onChange={(v) => set({ days: v.map(Number).sort((a, b) => a - b) }, "window.days")}>
          <Group gap={6} role="group" aria-labelledby="window-days-label" data-testid="window-days">
            {WEEKDAYS.map((d) => (
              <Chip key={d.day} value={String(d.day)} size="sm" aria-label={d.long}>{d.short}</Chip>
            ))}
          </Group>
        </Chip.Group>
        {errors["window.days"] && <Text size="xs" c="red" mt={4}>{errors["window.days"]}</Text>}
      </div>
      <Switch label="Only between certain hours (in each contact's own time zone)" checked={form.hours} data-testid="window-hours"
        onChange={(e) => set({ hours: e.currentTarget.checked }, "window.start")} />
      {form.hours && (
        <Group align="flex-start">
          <TimeInput label="From" w={130} value={form.start} data-testid="window-start"
            onChange={(e) => set({ start: e.currentTarget.value }, "window.start")} />
          <TimeInput label="To" w={130} value={form.end} data-testid="window-end"
            onChange={(e) => set({ end: e.currentTarget.value }, "window.start")} />
        </Group>
      )}
      {hoursError && <Text size="xs" c="red" data-testid="window-hours-error">{hoursError}</Text>}
      <Text size="xs" c="dimmed">Steps falling outside wait for the next opening. Your quiet hours and sending cap (Settings) apply too.</Text>
    </Stack>
  );
}

export function ExitsEditor({ exits, onChange }: { exits: ExitRules; onChange: (e: ExitRules) => void }) {
  return (
    <Stack gap={6}>
      {EXIT_RULES.map((r) => (
        <Checkbox key={r.key} label={r.label} checked={exits[r.key]} data-testid={`exit-${r.key}`}
          onChange={(e) => onChange({ ...exits, [r.key]: e.currentTarget.checked })} />
      ))}
      <Text size="xs" c="dimmed">Anyone marked “Do not contact”, or moved to the trash, always leaves.</Text>
    </Stack>
  );
}

interface OptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/** What each kind of trigger can point at. */
export function useTriggerOptions(): Record<TriggerKind, { value: string; label: string }[] | OptionGroup[]> {
  const { version } = useData();
  const { leadSources } = useLookups();
  const { data } = useLoad(async () => {
    const [pipelines, segments] = await Promise.all([call(commands.pipelinesList()), call(commands.segmentsNames())]);
    return { pipelines, segments };
  }, [version]);
  return {
    lead_source: leadSources.filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name })),
    lifecycle_stage: STAGE_OPTIONS,
    pipeline_stage: (data?.pipelines ?? []).map((p) => ({
      group: p.name,
      items: p.stages.map((s) => ({ value: s.id, label: s.name })),
    })),
    segment: (data?.segments ?? []).map((s) => ({ value: s.id, label: s.name })),
    tier: TIER_IDS.map((t) => ({ value: t, label: `Tier ${tierLetter(t)}` })),
  };
}

export function TriggersEditor({ triggers, onChange, errors, onEdited, onReordered }: {
  triggers: TriggerForm[];
  onChange: (t: TriggerForm[]) => void;
  errors: Record<string, string>;
  onEdited: (field: string) => void;
  onReordered: () => void;
}) {
  const options = useTriggerOptions();
  const update = (i: number, patch: Partial<TriggerForm>) => {
    onChange(triggers.map((t, j) => (j === i ? { ...t, ...patch } : t)));
    onEdited(`triggers.${i}.value`);
  };
  return (
    <Stack gap="sm" data-testid="triggers-editor">
      {triggers.length === 0 && (
        <Text size="sm" c="dimmed">No triggers: contacts join only when you enrol them (from here, a contact's page or a segment).</Text>
      )}
      {triggers.map((t, i) => (
        <Group key={t.key} align="flex-start" wrap="nowrap" data-testid="trigger-row">
          <Select w={330} label={i === 0 ? "When" : undefined} aria-label={`Trigger ${i + 1}: when`} allowDeselect={false}
            data={TRIGGER_KINDS.map((k) => ({ value: k, label: TRIGGER_KIND_LABELS[k] }))} value={t.kind}
            error={errors[`triggers.${i}.kind`]}
            onChange={(v) => v && update(i, { kind: v as TriggerKind, value: null, since: null })} />
          <Select style={{ flex: 1 }} label={i === 0 ? "Which" : undefined} aria-label={`Trigger ${i + 1}: which`} searchable
            placeholder="Choose…" data={options[t.kind]} value={t.value} error={errors[`triggers.${i}.value`]}
            description={t.since ? `Enrols what happened from ${formatDate(t.since)} on` : undefined} data-testid="trigger-value"
            inputWrapperOrder={["label", "input", "description", "error"]}
            onChange={(v) => update(i, { value: v, since: null })} />
          <Tooltip label="Remove trigger">
            <ActionIcon mt={i === 0 ? 28 : 4} variant="subtle" color="red" aria-label={`Remove trigger ${i + 1}`}
              onClick={() => {
                onChange(triggers.filter((_, j) => j !== i));
                onReordered();
              }}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Group justify="space-between">
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} data-testid="add-trigger"
          onClick={() => {
            onChange([...triggers, newTrigger()]);
            onReordered();
          }}>
          Add a trigger
        </Button>
        <Text size="xs" c="dimmed">A new trigger only enrols what happens after it is saved: it does not reach back.</Text>
      </Group>
    </Stack>
  );
}
