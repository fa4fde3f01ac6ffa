// One rule's condition, edited inline: what kind of rule, and its few settings.
import { Group, NumberInput, Select, TextInput } from "@mantine/core";
import type { ActivityKind, Condition, FitField, Op } from "../bindings";

const TYPES: { value: Condition["type"]; label: string }[] = [
  { value: "field", label: "Field" },
  { value: "budget", label: "Budget given" },
  { value: "timeline_within", label: "Buying within" },
  { value: "activity", label: "Activity" },
  { value: "no_touch", label: "No touch for" },
];

export const FIELDS: { value: FitField; label: string }[] = [
  { value: "title", label: "Job title" },
  { value: "industry", label: "Industry" },
  { value: "size_band", label: "Company size" },
  { value: "country", label: "Country" },
  { value: "region", label: "Region" },
  { value: "lifecycle_stage", label: "Stage" },
  { value: "lead_source", label: "Lead source" },
  { value: "tag", label: "Tag" },
  { value: "authority", label: "Authority" },
  { value: "need_level", label: "Need" },
  { value: "qualification", label: "Qualification" },
];

const OPS: { value: Op; label: string }[] = [
  { value: "is", label: "is" },
  { value: "is_not", label: "is not" },
  { value: "contains", label: "contains" },
  { value: "is_set", label: "is filled in" },
];

const KINDS: { value: ActivityKind; label: string }[] = [
  { value: "call", label: "Call" },
  { value: "email", label: "E-mail" },
  { value: "meeting", label: "Meeting" },
  { value: "note", label: "Note" },
  { value: "task", label: "Task" },
];

/** A new condition of `type`, with sensible settings. */
export function fresh(type: Condition["type"]): Condition {
  switch (type) {
    case "field":
      return { type, field: "title", op: "contains", value: "" };
    case "budget":
      return { type, at_least_minor: null };
    case "timeline_within":
      return { type, days: 90 };
    case "activity":
      return { type, kind: "email", outcome: null, half_life_days: 30 };
    case "no_touch":
      return { type, days: 30 };
  }
}

const num = (v: number | string, fallback: number) => (typeof v === "number" ? v : Number.parseInt(v, 10) || fallback);

export function ConditionEditor({ value, onChange, error }: { value: Condition; onChange: (c: Condition) => void; error?: string }) {
  const c = value;
  return (
    <Group gap={4} wrap="nowrap">
      <Select size="xs" w={120} data={TYPES} value={c.type} allowDeselect={false} aria-label="Kind of rule"
        onChange={(t) => t && t !== c.type && onChange(fresh(t as Condition["type"]))} />
      {c.type === "field" && (
        <>
          <Select size="xs" w={120} data={FIELDS} value={c.field} allowDeselect={false} aria-label="Field"
            onChange={(f) => f && onChange({ ...c, field: f as FitField })} />
          <Select size="xs" w={100} data={OPS} value={c.op} allowDeselect={false} aria-label="Comparison"
            onChange={(o) => o && onChange({ ...c, op: o as Op })} />
          {c.op !== "is_set" && (
            <TextInput size="xs" w={130} value={c.value} error={error} aria-label="Value" placeholder="value"
              onChange={(e) => onChange({ ...c, value: e.currentTarget.value })} data-testid="rule-value" />
          )}
        </>
      )}
      {c.type === "budget" && (
        <NumberInput size="xs" w={130} placeholder="any amount" prefix="≥ " min={0} aria-label="At least"
          value={c.at_least_minor === null ? "" : c.at_least_minor / 100}
          onChange={(v) => onChange({ ...c, at_least_minor: v === "" ? null : Math.round(Number(v) * 100) })} error={error} />
      )}
      {(c.type === "timeline_within" || c.type === "no_touch") && (
        <NumberInput size="xs" w={100} suffix=" days" min={1} value={c.days} aria-label="Days" error={error}
          onChange={(v) => onChange({ ...c, days: num(v, 1) })} />
      )}
      {c.type === "activity" && (
        <>
          <Select size="xs" w={100} data={KINDS} value={c.kind} allowDeselect={false} aria-label="Activity"
            onChange={(k) => k && onChange({ ...c, kind: k as ActivityKind })} />
          <TextInput size="xs" w={110} placeholder="any outcome" value={c.outcome ?? ""} aria-label="Outcome"
            onChange={(e) => onChange({ ...c, outcome: e.currentTarget.value || null })} />
          <NumberInput size="xs" w={110} prefix="½ every " suffix=" d" min={1} value={c.half_life_days} aria-label="Half-life in days" error={error}
            onChange={(v) => onChange({ ...c, half_life_days: num(v, 1) })} />
        </>
      )}
    </Group>
  );
}
