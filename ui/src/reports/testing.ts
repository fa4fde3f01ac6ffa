// Test data for reports and a `commands` mock adding the report commands to the shared fixtures
// (tests use `vi.mock("../bindings", async () => (await import("./testing")).bindings)`).
import { vi } from "vitest";
import type { CoreError, DrillRecords, ExportSummary, Figure, Report, ReportInfo, Section } from "../bindings";
import { commands as shared, events } from "../test/fixtures";
import { order } from "../test/orders";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

export const catalog = (): ReportInfo[] => [
  { name: "dashboard", title: "Dashboard", group: "home", default_days: 90 },
  { name: "funnel", title: "Lifecycle funnel", group: "sales", default_days: 90 },
  { name: "pipeline", title: "Pipeline funnel", group: "sales", default_days: 90 },
  { name: "activity", title: "Activity", group: "activity", default_days: 90 },
  { name: "cohorts", title: "Cohort retention", group: "retention", default_days: 365 },
  { name: "service", title: "Service health", group: "service", default_days: 180 },
];

export const figure = (over: Partial<Figure> = {}): Figure => ({
  key: "new_customers", label: "New customers", unit: "count", currency: null, value: 31, previous: 25,
  definition: "Contacts that first became a Customer (or Loyal customer) in the period.", drill: null, ...over,
});

export const funnelSection = (over: Partial<Section> = {}): Section => ({
  key: "funnel", title: "Lifecycle funnel", chart: { kind: "funnel", series: ["reached"] },
  columns: [
    { key: "reached", label: "Reached", unit: "count", definition: "Contacts added in the period that reached this stage." },
    { key: "step", label: "From the stage before", unit: "percent", definition: "Reached this stage ÷ reached the stage before." },
  ],
  rows: [
    { key: "reach", label: "Reach", currency: null, cells: [120, null], drills: [{ kind: "contacts", key: "funnel:0" }, null] },
    { key: "act", label: "Act", currency: null, cells: [60, 50], drills: [{ kind: "contacts", key: "funnel:1" }, null] },
    { key: "convert", label: "Convert", currency: null, cells: [15, 25], drills: [{ kind: "contacts", key: "funnel:2" }, null] },
  ],
  empty: null, ...over,
});

export const revenueSection = (over: Partial<Section> = {}): Section => ({
  key: "revenue", title: "Revenue per month", chart: { kind: "line", series: ["revenue"] },
  columns: [
    { key: "revenue", label: "Revenue", unit: "money", definition: "Net (total − refunded) of the month's orders." },
    { key: "orders", label: "Paid orders", unit: "count", definition: "Orders of the month not fully refunded." },
  ],
  rows: [
    { key: "2026-01:EUR", label: "Jan 2026", currency: "EUR", cells: [125050, 3], drills: [null, null] },
    { key: "2026-02:EUR", label: "Feb 2026", currency: "EUR", cells: [0, 0], drills: [null, null] },
  ],
  empty: null, ...over,
});

export const dashboard = (over: Partial<Report> = {}): Report => ({
  name: "dashboard", title: "Dashboard", about: "Your business at a glance.",
  period: { from: "2026-01-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" },
  previous: { from: "2025-10-03T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" },
  segment: null,
  figures: [
    figure({ key: "added", label: "New contacts", value: 1234, previous: 1000, drill: { kind: "contacts", key: "funnel:0" }, definition: "Contacts added in the period (live, in the segment)." }),
    figure(),
    figure({ key: "churn", label: "Subscription churn", unit: "percent", value: 4.5, previous: 3, definition: "Subscriptions cancelled ÷ active at the start." }),
    figure({ key: "revenue_eur", label: "Revenue (EUR)", unit: "money", currency: "EUR", value: 125050, previous: null, drill: { kind: "orders", key: "paid" }, definition: "Net of the orders placed in the period." }),
  ],
  sections: [funnelSection(), revenueSection()],
  notes: ["Predicted CLV = average order value × orders per year × expected years."],
  empty: null, ...over,
});

export const drillRecords = (over: Partial<DrillRecords> = {}): DrillRecords => ({
  kind: "contacts", total: 612,
  records: [
    { id: "c-1", label: "Ada Lovelace", detail: "Customer · Analytical Engines" },
    { id: "c-2", label: "Grace Hopper", detail: null },
  ],
  ...over,
});

const summary = (path: string): ExportSummary => ({ path, rows: 12, bytes: 2048 });

export const reportCommands = {
  reportsCatalog: vi.fn(async (): Promise<ReportInfo[]> => catalog()),
  reportRun: cmd(() => dashboard()),
  reportRecords: cmd(() => drillRecords()),
  reportSaveCsv: cmd(() => summary("/tmp/report.csv")),
  reportSavePng: cmd(() => summary("/tmp/chart.png")),
  pickSaveFile: cmd((): string | null => "/tmp/report.csv"),
  orderGet: cmd(() => order()),
};

export const commands = { ...shared, ...reportCommands };

/** What `vi.mock("../bindings", …)` returns. */
export const bindings = { commands, events };
