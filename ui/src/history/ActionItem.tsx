// One action of the history: when, what, the fields it changed, and its Undo button.
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { HistoryAction } from "../bindings";
import { formatDateTime, relative } from "../lib/dates";
import { CHANGE_VERBS, recordLink, sentence, showValue } from "./format";

interface Props {
  action: HistoryAction;
  onUndo: (a: HistoryAction) => void;
  /** Link the record (the whole-database list); a record's own history does not. */
  linked?: boolean;
}

export function ActionItem({ action: a, onUndo, linked }: Props) {
  const link = linked ? recordLink(a) : null;
  const title = sentence(a);
  return (
    <Stack gap={4} data-testid="history-action" data-kind={a.kind}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            {link ? (
              <Text component={Link} to={link} size="sm" fw={500} truncate="end" c="blue">{title}</Text>
            ) : (
              <Text size="sm" fw={500} truncate="end">{title}</Text>
            )}
            {a.undone_at && <Badge size="xs" color="gray" variant="light">Undone</Badge>}
          </Group>
          <Text size="xs" c="dimmed" title={formatDateTime(a.at)}>{relative(a.at)}</Text>
        </Stack>
        {a.can_undo && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={() => onUndo(a)}
            data-testid="history-undo"
          >
            {a.kind === "undo" ? "Redo" : "Undo"}
          </Button>
        )}
      </Group>
      {a.changes.map((c, i) => (
        <Stack key={i} gap={0} pl="sm" style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}>
          {c.fields.length === 0 ? (
            <Text size="xs">{CHANGE_VERBS[c.kind]}: {c.what}</Text>
          ) : (
            c.fields.map((f) => (
              <Text size="xs" key={f.field} data-testid="history-field">
                <Text span fw={500} size="xs">{f.label}:</Text>{" "}
                <Text span size="xs" c="dimmed" td="line-through">{showValue(f, f.before, c)}</Text>
                {" → "}
                <Text span size="xs">{showValue(f, f.after, c)}</Text>
              </Text>
            ))
          )}
        </Stack>
      ))}
      {a.more_changes > 0 && (
        <Text size="xs" c="dimmed" pl="sm">and {a.more_changes} more changes</Text>
      )}
    </Stack>
  );
}
