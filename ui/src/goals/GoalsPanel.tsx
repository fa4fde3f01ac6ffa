// The SMART goals on the dashboard: each goal's sentence, a bar of the progress towards the
// target with a marker for the time gone by, its status, where it stands and where it is heading;
// "New goal", edit and delete (undoable).
import { useState } from "react";
import { ActionIcon, Alert, Badge, Box, Button, Card, Group, Loader, Progress, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle, IconPencil, IconPlus, IconTarget, IconTrash } from "@tabler/icons-react";
import { commands, type Goal } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { notifyDeleted } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { GoalFormModal } from "./GoalFormModal";
import { METRICS, STATUS, formatDay, formatGoalValue, projectionText } from "./goals";

/** Undoes the deletion of a goal (its newest action in the history). */
async function undoDelete(id: string): Promise<void> {
  const page = await call(commands.historyList({ entity: "goals", record_id: id, before: null, limit: 1 }));
  const last = page.actions[0];
  if (!last || last.kind !== "delete" || !last.can_undo) throw new Error("the deletion can no longer be undone from here; see History");
  await call(commands.historyUndo(last.id));
}

const clamp = (v: number) => Math.max(0, Math.min(100, v));

/** The progress bar with a marker at the share of the time gone by. */
function GoalBar({ goal }: { goal: Goal }) {
  const progress = goal.progress_percent;
  const elapsed = goal.elapsed_percent ?? 0;
  const color = STATUS[goal.status].color;
  const words = `${progress === null ? "No progress measured" : `${progress}% of the way to the target`}; ${elapsed}% of the time gone`;
  return (
    <Tooltip label={words} openDelay={300}>
      <Box pos="relative" py={3} aria-label={words} data-testid={`goal-progress-${goal.id}`}
        data-progress={progress ?? ""} data-elapsed={elapsed}>
        <Progress value={clamp(progress ?? 0)} color={color} size="md" radius="sm" />
        <Box pos="absolute" top={0} bottom={0} w={2} bg="dark.4" style={{ left: `calc(${clamp(elapsed)}% - 1px)` }}
          data-testid={`goal-elapsed-${goal.id}`} />
      </Box>
    </Tooltip>
  );
}

/** "At 18.2% · target 22% · projected 21.4% by 1 Jun" (totals: "€8,000.00 of €15,000.00"). */
function standing(g: Goal): string {
  const f = (v: number | null) => formatGoalValue(v, g.metric, g.currency);
  if (g.status === "not_started") return `Starts ${formatDay(g.starts_at)} · target ${f(g.target)}`;
  if (g.current === null) return `Nothing measured yet · target ${f(g.target)}`;
  const parts = METRICS[g.metric].isTotal
    ? [`${f(g.current)} of ${f(g.target)}`]
    : [`At ${f(g.current)}`, `from ${f(g.baseline)}`, `target ${f(g.target)}`];
  const projection = g.status === "achieved" || g.status === "missed" ? null : projectionText(g);
  if (projection) parts.push(projection);
  return parts.join(" · ");
}

function GoalRow({ goal, compact, onEdit, onDelete }: { goal: Goal; compact: boolean; onEdit: () => void; onDelete: () => void }) {
  const status = STATUS[goal.status];
  return (
    <Card withBorder padding={compact ? "xs" : "sm"} radius="md" data-testid={`goal-${goal.id}`} data-status={goal.status}>
      <Stack gap={compact ? 4 : 6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" miw={0}>
            <Text fw={600} size={compact ? "sm" : "md"} truncate="end">{goal.name}</Text>
            <Badge color={status.color} variant="light" data-testid={`goal-status-${goal.id}`}>{status.label}</Badge>
          </Group>
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${goal.name}`} onClick={onEdit} data-testid={`goal-edit-${goal.id}`}>
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={`Delete ${goal.name}`} onClick={onDelete} data-testid={`goal-delete-${goal.id}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <Text size="sm" data-testid={`goal-summary-${goal.id}`}>{goal.summary}</Text>
        <GoalBar goal={goal} />
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed" data-testid={`goal-standing-${goal.id}`}>{standing(goal)}</Text>
          <Group gap={4} wrap="nowrap">
            {goal.segment && <Badge variant="outline" color="gray" size="sm">{goal.segment.name}</Badge>}
            <Text size="xs" c="dimmed">{goal.metric_label}</Text>
            <Tooltip label={goal.definition} multiline w={300} withArrow>
              <ActionIcon variant="transparent" color="gray" size="xs" aria-label={`How ${goal.metric_label} is measured`}>
                <IconInfoCircle size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

function EmptyGoals({ onNew }: { onNew: () => void }) {
  return (
    <Stack gap="xs" align="flex-start" data-testid="goals-empty">
      <Text size="sm">
        A goal is a number you want to move by a date — measurable, with a deadline — e.g. “Raise lead conversion from 12% to
        22% by June”. Hearth measures it as you go, projects where the current pace leads and says whether you are on track.
      </Text>
      <Button leftSection={<IconTarget size={16} />} onClick={onNew} data-testid="goal-new">Set your first goal</Button>
    </Stack>
  );
}

export function GoalsPanel({ compact = false }: { compact?: boolean }) {
  const { version, changed } = useData();
  const goals = useLoad(() => call(commands.goalsList()), [version]);
  const [editing, setEditing] = useState<Goal | "new" | null>(null);
  const list = goals.data ?? [];

  const remove = (g: Goal) => {
    confirmDanger({
      title: `Delete the goal “${g.name}”?`,
      body: "The goal and its progress go; the data it measures stays. You can undo this right after.",
      confirmLabel: "Delete goal",
      onConfirm: async () => {
        try {
          await call(commands.goalDelete(g.id));
        } catch (e) {
          notifyError(e);
          return;
        }
        changed();
        notifyDeleted({
          id: `deleted-${g.id}`,
          title: "Goal deleted",
          text: `“${g.name}” was deleted.`,
          undo: async () => {
            await undoDelete(g.id);
            changed();
          },
        });
      },
    });
  };

  return (
    <Stack gap={compact ? "xs" : "sm"} data-testid="goals-panel">
      <Group justify="space-between">
        <Title order={compact ? 5 : 4}>Goals</Title>
        {list.length > 0 && (
          <Button size={compact ? "compact-sm" : "sm"} variant="light" leftSection={<IconPlus size={14} />}
            onClick={() => setEditing("new")} data-testid="goal-new">
            New goal
          </Button>
        )}
      </Group>
      {goals.error !== null ? (
        <Alert color="red" title="Goals could not be loaded">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(goals.error)}</Text>
            <Button size="compact-sm" variant="light" onClick={goals.reload}>Try again</Button>
          </Group>
        </Alert>
      ) : goals.data === null ? (
        <Loader size="sm" />
      ) : list.length === 0 ? (
        <EmptyGoals onNew={() => setEditing("new")} />
      ) : (
        list.map((g) => (
          <GoalRow key={g.id} goal={g} compact={compact} onEdit={() => setEditing(g)} onDelete={() => remove(g)} />
        ))
      )}
      {editing !== null && (
        <GoalFormModal
          goal={editing === "new" ? undefined : editing}
          goals={list}
          onClose={() => setEditing(null)}
          onSaved={(g) => {
            notifications.show({ color: "green", title: editing === "new" ? "Goal set" : "Goal saved", message: g.summary });
            setEditing(null);
            changed();
          }}
        />
      )}
    </Stack>
  );
}
