// One order in a side drawer: its lines and totals, subscriptions (Cancel), the deal it came
// from, its note, "Refund…" and "Delete order" (undoable).
import { useEffect, useRef, useState } from "react";
import { Alert, Anchor, Button, Center, Divider, Drawer, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { IconReceiptRefund, IconTrash } from "@tabler/icons-react";
import { Link, useLocation } from "react-router-dom";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { notifyDeleted } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { Buyer, OrderStatusBadge } from "./OrderStatusBadge";
import { RefundModal } from "./RefundModal";
import { SubscriptionRow } from "./SubscriptionRow";

/** Undoes the deletion of an order (its newest action in the history). */
async function undoDelete(id: string): Promise<void> {
  const page = await call(commands.historyList({ entity: "orders", record_id: id, before: null, limit: 1 }));
  const last = page.actions[0];
  if (!last || last.kind !== "delete" || !last.can_undo) throw new Error("the deletion can no longer be undone from here; see History");
  await call(commands.historyUndo(last.id));
}

export function OrderDrawer({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { version, changed } = useData();
  const data = useLoad(async () => (orderId ? call(commands.orderGet(orderId)) : null), [orderId, version]);
  const [refunding, setRefunding] = useState(false);
  const order = data.data && data.data.summary.id === orderId ? data.data : null;
  // Following a link out of the drawer (the buyer, the deal) closes it.
  const { pathname } = useLocation();
  const openedAt = useRef(pathname);
  useEffect(() => {
    if (orderId === null) openedAt.current = pathname;
    else if (pathname !== openedAt.current) onClose();
  }, [pathname, orderId, onClose]);
  const s = order?.summary;

  const remove = () => {
    if (!s) return;
    confirmDanger({
      title: `Delete order ${s.number}?`,
      body: "Only for an order entered by mistake: its lines and subscriptions go with it, and the buyer's purchase figures are recounted. To record money paid back, use Refund instead.",
      confirmLabel: "Delete order",
      onConfirm: async () => {
        try {
          await call(commands.orderDelete(s.id));
        } catch (e) {
          notifyError(e);
          return;
        }
        onClose();
        changed();
        notifyDeleted({
          id: `deleted-${s.id}`,
          title: "Order deleted",
          text: `Order ${s.number} (${formatMoney(s.total_minor, s.currency)}) was deleted.`,
          undo: async () => {
            await undoDelete(s.id);
            changed();
          },
        });
      },
    });
  };

  return (
    <Drawer opened={orderId !== null} onClose={onClose} position="right" size="lg" title={s ? `Order ${s.number}` : "Order"}
      data-testid="order-drawer">
      {data.error && !order ? (
        <Alert color="red">{errorMessage(data.error)}</Alert>
      ) : !order || !s ? (
        <Center py="xl"><Loader /></Center>
      ) : (
        <Stack gap="md" data-testid="order-detail">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs"><Title order={4}>{formatMoney(s.total_minor, s.currency)}</Title><OrderStatusBadge status={s.status} /></Group>
              <Text size="sm" c="dimmed">Bought {formatDate(s.ordered_at)}</Text>
              <Buyer order={s} />
            </Stack>
            <Group gap="xs">
              <Button size="xs" variant="light" color="orange" leftSection={<IconReceiptRefund size={14} />} disabled={s.status === "refunded"}
                onClick={() => setRefunding(true)} data-testid="order-refund">Refund…</Button>
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={remove} data-testid="order-delete">
                Delete order
              </Button>
            </Group>
          </Group>
          <Table verticalSpacing={6} data-testid="order-detail-lines">
            <Table.Thead>
              <Table.Tr><Table.Th>Item</Table.Th><Table.Th>Quantity × price</Table.Th><Table.Th ta="right">Total</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <Text size="sm">{l.name}</Text>
                    {l.product && l.product.name !== l.name && <Text size="xs" c="dimmed">{l.product.name}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{l.quantity} × {formatMoney(l.unit_price_minor, s.currency)}{l.discount_percent ? ` − ${l.discount_percent} %` : ""}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm">{formatMoney(l.total_minor, s.currency)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>Total</Table.Th>
                <Table.Th ta="right">{formatMoney(s.total_minor, s.currency)}</Table.Th>
              </Table.Tr>
              {s.refunded_minor > 0 && (
                <Table.Tr>
                  <Table.Td colSpan={2}>Refunded</Table.Td>
                  <Table.Td ta="right" data-testid="order-refunded">− {formatMoney(s.refunded_minor, s.currency)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tfoot>
          </Table>
          {order.subscriptions.length > 0 && (
            <Stack gap={6}>
              <Divider label="Subscriptions" labelPosition="left" />
              {order.subscriptions.map((sub) => <SubscriptionRow key={sub.id} s={sub} onChanged={changed} />)}
            </Stack>
          )}
          {order.deal && (
            <Text size="sm">
              From the deal{" "}
              <Anchor component={Link} to={`/deals/${order.deal.id}`} data-testid="order-deal">{order.deal.name}</Anchor>
            </Text>
          )}
          {order.note && (
            <Stack gap={2}>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">Note</Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="order-note">{order.note}</Text>
            </Stack>
          )}
        </Stack>
      )}
      {refunding && order && (
        <RefundModal order={order} onClose={() => setRefunding(false)}
          onDone={(o) => { setRefunding(false); data.setData(o); changed(); }} />
      )}
    </Drawer>
  );
}
