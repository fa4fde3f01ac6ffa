// Times arrive as UTC ISO strings; people see them in their local time.
import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";
import { hour12, locale, regional, regionalVersion } from "./regional";

dayjs.extend(relativeTime);

// Formatters are made once per regional setting: building an Intl.DateTimeFormat per call is
// what costs, and table cells format dates for every visible row.
type Fmt = { format: (d: Date) => string };
let cache: { version: number; date: Fmt; monthDay: Fmt; shortYear: Fmt; time: Fmt } | null = null;

function parts(f: Intl.DateTimeFormat, d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** A date formatter in the chosen order; `year` "numeric", "2-digit" or none. */
function dateFormatter(year: "numeric" | "2-digit" | undefined): Fmt {
  const r = regional();
  const loc = locale();
  if (r.date_order === "system") {
    const f = new Intl.DateTimeFormat(loc, { year, month: "short", day: "numeric" });
    if (year !== "2-digit") return f;
    // "Jan 19, 27" reads as a day: the short year is marked as one ("Jan 19, '27").
    return { format: (d) => f.formatToParts(d).map((p) => (p.type === "year" ? `'${p.value}` : p.value)).join("") };
  }
  if (r.date_order === "year_month_day") {
    const f = new Intl.DateTimeFormat("en-CA", { year: year ?? "numeric", month: "2-digit", day: "2-digit" });
    return { format: (d) => { const p = parts(f, d); return year ? `${p.year}-${p.month}-${p.day}` : `${p.month}-${p.day}`; } };
  }
  const f = new Intl.DateTimeFormat(loc, { year: year ?? "numeric", month: "short", day: "numeric" });
  const dayFirst = r.date_order === "day_month_year";
  return {
    format: (d) => {
      const p = parts(f, d);
      const md = dayFirst ? `${p.day} ${p.month}` : `${p.month} ${p.day}`;
      if (!year) return md;
      const y = year === "2-digit" ? `'${p.year}` : p.year;
      return dayFirst ? `${md} ${y}` : `${md}, ${y}`;
    },
  };
}

function formatters() {
  const v = regionalVersion();
  if (!cache || cache.version !== v) {
    cache = {
      version: v,
      date: dateFormatter("numeric"),
      monthDay: dateFormatter(undefined),
      shortYear: dateFormatter("2-digit"),
      time: new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", hour12: hour12() }),
    };
  }
  return cache;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return formatters().date.format(new Date(iso));
}

/** "Nov 26" this year, "Nov 26, '24" otherwise (in the chosen order): fits narrow table cells. */
export function formatShortDate(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "—";
  const d = new Date(iso);
  const f = formatters();
  return (d.getFullYear() === now.getFullYear() ? f.monthDay : f.shortYear).format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  const f = formatters();
  return `${f.date.format(d)}, ${f.time.format(d)}`;
}

export function formatTime(iso: string): string {
  return formatters().time.format(new Date(iso));
}

/** A calendar day ("2026-12-06") as the chosen order writes it, with the weekday when asked. */
export function formatDay(day: string, weekday = false): string {
  const [y, m, dd] = day.split("-").map(Number);
  const d = new Date(y, m - 1, dd);
  const text = formatters().date.format(d);
  return weekday ? `${new Intl.DateTimeFormat(locale(), { weekday: "short" }).format(d)} ${text}` : text;
}

/** "3 days ago", "in 2 hours". */
export function relative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "—";
  return dayjs(iso).from(dayjs(now));
}

/** The local calendar day containing `now`, as UTC ISO instants [start, end). */
export function localDayBounds(now: Date = new Date()): { day_start: string; day_end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0, 0, 0);
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 0, 0);
  return { day_start: start.toISOString(), day_end: end.toISOString() };
}

/** Mantine date pickers speak local "YYYY-MM-DD HH:mm:ss" strings; the back end speaks UTC ISO. */
export function pickerToIso(v: string | null): string | null {
  if (!v) return null;
  const d = dayjs(v);
  return d.isValid() ? d.toDate().toISOString() : null;
}

export function isoToPicker(iso: string | null): string | null {
  if (!iso) return null;
  return dayjs(iso).format("YYYY-MM-DD HH:mm:ss");
}

export function isPast(iso: string | null, now: Date = new Date()): boolean {
  return !!iso && new Date(iso).getTime() < now.getTime();
}

/** The dayjs format date pickers show their value in, following the chosen date order and clock. */
export function pickerFormat(withTime = false): string {
  const r = regional();
  let date: string;
  if (r.date_order === "year_month_day") date = "YYYY-MM-DD";
  else if (r.date_order === "month_day_year") date = "MMM D, YYYY";
  else if (r.date_order === "day_month_year") date = "D MMM YYYY";
  else {
    const order = new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric" }).formatToParts(new Date(2026, 11, 6)).map((p) => p.type);
    date = order.indexOf("month") < order.indexOf("day") ? "MMM D, YYYY" : "D MMM YYYY";
  }
  if (!withTime) return date;
  const twelve = hour12() ?? new Intl.DateTimeFormat(locale(), { hour: "numeric" }).resolvedOptions().hour12 === true;
  return `${date} ${twelve ? "h:mm A" : "HH:mm"}`;
}
