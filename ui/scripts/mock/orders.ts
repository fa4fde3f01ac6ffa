// Fake products, orders, subscriptions, purchases and onboarding for the mock back end (built with
// the Vitest fixtures' builders in src/test/data/orders.ts).
import type { CoreError, Onboarding, Order, OrderQuery, OrderStatus, OrderSummary, PurchaseSummary, Subscription } from "../../src/bindings";
import { catalogue, checklist, onboarding, order, orderSummary, purchaseRules, subscription } from "../../src/test/data/orders";
import { contacts } from "./data";

type Args = Record<string, unknown>;
const fail = (e: CoreError) => e;
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY).toISOString();

export const products = catalogue();
const byId = new Map(products.map((p) => [p.id, p]));
// What each order holds: [product id, quantity][]; cycles through the buyers below.
const BASKETS: [string, number][][] = [
  [["p-basic", 1], ["p-seo", 1]], [["p-pro", 1]], [["p-logo", 1]], [["p-seo", 2]], [["p-basic", 1]], [["p-pro", 1], ["p-seo", 1]], [["p-old", 1]],
];
const STATUS: OrderStatus[] = ["paid", "paid", "paid", "partly_refunded", "paid", "refunded", "paid"];

const orders: Order[] = Array.from({ length: 32 }, (_, i) => {
  const c = contacts[(i * 7) % 200];
  const basket = BASKETS[i % BASKETS.length];
  const lines = basket.map(([pid, quantity], k) => {
    const p = byId.get(pid)!;
    return { id: `ol-${i}-${k}`, product: { id: p.id, name: p.name }, name: p.name, quantity, unit_price_minor: p.price_minor, discount_percent: i % 5 === 0 ? 10 : 0, total_minor: Math.round(p.price_minor * quantity * (i % 5 === 0 ? 0.9 : 1)) };
  });
  const total = lines.reduce((n, l) => n + l.total_minor, 0);
  const status = STATUS[i % STATUS.length];
  const ordered = at(-(i * 9 + 2));
  const summary = orderSummary({
    id: `or-${i}`, number: 1040 - i, contact: { id: c.id, name: c.display_name }, company: c.company, ordered_at: ordered, status,
    currency: byId.get(basket[0][0])!.currency, total_minor: total, refunded_minor: status === "refunded" ? total : status === "partly_refunded" ? Math.round(total / 4) : 0,
    items: lines.map((l) => (l.quantity > 1 ? `${l.quantity} × ${l.name}` : l.name)).join(", "),
  });
  const subscriptions: Subscription[] = lines.flatMap((l) => {
    const p = byId.get(l.product!.id)!;
    if (!p.interval) return [];
    const cancelled = status === "refunded" || p.archived;
    return [subscription({
      id: `su-${i}-${l.id}`, product: { id: p.id, name: p.name }, order_id: summary.id, contact: summary.contact!, started_at: ordered,
      renews_at: cancelled ? null : at(p.interval === "month" ? 30 - ((i * 9 + 2) % 30) : 365 - (i * 9 + 2)), cancelled_at: cancelled ? at(-(i * 9)) : null,
      interval: p.interval, price_minor: p.price_minor, currency: p.currency,
    })];
  });
  return order({
    summary, lines, subscriptions, deal: i % 3 === 0 ? { id: `dl-${i}`, name: `Website refresh ${i + 1}` } : null,
    note: i % 3 === 0 ? `From the won deal “Website refresh ${i + 1}”.` : null,
  });
});

function getOrder(id: string): Order {
  const o = orders.find((x) => x.summary.id === id);
  if (!o) throw fail({ kind: "not_found", entity: "order", id });
  return o;
}

function purchasesOf(id: string, company: boolean): PurchaseSummary {
  const mine = orders.map((o) => o.summary).filter((o) => (company ? o.company?.id : o.contact?.id) === id);
  const spent = new Map<string, number>();
  for (const o of mine) spent.set(o.currency, (spent.get(o.currency) ?? 0) + o.total_minor - o.refunded_minor);
  return {
    orders: mine.length, first_at: mine.at(-1)?.ordered_at ?? null, last_at: mine[0]?.ordered_at ?? null,
    spent: [...spent].map(([currency, amount_minor]) => ({ currency, amount_minor })),
    subscriptions: orders.filter((o) => mine.some((m) => m.id === o.summary.id)).flatMap((o) => o.subscriptions), recent: mine.slice(0, 5),
  };
}

export const orderSummaries = (): OrderSummary[] => orders.map((o) => o.summary);

export function handleOrders(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "products_list":
      return products;
    case "orders_list": {
      const q = a.query as OrderQuery;
      const rows = orderSummaries().filter((o) =>
        (!q.status || o.status === q.status) && (!q.contact_id || o.contact?.id === q.contact_id) && (!q.company_id || o.company?.id === q.company_id) &&
        (!q.from || o.ordered_at >= q.from) && (!q.to || o.ordered_at < q.to));
      return { items: rows.slice(q.offset, q.offset + (q.limit ?? 25)), total: rows.length };
    }
    case "order_get":
      return getOrder(a.id as string);
    case "subscription_cancel": {
      for (const o of orders) for (const s of o.subscriptions) if (s.id === a.id) Object.assign(s, { cancelled_at: at(0), renews_at: null });
      return null;
    }
    case "purchases_of":
      return purchasesOf(a.id as string, a.company as boolean);
    case "purchase_rules_get":
      return purchaseRules();
    case "onboarding_templates":
      return [checklist()];
    case "onboardings_of_contact": {
      const first = orders.find((o) => o.summary.contact?.id === a.contactId && o.subscriptions.length);
      if (!first) return [];
      const started = Date.parse(first.summary.ordered_at);
      const o: Onboarding = onboarding({ id: `ob-${first.summary.id}`, contact: first.summary.contact!, order_id: first.summary.id, started_at: first.summary.ordered_at });
      o.steps = o.steps.map((s, k) => {
        const dueAt = started + [0, 3, 7, 14, 30][k] * DAY;
        return { ...s, due_at: new Date(dueAt).toISOString(), done_at: dueAt < now - 2 * DAY ? new Date(dueAt + DAY / 4).toISOString() : null };
      });
      o.done = o.steps.filter((s) => s.done_at).length;
      o.overdue = o.steps.filter((s) => !s.done_at && s.due_at !== null && Date.parse(s.due_at) < now).length;
      return [o];
    }
    default:
      return undefined;
  }
}
