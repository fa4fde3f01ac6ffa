// SMART goals in words and numbers: what each metric is (label, unit, range), values shown by
// their unit, typed values turned into stored ones (money in minor units) and back, the form's
// dates, and the form turned into a GoalInput.
import dayjs from "dayjs";
import type { Goal, GoalInput, GoalMetric, GoalStatus } from "../bindings";
import { fieldErrorMessage, isCoreError } from "../lib/errors";
import { formatMoney, minorToInput, parseMoney } from "../lib/money";
import { defaultCurrency } from "../lib/regional";

export type GoalUnit = "percent" | "count" | "money" | "score";

export interface MetricInfo {
  label: string;
  unit: GoalUnit;
  /** Totals (new customers, won revenue) add up over the period; rates and scores do not. */
  isTotal: boolean;
  /** In the stored unit (money: minor units, so no upper bound). */
  min: number;
  max: number;
  /** What the unit is, next to the inputs. */
  unitHint: string;
}

const percent = (label: string): MetricInfo => ({ label, unit: "percent", isTotal: false, min: 0, max: 100, unitHint: "%" });

export const METRICS: Record<GoalMetric, MetricInfo> = {
  conversion_rate: percent("Lead conversion rate"),
  new_customers: { label: "New customers", unit: "count", isTotal: true, min: 0, max: Infinity, unitHint: "customers" },
  won_revenue: { label: "Won deal value", unit: "money", isTotal: true, min: 0, max: Infinity, unitHint: "amount" },
  win_rate: percent("Win rate"),
  repeat_purchase_rate: percent("Repeat-purchase rate"),
  average_order_value: { label: "Average order value", unit: "money", isTotal: false, min: 0, max: Infinity, unitHint: "amount" },
  churn: percent("Subscription churn"),
  nps: { label: "NPS", unit: "score", isTotal: false, min: -100, max: 100, unitHint: "−100 to 100" },
  csat: percent("CSAT"),
};

export const METRIC_KEYS = Object.keys(METRICS) as GoalMetric[];

export const isMoney = (m: GoalMetric): boolean => METRICS[m].unit === "money";

/** "Lead conversion rate (%)" for the metric select. */
export const METRIC_OPTIONS = METRIC_KEYS.map((m) => ({ value: m, label: `${METRICS[m].label} (${unitWords(m)})` }));

export function unitWords(m: GoalMetric): string {
  const u = METRICS[m].unit;
  return u === "percent" ? "%" : u === "money" ? "money" : u === "score" ? "score −100 to 100" : "count";
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A stored value in words: "12.5%", "€1,250.00", "42", "+35" (NPS). */
export function formatGoalValue(value: number | null | undefined, metric: GoalMetric, currency: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (METRICS[metric].unit) {
    case "money":
      return formatMoney(Math.round(value), currency || defaultCurrency());
    case "percent":
      return `${round1(value)}%`;
    case "count":
      return String(Math.round(value));
    case "score":
      return `${value > 0 ? "+" : ""}${round1(value)}`;
  }
}

/** A stored value as it shows in an input ("1250.00" for €1,250; "12.5" for 12.5%). */
export function toInputText(value: number | null | undefined, metric: GoalMetric, currency: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return isMoney(metric) ? minorToInput(Math.round(value), currency || defaultCurrency()) : String(round1(value));
}

export type Parsed = { value: number } | { error: string };

/** What a person typed into a stored value (money → minor units), checked against the metric's range. */
export function parseGoalValue(text: string, metric: GoalMetric, currency: string | null): Parsed | null {
  const t = text.trim();
  if (t === "") return null;
  const info = METRICS[metric];
  let value: number | null;
  if (info.unit === "money") {
    value = parseMoney(t, currency || defaultCurrency());
  } else {
    const n = t.replace(/[\s%]/g, "").replace("−", "-").replace(",", ".");
    value = /^[-+]?\d*\.?\d+$/.test(n) ? Number(n) : null;
  }
  if (value === null) return { error: `“${t}” is not ${info.unit === "money" ? "an amount" : "a number"}.` };
  if (info.unit === "count" && !Number.isInteger(value)) return { error: "Use a whole number of customers." };
  if (value < info.min || value > info.max) {
    return { error: info.max === Infinity ? `${info.label} can't be negative.` : `${info.label} goes from ${info.min} to ${info.max}.` };
  }
  return { value };
}

/** "6 Jun 2027". */
export const formatDay = (iso: string): string => dayjs(iso).format("D MMM YYYY");

/**
 * The instant a goal starts on `day` ("YYYY-MM-DD"): the later of the local and the UTC
 * midnight, so the day is the same wherever it is read (the back end's summaries use UTC).
 */
export function startIso(day: string): string {
  const local = dayjs(day).startOf("day").valueOf();
  const utc = Date.parse(`${day}T00:00:00.000Z`);
  return new Date(Math.max(local, utc)).toISOString();
}

/** The instant a goal is due on `day`: the earlier of the local and the UTC end of the day. */
export function deadlineIso(day: string): string {
  const local = dayjs(day).endOf("day").valueOf();
  const utc = Date.parse(`${day}T23:59:59.999Z`);
  return new Date(Math.min(local, utc)).toISOString();
}

/** The local day ("YYYY-MM-DD") of a stored instant. */
export const dayOf = (iso: string): string => dayjs(iso).format("YYYY-MM-DD");

export const STATUS: Record<GoalStatus, { label: string; color: string }> = {
  not_started: { label: "Not started", color: "gray" },
  on_track: { label: "On track", color: "green" },
  behind: { label: "Behind", color: "orange" },
  achieved: { label: "Achieved", color: "teal" },
  missed: { label: "Missed", color: "red" },
  no_data: { label: "No data yet", color: "gray" },
};

/** "projected 21.4% by 1 Jun" (null when there is no projection). */
export function projectionText(g: Goal): string | null {
  if (g.projected === null) return null;
  return `projected ${formatGoalValue(g.projected, g.metric, g.currency)} by ${dayjs(g.deadline_at).format("D MMM")}`;
}

/** The currency most money goals use (the default for a new one). */
export function usualGoalCurrency(goals: Goal[], fallback = defaultCurrency()): string {
  const counts = new Map<string, number>();
  for (const g of goals) if (g.currency) counts.set(g.currency, (counts.get(g.currency) ?? 0) + 1);
  let best = fallback;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  return best;
}

export interface GoalForm {
  name: string;
  metric: GoalMetric;
  segmentId: string | null;
  currency: string;
  /** Days, "YYYY-MM-DD". */
  start: string;
  deadline: string;
  /** As typed; empty: measured by the back end over the period before the start. */
  baseline: string;
  target: string;
}

export function emptyGoalForm(currency: string, today: Date = new Date()): GoalForm {
  const d = dayjs(today);
  return {
    name: "", metric: "conversion_rate", segmentId: null, currency, baseline: "", target: "",
    start: d.format("YYYY-MM-DD"), deadline: d.add(6, "month").format("YYYY-MM-DD"),
  };
}

export function goalFormFrom(g: Goal, fallbackCurrency: string): GoalForm {
  return {
    name: g.name, metric: g.metric, segmentId: g.segment?.id ?? null, currency: g.currency ?? fallbackCurrency,
    start: dayOf(g.starts_at), deadline: dayOf(g.deadline_at),
    baseline: toInputText(g.baseline, g.metric, g.currency), target: toInputText(g.target, g.metric, g.currency),
  };
}

const formCurrency = (f: GoalForm): string | null => (isMoney(f.metric) ? f.currency.trim().toUpperCase() || null : null);

/** The form as the back end takes it, or the errors (keyed by GoalInput field) found before asking. */
export function toGoalInput(f: GoalForm): { input: GoalInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const currency = formCurrency(f);
  if (!f.name.trim()) errors.name = "Give the goal a name.";
  if (isMoney(f.metric) && !currency) errors.currency = "A money goal needs its currency (e.g. EUR).";
  else if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = "Use a three-letter currency code (e.g. EUR).";
  const baseline = parseGoalValue(f.baseline, f.metric, currency);
  if (baseline && "error" in baseline) errors.baseline = baseline.error;
  const target = parseGoalValue(f.target, f.metric, currency);
  if (!target) errors.target = "Set the target to reach.";
  else if ("error" in target) errors.target = target.error;
  if (!f.start) errors.starts_at = "Pick the day the goal starts.";
  if (!f.deadline) errors.deadline_at = "Pick the deadline.";
  else if (f.start && f.deadline <= f.start) errors.deadline_at = "The deadline must come after the start.";
  if (Object.keys(errors).length > 0 || !target || "error" in target) return { input: null, errors };
  return {
    input: {
      name: f.name.trim(), metric: f.metric, segment_id: f.segmentId, currency,
      baseline: baseline && "value" in baseline ? baseline.value : null, target: target.value,
      starts_at: startIso(f.start), deadline_at: deadlineIso(f.deadline),
    },
    errors,
  };
}

/** The arguments of `goalBaseline` for the form (null when the dates are not set yet). */
export function baselineArgs(f: GoalForm): [GoalMetric, string | null, string | null, string, string] | null {
  if (!f.start || !f.deadline) return null;
  return [f.metric, f.segmentId, formCurrency(f), startIso(f.start), deadlineIso(f.deadline)];
}

/** "Lead conversion rate from 12% to 22% by 6 Jun 2027" (for the form's preview). */
export function previewSentence(f: GoalForm, segmentName: string | null): string {
  const info = METRICS[f.metric];
  const currency = formCurrency(f);
  const show = (text: string) => {
    const p = parseGoalValue(text, f.metric, currency);
    return p && "value" in p ? formatGoalValue(p.value, f.metric, currency) : null;
  };
  const target = show(f.target) ?? "…";
  const from = show(f.baseline);
  const by = f.deadline ? ` by ${formatDay(f.deadline)}` : "";
  const who = segmentName ? ` for ${segmentName}` : "";
  return info.isTotal
    ? `${info.label}${who}: ${target}${by}${from ? ` (${from} in the period before)` : ""}`
    : `${info.label}${who} from ${from ?? "its level before the start"} to ${target}${by}`;
}

/** Server field errors by GoalInput field; the back end's own words where they are more precise. */
export function goalFieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isCoreError(err) || err.kind !== "validation") return out;
  for (const e of err.errors) {
    if (e.field in out) continue;
    out[e.field] = e.code === "out_of_range" && e.message ? e.message : fieldErrorMessage(e);
  }
  return out;
}
