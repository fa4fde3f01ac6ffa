// The owner's regional formats (Settings → Regional formats), held for the whole UI: the
// formatters in dates.ts, money.ts and numbers.ts read them, and the date pickers take the first
// day of the week. Loaded once at start; saving in Settings applies them at once.
import { useSyncExternalStore } from "react";
import type { RegionalInput } from "../bindings";

export const SYSTEM: RegionalInput = { currency: "EUR", locale: "", date_order: "system", clock: "system", week_start: "system" };

let current: RegionalInput = SYSTEM;
let version = 0;
const listeners = new Set<() => void>();

export function regional(): RegionalInput {
  return current;
}

/** Bumped on every change: formatters cached under an older version are rebuilt. */
export function regionalVersion(): number {
  return version;
}

export function applyRegional(r: RegionalInput): void {
  current = r;
  version += 1;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Re-renders the caller when the formats change. */
export function useRegional(): RegionalInput {
  return useSyncExternalStore(subscribe, regional, regional);
}

/** The locale to hand to Intl (`undefined`: the system's). */
export function locale(): string | undefined {
  return current.locale || systemLocale();
}

let system: { locale: string | undefined } | null = null;

/**
 * `undefined` (Intl's default), except on a system with no language set (the C/POSIX locale,
 * "en-US-u-va-posix"): ICU's POSIX formats are "€ 13850.00" and "Jan 19, 27", so Hearth uses
 * US English there, as a person reading it would expect.
 */
function systemLocale(): string | undefined {
  if (system === null) {
    let tag = "";
    try {
      tag = new Intl.NumberFormat().resolvedOptions().locale;
    } catch {
      /* no Intl data at all: leave it to the defaults */
    }
    system = { locale: /posix/i.test(tag) ? "en-US" : undefined };
  }
  return system.locale;
}

/** Forgets the system's locale as read (tests that change it). */
export function resetSystemLocale(): void {
  system = null;
}

/** The currency for new deals, orders, products and goals. */
export function defaultCurrency(): string {
  return current.currency;
}

/** 12- or 24-hour times as chosen (`undefined`: the locale's own). */
export function hour12(): boolean | undefined {
  return current.clock === "system" ? undefined : current.clock === "h12";
}

type Day = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The locale's first day of the week (0 Sunday … 6 Saturday), Monday when it cannot be told. */
export function localeWeekStart(tag: string | undefined): Day {
  try {
    const loc = new Intl.Locale(tag ?? new Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info) return (info.firstDay % 7) as Day;
    // Engines without week data: the regions that start on Sunday or Saturday.
    const region = loc.maximize().region ?? "";
    if (["US", "CA", "MX", "BR", "JP", "KR", "IL", "PH", "AU", "ZA", "IN", "TW", "HK", "SA"].includes(region)) return 0;
    if (["AE", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SY"].includes(region)) return 6;
  } catch {
    // An unknown tag: fall through.
  }
  return 1;
}

/** The first day of calendar weeks, 0 Sunday … 6 Saturday. */
export function firstDayOfWeek(r: RegionalInput = current): Day {
  switch (r.week_start) {
    case "monday": return 1;
    case "saturday": return 6;
    case "sunday": return 0;
    default: return localeWeekStart(r.locale || undefined);
  }
}
