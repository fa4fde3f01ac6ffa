// Pause, resume or stop one enrolment; and its status and next step in words.
import { useState } from "react";
import { Badge, Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type Enrolment, type EnrolmentAction } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { formatDateTime, relative } from "../lib/dates";
import { ENROLMENT_STATUS_COLORS, ENROLMENT_STATUS_LABELS } from "./format";

export function EnrolmentBadge({ e }: { e: Enrolment }) {
  return (
    <Badge variant="light" color={ENROLMENT_STATUS_COLORS[e.status]} data-testid="enrolment-status">
      {ENROLMENT_STATUS_LABELS[e.status]}
    </Badge>
  );
}

/** "Next: Call: Check in · in 2 days", "Waiting on the Today screen or in the outbox", the exit reason. */
export function enrolmentNext(e: Enrolment, now: Date = new Date()): string {
  if (e.status === "finished") return `Finished all ${e.steps_total} steps`;
  if (e.status === "exited") return e.exit_reason ?? "Left the sequence";
  if (!e.next_step) return "No step left";
  const when = e.next_due_at ? `${relative(e.next_due_at, now)} (${formatDateTime(e.next_due_at)})` : "waiting to be done (Today screen or outbox)";
  return `Next: ${e.next_step} · ${when}${e.status === "paused" ? " — paused" : ""}`;
}

/** Where they are: "Step 2 of 4", "Left after 1 of 4 steps", "Finished all 4 steps". */
export function enrolmentPlace(e: Enrolment): string {
  if (e.status === "finished") return `Finished all ${e.steps_total} steps`;
  if (e.status === "exited") return `Left after ${e.steps_done} of ${e.steps_total} ${e.steps_total === 1 ? "step" : "steps"}`;
  return `Step ${Math.min(e.steps_done + 1, e.steps_total)} of ${e.steps_total}`;
}

export function EnrolmentActions({ e, onChanged }: { e: Enrolment; onChanged: (e: Enrolment) => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (action: EnrolmentAction, done: string) => {
    setBusy(true);
    try {
      const next = await call(commands.enrolmentSet(e.id, action));
      notifications.show({ color: "green", title: done, message: `${e.contact.name} in “${e.sequence.name}”` });
      onChanged(next);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  if (e.status !== "active" && e.status !== "paused") return null;
  return (
    <Group gap={4} wrap="nowrap">
      {e.status === "active" ? (
        <Button size="compact-xs" variant="default" loading={busy} onClick={() => act("pause", "Paused")} data-testid="enrolment-pause"
          aria-label={`Pause ${e.contact.name} in ${e.sequence.name}`}>
          Pause
        </Button>
      ) : (
        <Button size="compact-xs" variant="default" loading={busy} onClick={() => act("resume", "Resumed")} data-testid="enrolment-resume"
          aria-label={`Resume ${e.contact.name} in ${e.sequence.name}`}>
          Resume
        </Button>
      )}
      <Button size="compact-xs" variant="subtle" color="red" disabled={busy} data-testid="enrolment-stop"
        aria-label={`Stop ${e.contact.name} in ${e.sequence.name}`}
        onClick={() =>
          confirmDanger({
            title: `Stop “${e.sequence.name}” for ${e.contact.name}?`,
            body: "No further step happens for them; queued e-mails are cancelled. They cannot be enrolled in this sequence again.",
            confirmLabel: "Stop",
            onConfirm: () => act("stop", "Stopped"),
          })
        }>
        Stop
      </Button>
    </Group>
  );
}
