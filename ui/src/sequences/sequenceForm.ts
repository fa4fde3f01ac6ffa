// The sequence editor's form state, and the conversions to and from what the back end speaks.
// Steps and triggers keep their order, so a server error on `steps.2.delay_days` belongs to the
// third step of the form.
import type { ExitRules, Sequence, SequenceInput, SequenceStatus, StepInput, StepKind, TriggerInput, TriggerKind } from "../bindings";
import { minutesToTime, timeToMinutes } from "./format";

export interface StepForm {
  /** Local key for React (steps keep it when moved). */
  key: string;
  /** The saved step's id (its history and report stay with it); null for a new one. */
  id: string | null;
  kind: StepKind;
  delay: number | string;
  businessDays: boolean;
  templateId: string | null;
  /** A second template: enrolments are split evenly (A/B). */
  split: boolean;
  templateBId: string | null;
  title: string;
  instructions: string;
}

export interface TriggerForm {
  key: string;
  kind: TriggerKind;
  value: string | null;
  /** Existing triggers: only what happened after this enrols. */
  since: string | null;
}

export interface SequenceForm {
  name: string;
  description: string;
  status: SequenceStatus;
  days: number[];
  /** Only between certain hours. */
  hours: boolean;
  start: string;
  end: string;
  exits: ExitRules;
  steps: StepForm[];
  triggers: TriggerForm[];
}

let counter = 0;
const nextKey = () => `k${++counter}`;

export const DEFAULT_EXITS: ExitRules = {
  on_reply: true,
  on_meeting: true,
  on_deal_closed: true,
  on_customer: true,
  on_unsubscribe: true,
  on_no_consent: false,
};

export function newStep(kind: StepKind, first = false): StepForm {
  return {
    key: nextKey(),
    id: null,
    kind,
    delay: first ? 0 : kind === "wait" ? 3 : 2,
    businessDays: kind !== "wait",
    templateId: null,
    split: false,
    templateBId: null,
    title: "",
    instructions: "",
  };
}

export function newTrigger(kind: TriggerKind = "lead_source"): TriggerForm {
  return { key: nextKey(), kind, value: null, since: null };
}

export function emptyForm(): SequenceForm {
  return {
    name: "",
    description: "",
    status: "active",
    days: [1, 2, 3, 4, 5],
    hours: false,
    start: "09:00",
    end: "17:00",
    exits: { ...DEFAULT_EXITS },
    steps: [newStep("email", true)],
    triggers: [],
  };
}

export function formFromSequence(s: Sequence): SequenceForm {
  const hours = s.window.start !== null && s.window.end !== null;
  return {
    name: s.name,
    description: s.description ?? "",
    status: s.status,
    days: [...s.window.days].sort((a, b) => a - b),
    hours,
    start: hours ? minutesToTime(s.window.start) : "09:00",
    end: hours ? minutesToTime(s.window.end) : "17:00",
    exits: { ...s.exits },
    steps: s.steps.map((st) => ({
      key: nextKey(),
      id: st.id,
      kind: st.kind,
      delay: st.delay_days,
      businessDays: st.business_days,
      templateId: st.template?.id ?? null,
      split: st.template_b !== null,
      templateBId: st.template_b?.id ?? null,
      title: st.title ?? "",
      instructions: st.instructions ?? "",
    })),
    triggers: s.triggers.map((t) => ({ key: nextKey(), kind: t.kind, value: t.value, since: t.since })),
  };
}

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

function delayOf(v: number | string): number {
  if (typeof v === "number") return Math.trunc(v);
  const n = Number(v.trim());
  return v.trim() === "" || !Number.isFinite(n) ? 0 : Math.trunc(n);
}

export function stepInput(s: StepForm): StepInput {
  const email = s.kind === "email";
  const todo = s.kind === "call" || s.kind === "task";
  return {
    id: s.id,
    kind: s.kind,
    delay_days: delayOf(s.delay),
    business_days: s.businessDays,
    template_id: email ? s.templateId : null,
    template_b_id: email && s.split ? s.templateBId : null,
    title: todo ? text(s.title) : null,
    instructions: todo ? text(s.instructions) : null,
  };
}

/** The whole sequence as the back end saves it. */
export function inputFromForm(f: SequenceForm): SequenceInput {
  const triggers: TriggerInput[] = f.triggers.map((t) => ({ kind: t.kind, value: t.value ?? "" }));
  return {
    name: f.name.trim(),
    description: text(f.description),
    status: f.status,
    window: {
      days: [...new Set(f.days)].sort((a, b) => a - b),
      start: f.hours ? timeToMinutes(f.start) : null,
      end: f.hours ? timeToMinutes(f.end) : null,
    },
    exits: { ...f.exits },
    steps: f.steps.map(stepInput),
    triggers,
  };
}

/** Problems seen before asking the back end (it checks everything again). */
export function localErrors(f: SequenceForm): Record<string, string> {
  const out: Record<string, string> = {};
  f.triggers.forEach((t, i) => {
    if (!t.value) out[`triggers.${i}.value`] = "Choose which one enrols contacts.";
  });
  if (f.hours && (timeToMinutes(f.start) === null || timeToMinutes(f.end) === null)) {
    out["window.start"] = "Give both a start and an end time, or turn the hours off.";
  }
  return out;
}

/** Moves the step at `from` one place up (-1) or down (+1). */
export function moveStep(steps: StepForm[], from: number, by: -1 | 1): StepForm[] {
  const to = from + by;
  if (to < 0 || to >= steps.length) return steps;
  const next = [...steps];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** The fields of step `i` the editor shows errors at. */
export const STEP_FIELDS = ["kind", "delay_days", "template_id", "template_b_id", "title", "instructions"] as const;

/** Whether the editor shows an error for this field next to a control. */
export function shownField(field: string, f: SequenceForm): boolean {
  if (["name", "description", "status", "steps", "window.days", "window.start", "window.end"].includes(field)) return true;
  const step = /^steps\.(\d+)\.(\w+)$/.exec(field);
  if (step) return Number(step[1]) < f.steps.length && (STEP_FIELDS as readonly string[]).includes(step[2]);
  const trigger = /^triggers\.(\d+)\.(kind|value)$/.exec(field);
  return !!trigger && Number(trigger[1]) < f.triggers.length;
}
