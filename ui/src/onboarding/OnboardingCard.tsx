// A customer's onboarding checklists: progress ("3 of 5 done"), what is overdue (in words and
// with an icon, not only red), and each step with its due date; ticking one completes its task.
import { useState } from "react";
import { Anchor, Badge, Card, Checkbox, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconChecklist, IconCircleCheck } from "@tabler/icons-react";
import { commands, type Onboarding, type OnboardingStep } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, isPast } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

function Step({ step, onToggle, busy }: { step: OnboardingStep; onToggle: (done: boolean) => void; busy: boolean }) {
  const done = step.done_at !== null;
  const overdue = !done && isPast(step.due_at);
  return (
    <Checkbox checked={done} disabled={busy} onChange={(e) => onToggle(e.currentTarget.checked)} data-testid="onboarding-step"
      label={<Text size="sm" td={done ? "line-through" : undefined} c={done ? "dimmed" : undefined}>{step.title}</Text>}
      description={
        done ? `Done ${formatDate(step.done_at)}` : overdue ? (
          <Group gap={4} component="span" wrap="nowrap">
            <IconAlertTriangle size={12} color="var(--mantine-color-red-7)" aria-hidden />
            <Text span size="xs" c="red">Overdue: was due {formatDate(step.due_at)}</Text>
          </Group>
        ) : step.due_at ? `Due ${formatDate(step.due_at)}` : undefined
      } />
  );
}

function Checklist({ o, onChanged }: { o: Onboarding; onChanged: () => void }) {
  const complete = o.steps.length > 0 && o.done >= o.steps.length;
  const [open, setOpen] = useState(!complete);
  const [busy, setBusy] = useState<string | null>(null);
  const toggle = async (step: OnboardingStep, done: boolean) => {
    setBusy(step.activity_id);
    try {
      await call(commands.activitySetDone(step.activity_id, done));
      onChanged();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const percent = o.steps.length ? Math.round((o.done / o.steps.length) * 100) : 0;
  const progress = `${o.done} of ${o.steps.length} done`;
  return (
    <Stack gap={6} data-testid="onboarding">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} truncate="end">{o.name}</Text>
        {complete && <Badge size="sm" variant="light" color="green" leftSection={<IconCircleCheck size={12} aria-hidden />}>Complete</Badge>}
      </Group>
      <Progress value={percent} size="sm" color={complete ? "green" : "blue"} aria-label={`${o.name}: ${progress}`} />
      <Group gap="sm" justify="space-between">
        <Text size="xs" c="dimmed" data-testid="onboarding-progress">{progress} · started {formatDate(o.started_at)}</Text>
        {o.overdue > 0 && (
          <Group gap={4} wrap="nowrap" data-testid="onboarding-overdue">
            <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
            <Text size="xs" c="red" fw={500}>{o.overdue} overdue</Text>
          </Group>
        )}
      </Group>
      {open && (
        <Stack gap={6} pl={2}>
          {o.steps.map((s) => <Step key={s.activity_id} step={s} busy={busy === s.activity_id} onToggle={(d) => void toggle(s, d)} />)}
        </Stack>
      )}
      {complete && (
        <Anchor component="button" type="button" size="xs" ta="left" onClick={() => setOpen(!open)}>
          {open ? "Hide the steps" : "Show the steps"}
        </Anchor>
      )}
    </Stack>
  );
}

export function OnboardingCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const data = useLoad(() => call(commands.onboardingsOfContact(contactId)), [contactId, version]);
  if (data.error) {
    return (
      <Card withBorder padding="md" data-testid="onboarding-card">
        <Text size="sm" c="red">{errorMessage(data.error)}</Text>
      </Card>
    );
  }
  const list = data.data ?? [];
  if (list.length === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="onboarding-card">
      <Group gap="xs" mb="xs"><IconChecklist size={18} /><Title order={5}>Onboarding</Title></Group>
      <Stack gap="md">
        {list.map((o) => <Checklist key={o.id} o={o} onChanged={changed} />)}
      </Stack>
    </Card>
  );
}
