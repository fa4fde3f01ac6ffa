// Support: the queue of open tickets, the most urgent first, and every ticket by status.
import { useState } from "react";
import { Badge, Button, Center, Chip, Group, Loader, ScrollArea, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconLifebuoy, IconPlus } from "@tabler/icons-react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { commands, type Ticket, type TicketStatus } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { STATUS_LABELS, TICKET_STATUSES, clockState, isBreached, pendingClock } from "./format";
import { TicketFormModal } from "./TicketFormModal";
import { TicketsTable } from "./TicketsTable";
import { useEveryMinute } from "./useEveryMinute";

function Empty({ title, text }: { title: string; text: string }) {
  return (
    <Stack align="center" gap={6} py="xl">
      <IconLifebuoy size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
      <Text fw={500}>{title}</Text>
      <Text size="sm" c="dimmed" ta="center" maw={480}>{text}</Text>
    </Stack>
  );
}

function Loading({ error }: { error: unknown }) {
  return <Center py="xl">{error ? <Text c="red">{errorMessage(error)}</Text> : <Loader />}</Center>;
}

/** "7 open · 2 breached · 1 due within the hour". */
function QueueSummary({ tickets }: { tickets: Ticket[] }) {
  const breached = tickets.filter(isBreached).length;
  const soon = tickets.filter((t) => clockState(t[pendingClock(t)]) === "soon").length;
  return (
    <Group gap="xs" data-testid="queue-summary">
      <Badge variant="light" color="gray" tt="none" size="lg">{tickets.length} open</Badge>
      {breached > 0 && (
        <Badge variant="light" color="red" tt="none" size="lg" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
          {breached} breached
        </Badge>
      )}
      {soon > 0 && <Badge variant="light" color="orange" tt="none" size="lg">{soon} due within the hour</Badge>}
    </Group>
  );
}

function Queue() {
  const { version } = useData();
  const list = useLoad(() => call(commands.ticketsList({ queue: true, status: null, contact_id: null, company_id: null, limit: null })), [version]);
  useEveryMinute(list.reload);
  useScheduleEvent(list.reload);
  if (!list.data) return <Loading error={list.error} />;
  if (list.data.length === 0) {
    return <Empty title="Nothing waiting for you" text="Every ticket is solved or closed. New tickets, and tickets opened by a low survey score, line up here by urgency." />;
  }
  return (
    <Stack>
      <QueueSummary tickets={list.data} />
      <Text size="xs" c="dimmed">
        Most urgent first: the nearest target not yet met (a missed one before all others), then priority. Tickets waiting on the customer come last.
      </Text>
      <TicketsTable tickets={list.data} queue />
    </Stack>
  );
}

function AllTickets() {
  const { version } = useData();
  const [status, setStatus] = useState<TicketStatus | "all">("all");
  const list = useLoad(
    () => call(commands.ticketsList({ queue: false, status: status === "all" ? null : status, contact_id: null, company_id: null, limit: null })),
    [version, status],
  );
  return (
    <Stack>
      <Chip.Group value={status} onChange={(v) => setStatus(v as TicketStatus | "all")}>
        <Group gap={6} role="group" aria-label="Show tickets">
          <Chip value="all" size="sm" data-testid="tickets-filter-all">All</Chip>
          {TICKET_STATUSES.map((s) => (
            <Chip key={s} value={s} size="sm" data-testid={`tickets-filter-${s}`}>{STATUS_LABELS[s]}</Chip>
          ))}
        </Group>
      </Chip.Group>
      {!list.data ? (
        <Loading error={list.error} />
      ) : list.data.length === 0 ? (
        <Empty title={status === "all" ? "No tickets yet" : `No ${STATUS_LABELS[status].toLowerCase()} tickets`}
          text="A ticket keeps one customer request together: what they asked, your replies, internal notes, and whether you answered in time." />
      ) : (
        <TicketsTable tickets={list.data} queue={false} />
      )}
    </Stack>
  );
}

export function TicketsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "all" ? "all" : "queue";
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { changed } = useData();
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="md" maw={1400}>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Support</Title>
            <Text c="dimmed">Customer requests, answered within the service level of each customer's tier.</Text>
          </div>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="ticket-new">New ticket</Button>
        </Group>
        <Tabs value={tab} onChange={(t) => setParams(t === "all" ? { tab: "all" } : {})} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="queue" data-testid="tab-queue">Queue</Tabs.Tab>
            <Tabs.Tab value="all" data-testid="tab-all-tickets">All tickets</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="queue" pt="md"><Queue /></Tabs.Panel>
          <Tabs.Panel value="all" pt="md"><AllTickets /></Tabs.Panel>
        </Tabs>
      </Stack>
      {creating && (
        <TicketFormModal onClose={() => setCreating(false)} onSaved={(d) => {
          setCreating(false);
          changed();
          notifications.show({ color: "green", title: `Ticket #${d.ticket.number} opened`, message: d.ticket.subject });
          navigate(`/tickets/${d.ticket.id}`);
        }} />
      )}
    </ScrollArea>
  );
}
