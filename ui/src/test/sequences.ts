// Test data for sequences, templates, the outbox, broadcasts and the sending settings.
import { vi } from "vitest";
import type {
  Broadcast, BroadcastPreview, CoreError, CustomField, DueStep, EnrolResult, Enrolment, EntityRef, Holiday, MergeFieldInfo, OutboxItem,
  OutboxMessage, OutboxPage, Rendered, RunReport, Sequence, SequenceReport, SequenceSummary, SendingRules, SmtpView, Template, TestResult,
} from "../bindings";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

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

const mergeFields: MergeFieldInfo[] = [
  { key: "first_name", label: "The contact's first name", custom: false },
  { key: "company", label: "The contact's company", custom: false },
  { key: "booking_link", label: "Booking link", custom: true },
];

export const sequenceCommands = {
  templatesList: cmd(() => [template(), template({ id: "t-2", name: "Follow-up", used_by: 0 })]),
  templateCreate: cmd(() => template()),
  templateUpdate: cmd(() => template()),
  templateArchive: cmd(() => null),
  templatePreview: cmd((): Rendered => ({ subject: "Welcome, Ana", text: "Hi Ana,", html: "<p>Hi Ana,</p>", missing: [], to_address: "ana@example.com", to_name: "Ana Costa" })),
  mergeFieldsAll: cmd(() => mergeFields),
  mergeFieldsList: cmd((): CustomField[] => []),
  mergeFieldSave: cmd((): CustomField[] => []),
  mergeFieldDelete: cmd((): CustomField[] => []),
  sequencesList: cmd(() => [summary()]),
  sequenceNames: cmd((): EntityRef[] => [{ id: "q-1", name: "Welcome new leads" }, { id: "q-2", name: "Win back" }]),
  sequenceGet: cmd(() => sequence()),
  sequenceCreate: cmd(() => sequence({ id: "q-9" })),
  sequenceUpdate: cmd(() => sequence()),
  sequenceDelete: cmd(() => null),
  sequenceReport: cmd((): SequenceReport => ({ sequence_id: "q-1", steps: [], enrolled: 0, replied: 0, converted: 0 })),
  sequenceEnrol: cmd(() => enrolResult()),
  enrolmentsList: cmd((): Enrolment[] => []),
  enrolmentSet: cmd(() => enrolment({ status: "paused" })),
  sequenceStepsDue: cmd((): DueStep[] => []),
  sequenceStepComplete: cmd(() => null),
  sequenceStepSkip: cmd(() => null),
  schedulerRunNow: cmd(() => runReport()),
  outboxList: cmd((): OutboxPage => ({ items: [], counts: [] })),
  outboxMessage: cmd(() => outboxMessage()),
  outboxAct: cmd(() => outboxMessage(outboxItem({ status: "cancelled" }))),
  broadcastsList: cmd((): Broadcast[] => []),
  broadcastCreate: cmd((): Broadcast => ({
    id: "b-1", name: "Spring", template: { id: "t-1", name: "Welcome" }, segment: { id: "s-1", name: "Customers gone quiet" }, purpose: "marketing_email", status: "draft",
    queued: 0, skipped: 0, sent_at: null, created_at: "2026-11-23T08:00:00Z",
  })),
  broadcastDelete: cmd(() => null),
  broadcastPreview: cmd((): BroadcastPreview => ({ members: 10, will_send: 8, do_not_contact: 1, no_address: 1, no_consent: 0, missing: [], last_at: null })),
  broadcastSend: cmd((): Broadcast => ({
    id: "b-1", name: "Spring", template: { id: "t-1", name: "Welcome" }, segment: { id: "s-1", name: "Customers gone quiet" }, purpose: "marketing_email", status: "sent",
    queued: 8, skipped: 2, sent_at: "2026-11-23T08:00:00Z", created_at: "2026-11-23T08:00:00Z",
  })),
  sendingRulesGet: cmd((): SendingRules => ({ cap_count: 3, cap_days: 7, quiet_start: 1260, quiet_end: 480, owner_time_zone: "Europe/London" })),
  sendingRulesSet: cmd((): SendingRules => ({ cap_count: 3, cap_days: 7, quiet_start: 1260, quiet_end: 480, owner_time_zone: "Europe/London" })),
  ownerTimeZoneAdopt: cmd(() => null),
  holidaysList: cmd((): Holiday[] => []),
  holidayAdd: cmd((): Holiday[] => []),
  holidayDelete: cmd((): Holiday[] => []),
  smtpGet: cmd((): SmtpView => ({ settings: null, password_saved: false, password_note: null })),
  smtpSet: cmd((): SmtpView => ({ settings: null, password_saved: false, password_note: null })),
  smtpClear: cmd((): SmtpView => ({ settings: null, password_saved: false, password_note: null })),
  smtpTest: cmd((): TestResult => ({ sent: true, message: "Sent to you@example.com." })),
  calendarFeedPath: vi.fn(async () => "/home/sam/.local/share/hearth/hearth.ics"),
  calendarExport: cmd(() => 12),
  pipelinesList: cmd(() => [
    { id: "p-1", name: "Sales", position: 0, stages: [{ id: "ps-1", pipeline_id: "p-1", name: "Proposal", position: 0, kind: "open" as const, probability: 50, rotting_days: null, deal_count: 0 }] },
  ]),
};
