// The outbox: every e-mail Hearth sends (sequence steps, broadcasts, tests), by status, with what
// can be done to each, and "Send now" to run the schedule at once.
import { useState } from "react";
import { Alert, Anchor, Button, Center, Chip, Group, Loader, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMail, IconSend } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type OutboxStatus, type RunReport } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDateTime } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { OutboxActions, OutboxBadge, OutboxMessageModal } from "./OutboxMessage";
import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS, countOf, flushWords, tickWords } from "./outbox";
import { formatNumber } from "../lib/numbers";

export function OutboxPage() {
  const { version, changed } = useData();
  const [status, setStatus] = useState<OutboxStatus | "all">("all");
  const page = useLoad(() => call(commands.outboxList(status === "all" ? null : status, null)), [status, version]);
  useScheduleEvent(page.reload);
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<RunReport | null>(null);

  const sendNow = async () => {
    setRunning(true);
    try {
      const r = await call(commands.schedulerRunNow());
      setRun(r);
      if (r.flush && !r.flush.problem) {
        const extra = tickWords(r);
        notifications.show({ color: "green", title: "Outbox sent", message: flushWords(r.flush) + (extra ? ` · ${extra}` : "") });
      }
      changed();
    } catch (e) {
      notifyError(e);
    } finally {
      setRunning(false);
    }
  };

  const counts = page.data?.counts ?? [];
  const items = page.data?.items ?? [];
  const chip = (value: OutboxStatus | "all", label: string, n: number) => (
    <Chip key={value} value={value} size="sm" data-testid={`outbox-filter-${value}`}>
      {label} {formatNumber(n)}
    </Chip>
  );

  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="md" maw={1300}>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Outbox</Title>
            <Text c="dimmed">E-mails from your sequences and broadcasts go out from here, within your sending rules.</Text>
          </div>
          <Button leftSection={<IconSend size={16} />} onClick={sendNow} loading={running} data-testid="outbox-send-now">Send now</Button>
        </Group>
        {run && run.flush === null && (
          <Alert color="blue" title="E-mail sending is off" withCloseButton onClose={() => setRun(null)} data-testid="outbox-run-off">
            E-mail steps wait on the Today screen with a link that opens your mail app.{" "}
            <Anchor component={Link} to="/settings" size="sm">Set up sending in Settings → E-mail</Anchor>
          </Alert>
        )}
        {run?.flush?.problem && (
          <Alert color="red" title="Nothing could be sent" withCloseButton onClose={() => setRun(null)} data-testid="outbox-run-problem">
            {run.flush.problem} The e-mails stay queued and go out once it works again.{" "}
            <Anchor component={Link} to="/settings" size="sm">Check the e-mail settings</Anchor>
          </Alert>
        )}
        <Chip.Group value={status} onChange={(v) => setStatus(v as OutboxStatus | "all")}>
          <Group gap={6} role="group" aria-label="Show e-mails">
            {chip("all", "All", countOf(counts, null))}
            {OUTBOX_STATUSES.filter((s) => s !== "sending" || countOf(counts, s) > 0).map((s) => chip(s, OUTBOX_STATUS_LABELS[s], countOf(counts, s)))}
          </Group>
        </Chip.Group>
        {!page.data ? (
          <Center py="xl">{page.error ? <Text c="red">{errorMessage(page.error)}</Text> : <Loader />}</Center>
        ) : items.length === 0 ? (
          <Stack align="center" gap={6} py="xl">
            <IconMail size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
            <Text fw={500}>{status === "all" ? "The outbox is empty" : `No ${OUTBOX_STATUS_LABELS[status].toLowerCase()} e-mails`}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={460}>
              E-mail steps of your sequences and broadcasts appear here before they go out, and stay here once sent.
            </Text>
          </Stack>
        ) : (
          <Table highlightOnHover verticalSpacing="sm" data-testid="outbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th miw={260}>Subject</Table.Th>
                <Table.Th w={110}>Status</Table.Th>
                <Table.Th w={150}>Not before / sent</Table.Th>
                <Table.Th w={60} ta="right">Tries</Table.Th>
                <Table.Th w={170}>From</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="outbox-row" data-status={m.status} style={{ cursor: "pointer" }} tabIndex={0}
                  onClick={() => setOpen(m.id)} onKeyDown={(e) => e.key === "Enter" && setOpen(m.id)}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{m.contact?.name ?? m.to_address}</Text>
                    {m.contact && <Text size="xs" c="dimmed">{m.to_address}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>{m.subject}</Text>
                    {m.last_error && <Text size="xs" c="red" lineClamp={2}>{m.last_error}</Text>}
                  </Table.Td>
                  <Table.Td><OutboxBadge item={m} /></Table.Td>
                  <Table.Td><Text size="sm">{m.sent_at ? formatDateTime(m.sent_at) : formatDateTime(m.send_after)}</Text></Table.Td>
                  <Table.Td ta="right">{m.attempts}</Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">{m.source ?? "—"}</Text></Table.Td>
                  <Table.Td><OutboxActions item={m} onDone={changed} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {items.length >= 500 && <Text size="xs" c="dimmed">Showing the latest 500: choose a status to narrow the list.</Text>}
      </Stack>
      {open && <OutboxMessageModal id={open} onClose={() => setOpen(null)} onChanged={changed} />}
    </ScrollArea>
  );
}
