// The side of a ticket's page: its service-level clocks and its details.
import type { ReactNode } from "react";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import type { SlaClock, Ticket } from "../bindings";
import { formatDateTime } from "../lib/dates";
import { TIER_COLORS, tierLetter } from "../tiers/format";
import { CATEGORY_LABELS, CHANNEL_LABELS, clockState, type ClockName } from "./format";
import { ClockLine, PriorityBadge } from "./TicketBadges";

function Clock({ name, clock, metWords }: { name: ClockName; clock: SlaClock; metWords: string }) {
  const state = clockState(clock);
  return (
    <Stack gap={2}>
      <ClockLine name={name} clock={clock} />
      {clock.due_at && <Text size="xs" c="dimmed" pl={20}>Due {formatDateTime(clock.due_at)}</Text>}
      {clock.met_at && <Text size="xs" c="dimmed" pl={20}>{metWords} {formatDateTime(clock.met_at)}</Text>}
      {state === "none" && <Text size="xs" c="dimmed" pl={20}>No service level was set when it was opened.</Text>}
    </Stack>
  );
}

export function TicketClocks({ ticket }: { ticket: Ticket }) {
  return (
    <Card withBorder padding="md" data-testid="ticket-clocks">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Service level</Title>
        {ticket.tier && (
          <Badge color={TIER_COLORS[ticket.tier]} variant="light" tt="none">Tier {tierLetter(ticket.tier)}</Badge>
        )}
      </Group>
      <Stack gap="sm">
        <Clock name="first_response" clock={ticket.first_response} metWords={ticket.first_response_at ? "Answered" : "Solved without a reply"} />
        <Clock name="resolution" clock={ticket.resolution} metWords={ticket.status === "closed" && !ticket.solved_at ? "Closed" : "Solved"} />
        <Text size="xs" c="dimmed">
          Targets come from the service level of the contact's tier when the ticket was opened (Settings → Service levels).
        </Text>
      </Stack>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <div>{children}</div>
    </div>
  );
}

export function TicketFacts({ ticket, onEdit }: { ticket: Ticket; onEdit: () => void }) {
  return (
    <Card withBorder padding="md" data-testid="ticket-facts">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Details</Title>
        <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="ticket-edit">Edit details</Button>
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <Field label="Priority"><PriorityBadge priority={ticket.priority} /></Field>
        <Field label="Category"><Text size="sm">{CATEGORY_LABELS[ticket.category]}</Text></Field>
        <Field label="Came in by"><Text size="sm">{CHANNEL_LABELS[ticket.channel]}</Text></Field>
        <Field label="Opened"><Text size="sm">{formatDateTime(ticket.opened_at)}</Text></Field>
        <Field label="First response"><Text size="sm">{formatDateTime(ticket.first_response_at)}</Text></Field>
        <Field label="Solved"><Text size="sm">{formatDateTime(ticket.solved_at)}</Text></Field>
        {ticket.closed_at && <Field label="Closed"><Text size="sm">{formatDateTime(ticket.closed_at)}</Text></Field>}
      </SimpleGrid>
    </Card>
  );
}
