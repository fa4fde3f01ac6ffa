// Sequences in words: step kinds, statuses, triggers, weekdays, hours and rates.
import type { EnrolmentStatus, ExitRules, SequenceStatus, StepKind, TriggerKind } from "../bindings";
import { formatNumber } from "../lib/numbers";

export const STEP_KINDS: StepKind[] = ["email", "call", "task", "wait"];

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  email: "E-mail",
  call: "Call",
  task: "Task",
  wait: "Wait",
};

export const STEP_KIND_COLORS: Record<StepKind, string> = {
  email: "blue",
  call: "teal",
  task: "ember",
  wait: "gray",
};

export const SEQUENCE_STATUS_LABELS: Record<SequenceStatus, string> = {
  active: "Active",
  paused: "Paused",
  archived: "Archived",
};

export const SEQUENCE_STATUS_COLORS: Record<SequenceStatus, string> = {
  active: "green",
  paused: "yellow",
  archived: "gray",
};

export const ENROLMENT_STATUSES: EnrolmentStatus[] = ["active", "paused", "finished", "exited"];

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  active: "Active",
  paused: "Paused",
  finished: "Finished",
  exited: "Left",
};

export const ENROLMENT_STATUS_COLORS: Record<EnrolmentStatus, string> = {
  active: "green",
  paused: "yellow",
  finished: "blue",
  exited: "gray",
};

export const TRIGGER_KINDS: TriggerKind[] = ["lead_source", "lifecycle_stage", "pipeline_stage", "segment", "tier"];

export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = {
  lead_source: "A new contact comes from lead source",
  lifecycle_stage: "A contact enters lifecycle stage",
  pipeline_stage: "One of their deals enters pipeline stage",
  segment: "A contact is in segment",
  tier: "A contact is in priority tier",
};

/** The exit rules in plain words, in the order shown. */
export const EXIT_RULES: { key: keyof ExitRules; label: string }[] = [
  { key: "on_reply", label: "They reply (an e-mail logged as “Replied”)" },
  { key: "on_meeting", label: "A meeting with them is logged or planned" },
  { key: "on_deal_closed", label: "One of their deals is won or lost" },
  { key: "on_customer", label: "They become a customer" },
  { key: "on_unsubscribe", label: "They withdraw consent to marketing e-mails" },
  { key: "on_no_consent", label: "There is no consent to marketing e-mails on record (sequences that send e-mails)" },
];

/** 1 Monday … 7 Sunday, as the back end counts them. */
export const WEEKDAYS: { day: number; short: string; long: string }[] = [
  { day: 1, short: "Mon", long: "Monday" },
  { day: 2, short: "Tue", long: "Tuesday" },
  { day: 3, short: "Wed", long: "Wednesday" },
  { day: 4, short: "Thu", long: "Thursday" },
  { day: 5, short: "Fri", long: "Friday" },
  { day: 6, short: "Sat", long: "Saturday" },
  { day: 7, short: "Sun", long: "Sunday" },
];

/** 570 → "09:30" (minutes after midnight, as time inputs show them). */
export function minutesToTime(m: number | null): string {
  if (m === null) return "";
  const clamped = Math.max(0, Math.min(m, 1439));
  return `${String(Math.floor(clamped / 60)).padStart(2, "0")}:${String(clamped % 60).padStart(2, "0")}`;
}

/** "09:30" → 570; anything else → null. */
export function timeToMinutes(t: string): number | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(t.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** "Mon–Fri, 09:00–17:00", "Every day, any time". */
export function windowWords(days: number[], start: number | null, end: number | null): string {
  const sorted = [...days].sort((a, b) => a - b);
  let d: string;
  if (sorted.length === 7) d = "Every day";
  else if (sorted.length === 0) d = "No day";
  else if (sorted.every((x, i) => i === 0 || x === sorted[i - 1] + 1) && sorted.length > 2)
    d = `${WEEKDAYS[sorted[0] - 1].short}–${WEEKDAYS[sorted[sorted.length - 1] - 1].short}`;
  else d = sorted.map((x) => WEEKDAYS[x - 1].short).join(", ");
  const h = start === null || end === null ? "any time" : `${minutesToTime(start)}–${minutesToTime(end)}`;
  return `${d}, ${h}`;
}

/** 0.125 → "12.5%"; nothing done yet → "—". */
export function percent(rate: number | null, of = 1): string {
  if (rate === null || of === 0 || !Number.isFinite(rate)) return "—";
  const p = Math.round(rate * 1000) / 10;
  return `${p}%`;
}

/** "Step 2 of 5". */
export function stepOf(position: number, total: number): string {
  return `step ${position} of ${total}`;
}

/** "3 days", "1 business day", "right away". */
export function delayWords(days: number, business: boolean): string {
  if (days === 0) return "right away";
  return `${days} ${business ? "business " : ""}${days === 1 ? "day" : "days"}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
