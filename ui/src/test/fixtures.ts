// Test data and a mocked `commands` object (tests swap it in with vi.mock("../bindings")).
import { vi } from "vitest";
import { audienceCommands } from "./audience";
import { sequenceCommands } from "./sequences";
import type { DataFolder, DataMoved, Regional, RunReport, Activity, AppStatus, BackupSettings, Qualification, ScoreCard, ScorePreview, ScoreRule, HistoryAction, HistoryPage, HistorySettings, RestoreOutcome, Snapshot, CompanyRow, ContactDetail, ContactRow, CoreError, LeadSource, LikelyDuplicate, SearchHit, TagCount } from "../bindings";

export type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
export const ok = <T,>(data: T): Res<T> => Promise.resolve({ status: "ok" as const, data });
export const fail = <T,>(error: CoreError): Res<T> => Promise.resolve({ status: "error" as const, error });
/** A mocked command answering `data()` unless a test says otherwise. */
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => ok(data()));

export const status = (over: Partial<AppStatus> = {}): AppStatus => ({
  needs_onboarding: false,
  demo_loaded: false,
  contact_count: 0,
  company_count: 0,
  schema_version: 1,
  version: "0.1.0",
  ...over,
});

export function contactDetail(over: Partial<ContactDetail> = {}): ContactDetail {
  return {
    id: "c1",
    first_name: "Ada",
    last_name: "Lovelace",
    display_name: "Ada Lovelace",
    title: null,
    company: null,
    emails: [],
    phones: [],
    address: { street: null, city: null, region: null, postal_code: null, country: null },
    time_zone: null,
    owner: null,
    notes: null,
    tags: [],
    lifecycle_stage: "reach",
    lifecycle_history: [],
    lead_source: null,
    referred_by: null,
    referrals: [],
    do_not_contact: false,
    last_contacted_at: null,
    next_follow_up_at: null,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    ...over,
  };
}

export function task(id: string, subject: string, due: string, done = false): Activity {
  return {
    id,
    kind: "task",
    subject,
    body: null,
    contact: { id: "c1", name: "Ada Lovelace" },
    company: null,
    deal: null,
    occurred_at: due,
    due_at: due,
    completed_at: done ? due : null,
    duration_minutes: null,
    outcome: null,
    created_at: due,
  };
}

export function historyAction(over: Partial<HistoryAction> = {}): HistoryAction {
  return {
    id: 7,
    at: "2026-11-23T10:00:00Z",
    kind: "update",
    entity: "contacts",
    record_id: "c-1",
    subject: "Anna Berg",
    change_count: 1,
    changes: [],
    more_changes: 0,
    undone_at: null,
    undo_of: null,
    undone_by: null,
    can_undo: true,
    ...over,
  };
}

export const historySettings = (over: Partial<HistorySettings> = {}): HistorySettings => ({
  retention_days: 365,
  min_retention_days: 90,
  oldest: "2026-08-01T10:00:00Z",
  action_count: 12,
  ...over,
});

export const scoreCard = (over: Partial<ScoreCard> = {}): ScoreCard => ({
  contact_id: "c-1",
  fit: 35,
  engagement: 13,
  computed: 48,
  override_score: null,
  override_reason: null,
  score: 48,
  temperature: "warm",
  lines: [
    { rule_id: "r-1", rule: "Decision maker", part: "fit", points: 20, detail: null },
    { rule_id: "r-2", rule: "Budget given", part: "fit", points: 15, detail: null },
    { rule_id: "r-3", rule: "Call connected", part: "engagement", points: 23, detail: "2 times, latest 3 days ago" },
    { rule_id: "r-4", rule: "No touch in 30 days", part: "engagement", points: -10, detail: null },
  ],
  ...over,
});

/** Every command as a mock with a harmless default answer. */
export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    file_name: "hearth-2026-11-23T093000Z-scheduled.db",
    path: "/home/sam/.local/share/hearth/backups/hearth-2026-11-23T093000Z-scheduled.db",
    taken_at: "2026-11-23T09:30:00Z",
    reason: "scheduled",
    size_bytes: 3_084_288,
    contacts: 320,
    companies: 60,
    deals: 54,
    schema_version: 6,
    problem: null,
    ...over,
  };
}

export const commands = {
  appStatus: cmd(() => status()),
  demoLoad: cmd(() => ({ companies: 60, contacts: 320, activities: 2400 })),
  startEmpty: cmd(() => status()),
  contactsList: cmd(() => ({ rows: [] as ContactRow[], total: 0, offset: 0 })),
  contactGet: cmd(() => contactDetail()),
  contactCreate: cmd(() => contactDetail()),
  contactUpdate: cmd(() => contactDetail()),
  contactSetStage: cmd(() => contactDetail()),
  contactDelete: cmd(() => null),
  contactRestore: cmd(() => contactDetail()),
  companiesList: cmd(() => ({ rows: [] as CompanyRow[], total: 0, offset: 0 })),
  industriesList: cmd(() => [] as string[]),
  timeline: cmd(() => ({ items: [] as Activity[], has_more: false })),
  today: cmd(() => ({ overdue: [] as Activity[], due_today: [] as Activity[], upcoming: [] as Activity[] })),
  activitySetDone: cmd((): Activity | null => null),
  search: cmd((): SearchHit[] => []),
  leadSourcesList: cmd((): LeadSource[] => []),
  tagsList: cmd((): TagCount[] => []),
  ownersList: cmd(() => [] as string[]),
  duplicatesOfContact: cmd((): LikelyDuplicate[] => []),
  backupsList: cmd((): Snapshot[] => []),
  backupSettings: cmd((): BackupSettings => ({
    folder: "/home/sam/.local/share/hearth/backups",
    default_folder: "/home/sam/.local/share/hearth/backups",
    uses_default: true,
    interval_minutes: 15,
    last_error: null,
  })),
  backupNow: cmd(() => snapshot()),
  backupFolderSet: cmd((): BackupSettings | null => null),
  backupFolderPick: cmd((): string | null => null),
  backupRestore: cmd((): RestoreOutcome => ({
    restored: snapshot().file_name,
    restored_taken_at: snapshot().taken_at,
    previous: snapshot({ reason: "before_restore", file_name: "hearth-2026-11-23T120000Z-before_restore.db" }),
    damaged_file_kept_at: null,
  })),
  backupNewestGood: cmd((): Snapshot | null => null),
  historyList: cmd((): HistoryPage => ({ actions: [], has_more: false })),
  historyUndo: cmd(() => historyAction({ undone_at: "2026-11-23T10:05:00Z", undone_by: 8 })),
  historyUndoLast: cmd(() => historyAction({ undone_at: "2026-11-23T10:05:00Z", undone_by: 8 })),
  historySettings: cmd(() => historySettings()),
  scoreCard: cmd(() => scoreCard()),
  scoreRulesList: cmd((): ScoreRule[] => [
    { id: "r-1", name: "Decision maker", part: "fit", condition: { type: "field", field: "authority", op: "is", value: "decision_maker" }, points: 20, enabled: true, position: 0 },
    { id: "r-2", name: "No touch in 30 days", part: "engagement", condition: { type: "no_touch", days: 30 }, points: -10, enabled: true, position: 1 },
  ]),
  scoreRulesPreview: cmd((): ScorePreview => ({
    matches: [12, 200],
    now: { bands: [250, 40, 10, 0, 0, 0, 0, 0, 0, 0], hot: 0, warm: 10, cold: 290 },
    after: { bands: [200, 60, 30, 10, 0, 0, 0, 0, 0, 0], hot: 0, warm: 40, cold: 260 },
  })),
  scoreRulesSave: cmd((): ScoreRule[] => []),
  scoreThresholds: cmd(() => ({ hot: 70, warm: 40 })),
  scoreThresholdsSet: cmd(() => ({ hot: 70, warm: 40 })),
  qualificationGet: cmd((): Qualification => ({
    status: "new", disqualified_reason: null, budget_minor: null, budget_currency: null,
    authority: null, need_level: null, need_note: null, timeline_on: null,
  })),
  contactQualify: cmd((): Qualification => ({
    status: "qualified", disqualified_reason: null, budget_minor: 250000, budget_currency: "EUR",
    authority: "decision_maker", need_level: null, need_note: null, timeline_on: null,
  })),
  scoreOverrideSet: cmd(() => scoreCard({ override_score: 90, override_reason: "Ready to buy", score: 90, temperature: "hot" })),
  historyRetentionSet: cmd(() => historySettings({ retention_days: 120 })),
  regionalGet: cmd((): Regional => ({ chosen: { currency: "EUR", locale: "", date_order: "system", clock: "system", week_start: "system" }, saved: false })),
  regionalSet: cmd((): Regional | null => null),
  regionalCurrencies: vi.fn(async () => ["CHF", "EUR", "GBP", "USD"]),
  dataFolderGet: cmd((): DataFolder => ({
    folder: "/home/sam/.local/share/app.hearthcrm.desktop", database: "/home/sam/.local/share/app.hearthcrm.desktop/hearth.db",
    default_folder: "/home/sam/.local/share/app.hearthcrm.desktop", uses_default: true, movable: true, size_bytes: 3_084_288,
  })),
  dataFolderPick: cmd((): string | null => null),
  dataFolderMove: cmd((): DataMoved | null => null),
  appRestart: cmd(() => null),
  ...audienceCommands,
  ...sequenceCommands,
};

/** Events the app listens to; `emit` calls the listeners a test registered. */
function mockEvent<T>() {
  const listeners = new Set<(e: { payload: T }) => void>();
  return {
    listen: vi.fn(async (cb: (e: { payload: T }) => void) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    }),
    emit: (payload: T) => listeners.forEach((cb) => cb({ payload })),
  };
}

export const events = {
  importProgressEvent: mockEvent<unknown>(),
  databaseProblemEvent: mockEvent<{ message: string }>(),
  scheduleEvent: mockEvent<RunReport>(),
  menuCommand: mockEvent<{ id: string }>(),
};

/** What `vi.mock("../bindings", …)` returns. */
export const bindings = { commands, events };
