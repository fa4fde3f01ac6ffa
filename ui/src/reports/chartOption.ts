// A section's chart as an ECharts option (pure, so it is tested without a canvas): the row labels
// along the axis and one series per `chart.series` column; a funnel draws the first series; a
// heatmap draws every series column × row, coloured 0–100 %.
import type { ComposeOption } from "echarts/core";
import type { BarSeriesOption, FunnelSeriesOption, HeatmapSeriesOption, LineSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from "echarts/components";
import type { Column, Row, Section, Unit } from "../bindings";
import { currencyDigits } from "../lib/money";
import { formatValue } from "./format";
import { defaultCurrency } from "../lib/regional";

/** Hearth's ember first, then clear, distinct colours. */
export const PALETTE = ["#e37700", "#228be6", "#40c057", "#fa5252", "#7950f2", "#15aabf", "#fab005", "#e64980", "#868e96"];

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The series columns of a section with their index in the rows' cells (unknown keys skipped). */
export function seriesColumns(section: Section): { column: Column; index: number }[] {
  const out: { column: Column; index: number }[] = [];
  for (const key of section.chart.series) {
    const index = section.columns.findIndex((c) => c.key === key);
    if (index >= 0) out.push({ column: section.columns[index], index });
  }
  return out;
}

/** A cell as the chart plots it: money in major units (minor units ÷ 10^digits), the rest as is. */
export function plotted(v: number | null | undefined, unit: Unit, currency: string | null): number | null {
  if (v === null || v === undefined) return null;
  if (unit === "money") return v / 10 ** currencyDigits(currency ?? defaultCurrency());
  return v;
}

/** Whether a section draws a chart at all (a chart kind, rows, and a series to draw). */
export function hasChart(section: Section): boolean {
  return section.chart.kind !== "none" && section.rows.length > 0 && seriesColumns(section).length > 0;
}

/** A sensible height for the chart of a section, in pixels. */
export function chartHeight(section: Section): number {
  if (section.chart.kind === "heatmap") return Math.min(640, 120 + 32 * section.rows.length);
  return 300;
}

/** The tooltip text of one cell: the row's own currency for money. */
function cellText(rows: Row[], unit: Unit, dataIndex: number, index: number): string {
  const row = rows[dataIndex];
  return formatValue(row?.cells[index] ?? null, unit, row?.currency ?? null);
}

function axisLabel(unit: Unit, rows: Row[]): (v: number) => string {
  const currency = rows.find((r) => r.currency)?.currency ?? null;
  return (v: number) => {
    if (unit === "money") return formatValue(v * 10 ** currencyDigits(currency ?? defaultCurrency()), "money", currency, true);
    if (unit === "percent") return `${v}%`;
    return String(v);
  };
}

function cartesian(section: Section): ChartOption {
  const cols = seriesColumns(section);
  const stacked = section.chart.kind === "stacked_bar";
  const line = section.chart.kind === "line";
  const series = cols.map(({ column, index }): BarSeriesOption | LineSeriesOption => {
    const data = section.rows.map((r) => plotted(r.cells[index], column.unit, r.currency));
    const tooltip = { valueFormatter: (_v: unknown, dataIndex: number) => cellText(section.rows, column.unit, dataIndex, index) };
    if (line) return { type: "line", id: column.key, name: column.label, data, smooth: false, showSymbol: true, connectNulls: false, tooltip };
    return { type: "bar", id: column.key, name: column.label, data, tooltip, ...(stacked ? { stack: "total" } : {}) };
  });
  return {
    color: PALETTE,
    grid: { left: 8, right: 16, top: cols.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", confine: true },
    legend: cols.length > 1 ? { top: 0, data: cols.map((c) => c.column.label) } : undefined,
    xAxis: { type: "category", data: section.rows.map((r) => r.label), axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", axisLabel: { formatter: axisLabel(cols[0]?.column.unit ?? "count", section.rows) } },
    series,
  };
}

function funnel(section: Section): ChartOption {
  const first = seriesColumns(section)[0];
  const rows = section.rows;
  return {
    color: PALETTE,
    tooltip: { trigger: "item", confine: true },
    series: [
      {
        type: "funnel",
        id: first.column.key,
        name: first.column.label,
        sort: "none",
        left: "10%",
        right: "10%",
        top: 8,
        bottom: 8,
        minSize: "18%",
        gap: 2,
        label: { show: true, position: "inside", formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex].label}: ${cellText(rows, first.column.unit, p.dataIndex, first.index)}` },
        tooltip: { valueFormatter: (_v: unknown, dataIndex: number) => cellText(rows, first.column.unit, dataIndex, first.index) },
        data: rows.map((r) => ({ name: r.label, value: plotted(r.cells[first.index], first.column.unit, r.currency) ?? 0 })),
      },
    ],
  };
}

/** Heatmap cells as [column, row, value]; empty (null) cells are left out, so they stay blank. */
export function heatmapData(section: Section): [number, number, number][] {
  const cols = seriesColumns(section);
  const out: [number, number, number][] = [];
  section.rows.forEach((r, y) => {
    cols.forEach(({ index }, x) => {
      const v = r.cells[index];
      if (v !== null && v !== undefined) out.push([x, y, v]);
    });
  });
  return out;
}

function heatmap(section: Section): ChartOption {
  const cols = seriesColumns(section);
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 72, containLabel: true },
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number] }).value;
        return `${section.rows[v[1]].label} · ${cols[v[0]].column.label}: ${formatValue(v[2], "percent")}`;
      },
    },
    xAxis: { type: "category", data: cols.map((c) => c.column.label), splitArea: { show: true } },
    yAxis: { type: "category", data: section.rows.map((r) => r.label), inverse: true, splitArea: { show: true } },
    visualMap: { type: "continuous", min: 0, max: 100, calculable: true, orient: "horizontal", left: "center", bottom: 4, itemWidth: 12, itemHeight: 160,
      formatter: (v: unknown) => `${Math.round(Number(v))}%`,
      inRange: { color: ["#fff4e6", "#ffb664", "#e37700", "#b05800"] } },
    series: [
      {
        type: "heatmap",
        id: section.key,
        name: section.title,
        data: heatmapData(section),
        label: { show: true, formatter: (p: unknown) => formatValue((p as { value: [number, number, number] }).value[2], "percent") },
      },
    ],
  };
}

/** The ECharts option of a section's chart; null when it draws none. */
export function chartOption(section: Section): ChartOption | null {
  if (!hasChart(section)) return null;
  switch (section.chart.kind) {
    case "bar":
    case "stacked_bar":
    case "line":
      return cartesian(section);
    case "funnel":
      return funnel(section);
    case "heatmap":
      return heatmap(section);
    default:
      return null;
  }
}
