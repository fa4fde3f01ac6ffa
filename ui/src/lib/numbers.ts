// Counts and plain numbers in the chosen language and region ("12,345" or "12 345" or "12.345").
import { locale, regionalVersion } from "./regional";

let cached: { version: number; f: Intl.NumberFormat } | null = null;

export function formatNumber(n: number): string {
  if (!cached || cached.version !== regionalVersion()) {
    cached = { version: regionalVersion(), f: new Intl.NumberFormat(locale()) };
  }
  return cached.f.format(n);
}
