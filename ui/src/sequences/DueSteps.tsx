// Today's sequence steps: calls, tasks and e-mails to send by hand, due by the end of the local
// day. Done (a call with how it went), skipped, or opened in the mail app.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Collapse, Group, Modal, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconExternalLink, IconPhone, IconUser } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type DueStep } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, formatTime, isPast, localDayBounds } from "../lib/dates";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { stepOf } from "./format";
import { StepIcon } from "./kinds";

/** How a call went: the words are those the call log uses elsewhere ("Connected" scores). */
export const CALL_OUTCOMES = [
  { value: "Connected", label: "Reached them" },
  { value: "Left voicemail", label: "Left a voicemail" },
  { value: "No answer", label: "No answer" },
  { value: "Meeting booked", label: "Meeting booked" },
];

function CallDone({ step, onClose, onSaved }: { step: DueStep; onClose: () => void; onSaved: () => void }) {
  const [outcome, setOutcome] = useState<string | null>("Connected");
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await call(commands.sequenceStepComplete(step.id, { outcome, note: note.trim() || null }));
      onSaved();
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`How did the call with ${step.contact.name} go?`}>
      <Stack>
        <Select label="Outcome" data={CALL_OUTCOMES} value={outcome} onChange={setOutcome} allowDeselect={false} data-testid="seq-step-outcome" />
        {outcome === "Meeting booked" && (
          <Text size="xs" c="dimmed">Sequences that stop at a meeting end for them. Plan the meeting on their page to see it on Today.</Text>
        )}
        <Textarea label="Note" autosize minRows={3} maxRows={8} value={note} onChange={(e) => setNote(e.currentTarget.value)}
          placeholder="What you talked about, what comes next" data-testid="seq-step-note" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} loading={saving} data-testid="seq-step-save">Save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function StepRow({ step, last, onDone, onSkip, onCall }: { step: DueStep; last: boolean; onDone: () => void; onSkip: () => void; onCall: () => void }) {
  const [open, setOpen] = useState(false);
  const overdue = isPast(step.due_at) && new Date(step.due_at) < new Date(localDayBounds().day_start);
  const label = step.kind === "call" ? "script" : "instructions";
  return (
    <Stack gap={4} py={8} px="sm" data-testid="seq-step" data-step-id={step.id} style={last ? undefined : { borderBottom: "1px solid var(--mantine-color-default-border)" }}>
      <Group wrap="nowrap" gap="sm" align="center">
        <StepIcon kind={step.kind} />
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} truncate="end">{step.title}</Text>
          <Group gap="sm">
            <Anchor component={Link} to={`/contacts/${step.contact.id}`} size="xs">
              <Group gap={3} wrap="nowrap"><IconUser size={12} />{step.contact.name}</Group>
            </Anchor>
            {step.kind === "call" && step.phone && (
              <Anchor href={`tel:${step.phone}`} size="xs"><Group gap={3} wrap="nowrap"><IconPhone size={12} />{step.phone}</Group></Anchor>
            )}
            <Text size="xs" c="dimmed">
              <Anchor component={Link} to={`/sequences/${step.sequence.id}`} size="xs" c="dimmed">{step.sequence.name}</Anchor> · {stepOf(step.position, step.steps_total)}
            </Text>
            {step.instructions && (
              <Anchor component="button" type="button" size="xs" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
                {open ? `Hide ${label}` : `Show ${label}`}
              </Anchor>
            )}
          </Group>
        </Stack>
        <Text size="xs" c={overdue ? "red" : "dimmed"} style={{ whiteSpace: "nowrap" }}>
          {overdue ? `Due ${formatDate(step.due_at)}` : formatTime(step.due_at)}
        </Text>
        <Group gap={4} wrap="nowrap">
          {step.kind === "email" && step.mailto && (
            <Button component="a" href={step.mailto} size="compact-sm" variant="light" leftSection={<IconExternalLink size={14} />}
              data-testid="seq-step-mailto">
              Open in mail app
            </Button>
          )}
          <Button size="compact-sm" onClick={step.kind === "call" ? onCall : onDone} data-testid="seq-step-done"
            aria-label={`Done: ${step.title}`}>
            {step.kind === "email" ? "Sent" : "Done"}
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onSkip} data-testid="seq-step-skip" aria-label={`Skip: ${step.title}`}>
            Skip
          </Button>
        </Group>
      </Group>
      {step.instructions && (
        <Collapse in={open}>
          <Text size="sm" c="dimmed" pl={40} style={{ whiteSpace: "pre-wrap" }} data-testid="seq-step-instructions">{step.instructions}</Text>
        </Collapse>
      )}
    </Stack>
  );
}

export function DueSteps() {
  const { version, changed } = useData();
  const steps = useLoad(() => call(commands.sequenceStepsDue(localDayBounds().day_end, null)), [version]);
  useScheduleEvent(steps.reload);
  const [calling, setCalling] = useState<DueStep | null>(null);

  const finished = (what: string, s: DueStep) => {
    notifications.show({ color: "green", title: what, message: `${s.title} — ${s.contact.name}` });
    changed();
  };
  const done = async (s: DueStep) => {
    try {
      await call(commands.sequenceStepComplete(s.id, { outcome: null, note: null }));
      finished(s.kind === "email" ? "E-mail logged as sent" : "Done", s);
    } catch (e) {
      notifyError(e);
    }
  };
  const skip = async (s: DueStep) => {
    try {
      await call(commands.sequenceStepSkip(s.id));
      finished("Skipped", s);
    } catch (e) {
      notifyError(e);
    }
  };

  const list = steps.data ?? [];
  // Nothing to show until there is something (no flash of an empty card on every visit).
  if (!steps.error && list.length === 0) return null;
  return (
    <Card withBorder padding={0} data-testid="today-sequence-steps">
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Title order={4}>Sequence steps</Title>
          <Text size="xs" c="dimmed">Calls, tasks and e-mails your sequences planned for today (and any still waiting).</Text>
        </div>
        <Badge color="violet" variant="light">{list.length >= 500 ? "500+" : list.length}</Badge>
      </Group>
      {!steps.data ? (
        <Text size="sm" c={steps.error ? "red" : "dimmed"} p="md">{steps.error ? "Couldn't load the sequence steps." : "Loading…"}</Text>
      ) : (
        <Stack gap={0} px="xs" py={4}>
          {list.map((s, i) => (
            <StepRow key={s.id} step={s} last={i === list.length - 1} onDone={() => void done(s)} onSkip={() => void skip(s)} onCall={() => setCalling(s)} />
          ))}
        </Stack>
      )}
      {calling && (
        <CallDone step={calling} onClose={() => setCalling(null)} onSaved={() => { finished("Call logged", calling); setCalling(null); }} />
      )}
    </Card>
  );
}
