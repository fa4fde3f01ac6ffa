// Products in words: billing, prices per period, the currencies offered in forms.
import type { BillingInterval, Product } from "../bindings";
import { formatMoney } from "../lib/money";
import { defaultCurrency } from "../lib/regional";

export const CURRENCIES = ["EUR", "GBP", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY"];

/** The currencies for a select: the default one, `current` when it is not a usual one, the usual ones. */
export function currencyOptions(current: string): string[] {
  return [...new Set([current, defaultCurrency(), ...CURRENCIES].filter(Boolean))];
}

export type Billing = "one_off" | "month" | "year";

export const BILLING_OPTIONS: { value: Billing; label: string }[] = [
  { value: "one_off", label: "One-off" },
  { value: "month", label: "Monthly" },
  { value: "year", label: "Yearly" },
];

export const billingOf = (interval: BillingInterval | null): Billing => interval ?? "one_off";
export const intervalOf = (b: Billing): BillingInterval | null => (b === "one_off" ? null : b);

export function billingLabel(interval: BillingInterval | null): string {
  return interval === "month" ? "Monthly" : interval === "year" ? "Yearly" : "One-off";
}

/** "€49.00 / month", "€350.00". */
export function priceLabel(minor: number, currency: string, interval: BillingInterval | null): string {
  const money = formatMoney(minor, currency);
  return interval === "month" ? `${money} / month` : interval === "year" ? `${money} / year` : money;
}

/** "Website Basic (€49.00 / month)" for pick-lists. */
export function productOptionLabel(p: Product): string {
  return `${p.name} · ${priceLabel(p.price_minor, p.currency, p.interval)}${p.archived ? " (archived)" : ""}`;
}

/** The currency most of the live catalogue is priced in (the default for a new order or product). */
export function usualCurrency(catalogue: Product[], fallback = defaultCurrency()): string {
  const counts = new Map<string, number>();
  for (const p of catalogue) if (!p.archived) counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1);
  let best = fallback;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  return best;
}
