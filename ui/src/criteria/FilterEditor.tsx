// Edits a filter: conditions (field, comparison, value) joined by "all" or "any", with groups
// one level down. Fields, comparisons and fixed choices come from the back end's catalogue;
// lists (lead sources, tags, personas, segments) from the database. Errors show on their row.
import { ActionIcon, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconStack2, IconX } from "@tabler/icons-react";
import { useMemo } from "react";
import { commands, type CriteriaField, type Filter, type Join, type Rule } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLookups } from "../lib/lookups";
import { useLoad } from "../lib/useLoad";
import { freshCondition, opLabel, takesValues } from "./criteria";

interface Options {
  fields: CriteriaField[];
  choices: (f: CriteriaField) => { value: string; label: string }[];
}

/** The catalogue and the lists its choices come from. `exclude`: fields not offered here. */
export function useCriteria(exclude: string[] = [], excludeSegment?: string | null): Options | null {
  const { version } = useData();
  const { leadSources, tags } = useLookups();
  const { data } = useLoad(async () => {
    const [fields, personas, segments] = await Promise.all([
      commands.criteriaFields(),
      call(commands.personasList()),
      call(commands.segmentsNames()),
    ]);
    return { fields, personas, segments };
  }, [version]);
  return useMemo(() => {
    if (!data) return null;
    return {
      fields: data.fields.filter((f) => !exclude.includes(f.key)),
      choices: (f: CriteriaField) => {
        switch (f.source) {
          case "lead_sources":
            return leadSources.map((s) => ({ value: s.id, label: s.name }));
          case "tags":
            return tags.map((t) => ({ value: t.name, label: t.name }));
          case "personas":
            return data.personas.map((p) => ({ value: p.id, label: p.name }));
          case "segments":
            return data.segments.filter((s) => s.id !== excludeSegment).map((s) => ({ value: s.id, label: s.name }));
          default:
            return f.choices;
        }
      },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, leadSources, tags, excludeSegment, exclude.join(",")]);
}

function ValueInput({ field, rule, options, onChange, error }: {
  field: CriteriaField;
  rule: Extract<Rule, { type: "condition" }>;
  options: Options;
  onChange: (values: string[]) => void;
  error?: string;
}) {
  if (!takesValues(rule.op)) return error ? <Text size="xs" c="red">{error}</Text> : null;
  const v = rule.values[0] ?? "";
  switch (field.kind) {
    case "choice": {
      const data = options.choices(field);
      // Keep values that are no longer in the list visible, so the error makes sense.
      const known = new Set(data.map((d) => d.value));
      const all = [...data, ...rule.values.filter((x) => !known.has(x)).map((x) => ({ value: x, label: `${x} (missing)` }))];
      return (
        <MultiSelect size="xs" w={240} data={all} value={rule.values} onChange={onChange} searchable error={error}
          placeholder="Choose…" aria-label="Values" data-testid="criteria-values" />
      );
    }
    case "number":
      return (
        <NumberInput size="xs" w={120} value={v === "" ? "" : Number(v)} error={error} aria-label="Number" data-testid="criteria-number"
          suffix={field.key === "budget" ? " (minor units)" : field.unit ? ` ${field.unit}` : undefined}
          onChange={(n) => onChange(n === "" ? [] : [String(n)])} />
      );
    case "days":
      return (
        <NumberInput size="xs" w={110} min={1} value={v === "" ? "" : Number(v)} suffix=" days" error={error} aria-label="Days"
          data-testid="criteria-days" onChange={(n) => onChange(n === "" ? [] : [String(n)])} />
      );
    case "text":
      return (
        <TextInput size="xs" w={180} value={v} error={error} aria-label="Value" placeholder="value" data-testid="criteria-text"
          onChange={(e) => onChange([e.currentTarget.value])} />
      );
    default:
      return null;
  }
}

function ConditionRow({ rule, path, options, errors, onChange, onRemove }: {
  rule: Extract<Rule, { type: "condition" }>;
  path: string;
  options: Options;
  errors: Record<string, string>;
  onChange: (r: Rule) => void;
  onRemove: () => void;
}) {
  const field = options.fields.find((f) => f.key === rule.field);
  const groups = [...new Set(options.fields.map((f) => f.group))];
  const fieldData = groups.map((g) => ({ group: g, items: options.fields.filter((f) => f.group === g).map((f) => ({ value: f.key, label: f.label })) }));
  const fieldError = errors[`${path}.field`] ?? (field ? undefined : `There is no field called “${rule.field}”.`);
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="criteria-row">
      <Select size="xs" w={200} data={fieldData} value={field ? rule.field : null} searchable allowDeselect={false} aria-label="Field"
        error={fieldError} data-testid="criteria-field"
        onChange={(k) => {
          const f = options.fields.find((x) => x.key === k);
          if (f) onChange(freshCondition(f));
        }} />
      {field && (
        <>
          <Select size="xs" w={150} allowDeselect={false} aria-label="Comparison" value={rule.op} error={errors[`${path}.op`]}
            data={field.ops.map((o) => ({ value: o, label: opLabel(field, o) }))} data-testid="criteria-op"
            onChange={(o) => o && onChange({ ...rule, op: o as typeof rule.op, values: takesValues(o as typeof rule.op) ? rule.values : [] })} />
          <ValueInput field={field} rule={rule} options={options} error={errors[`${path}.values`]}
            onChange={(values) => onChange({ ...rule, values })} />
        </>
      )}
      <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label="Remove this condition" mt={2}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}

function JoinPicker({ value, onChange, label }: { value: Join; onChange: (j: Join) => void; label: string }) {
  return (
    <Group gap={6}>
      <Text size="sm">{label}</Text>
      <SegmentedControl size="xs" value={value} onChange={(v) => onChange(v as Join)} aria-label="All or any"
        data={[{ value: "all", label: "all" }, { value: "any", label: "any" }]} />
      <Text size="sm">of these</Text>
    </Group>
  );
}

function RuleList({ join, rules, path, depth, options, errors, onChange }: {
  join: Join;
  rules: Rule[];
  path: string;
  depth: number;
  options: Options;
  errors: Record<string, string>;
  onChange: (join: Join, rules: Rule[]) => void;
}) {
  const set = (i: number, r: Rule) => onChange(join, rules.map((x, j) => (j === i ? r : x)));
  const remove = (i: number) => onChange(join, rules.filter((_, j) => j !== i));
  const first = options.fields[0];
  return (
    <Stack gap={6}>
      {rules.map((r, i) => {
        const p = `${path}.${i}`;
        if (r.type === "condition") {
          return <ConditionRow key={i} rule={r} path={p} options={options} errors={errors} onChange={(x) => set(i, x)} onRemove={() => remove(i)} />;
        }
        return (
          <Paper key={i} withBorder p="xs" data-testid="criteria-group">
            <Group justify="space-between" mb={6}>
              <JoinPicker label="Any contact matching" value={r.join} onChange={(j) => set(i, { ...r, join: j })} />
              <ActionIcon variant="subtle" color="gray" onClick={() => remove(i)} aria-label="Remove this group"><IconX size={16} /></ActionIcon>
            </Group>
            {errors[p] && <Text size="xs" c="red">{errors[p]}</Text>}
            <RuleList join={r.join} rules={r.rules} path={`${p}.rules`} depth={depth + 1} options={options} errors={errors}
              onChange={(j, rs) => set(i, { type: "group", join: j, rules: rs })} />
          </Paper>
        );
      })}
      <Group gap="xs">
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={14} />} data-testid="criteria-add"
          onClick={() => first && onChange(join, [...rules, freshCondition(first)])}>Add a condition</Button>
        {depth === 0 && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconStack2 size={14} />} data-testid="criteria-add-group"
            onClick={() => first && onChange(join, [...rules, { type: "group", join: join === "all" ? "any" : "all", rules: [freshCondition(first)] }])}>
            Add a group
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function FilterEditor({ value, onChange, errors = {}, exclude = [], excludeSegment }: {
  value: Filter;
  onChange: (f: Filter) => void;
  errors?: Record<string, string>;
  /** Fields this filter may not test (a tier rule cannot test the tier). */
  exclude?: string[];
  /** The segment being edited (not offered as "in segment"). */
  excludeSegment?: string | null;
}) {
  const options = useCriteria(exclude, excludeSegment);
  if (!options) return <Text size="sm" c="dimmed">Loading the fields…</Text>;
  return (
    <Stack gap={6} data-testid="filter-editor">
      <JoinPicker label="Contacts matching" value={value.join} onChange={(j) => onChange({ ...value, join: j })} />
      {(errors.rules || errors.filter) && <Text size="xs" c="red">{errors.rules ?? errors.filter}</Text>}
      <RuleList join={value.join} rules={value.rules} path="rules" depth={0} options={options} errors={errors}
        onChange={(join, rules) => onChange({ join, rules })} />
    </Stack>
  );
}
