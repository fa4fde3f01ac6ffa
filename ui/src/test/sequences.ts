// Mocked commands for sequences, templates, the outbox, broadcasts and the sending settings (the
// data builders live in ./data/sequences.ts).
import { vi } from "vitest";
import type {
  Broadcast, BroadcastPreview, CoreError, CustomField, DueStep, Enrolment, EntityRef, Holiday, OutboxPage, Rendered, SequenceReport,
  SendingRules, SmtpView, TestResult,
} from "../bindings";
import { enrolResult, enrolment, mergeFields, outboxItem, outboxMessage, runReport, sequence, summary, template } from "./data/sequences";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

export * from "./data/sequences";

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
