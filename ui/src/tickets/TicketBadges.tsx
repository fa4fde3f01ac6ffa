// Small pieces shown wherever a ticket is: its status, priority and category, and its
// service-level clocks (always an icon and words, never colour alone).
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconClock, IconClockExclamation, IconMinus } from "@tabler/icons-react";
import type { SlaClock, Ticket, TicketCategory, TicketPriority, TicketStatus } from "../bindings";
import { formatDateTime } from "../lib/dates";
import {
  CATEGORY_LABELS, CLOCK_NAMES, PRIORITY_COLORS, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS, clockState, clockWords, isBreached, pendingClock,
  type ClockName, type ClockState,
} from "./format";

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none" data-testid="ticket-status" style={{ flexShrink: 0, overflow: "visible" }}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <Badge variant={priority === "urgent" ? "filled" : "outline"} color={PRIORITY_COLORS[priority]} tt="none" data-testid="ticket-priority">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

export function CategoryText({ category }: { category: TicketCategory }) {
  return <Text size="sm">{CATEGORY_LABELS[category]}</Text>;
}

export function BreachedBadge() {
  return (
    <Tooltip label="A service-level target was missed" withinPortal>
      <Badge color="red" variant="filled" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />} data-testid="ticket-breached"
        style={{ flexShrink: 0, overflow: "visible" }}>
        Breached
      </Badge>
    </Tooltip>
  );
}

const ICONS: Record<ClockState, typeof IconClock> = {
  none: IconMinus,
  due: IconClock,
  soon: IconClockExclamation,
  overdue: IconAlertTriangle,
  met: IconCircleCheck,
  met_late: IconAlertTriangle,
};
// Theme colours without a shade: their `-text` variable, which the theme's resolver keeps readable
// (AA) on the page, cards and hovered rows in both schemes.
const COLORS: Record<ClockState, string | undefined> = { none: "dimmed", due: undefined, soon: "orange", overdue: "red", met: "teal", met_late: "orange" };

const cssColor = (c: string | undefined) => (c === "dimmed" ? "var(--mantine-color-dimmed)" : c ? `var(--mantine-color-${c}-text)` : "currentColor");

/** "First response due in 1 h 20 min" with an icon; the due time in a tooltip. */
export function ClockLine({ name, clock, size = "sm" }: { name: ClockName; clock: SlaClock; size?: string }) {
  const state = clockState(clock);
  const Icon = ICONS[state];
  // Keep "2 h" and "5 min" together when the line wraps.
  const words = `${CLOCK_NAMES[name]} ${clockWords(clock)}`.replace(/(\d) (h|min|days?)\b/g, "$1\u00a0$2");
  const tip = clock.due_at ? `Due ${formatDateTime(clock.due_at)}${clock.met_at ? ` · met ${formatDateTime(clock.met_at)}` : ""}` : "No service level applies";
  return (
    <Tooltip label={tip} withinPortal>
      <Group gap={4} wrap="nowrap" data-testid={`sla-${name}`} data-state={state}>
        <Icon size={16} aria-hidden style={{ flexShrink: 0 }} color={cssColor(COLORS[state])} />
        <Text size={size} c={COLORS[state]} fw={state === "overdue" ? 600 : undefined}>{words}</Text>
      </Group>
    </Tooltip>
  );
}

/** The clock that matters now, and the breach badge when any target was missed. */
export function TicketSla({ ticket }: { ticket: Ticket }) {
  const name = pendingClock(ticket);
  return (
    <Group gap="xs" wrap="nowrap">
      <ClockLine name={name} clock={ticket[name]} />
      {isBreached(ticket) && <BreachedBadge />}
    </Group>
  );
}
