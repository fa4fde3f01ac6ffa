// A won deal's order ("Order 12"), when winning it recorded one; a click opens the order.
// The order list cannot filter by deal, so this looks at the buyer's orders from the day it was
// won (then their latest few) and opens each until one names this deal.
import { useState } from "react";
import { Anchor } from "@mantine/core";
import { commands, type DealDetail, type OrderSummary } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { OrderDrawer } from "../orders/OrderDrawer";

export async function findDealOrder(deal: DealDetail): Promise<OrderSummary | null> {
  const contactId = deal.contacts[0]?.id ?? null;
  const companyId = contactId ? null : (deal.company?.id ?? null);
  if (!contactId && !companyId) return null;
  const buyer = { contact_id: contactId, company_id: companyId, status: null };
  let candidates: OrderSummary[] = [];
  if (deal.closed_at) {
    const at = new Date(deal.closed_at).getTime();
    const around = { from: new Date(at - 1000).toISOString(), to: new Date(at + 1000).toISOString() };
    candidates = (await call(commands.ordersList({ ...buyer, ...around, offset: 0, limit: 5 }))).items;
  }
  if (candidates.length === 0) candidates = (await call(commands.ordersList({ ...buyer, from: null, to: null, offset: 0, limit: 10 }))).items;
  for (const c of candidates) {
    const o = await call(commands.orderGet(c.id));
    if (o.deal?.id === deal.id) return o.summary;
  }
  return null;
}

export function DealOrderLink({ deal }: { deal: DealDetail }) {
  const { version } = useData();
  const found = useLoad(() => (deal.status === "won" ? findDealOrder(deal) : Promise.resolve(null)), [deal.id, deal.status, deal.closed_at, version]);
  const [open, setOpen] = useState(false);
  const order = found.data;
  if (!order) return null;
  return (
    <>
      <Anchor component="button" type="button" size="sm" onClick={() => setOpen(true)} data-testid="deal-order-link">
        Order {order.number}
      </Anchor>
      <OrderDrawer orderId={open ? order.id : null} onClose={() => setOpen(false)} />
    </>
  );
}
