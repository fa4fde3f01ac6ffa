// An order's status in words, with an icon (colour is never the only signal).
import { Anchor, Badge, Stack, Text } from "@mantine/core";
import { IconCircleCheck, IconReceiptRefund, IconArrowBackUp } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { OrderStatus, OrderSummary } from "../bindings";

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { paid: "Paid", partly_refunded: "Partly refunded", refunded: "Refunded" };
const COLORS: Record<OrderStatus, string> = { paid: "green", partly_refunded: "orange", refunded: "gray" };
const ICONS = { paid: IconCircleCheck, partly_refunded: IconArrowBackUp, refunded: IconReceiptRefund } as const;

export const ORDER_STATUS_OPTIONS = (Object.keys(ORDER_STATUS_LABELS) as OrderStatus[]).map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s] }));

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const Icon = ICONS[status];
  return (
    <Badge variant="light" color={COLORS[status]} leftSection={<Icon size={12} aria-hidden />} data-testid="order-status"
      styles={{ root: { flexShrink: 0, overflow: "visible" }, label: { overflow: "visible" } }}>
      {ORDER_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Who bought it: the contact and/or the company, as links (they stop clicks reaching the row). */
export function Buyer({ order, size = "sm" }: { order: Pick<OrderSummary, "contact" | "company">; size?: string }) {
  const stop = (e: React.MouseEvent) => e.stopPropagation();
  if (!order.contact && !order.company) return <Text size={size} c="dimmed">—</Text>;
  // The contact first; their company under it, smaller.
  return (
    <Stack gap={0} align="flex-start">
      {order.contact && <Anchor component={Link} to={`/contacts/${order.contact.id}`} size={size} onClick={stop}>{order.contact.name}</Anchor>}
      {order.company && (
        <Anchor component={Link} to={`/companies/${order.company.id}`} size={order.contact ? "xs" : size} onClick={stop}
          c={order.contact ? "dimmed" : undefined}>{order.company.name}</Anchor>
      )}
    </Stack>
  );
}
