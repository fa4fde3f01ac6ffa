// Create or edit a SMART goal: a metric (optionally for a segment), a baseline ("Measure" takes
// it from the period of the same length before the start), a target and a deadline, with the
// goal read back as a sentence while it is typed. Server field errors show next to their fields.
import { useState } from "react";
import { Alert, Autocomplete, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { commands, type Goal, type GoalMetric } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { CURRENCIES } from "../products/format";
import {
  METRICS, METRIC_OPTIONS, baselineArgs, emptyGoalForm, formatDay, goalFieldErrors, goalFormFrom, isMoney, previewSentence,
  toGoalInput, toInputText, usualGoalCurrency, type GoalForm,
} from "./goals";
import { pickerFormat } from "../lib/dates";

const SHOWN = /^(name|metric|segment_id|currency|starts_at|deadline_at|baseline|target)$/;

interface Props {
  /** The goal to edit; a new one when absent. */
  goal?: Goal;
  /** All goals (the usual currency of money goals is the default). */
  goals: Goal[];
  onClose: () => void;
  onSaved: (g: Goal) => void;
}

/** Notes under the baseline and target inputs, so the two inputs stay level. */
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

const UNIT_WORDS = {
  percent: "A percentage, 0 to 100",
  count: "A number of customers",
  money: "An amount in the goal's currency",
  score: "A score from −100 to 100",
} as const;

/** "Target (%)", "Baseline (EUR)". */
function unitLabel(form: GoalForm): string {
  const info = METRICS[form.metric];
  if (info.unit === "money") return form.currency.trim().toUpperCase() || "amount";
  return info.unitHint;
}

export function GoalFormModal({ goal, goals, onClose, onSaved }: Props) {
  const usual = usualGoalCurrency(goals);
  const [form, setForm] = useState<GoalForm>(() => (goal ? goalFormFrom(goal, usual) : emptyGoalForm(usual)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [measuring, setMeasuring] = useState(false);
  const [baselineNote, setBaselineNote] = useState<{ text: string; warn: boolean } | null>(null);
  const segments = useLoad(() => call(commands.segmentsNames()), []);

  const segmentOptions = (segments.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (goal?.segment && !segmentOptions.some((o) => o.value === goal.segment?.id)) {
    segmentOptions.unshift({ value: goal.segment.id, label: goal.segment.name });
  }
  const segmentName = segmentOptions.find((o) => o.value === form.segmentId)?.label ?? null;

  const set = <K extends keyof GoalForm>(key: K, value: GoalForm[K], ...fields: string[]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))));
  };

  const setMetric = (metric: GoalMetric) => {
    // Values typed for another unit (a percentage, an amount) mean nothing for this one.
    const sameUnit = METRICS[metric].unit === METRICS[form.metric].unit;
    setForm((f) => ({ ...f, metric, ...(sameUnit ? {} : { baseline: "", target: "" }) }));
    setErrors({});
    setBaselineNote(null);
  };

  const measure = async () => {
    const args = baselineArgs(form);
    if (!args) {
      setErrors((e) => ({ ...e, deadline_at: "Pick the start and the deadline first." }));
      return;
    }
    if (isMoney(form.metric) && !/^[A-Za-z]{3}$/.test(form.currency.trim())) {
      setErrors((e) => ({ ...e, currency: "Pick the currency to measure in first." }));
      return;
    }
    setMeasuring(true);
    try {
      const value = await call(commands.goalBaseline(...args));
      if (value === null) {
        setBaselineNote({ text: "No data before the start; type a baseline.", warn: true });
      } else {
        // The back end's period: as long as [start, deadline], ending at the start.
        const [start, deadline] = [Date.parse(args[3]), Date.parse(args[4])];
        const from = new Date(2 * start - deadline).toISOString();
        set("baseline", toInputText(value, form.metric, args[2]), "baseline");
        setBaselineNote({ text: `Measured from ${formatDay(from)} to ${formatDay(form.start)}, the same length before the start.`, warn: false });
      }
    } catch (e) {
      setErrors(goalFieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setMeasuring(false);
    }
  };

  const save = async () => {
    const { input, errors: local } = toGoalInput(form);
    if (!input) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const saved = await call(goal ? commands.goalUpdate(goal.id, input) : commands.goalCreate(input));
      onSaved(saved);
    } catch (e) {
      setErrors(goalFieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  const unit = unitLabel(form);
  const money = isMoney(form.metric);
  return (
    <Modal opened onClose={onClose} title={goal ? `Edit ${goal.name}` : "New goal"} size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="goal-form">
        <Stack>
          <TextInput label="Name" withAsterisk data-autofocus placeholder="e.g. Convert more leads" value={form.name} error={errors.name}
            onChange={(e) => set("name", e.currentTarget.value, "name")} data-testid="goal-name" />
          <SimpleGrid cols={money ? 2 : 1}>
            <Select label="Metric" withAsterisk data={METRIC_OPTIONS} value={form.metric} allowDeselect={false} error={errors.metric}
              description={UNIT_WORDS[METRICS[form.metric].unit]}
              onChange={(v) => v && setMetric(v as GoalMetric)} data-testid="goal-metric" />
            {money && (
              <Autocomplete label="Currency" withAsterisk description="ISO code, e.g. EUR" data={CURRENCIES} value={form.currency}
                error={errors.currency} onChange={(v) => set("currency", v.toUpperCase(), "currency")} data-testid="goal-currency" />
            )}
          </SimpleGrid>
          <Select label="Segment" description="Only the records of this segment's members; everyone when empty" placeholder="Everyone"
            clearable searchable data={segmentOptions} value={form.segmentId} error={errors.segment_id}
            onChange={(v) => set("segmentId", v, "segment_id")} data-testid="goal-segment" />
          <SimpleGrid cols={2}>
            <DatePickerInput label="Start" withAsterisk valueFormat={pickerFormat()} value={form.start || null} error={errors.starts_at}
              onChange={(v) => set("start", v ?? "", "starts_at", "deadline_at")} data-testid="goal-start" />
            <DatePickerInput label="Deadline" withAsterisk valueFormat={pickerFormat()} value={form.deadline || null} error={errors.deadline_at}
              minDate={form.start || undefined} onChange={(v) => set("deadline", v ?? "", "deadline_at")} data-testid="goal-deadline" />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput label={`Baseline (${unit})`} inputMode="decimal" placeholder="Measured when empty" value={form.baseline}
              description={baselineNote
                ? <Text span size="xs" c={baselineNote.warn ? "orange" : "dimmed"} data-testid="goal-baseline-note">{baselineNote.text}</Text>
                : "Where it stands now; “Measure” takes the period before the start"}
              error={errors.baseline} data-testid="goal-baseline" inputWrapperOrder={BELOW}
              onChange={(e) => { set("baseline", e.currentTarget.value, "baseline", "target"); setBaselineNote(null); }}
              rightSectionWidth={84}
              rightSection={
                <Button size="compact-xs" variant="light" loading={measuring} onClick={() => void measure()} data-testid="goal-measure">
                  Measure
                </Button>
              } />
            <TextInput label={`Target (${unit})`} withAsterisk inputMode="decimal" value={form.target} error={errors.target}
              description={METRICS[form.metric].isTotal ? "The total to reach by the deadline" : "The level to reach by the deadline"}
              inputWrapperOrder={BELOW} onChange={(e) => set("target", e.currentTarget.value, "target")} data-testid="goal-target" />
          </SimpleGrid>
          <Alert variant="light" color="blue" p="xs">
            <Text size="sm" data-testid="goal-preview">{previewSentence(form, segmentName)}</Text>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="goal-save">{goal ? "Save changes" : "Create goal"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
