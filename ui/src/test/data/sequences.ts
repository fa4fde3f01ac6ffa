// Typed data builders for sequences, templates, enrolments, the outbox and the scheduler: shared by
// the Vitest fixtures (src/test/sequences.ts) and the mock back end (scripts/mock/); no test-runner imports.
import type { DueStep, EnrolResult, Enrolment, MergeFieldInfo, OutboxItem, OutboxMessage, RunReport, Sequence, SequenceSummary, Template } from "../../bindings";

export const template = (over: Partial<Template> = {}): Template => ({
  id: "t-1", name: "Welcome", subject: "Welcome, {{first_name|there}}", body: "Hi {{first_name}},\n\nThanks!", fields: ["first_name"],
  used_by: 1, updated_at: "2026-11-20T10:00:00Z", ...over,
});

export const sequence = (over: Partial<Sequence> = {}): Sequence => ({
  id: "q-1",
  name: "Welcome new leads",
  description: null,
  status: "active",
  window: { days: [1, 2, 3, 4, 5], start: null, end: null },
  exits: { on_reply: true, on_meeting: true, on_deal_closed: true, on_customer: true, on_unsubscribe: true, on_no_consent: false },
  steps: [
    { id: "st-1", kind: "email", delay_days: 0, business_days: true, template: { id: "t-1", name: "Welcome" }, template_b: null, title: null, instructions: null },
    { id: "st-2", kind: "call", delay_days: 3, business_days: true, template: null, template_b: null, title: "Check in", instructions: "Ask how it went" },
  ],
  triggers: [],
  counts: { active: 2, paused: 0, finished: 1, exited: 1 },
  updated_at: "2026-11-20T10:00:00Z",
  ...over,
});

export const summary = (over: Partial<SequenceSummary> = {}): SequenceSummary => ({
  id: "q-1", name: "Welcome new leads", description: null, status: "active", steps: 2, triggers: 0,
  counts: { active: 2, paused: 0, finished: 1, exited: 1 }, updated_at: "2026-11-20T10:00:00Z", ...over,
});

export const dueStep = (over: Partial<DueStep> = {}): DueStep => ({
  id: "es-1", enrolment_id: "e-1", sequence: { id: "q-1", name: "Welcome new leads" }, contact: { id: "c1", name: "Ada Lovelace" },
  kind: "call", title: "Check in", instructions: "Ask how the first order went", due_at: new Date().toISOString(), mailto: null,
  phone: "+44 20 7946 0958", position: 2, steps_total: 5, ...over,
});

export const enrolment = (over: Partial<Enrolment> = {}): Enrolment => ({
  id: "e-1", sequence: { id: "q-1", name: "Welcome new leads" }, contact: { id: "c1", name: "Ada Lovelace" }, status: "active",
  exit_reason: null, steps_done: 1, steps_total: 3, next_step: "Call: Check in", next_due_at: "2030-01-02T09:00:00Z",
  enrolled_by: "By hand", enrolled_at: "2026-11-20T10:00:00Z", ended_at: null, ...over,
});

export const outboxItem = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: "o-1", contact: { id: "c1", name: "Ada Lovelace" }, to_address: "ada@example.com", subject: "Welcome, Ada", status: "queued",
  attempts: 0, send_after: "2026-11-23T09:00:00Z", last_error: null, source: "Sequence: Welcome new leads, step 1",
  created_at: "2026-11-23T08:00:00Z", sent_at: null, ...over,
});

export const outboxMessage = (item: OutboxItem = outboxItem()): OutboxMessage => ({
  item, body_text: "Hi Ada,\n\nThanks!", body_html: "<p>Hi Ada,</p><p>Thanks!</p>", message_id: "<x@hearth.local>",
});

export const runReport = (over: Partial<RunReport> = {}): RunReport => ({
  tick: { enrolled: 0, not_enrolled: 0, exited: 0, emails_queued: 0, emails_held: 0, steps_due: 0, skipped: 0, finished: 0 },
  flush: { sent: 0, retrying: 0, failed: 0, cancelled: 0, uncertain: 0, problem: null },
  ...over,
});

export const enrolResult = (over: Partial<EnrolResult> = {}): EnrolResult => ({ enrolled: 1, already: 0, refused: [], refused_count: 0, ...over });

export const mergeFields: MergeFieldInfo[] = [
  { key: "first_name", label: "The contact's first name", custom: false },
  { key: "company", label: "The contact's company", custom: false },
  { key: "booking_link", label: "Booking link", custom: true },
];
