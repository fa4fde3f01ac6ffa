// A lead's qualification: where it stands (new, working, qualified, disqualified with a reason)
// and what it answered — budget, authority, need, timeline. Saving may move its stage forward.
import { useEffect, useState } from "react";
import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { commands, type Authority, type NeedLevel, type Qualification, type QualificationStatus } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { fieldErrors } from "../lib/errors";
import { minorToInput, parseMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { nextQuarters, quarterEnding } from "./format";
import { pickerFormat } from "../lib/dates";
import { defaultCurrency } from "../lib/regional";

const STATUS: { value: QualificationStatus; label: string }[] = [
  { value: "new", label: "New" },
  { value: "working", label: "Working" },
  { value: "qualified", label: "Qualified" },
  { value: "disqualified", label: "Disqualified" },
];
const AUTHORITY: { value: Authority; label: string }[] = [
  { value: "decision_maker", label: "Decision maker" },
  { value: "influencer", label: "Influencer" },
  { value: "user", label: "User" },
];
const NEED: { value: NeedLevel; label: string }[] = [
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
];

interface Form {
  q: Qualification;
  budget: string;
}

const toForm = (q: Qualification): Form => ({ q, budget: q.budget_minor === null ? "" : minorToInput(q.budget_minor, q.budget_currency ?? defaultCurrency()) });

export function QualificationCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const { data } = useLoad(() => call(commands.qualificationGet(contactId)), [contactId, version]);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (data) setForm(toForm(data));
  }, [data]);
  if (!form) return null;
  const q = form.q;
  const set = (patch: Partial<Qualification>) => setForm({ ...form, q: { ...q, ...patch } });
  const currency = q.budget_currency ?? defaultCurrency();
  const quarters = nextQuarters(new Date());
  const timelineQuarter = quarterEnding(q.timeline_on);
  const save = async () => {
    const budget = form.budget.trim() === "" ? null : parseMoney(form.budget, currency);
    if (form.budget.trim() !== "" && budget === null) {
      setErrors({ budget_minor: "This doesn't look like an amount." });
      return;
    }
    try {
      const saved = await call(commands.contactQualify(contactId, { ...q, budget_minor: budget, budget_currency: budget === null ? null : currency }));
      setForm(toForm(saved));
      setErrors({});
      changed();
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      if (Object.keys(f).length) setErrors(f);
      else notifyError(e);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="qualification-card">
      <Stack gap="sm">
        <Text fw={600}>Qualification</Text>
        <SegmentedControl size="xs" data={STATUS} value={q.status} onChange={(v) => set({ status: v as QualificationStatus })} data-testid="qualification-status" />
        {q.status === "disqualified" && (
          <TextInput size="xs" label="Why disqualified" value={q.disqualified_reason ?? ""} error={errors.disqualified_reason}
            onChange={(e) => set({ disqualified_reason: e.currentTarget.value })} data-testid="qualification-reason" />
        )}
        <SimpleGrid cols={2} spacing="xs">
          <Group gap={4} wrap="nowrap" align="flex-end">
            <TextInput size="xs" label="Budget" placeholder="0.00" value={form.budget} error={errors.budget_minor}
              onChange={(e) => setForm({ ...form, budget: e.currentTarget.value })} data-testid="qualification-budget" />
            <TextInput size="xs" w={60} aria-label="Currency" value={currency} error={errors.budget_currency}
              onChange={(e) => set({ budget_currency: e.currentTarget.value.toUpperCase() })} />
          </Group>
          <Select size="xs" label="Authority" data={AUTHORITY} value={q.authority} clearable onChange={(v) => set({ authority: v as Authority | null })}
            data-testid="qualification-authority" />
          <Select size="xs" label="Need" data={NEED} value={q.need_level} clearable onChange={(v) => set({ need_level: v as NeedLevel | null })} />
          <TextInput size="xs" label="What they need" value={q.need_note ?? ""} error={errors.need_note} onChange={(e) => set({ need_note: e.currentTarget.value })} />
          <DateInput size="xs" label="Buying by" value={q.timeline_on} clearable valueFormat={pickerFormat()} error={errors.timeline_on}
            description={timelineQuarter ? `End of ${timelineQuarter}` : undefined}
            onChange={(v) => set({ timeline_on: v ? String(v).slice(0, 10) : null })} data-testid="qualification-timeline" />
          <Select size="xs" label="…or by quarter" placeholder="Pick a quarter" data={quarters.map((x) => ({ value: x.last_day, label: x.label }))}
            value={quarters.some((x) => x.last_day === q.timeline_on) ? q.timeline_on : null}
            onChange={(v) => v && set({ timeline_on: v })} data-testid="qualification-quarter" />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button size="compact-sm" onClick={save} disabled={JSON.stringify(toForm(data ?? q)) === JSON.stringify(form)} data-testid="qualification-save">
            Save
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
