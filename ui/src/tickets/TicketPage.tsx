// One ticket: who asked and what, its status, its service-level clocks, the conversation and
// the composer; "Edit details".
import { useState } from "react";
import { Alert, Anchor, Button, Center, Grid, Group, Loader, ScrollArea, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconMoodSad, IconRotate } from "@tabler/icons-react";
import { Link, useParams } from "react-router-dom";
import { commands, type TicketDetail, type TicketStatus } from "../bindings";
import { call, coreOf } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { STATUS_LABELS, isBreached } from "./format";
import { problemOf } from "./formErrors";
import { BreachedBadge, PriorityBadge, StatusBadge } from "./TicketBadges";
import { TicketConversation } from "./TicketConversation";
import { TicketClocks, TicketFacts } from "./TicketDetails";
import { TicketFormModal } from "./TicketFormModal";
import { useEveryMinute } from "./useEveryMinute";

const MOVES: { status: TicketStatus; label: string; hint: string }[] = [
  { status: "open", label: "Open", hint: "You are working on it" },
  { status: "waiting", label: "Waiting on customer", hint: "You need something from them" },
  { status: "solved", label: "Solved", hint: "Answered; it can still be reopened" },
  { status: "closed", label: "Close", hint: "Done for good; only reopening is possible afterwards" },
];

function StatusButtons({ detail, busy, onMove }: { detail: TicketDetail; busy: TicketStatus | null; onMove: (s: TicketStatus) => void }) {
  const status = detail.ticket.status;
  if (status === "closed") {
    return (
      <Group gap="xs">
        <Text size="sm" c="dimmed">A closed ticket can only be reopened.</Text>
        <Button leftSection={<IconRotate size={16} />} loading={busy === "open"} onClick={() => onMove("open")} data-testid="ticket-reopen">Reopen</Button>
      </Group>
    );
  }
  return (
    <Group gap={6} role="group" aria-label="Set the status">
      {MOVES.map((m) => {
        const current = m.status === status;
        return (
          <Tooltip key={m.status} label={current ? "The current status" : m.hint}>
            <Button size="xs" variant={current ? "filled" : "default"} aria-pressed={current} disabled={busy !== null && busy !== m.status}
              loading={busy === m.status} onClick={() => !current && onMove(m.status)} data-testid={`ticket-set-${m.status}`}>
              {m.label}
            </Button>
          </Tooltip>
        );
      })}
    </Group>
  );
}

export function TicketPage() {
  const { id = "" } = useParams();
  const { version, changed } = useData();
  const data = useLoad(() => call(commands.ticketGet(id)), [id, version]);
  const contactId = data.data?.ticket.contact?.id ?? null;
  const contact = useLoad(() => (contactId ? call(commands.contactGet(contactId)) : Promise.resolve(null)), [contactId]);
  useEveryMinute(data.reload);
  const [busy, setBusy] = useState<TicketStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const fail = (e: unknown) => setProblem(problemOf(e) ?? errorMessage(coreOf(e)));
  const done = (d: TicketDetail) => {
    data.setData(d);
    setProblem(null);
    changed();
  };
  const move = async (status: TicketStatus) => {
    setBusy(status);
    try {
      const d = await call(commands.ticketSetStatus(id, status));
      done(d);
      notifications.show({ color: "green", title: `Ticket #${d.ticket.number}`, message: status === "open" && data.data?.ticket.status === "closed" ? "Reopened" : `Now ${STATUS_LABELS[status].toLowerCase()}` });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const addNote = async (body: string, reply: boolean): Promise<boolean> => {
    try {
      done(await call(commands.ticketAddNote(id, body, reply)));
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  if (!data.data) {
    return data.error ? (
      <Stack p="lg" maw={560}>
        <Alert color="red" title="Can't show this ticket">{errorMessage(data.error)}</Alert>
        <Button component={Link} to="/tickets" variant="default" leftSection={<IconArrowLeft size={16} />} w="fit-content">Back to support</Button>
      </Stack>
    ) : (
      <Center h="100%"><Loader /></Center>
    );
  }
  const { ticket, notes } = data.data;
  const email = contact.data?.emails.find((e) => e.is_primary)?.email ?? contact.data?.emails[0]?.email ?? null;
  return (
    <ScrollArea h="100%" data-testid="ticket-page">
      <Stack p="lg" gap="md" maw={1300}>
        <Anchor component={Link} to="/tickets" size="sm" w="fit-content">
          <Group gap={4}><IconArrowLeft size={14} aria-hidden />Support</Group>
        </Anchor>
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={2}><Text span inherit c="dimmed">#{ticket.number}</Text> {ticket.subject}</Title>
          </Group>
          <Group gap="xs">
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            {isBreached(ticket) && <BreachedBadge />}
            {ticket.contact && (
              <Anchor component={Link} to={`/contacts/${ticket.contact.id}`} size="sm" data-testid="ticket-contact">{ticket.contact.name}</Anchor>
            )}
            {ticket.company && (
              <Anchor component={Link} to={`/companies/${ticket.company.id}`} size="sm" c="dimmed">{ticket.company.name}</Anchor>
            )}
          </Group>
          {ticket.survey_response_id && (
            <Group gap={6} data-testid="ticket-from-survey">
              <IconMoodSad size={16} aria-hidden />
              <Text size="sm">Opened by a low survey score{ticket.contact ? " — see their satisfaction card" : ""}.</Text>
            </Group>
          )}
        </Stack>
        <StatusButtons detail={data.data} busy={busy} onMove={(s) => void move(s)} />
        {problem && (
          <Alert color="red" title="That didn't work" withCloseButton onClose={() => setProblem(null)} data-testid="ticket-error">{problem}</Alert>
        )}
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TicketConversation ticket={ticket} notes={notes} email={email} onAdd={addNote} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack>
              <TicketClocks ticket={ticket} />
              <TicketFacts ticket={ticket} onEdit={() => setEditing(true)} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      {editing && (
        <TicketFormModal ticket={ticket} onClose={() => setEditing(false)} onSaved={(d) => {
          setEditing(false);
          done(d);
          notifications.show({ color: "green", title: `Ticket #${d.ticket.number}`, message: "Details saved" });
        }} />
      )}
    </ScrollArea>
  );
}
