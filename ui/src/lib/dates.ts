// Times arrive as UTC ISO strings; people see them in their local time.
import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";

dayjs.extend(relativeTime);

// Formatters are made once: building an Intl.DateTimeFormat per call is what costs, and
// table cells format dates for every visible row.
const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const monthDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const shortYear = new Intl.DateTimeFormat(undefined, { year: "2-digit", month: "short", day: "numeric" });
const dateTime = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return dateFormat.format(new Date(iso));
}

/** "Nov 26" this year, "Nov 26, 2024" otherwise: fits narrow table cells. */
export function formatShortDate(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return (d.getFullYear() === now.getFullYear() ? monthDay : shortYear).format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return dateTime.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
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
