import { describe, expect, it } from "vitest";
import type { Section } from "../bindings";
import { chartHeight, chartOption, hasChart, heatmapData, plotted } from "./chartOption";
import { funnelSection, revenueSection } from "./testing";

type Series = { type: string; id: string; name: string; data: unknown[]; stack?: string; tooltip?: { valueFormatter: (v: unknown, i: number) => string } };
const seriesOf = (s: Section) => (chartOption(s)?.series ?? []) as Series[];

const touches = (kind: "bar" | "stacked_bar"): Section => ({
  key: "weeks", title: "Touches per week", chart: { kind, series: ["call", "email", "missing"] },
  columns: [
    { key: "call", label: "Calls", unit: "count", definition: "" },
    { key: "email", label: "E-mails", unit: "count", definition: "" },
    { key: "total", label: "Total", unit: "count", definition: "" },
  ],
  rows: [
    { key: "2026-01", label: "Week of 5 Jan", currency: null, cells: [3, 5, 8], drills: [null, null, null] },
    { key: "2026-02", label: "Week of 12 Jan", currency: null, cells: [null, 2, 2], drills: [null, null, null] },
  ],
  empty: null,
});

const cohorts: Section = {
  key: "purchases", title: "Bought again", chart: { kind: "heatmap", series: ["m1", "m2"] },
  columns: [
    { key: "customers", label: "Customers", unit: "count", definition: "" },
    { key: "m1", label: "Month 1", unit: "percent", definition: "" },
    { key: "m2", label: "Month 2", unit: "percent", definition: "" },
  ],
  rows: [
    { key: "2026-01", label: "Jan 2026", currency: null, cells: [10, 40, 20], drills: [null, null, null] },
    { key: "2026-02", label: "Feb 2026", currency: null, cells: [8, 25, null], drills: [null, null, null] },
  ],
  empty: null,
};

describe("chartOption", () => {
  it("draws one bar series per series column over the row labels (unknown columns skipped)", () => {
    const o = chartOption(touches("bar"))!;
    expect(o.xAxis).toMatchObject({ type: "category", data: ["Week of 5 Jan", "Week of 12 Jan"] });
    const s = seriesOf(touches("bar"));
    expect(s.map((x) => [x.type, x.name, x.data])).toEqual([["bar", "Calls", [3, null]], ["bar", "E-mails", [5, 2]]]);
    expect(s.every((x) => x.stack === undefined)).toBe(true);
    expect(o.legend).toMatchObject({ data: ["Calls", "E-mails"] });
  });
  it("stacks the bars of a stacked bar chart", () => {
    expect(seriesOf(touches("stacked_bar")).map((x) => x.stack)).toEqual(["total", "total"]);
  });
  it("draws money as a line in major units, with the row's currency in the tooltip", () => {
    const s = seriesOf(revenueSection());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ type: "line", name: "Revenue", data: [1250.5, 0] });
    expect(s[0].tooltip!.valueFormatter(1250.5, 0)).toMatch(/€1,250\.50/);
    expect(chartOption(revenueSection())!.legend).toBeUndefined();
  });
  it("draws a funnel of the first series in the rows' order", () => {
    const s = seriesOf(funnelSection());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ type: "funnel", sort: "none" });
    expect(s[0].data).toEqual([{ name: "Reach", value: 120 }, { name: "Act", value: 60 }, { name: "Convert", value: 15 }]);
  });
  it("draws a heatmap of every series column × row, leaving empty cells out", () => {
    const o = chartOption(cohorts)!;
    expect(o.xAxis).toMatchObject({ data: ["Month 1", "Month 2"] });
    expect(o.yAxis).toMatchObject({ data: ["Jan 2026", "Feb 2026"] });
    expect(o.visualMap).toMatchObject({ min: 0, max: 100 });
    expect(heatmapData(cohorts)).toEqual([[0, 0, 40], [1, 0, 20], [0, 1, 25]]);
    const s = seriesOf(cohorts)[0] as Series & { label: { show: boolean; formatter: (p: unknown) => string } };
    expect(s.type).toBe("heatmap");
    expect(s.label.show).toBe(true);
    expect(s.label.formatter({ value: [0, 0, 40] })).toBe("40%");
    expect(chartHeight(cohorts)).toBeGreaterThan(100);
  });
  it("draws nothing for 'none', without rows, or without a known series", () => {
    expect(chartOption({ ...funnelSection(), chart: { kind: "none", series: [] } })).toBeNull();
    expect(chartOption({ ...funnelSection(), rows: [] })).toBeNull();
    expect(hasChart({ ...funnelSection(), chart: { kind: "bar", series: ["nope"] } })).toBe(false);
  });
  it("plots money in major units of the currency", () => {
    expect(plotted(125050, "money", "EUR")).toBe(1250.5);
    expect(plotted(1200, "money", "JPY")).toBe(1200);
    expect(plotted(null, "money", "EUR")).toBeNull();
    expect(plotted(42.5, "percent", null)).toBe(42.5);
  });
});
