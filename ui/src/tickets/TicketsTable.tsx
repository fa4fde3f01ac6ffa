// A table of tickets: the queue (with the clock that matters now) or all tickets (with when
// each was opened). A row opens the ticket.
import { Anchor, Group, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router-dom";
import type { Ticket } from "../bindings";
import { formatDateTime, relative } from "../lib/dates";
import { CATEGORY_LABELS, customerOf, isBreached, ticketLabel } from "./format";
import { BreachedBadge, PriorityBadge, StatusBadge, TicketSla } from "./TicketBadges";

export function TicketsTable({ tickets, queue }: { tickets: Ticket[]; queue: boolean }) {
  const navigate = useNavigate();
  const open = (t: Ticket) => navigate(`/tickets/${t.id}`);
  return (
    <Table highlightOnHover verticalSpacing="sm" data-testid={queue ? "ticket-queue" : "ticket-list"}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>No.</Table.Th>
          <Table.Th miw={220}>Subject</Table.Th>
          <Table.Th>Customer</Table.Th>
          <Table.Th w={130}>Category</Table.Th>
          <Table.Th w={90}>Priority</Table.Th>
          <Table.Th w={190}>Status</Table.Th>
          <Table.Th miw={250}>{queue ? "Service level" : "Opened"}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tickets.map((t) => {
          const who = customerOf(t);
          return (
            <Table.Tr key={t.id} data-testid="ticket-row" style={{ cursor: "pointer" }} tabIndex={0} aria-label={`Ticket ${ticketLabel(t)}: ${t.subject}`}
              onClick={() => open(t)} onKeyDown={(e) => e.key === "Enter" && open(t)}>
              <Table.Td><Text size="sm" c="dimmed">{ticketLabel(t)}</Text></Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/tickets/${t.id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>{t.subject}</Anchor>
                {t.survey_response_id && <Text size="xs" c="dimmed">Opened by a low survey score</Text>}
              </Table.Td>
              <Table.Td>
                {who ? (
                  <Anchor component={Link} to={who.to} size="sm" onClick={(e) => e.stopPropagation()}>{who.name}</Anchor>
                ) : (
                  <Text size="sm" c="dimmed">—</Text>
                )}
                {t.contact && t.company && <Text size="xs" c="dimmed">{t.company.name}</Text>}
              </Table.Td>
              <Table.Td><Text size="sm">{CATEGORY_LABELS[t.category]}</Text></Table.Td>
              <Table.Td><PriorityBadge priority={t.priority} /></Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge status={t.status} />
                  {!queue && isBreached(t) && <BreachedBadge />}
                </Group>
              </Table.Td>
              <Table.Td>
                {queue ? (
                  <TicketSla ticket={t} />
                ) : (
                  <>
                    <Text size="sm">{formatDateTime(t.opened_at)}</Text>
                    <Text size="xs" c="dimmed">{relative(t.opened_at)}</Text>
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
