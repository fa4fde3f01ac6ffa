// Customers → Orders: every order, newest first, filtered by status and date, a page at a time;
// "New order" records one, and a click opens it.
import { useState } from "react";
import { Alert, Button, Group, Pagination, Select, Stack, Table, Text } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconPlus, IconReceipt } from "@tabler/icons-react";
import { commands, type OrderQuery, type OrderStatus } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, pickerFormat } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { OrderDrawer } from "./OrderDrawer";
import { OrderFormModal } from "./OrderFormModal";
import { Buyer, ORDER_STATUS_OPTIONS, OrderStatusBadge } from "./OrderStatusBadge";
import { formatNumber } from "../lib/numbers";

export const ORDERS_PAGE = 25;

/** A picked local day range as the query's [from, to) instants. */
export function rangeBounds(range: [string | null, string | null]): { from: string | null; to: string | null } {
  const day = (v: string, plus: number) => {
    const [y, m, d] = v.slice(0, 10).split("-").map(Number);
    return new Date(y, m - 1, d + plus).toISOString();
  };
  return { from: range[0] ? day(range[0], 0) : null, to: range[1] ? day(range[1], 1) : null };
}

export function OrdersPanel() {
  const { version, changed } = useData();
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const { from, to } = rangeBounds(range);
  const query: OrderQuery = { contact_id: null, company_id: null, status, from, to, offset: (page - 1) * ORDERS_PAGE, limit: ORDERS_PAGE };
  const list = useLoad(() => call(commands.ordersList(query)), [status, from, to, page, version]);
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / ORDERS_PAGE));
  const filtered = status !== null || from !== null || to !== null;

  return (
    <Stack data-testid="orders-panel">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select label="Status" placeholder="Any status" data={ORDER_STATUS_OPTIONS} value={status} clearable w={170}
            onChange={(v) => { setStatus(v as OrderStatus | null); setPage(1); }} data-testid="orders-status" />
          <DatePickerInput type="range" label="Bought between" placeholder="Any time" value={range} clearable w={250} valueFormat={pickerFormat()}
            onChange={(v) => { setRange(v as [string | null, string | null]); setPage(1); }} data-testid="orders-dates" />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="order-new">New order</Button>
      </Group>
      {list.error ? <Alert color="red">{errorMessage(list.error)}</Alert> : null}
      {list.data && total === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconReceipt size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>{filtered ? "No order matches these filters" : "No orders yet"}</Text>
          {!filtered && (
            <Text size="sm" c="dimmed" ta="center" maw={480}>
              Record what your customers buy: a won deal records its order by itself, and you can add any other sale here.
            </Text>
          )}
        </Stack>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="orders-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Order</Table.Th>
                <Table.Th w={120}>Date</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Items</Table.Th>
                <Table.Th ta="right" w={120}>Total</Table.Th>
                <Table.Th w={175}>Status</Table.Th>
                <Table.Th ta="right" w={120}>Refunded</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id} data-testid="order-row" style={{ cursor: "pointer" }} tabIndex={0} aria-label={`Order ${o.number}`}
                  onClick={() => setOpenId(o.id)} onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && setOpenId(o.id)}>
                  <Table.Td><Text size="sm" fw={500}>{o.number}</Text></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: "nowrap" }}>{formatDate(o.ordered_at)}</Text></Table.Td>
                  <Table.Td><Buyer order={o} /></Table.Td>
                  <Table.Td><Text size="sm" lineClamp={1} title={o.items}>{o.items}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" style={{ whiteSpace: "nowrap" }}>{formatMoney(o.total_minor, o.currency)}</Text></Table.Td>
                  <Table.Td><OrderStatusBadge status={o.status} /></Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={o.refunded_minor ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
                      {o.refunded_minor ? formatMoney(o.refunded_minor, o.currency) : "—"}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="orders-count">
            {total <= ORDERS_PAGE
              ? `${formatNumber(total)} ${total === 1 ? "order" : "orders"}`
              : `${formatNumber((page - 1) * ORDERS_PAGE + 1)}–${formatNumber(Math.min(page * ORDERS_PAGE, total))} of ${formatNumber(total)} orders`}
          </Text>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="orders-pages"
            getControlProps={(c) => ({ "aria-label": c === "previous" ? "Previous page" : c === "next" ? "Next page" : c })} />}
        </Group>
      )}
      {creating && (
        <OrderFormModal onClose={() => setCreating(false)} onSaved={(o) => { setCreating(false); changed(); setOpenId(o.summary.id); }} />
      )}
      <OrderDrawer orderId={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
