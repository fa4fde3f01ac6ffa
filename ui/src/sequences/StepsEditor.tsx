// The steps of a sequence, in order: each with its delay, and its template(s) or its title and
// script; move up/down, remove, add. Errors from the back end show on their step's field.
import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Textarea, Tooltip } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconTrash } from "@tabler/icons-react";
import type { StepKind } from "../bindings";
import { STEP_KIND_LABELS, STEP_KINDS } from "./format";
import { STEP_ICONS, StepIcon } from "./kinds";
import { moveStep, newStep, type StepForm } from "./sequenceForm";

export interface Option {
  value: string;
  label: string;
}

interface Props {
  steps: StepForm[];
  onChange: (steps: StepForm[]) => void;
  errors: Record<string, string>;
  /** A field was edited: its error goes. */
  onEdited: (field: string) => void;
  /** Steps were added, moved or removed: errors no longer match their places. */
  onReordered: () => void;
  templates: Option[];
}

const ADD_LABELS: Record<StepKind, string> = {
  email: "Add an e-mail",
  call: "Add a call",
  task: "Add a task",
  wait: "Add a wait",
};

function StepCard({ step, index, count, errors, templates, update, move, remove }: {
  step: StepForm;
  index: number;
  count: number;
  errors: Record<string, string>;
  templates: Option[];
  update: (patch: Partial<StepForm>, field: string) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
}) {
  const f = (name: string) => errors[`steps.${index}.${name}`];
  const n = index + 1;
  const what = STEP_KIND_LABELS[step.kind];
  const kindError = f("kind");
  return (
    <Card withBorder padding="sm" data-testid="step-card" data-kind={step.kind}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs">
          <StepIcon kind={step.kind} />
          <Text fw={600}>Step {n} · {what}</Text>
        </Group>
        <Group gap={4}>
          <Tooltip label="Move up">
            <ActionIcon variant="subtle" color="gray" aria-label={`Move step ${n} up`} disabled={index === 0} onClick={() => move(-1)}>
              <IconArrowUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down">
            <ActionIcon variant="subtle" color="gray" aria-label={`Move step ${n} down`} disabled={index === count - 1} onClick={() => move(1)}>
              <IconArrowDown size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon variant="subtle" color="red" aria-label={`Remove step ${n}`} onClick={remove}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {kindError && <Text size="sm" c="red" mb="xs" data-testid="step-kind-error">{kindError}</Text>}
      <Stack gap="sm">
        <div>
          <Group gap="sm" wrap="nowrap">
            {step.kind === "wait" && <Text size="sm">Wait</Text>}
            <NumberInput w={90} min={0} max={365} allowDecimal={false} value={step.delay} error={!!f("delay_days")} data-testid="step-delay"
              aria-label={`Delay of step ${n} in days`} onChange={(v) => update({ delay: v }, "delay_days")} />
            <Text size="sm">
              {step.kind === "wait" ? "more " : ""}
              {step.businessDays ? "business days" : "days"}
              {step.kind === "wait" ? "" : index === 0 ? " after enrolling" : " after the step before"}
            </Text>
            <Switch ml="md" label="Business days only" description="Skips weekends and your holidays" checked={step.businessDays}
              data-testid="step-business-days" onChange={(e) => update({ businessDays: e.currentTarget.checked }, "business_days")} />
          </Group>
          {f("delay_days") && <Text size="xs" c="red" mt={4} data-testid="step-delay-error">{f("delay_days")}</Text>}
        </div>
        {step.kind === "email" && (
          <>
            <Group align="flex-start" grow>
              <Select label={step.split ? "Template A" : "Template"} placeholder="Choose the e-mail to send" data={templates}
                value={step.templateId} searchable error={f("template_id")} data-testid="step-template"
                nothingFoundMessage="No template: add one on the Templates tab"
                onChange={(v) => update({ templateId: v }, "template_id")} />
              {step.split && (
                <Select label="Template B" placeholder="The other version" data={templates.filter((t) => t.value !== step.templateId)}
                  value={step.templateBId} searchable error={f("template_b_id")} data-testid="step-template-b"
                  onChange={(v) => update({ templateBId: v }, "template_b_id")} />
              )}
            </Group>
            {templates.length === 0 && (
              <Text size="xs" c="dimmed">No e-mail templates yet: write one on the Templates tab of the Sequences screen, then choose it here.</Text>
            )}
            <Switch label="A/B test: send a second template to half of the contacts" checked={step.split} data-testid="step-split"
              onChange={(e) => update({ split: e.currentTarget.checked, templateBId: e.currentTarget.checked ? step.templateBId : null }, "template_b_id")} />
          </>
        )}
        {(step.kind === "call" || step.kind === "task") && (
          <>
            <TextInput label={step.kind === "call" ? "What the call is about" : "What needs doing"} withAsterisk
              placeholder={step.kind === "call" ? "e.g. Check they got the offer" : "e.g. Send a handwritten card"}
              value={step.title} error={f("title")} data-testid="step-title"
              onChange={(e) => update({ title: e.currentTarget.value }, "title")} />
            <Textarea label={step.kind === "call" ? "Script or notes" : "Instructions"} autosize minRows={2} maxRows={8}
              value={step.instructions} error={f("instructions")} data-testid="step-instructions"
              placeholder={step.kind === "call" ? "What to say, what to ask" : "How to do it"}
              onChange={(e) => update({ instructions: e.currentTarget.value }, "instructions")} />
          </>
        )}
        {step.kind === "wait" && <Text size="xs" c="dimmed">Nothing is sent or planned: it only adds time before the next step.</Text>}
      </Stack>
    </Card>
  );
}

export function StepsEditor({ steps, onChange, errors, onEdited, onReordered, templates }: Props) {
  const update = (i: number) => (patch: Partial<StepForm>, field: string) => {
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
    onEdited(`steps.${i}.${field}`);
  };
  const structural = (next: StepForm[]) => {
    onChange(next);
    onReordered();
  };
  return (
    <Stack gap="sm" data-testid="steps-editor">
      {errors.steps && <Text size="sm" c="red" data-testid="steps-error">{errors.steps}</Text>}
      {steps.length === 0 && <Text size="sm" c="dimmed">No steps yet: add the first one below.</Text>}
      {steps.map((s, i) => (
        <StepCard key={s.key} step={s} index={i} count={steps.length} errors={errors} templates={templates}
          update={update(i)} move={(by) => structural(moveStep(steps, i, by))}
          remove={() => structural(steps.filter((_, j) => j !== i))} />
      ))}
      <Group gap="xs">
        {STEP_KINDS.map((k) => {
          const Icon = STEP_ICONS[k];
          return (
            <Button key={k} variant="light" size="xs" leftSection={<Icon size={14} />} data-testid={`add-step-${k}`}
              onClick={() => structural([...steps, newStep(k, steps.length === 0)])}>
              {ADD_LABELS[k]}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}
