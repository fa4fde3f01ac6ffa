// One e-mail of the outbox: who, what, its text, why it waits or failed, and what can be done.
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Code, Collapse, Group, Loader, Modal, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router-dom";
import { commands, type OutboxAction, type OutboxItem, type OutboxMessage as Message } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { formatDateTime } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { ACTION_LABELS, OUTBOX_STATUS_COLORS, OUTBOX_STATUS_HINTS, OUTBOX_STATUS_LABELS, outboxActions } from "./outbox";

export function OutboxBadge({ item }: { item: OutboxItem }) {
  return (
    <Tooltip label={OUTBOX_STATUS_HINTS[item.status]} multiline w={300}>
      <Badge variant="light" color={OUTBOX_STATUS_COLORS[item.status]} data-testid="outbox-status">
        {OUTBOX_STATUS_LABELS[item.status]}
      </Badge>
    </Tooltip>
  );
}

const DONE: Record<OutboxAction, string> = {
  cancel: "E-mail cancelled",
  send_anyway: "E-mail queued to go out",
  retry: "E-mail queued to go out again",
  mark_sent: "Marked as sent",
};

/** The buttons for what can be done to an e-mail in its status. */
export function OutboxActions({ item, onDone, size = "compact-xs" }: { item: OutboxItem; onDone: (m: Message) => void; size?: string }) {
  const [busy, setBusy] = useState<OutboxAction | null>(null);
  const act = async (action: OutboxAction) => {
    setBusy(action);
    try {
      const m = await call(commands.outboxAct(item.id, action));
      notifications.show({ color: "green", title: DONE[action], message: `${item.subject} — ${item.to_address}` });
      onDone(m);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const actions = outboxActions(item.status);
  if (actions.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
      {actions.map((a) => {
        const button = (
          <Button key={a} size={size} variant={a === "cancel" ? "subtle" : "light"} color={a === "cancel" ? "red" : undefined}
            loading={busy === a} disabled={busy !== null && busy !== a} data-testid={`outbox-${a}`}
            aria-label={`${ACTION_LABELS[a]}: ${item.subject} to ${item.to_address}`}
            onClick={() =>
              a === "cancel"
                ? confirmDanger({ title: "Cancel this e-mail?", body: `“${item.subject}” to ${item.to_address} will not be sent.`, confirmLabel: "Cancel e-mail", onConfirm: () => act(a) })
                : void act(a)
            }>
            {ACTION_LABELS[a]}
          </Button>
        );
        return a === "mark_sent" ? (
          <Tooltip key={a} label="It is in your mail program's Sent folder: record it as sent without sending it again." multiline w={260}>
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
    </Group>
  );
}

export function OutboxMessageModal({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const msg = useLoad(() => call(commands.outboxMessage(id)), [id]);
  const [html, setHtml] = useState(false);
  const m = msg.data;
  return (
    <Modal opened onClose={onClose} title={m ? m.item.subject : "E-mail"} size="xl">
      {!m ? (
        msg.error ? <Alert color="red">{errorMessage(msg.error)}</Alert> : <Loader size="sm" />
      ) : (
        <Stack gap="sm" data-testid="outbox-message">
          <Group gap="xs">
            <OutboxBadge item={m.item} />
            {m.item.source && <Text size="sm" c="dimmed">{m.item.source}</Text>}
          </Group>
          <Text size="sm">
            To:{" "}
            {m.item.contact ? (
              <Anchor component={Link} to={`/contacts/${m.item.contact.id}`} onClick={onClose}>{m.item.contact.name}</Anchor>
            ) : null}{" "}
            &lt;{m.item.to_address}&gt;
          </Text>
          <Text size="sm" c="dimmed">
            {m.item.sent_at ? `Sent ${formatDateTime(m.item.sent_at)}` : `Not before ${formatDateTime(m.item.send_after)}`} · created{" "}
            {formatDateTime(m.item.created_at)}
            {m.item.attempts > 0 ? ` · ${m.item.attempts} ${m.item.attempts === 1 ? "attempt" : "attempts"}` : ""}
          </Text>
          {(m.item.status === "held" || m.item.status === "uncertain" || m.item.status === "failed") && (
            <Alert color={OUTBOX_STATUS_COLORS[m.item.status]} data-testid="outbox-explanation">{OUTBOX_STATUS_HINTS[m.item.status]}</Alert>
          )}
          {m.item.last_error && <Text size="sm" c="red">Last problem: {m.item.last_error}</Text>}
          <Paper withBorder p="md" style={{ whiteSpace: "pre-wrap", maxHeight: 420, overflow: "auto" }}>
            <Text fw={600} mb="xs">{m.item.subject}</Text>
            <Text size="sm" data-testid="outbox-text">{m.body_text}</Text>
          </Paper>
          <Anchor component="button" type="button" size="xs" onClick={() => setHtml((v) => !v)} w="fit-content">
            {html ? "Hide the HTML version" : "Show the HTML version"}
          </Anchor>
          <Collapse in={html}>
            <Code block style={{ maxHeight: 240, overflow: "auto" }}>{m.body_html}</Code>
          </Collapse>
          <Group justify="space-between">
            <Text size="xs" c="dimmed" ff="monospace">{m.message_id}</Text>
            <Group gap="xs">
              <OutboxActions item={m.item} size="sm" onDone={(next) => { msg.setData(next); onChanged(); }} />
              <Button variant="default" onClick={onClose}>Close</Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
