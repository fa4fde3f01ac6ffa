// The order form's state, its live total (rounded as the back end rounds) and its conversion
// to the command's input: integer minor units, never floats.
import type { EntityRef, OrderInput, Product } from "../bindings";
import { minorToInput, parseMoney } from "../lib/money";
import { defaultCurrency } from "../lib/regional";

export interface OrderLineRow {
  productId: string | null;
  name: string;
  quantity: number | string;
  price: string;
  discount: number | string;
}

export interface OrderForm {
  contact: EntityRef | null;
  company: EntityRef | null;
  /** Local calendar day, "YYYY-MM-DD". */
  date: string | null;
  currency: string;
  lines: OrderLineRow[];
  note: string;
  dealId: string | null;
}

export const emptyLine = (): OrderLineRow => ({ productId: null, name: "", quantity: 1, price: "", discount: 0 });

/** Today as the date pickers speak it ("YYYY-MM-DD", local). */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function emptyOrderForm(opts: { currency?: string; contact?: EntityRef | null; company?: EntityRef | null; today?: string } = {}): OrderForm {
  return {
    contact: opts.contact ?? null,
    company: opts.company ?? null,
    date: opts.today ?? localToday(),
    currency: opts.currency ?? defaultCurrency(),
    lines: [emptyLine()],
    note: "",
    dealId: null,
  };
}

/** A line picked from the catalogue: its name and price, and the order takes its currency. */
export function withProduct(f: OrderForm, i: number, p: Product | null): OrderForm {
  const lines = f.lines.map((l, j) => {
    if (j !== i) return l;
    if (!p) return { ...l, productId: null };
    return { ...l, productId: p.id, name: p.name, price: minorToInput(p.price_minor, p.currency) };
  });
  return { ...f, lines, currency: p ? p.currency : f.currency };
}

const int = (v: number | string): number | null => {
  const n = typeof v === "number" ? v : v.trim() === "" ? NaN : Number(v);
  return Number.isInteger(n) ? n : null;
};

/** quantity × unit price less the discount, rounded half up to the minor unit (as the back end does). */
export function lineTotal(quantity: number, unitMinor: number, discount: number): number {
  const net = BigInt(quantity) * BigInt(unitMinor) * BigInt(100 - discount);
  return Number((net + 50n) / 100n);
}

/** The order's total in minor units, or null while a line's amount cannot be read. */
export function orderTotal(f: OrderForm): number | null {
  let total = 0;
  for (const l of f.lines) {
    const price = parseMoney(l.price, f.currency);
    const q = int(l.quantity);
    const d = int(l.discount);
    if (price === null || price < 0 || q === null || q < 0 || d === null || d < 0 || d > 100) return null;
    total += lineTotal(q, price, d);
  }
  return total;
}

/** The day picked, as the instant the back end stores: now for today, local noon for another day. */
export function orderedAt(date: string | null, today: string = localToday()): string | null {
  if (!date || date.slice(0, 10) === today) return null;
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d, 12, 0, 0).toISOString();
}

/** The input, or the problems the form sees before asking (keyed like the back end's fields). */
export function toOrderInput(f: OrderForm, today: string = localToday()): { input: OrderInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!f.contact && !f.company) errors.contact_id = "Say who bought it: a contact, a company, or both.";
  if (f.lines.length === 0) errors.lines = "An order has at least one line.";
  const lines = f.lines.map((l, i) => {
    const price = parseMoney(l.price, f.currency);
    const q = int(l.quantity);
    const d = int(l.discount);
    if (!l.name.trim()) errors[`lines.${i}.name`] = "Name what was bought.";
    if (q === null || q < 1) errors[`lines.${i}.quantity`] = "At least 1.";
    if (price === null) errors[`lines.${i}.unit_price_minor`] = l.price.trim() ? `“${l.price}” is not an amount.` : "Enter a price.";
    else if (price < 0) errors[`lines.${i}.unit_price_minor`] = "A price is zero or more.";
    if (d === null || d < 0 || d > 100) errors[`lines.${i}.discount_percent`] = "0 to 100 %.";
    return { product_id: l.productId, name: l.name.trim(), quantity: q ?? 0, unit_price_minor: price ?? 0, discount_percent: d ?? 0 };
  });
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      contact_id: f.contact?.id ?? null,
      company_id: f.company?.id ?? null,
      deal_id: f.dealId,
      ordered_at: orderedAt(f.date, today),
      currency: f.currency,
      lines,
      note: f.note.trim() || null,
    },
    errors,
  };
}
