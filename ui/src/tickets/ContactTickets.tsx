// A contact's tickets with their status and service-level state, and "New ticket" for them.
import { useState } from "react";
import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLifebuoy, IconPlus } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type EntityRef } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatShortDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { isBreached, isOpen, pendingClock } from "./format";
import { BreachedBadge, ClockLine, StatusBadge, TicketSla } from "./TicketBadges";
import { TicketFormModal } from "./TicketFormModal";

const SHOWN = 5;

export function ContactTickets({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const data = useLoad(
    () => call(commands.ticketsList({ queue: false, status: null, contact_id: contactId, company_id: null, limit: null })),
    [contactId, version],
  );
  // Who asked, for the new ticket's form (read when it opens).
  const [creating, setCreating] = useState<{ contact: EntityRef; company: EntityRef | null } | null>(null);
  const [opening, setOpening] = useState(false);
  const [all, setAll] = useState(false);
  const startNew = async () => {
    setOpening(true);
    try {
      const c = await call(commands.contactGet(contactId));
      setCreating({ contact: { id: c.id, name: c.display_name }, company: c.company });
    } catch (e) {
      notifyError(e);
    } finally {
      setOpening(false);
    }
  };

  const tickets = data.data ?? [];
  const open = tickets.filter(isOpen);
  const breached = open.filter(isBreached).length;
  // Open ones first (newest first within each group, as the list comes).
  const ordered = [...open, ...tickets.filter((t) => !isOpen(t))];
  const shown = all ? ordered : ordered.slice(0, SHOWN);

  return (
    <Card withBorder padding="md" data-testid="contact-tickets">
      <Group justify="space-between" mb="xs">
        <Group gap="xs"><IconLifebuoy size={18} aria-hidden /><Title order={5}>Support tickets</Title></Group>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => void startNew()} loading={opening}
          data-testid="contact-ticket-new">New ticket</Button>
      </Group>
      {!!data.error && !data.data && <Text size="sm" c="red">{errorMessage(data.error)}</Text>}
      {data.data && tickets.length === 0 && <Text size="sm" c="dimmed">No tickets: they haven't asked for help yet.</Text>}
      {tickets.length > 0 && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="contact-tickets-summary">
          {open.length} open{breached > 0 ? ` · ${breached} past a service-level target` : ""} · {tickets.length} in all
        </Text>
      )}
      <Stack gap="sm">
        {shown.map((t) => (
          <Stack key={t.id} gap={2} data-testid="contact-ticket">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/tickets/${t.id}`} size="sm" fw={500} truncate="end" style={{ minWidth: 0 }}>
                #{t.number} {t.subject}
              </Anchor>
              <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                <StatusBadge status={t.status} />
              </Group>
            </Group>
            {isOpen(t) ? (
              <TicketSla ticket={t} />
            ) : (
              <Group gap="xs" wrap="nowrap">
                <ClockLine name={pendingClock(t)} clock={t[pendingClock(t)]} size="xs" />
                {isBreached(t) && <BreachedBadge />}
                <Text size="xs" c="dimmed">· opened {formatShortDate(t.opened_at)}</Text>
              </Group>
            )}
          </Stack>
        ))}
        {ordered.length > SHOWN && (
          <Anchor component="button" type="button" size="xs" onClick={() => setAll((v) => !v)} w="fit-content">
            {all ? "Show fewer" : `Show all ${ordered.length}`}
          </Anchor>
        )}
      </Stack>
      {creating && (
        <TicketFormModal contact={creating.contact} company={creating.company}
          onClose={() => setCreating(null)}
          onSaved={(d) => {
            setCreating(null);
            changed();
            notifications.show({ color: "green", title: `Ticket #${d.ticket.number} opened`, message: d.ticket.subject });
          }} />
      )}
    </Card>
  );
}
