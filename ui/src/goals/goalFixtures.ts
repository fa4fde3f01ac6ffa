// Test data for goals and a `commands` mock adding the goal commands to the shared fixtures
// (tests use `vi.mock("../bindings", async () => (await import("./goalFixtures")).bindings)`).
import { vi } from "vitest";
import type { CoreError, Goal } from "../bindings";
import { commands as shared, events, historyAction } from "../test/fixtures";
import { deadlineIso, startIso } from "./goals";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

export const goal = (over: Partial<Goal> = {}): Goal => ({
  id: "g-conv", name: "Convert more leads", metric: "conversion_rate", metric_label: "Lead conversion rate", unit: "percent",
  definition: "Leads of the goal's period that became customers in it ÷ those leads.", segment: null, currency: null,
  baseline: 12, target: 22, starts_at: startIso("2026-12-01"), deadline_at: deadlineIso("2027-06-01"),
  current: 18.2, projected: 21.4, progress_percent: 62, elapsed_percent: 45, status: "on_track",
  summary: "Convert more leads: Lead conversion rate 12% → 22% by 1 Jun 2027: at 18.2% (+6.2 points), on track", ...over,
});

export const goals = (): Goal[] => [
  goal(),
  goal({
    id: "g-rev", name: "Q2 revenue", metric: "won_revenue", metric_label: "Won deal value", unit: "money", currency: "EUR",
    definition: "Value of the deals won in the goal's period, in the goal's currency.", segment: { id: "s-1", name: "Customers gone quiet" },
    baseline: 1000000, target: 1500000, current: 400000, projected: 800000, progress_percent: 26.7, elapsed_percent: 50, status: "behind",
    summary: "Q2 revenue: €15,000.00 by 1 Jun 2027: at €4,000.00 (26.7% of the target), behind",
  }),
  goal({
    id: "g-nps", name: "Happier customers", metric: "nps", metric_label: "NPS", unit: "score", baseline: 20, target: 40,
    current: 45, projected: null, progress_percent: 125, elapsed_percent: 100, status: "achieved",
    summary: "Happier customers: NPS 20 → 40 by 1 Jun 2027: at 45 (+25), achieved",
  }),
  goal({
    id: "g-churn", name: "Keep subscribers", metric: "churn", metric_label: "Subscription churn", baseline: 8, target: 4,
    current: null, projected: null, progress_percent: null, elapsed_percent: 0, status: "not_started",
    starts_at: startIso("2027-01-01"), summary: "Keep subscribers: Subscription churn 8% → 4% by 1 Jun 2027: starts 1 Jan 2027",
  }),
];

export const goalCommands = {
  goalsList: cmd(() => goals()),
  goalCreate: cmd(() => goal({ id: "g-new" })),
  goalUpdate: cmd(() => goal()),
  goalDelete: cmd(() => null),
  goalBaseline: cmd((): number | null => 12.5),
  historyUndo: cmd(() => historyAction({ kind: "delete", entity: "goals", record_id: "g-conv", undone_at: "2026-12-02T10:05:00Z", undone_by: 8 })),
};

export const commands = { ...shared, ...goalCommands };

/** What `vi.mock("../bindings", …)` returns. */
export const bindings = { commands, events };
