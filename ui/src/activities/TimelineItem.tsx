import { ActionIcon, Anchor, Badge, Card, Checkbox, Group, Stack, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { Activity } from "../bindings";
import { formatDateTime, isPast, relative } from "../lib/dates";
import { KIND_LABELS } from "../lib/stages";
import { KIND_COLORS, KIND_ICONS } from "./kinds";

interface Props {
  activity: Activity;
  showContact: boolean;
  onDone: (a: Activity, done: boolean) => void;
  onDelete: (a: Activity) => void;
}

export function TimelineItem({ activity: a, showContact, onDone, onDelete }: Props) {
  const Icon = KIND_ICONS[a.kind];
  const done = a.completed_at !== null;
  const overdue = a.kind === "task" && !done && isPast(a.due_at);
  return (
    <Card withBorder padding="sm" data-testid="timeline-item">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {a.kind === "task" ? (
          <Tooltip label={done ? "Mark as not done" : "Mark as done"}>
            <Checkbox mt={4} checked={done} onChange={(e) => onDone(a, e.currentTarget.checked)} aria-label="Done" radius="xl" />
          </Tooltip>
        ) : (
          <ThemeIcon variant="light" color={KIND_COLORS[a.kind]} radius="xl">
            <Icon size={16} />
          </ThemeIcon>
        )}
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={600} size="sm" td={done ? "line-through" : undefined} c={done ? "dimmed" : undefined}>
              {a.subject}
            </Text>
            <Tooltip label={formatDateTime(a.occurred_at)}>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {KIND_LABELS[a.kind]} · {relative(a.occurred_at)}
              </Text>
            </Tooltip>
          </Group>
          {a.body && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }} lineClamp={4}>
              {a.body}
            </Text>
          )}
          <Group gap="xs">
            {a.kind === "task" && a.due_at && (
              <Badge size="sm" variant="light" color={overdue ? "red" : done ? "gray" : "ember"} tt="none">
                {done ? "Done" : overdue ? "Overdue" : "Due"} {formatDateTime(a.due_at)}
              </Badge>
            )}
            {a.duration_minutes !== null && <Badge size="sm" variant="default" tt="none">{a.duration_minutes} min</Badge>}
            {a.outcome && <Badge size="sm" variant="default" tt="none">{a.outcome}</Badge>}
            {showContact && a.contact && (
              <Anchor component={Link} to={`/contacts/${a.contact.id}`} size="xs">
                with {a.contact.name}
              </Anchor>
            )}
          </Group>
        </Stack>
        <Tooltip label="Delete">
          <ActionIcon variant="subtle" color="gray" onClick={() => onDelete(a)} aria-label="Delete activity">
            <IconTrash size={15} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Card>
  );
}
