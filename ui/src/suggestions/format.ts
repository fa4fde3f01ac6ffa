// Suggestions in words: kinds, the rule figures, and the e-mail that offers a product.
import type { ContactDetail, Suggestion, SuggestionKind } from "../bindings";
import { formatMoney } from "../lib/money";

export const KIND_LABELS: Record<SuggestionKind, string> = { upsell: "Upsell", cross_sell: "Cross-sell" };
export const KIND_COLORS: Record<SuggestionKind, string> = { upsell: "grape", cross_sell: "cyan" };

/** 0.125 → "12.5%"; 0.4 → "40%"; null → "—". */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const v = x * 100;
  return `${v >= 10 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)}%`;
}

/** Lift with 2 decimals ("1.85"); null → "—". */
export const liftText = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(2));

export const MEASURES = {
  support: "Support: the share of all customers who own both.",
  confidence: "Confidence: of the customers who own the first, the share who also own the second.",
  lift: "Lift: how much more likely owning the first makes the second (above 1: more likely than for customers in general).",
};

/** The address to write to: the primary e-mail, else the first. */
export function emailOf(c: ContactDetail | null | undefined): string | null {
  if (!c) return null;
  return c.emails.find((e) => e.is_primary)?.email ?? c.emails[0]?.email ?? null;
}

/** A mailto: link offering the product, with a subject and a short, editable body. */
export function suggestionMailto(email: string, firstName: string, s: Suggestion): string {
  const price = formatMoney(s.price_minor, s.currency);
  const hi = firstName.trim() ? `Hi ${firstName.trim()},` : "Hello,";
  const subject = s.kind === "upsell" ? `Moving up to ${s.product.name}` : `${s.product.name} — something for you?`;
  const middle =
    s.kind === "upsell"
      ? `I wanted to tell you about ${s.product.name}${s.because_of ? `, the next step up from ${s.because_of.name}` : ""} (${price}).`
      : `Many of our customers who use ${s.because_of?.name ?? "what you have"} also use ${s.product.name} (${price}). I think it could be useful for you too.`;
  const body = `${hi}\n\n${middle}\n\nShall I tell you more, or set it up for you?\n\nBest regards`;
  const q = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${encodeURIComponent(email).replace(/%40/g, "@")}?${q}`;
}

/** Opens a mailto: link (the app hands it to the system's mail app). */
export function openLink(href: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.rel = "noreferrer";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
