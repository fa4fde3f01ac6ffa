// The reports' filter (period, segment, pipeline): presets, the period they mean, and the URL
// search params that keep the filter while moving between reports.
import type { Period, ReportParams } from "../bindings";

/**
 * "dN": the last N days up to now (the CLI's default period is `dN` with the report's default
 * days, so the same numbers come out); "m12": the last 12 calendar months up to now; "year":
 * since 1 January (local) up to now; "custom": the picked days, both included.
 */
export type Preset = `d${number}` | "m12" | "year" | "custom";

export interface Filter {
  /** null: the report's own default (the last `default_days` days). */
  preset: Preset | null;
  /** Custom range: first and last day ("YYYY-MM-DD", local), both included. */
  from: string | null;
  to: string | null;
  segment: string | null;
  pipeline: string | null;
}

export const EMPTY_FILTER: Filter = { preset: null, from: null, to: null, segment: null, pipeline: null };

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function presetLabel(p: Preset): string {
  if (p === "m12") return "Last 12 months";
  if (p === "year") return "This year";
  if (p === "custom") return "Custom range";
  return `Last ${p.slice(1)} days`;
}

/** The choices of the period select: the usual ones plus the report's default when it differs. */
export function presetOptions(defaultDays: number): { value: Preset; label: string }[] {
  const list: Preset[] = ["d30", "d90"];
  const own: Preset = `d${defaultDays}`;
  if (!list.includes(own)) list.push(own);
  list.push("m12", "year", "custom");
  return list.map((value) => ({ value, label: presetLabel(value) }));
}

function isPreset(v: string | null): v is Preset {
  return v === "m12" || v === "year" || v === "custom" || (!!v && /^d[1-9]\d{0,4}$/.test(v));
}

/** A local "YYYY-MM-DD" day as the instant its day starts, `plus` days later. */
function dayStart(day: string, plus = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d + plus);
}

/** The local day of an instant as "YYYY-MM-DD". */
export function dayOf(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The half-open period [from, to) a preset means at `now` (custom: the picked days). */
export function rangeFor(preset: Preset, now: Date, custom?: { from: string | null; to: string | null }): Period {
  const to = now.toISOString();
  if (preset === "year") return { from: new Date(now.getFullYear(), 0, 1).toISOString(), to };
  if (preset === "m12") {
    const from = new Date(now);
    from.setFullYear(now.getFullYear() - 1);
    return { from: from.toISOString(), to };
  }
  if (preset === "custom") {
    if (custom?.from && custom.to && DAY_RE.test(custom.from) && DAY_RE.test(custom.to)) {
      const [a, b] = custom.from <= custom.to ? [custom.from, custom.to] : [custom.to, custom.from];
      return { from: dayStart(a).toISOString(), to: dayStart(b, 1).toISOString() };
    }
    return rangeFor("d90", now);
  }
  const days = Number(preset.slice(1));
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to };
}

/** The preset in force: the chosen one, else the report's default. */
export function presetOf(f: Filter, defaultDays: number): Preset {
  if (f.preset === "custom" && !(f.from && f.to)) return `d${defaultDays}`;
  return f.preset ?? `d${defaultDays}`;
}

/** What the report is asked for under the filter at `now`. */
export function paramsOf(f: Filter, defaultDays: number, now: Date, withPipeline: boolean): ReportParams {
  const period = rangeFor(presetOf(f, defaultDays), now, f);
  return { from: period.from, to: period.to, segment_id: f.segment, pipeline_id: withPipeline ? f.pipeline : null };
}

/**
 * The filter from the URL: `?range=d30|d90|m12|year`, or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (a
 * custom range, both days included), `&segment=<id>`, `&pipeline=<id>`. Unknown values are
 * ignored (the report's default applies).
 */
export function filterFromSearch(sp: URLSearchParams): Filter {
  const from = sp.get("from");
  const to = sp.get("to");
  const range = sp.get("range");
  const custom = !!from && !!to && DAY_RE.test(from) && DAY_RE.test(to);
  const preset: Preset | null = custom ? "custom" : isPreset(range) && range !== "custom" ? range : null;
  return {
    preset,
    from: custom ? from : null,
    to: custom ? to : null,
    segment: sp.get("segment") || null,
    pipeline: sp.get("pipeline") || null,
  };
}

/** The URL search params of a filter (the default period writes nothing). */
export function filterToSearch(f: Filter): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.preset === "custom") {
    if (f.from && f.to) {
      sp.set("from", f.from);
      sp.set("to", f.to);
    }
  } else if (f.preset) {
    sp.set("range", f.preset);
  }
  if (f.segment) sp.set("segment", f.segment);
  if (f.pipeline) sp.set("pipeline", f.pipeline);
  return sp;
}

/** The file name a CSV export suggests: "hearth-funnel-2026-01-01-2026-03-31.csv" (local days, both included). */
export function csvName(name: string, p: Period): string {
  const last = new Date(new Date(p.to).getTime() - 1);
  return `hearth-${name}-${dayOf(new Date(p.from))}-${dayOf(last)}.csv`;
}

/** The period of the same length just before (as the back end compares with). */
export function previousOf(p: Period): Period {
  const from = new Date(p.from).getTime();
  const to = new Date(p.to).getTime();
  return { from: new Date(from - (to - from)).toISOString(), to: p.from };
}
