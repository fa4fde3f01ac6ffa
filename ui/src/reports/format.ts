// How report numbers read: a value by its unit, the change against the previous period (and
// whether it is good news), and periods in words.
import type { Figure, Period, Unit } from "../bindings";
import { formatMoney } from "../lib/money";

// Counts are whole numbers in the locale's digits: "31", and "1,234" from 1,000 up (the grouping
// separator only appears at four digits or more; below that the text is the plain integer, which
// is what the CLI prints too). Other numbers keep at most one (percent, days) or two (number)
// decimals, so "42.5%" and "12 d".
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

const MINUS = "−";

function signed(text: string, v: number): string {
  if (v > 0) return `+${text}`;
  if (v < 0) return `${MINUS}${text}`;
  return text;
}

/** A value in its unit: money from minor units of `currency`; "—" for nothing. */
export function formatValue(v: number | null | undefined, unit: Unit, currency: string | null = null, compact = false): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  switch (unit) {
    case "count":
      return whole.format(Math.round(v));
    case "percent":
      return `${oneDecimal.format(v)}%`;
    case "money":
      return currency ? formatMoney(Math.round(v), currency, compact) : twoDecimals.format(v / 100);
    case "days":
      return `${oneDecimal.format(v)} d`;
    case "number":
      return twoDecimals.format(v);
    case "score":
      // NPS reads signed: "+32", "−10", "0".
      return signed(whole.format(Math.abs(Math.round(v))), Math.round(v));
  }
}

/**
 * Figures where a rise is bad news: churn, losses and cancellations, and durations (days to
 * become a customer, the sales cycle, time in a stage: shorter is better).
 */
export function lowerIsBetter(key: string, unit: Unit): boolean {
  return /churn|lost|cancel/.test(key) || unit === "days";
}

export type Direction = "up" | "down" | "flat";

export interface Delta {
  direction: Direction;
  /** Green (good news), red (bad) or gray (no change, or nothing to compare with). */
  color: "green" | "red" | "gray";
  /** "▲ 4 (+12.5%)", "▼ 3.2 pts", "no change"; null when there is nothing to compare. */
  text: string | null;
}

/** The change of a figure against the previous period. */
export function deltaOf(f: Pick<Figure, "key" | "unit" | "currency" | "value" | "previous">): Delta {
  if (f.value === null || f.previous === null) return { direction: "flat", color: "gray", text: null };
  const diff = f.value - f.previous;
  // Tiny differences from rounding (0.04 of a percent) are no change.
  if (Math.abs(diff) < 1e-9 || formatAbs(diff, f.unit, f.currency) === formatAbs(0, f.unit, f.currency)) {
    return { direction: "flat", color: "gray", text: "no change" };
  }
  const direction: Direction = diff > 0 ? "up" : "down";
  const good = lowerIsBetter(f.key, f.unit) ? diff < 0 : diff > 0;
  let text = `${direction === "up" ? "▲" : "▼"} ${formatAbs(diff, f.unit, f.currency)}`;
  if ((f.unit === "count" || f.unit === "money") && f.previous !== 0) {
    text += ` (${signed(`${oneDecimal.format(Math.abs((100 * diff) / f.previous))}%`, diff)})`;
  }
  return { direction, color: good ? "green" : "red", text };
}

/** The size of a change, without its sign; percent changes are percentage points. */
function formatAbs(diff: number, unit: Unit, currency: string | null): string {
  const a = Math.abs(diff);
  if (unit === "percent") return `${oneDecimal.format(a)} pts`;
  if (unit === "score") return whole.format(Math.round(a));
  return formatValue(a, unit, currency);
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/**
 * A half-open period as the days it covers: "8 Jun – 6 Sep" (the last day is the one before
 * `to`); years are shown when it is not the current year or spans two.
 */
export function periodWords(p: Period, now: Date = new Date()): string {
  const from = new Date(p.from);
  const last = new Date(new Date(p.to).getTime() - 1);
  const withYear = from.getFullYear() !== last.getFullYear() || last.getFullYear() !== now.getFullYear();
  const f = withYear ? dayMonthYear : dayMonth;
  const a = f.format(from);
  const b = f.format(last);
  return a === b ? a : `${a} – ${b}`;
}
