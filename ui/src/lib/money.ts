// Money is integer minor units + an ISO currency code; these turn it into text and back.
import { locale, regionalVersion } from "./regional";

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

const formatters = new Map<string, Intl.NumberFormat>();
let formattersVersion = -1;

function formatter(currency: string, compact: boolean): Intl.NumberFormat {
  if (formattersVersion !== regionalVersion()) {
    formatters.clear();
    formattersVersion = regionalVersion();
  }
  const key = `${currency}:${compact}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale(), compact
        ? { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }
        : { style: "currency", currency });
    } catch {
      f = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  return f;
}

/** "€1,250.00" (or "€1.3K" when compact). */
export function formatMoney(minor: number, currency: string, compact = false): string {
  return formatter(currency, compact).format(minor / 10 ** currencyDigits(currency));
}

/** Reads what a person typed ("1,250.50", "1250", "1 250,5") into minor units; null if it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const t = text.trim().replace(/[\s\u00a0']/g, "");
  if (t === "") return null;
  if (!/^-?[\d.,]+$/.test(t)) return null;
  // The last separator followed by 1–2 (or the currency's) digits is the decimal one.
  const m = /^(-?[\d.,]*?)(?:[.,](\d{1,3}))?$/.exec(t);
  if (!m) return null;
  let whole = m[1];
  let frac = m[2] ?? "";
  const digits = currencyDigits(currency);
  if (frac.length === 3 && digits < 3) {
    // "1,250" is a thousands separator, not a fraction.
    whole = `${whole}${frac}`;
    frac = "";
  }
  whole = whole.replace(/[.,]/g, "");
  if (whole === "" || whole === "-") whole += "0";
  if (frac.length > digits) return null;
  const n = Number(whole) * 10 ** digits + (whole.startsWith("-") ? -1 : 1) * Number(frac.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(n) ? n : null;
}

/** Minor units shown in an input ("1250.50"). */
export function minorToInput(minor: number, currency: string): string {
  const d = currencyDigits(currency);
  return d === 0 ? String(minor) : (minor / 10 ** d).toFixed(d);
}
