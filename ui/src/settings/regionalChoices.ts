// The choices on the Regional formats card: currencies and languages with readable names.
import { CURRENCIES } from "../products/format";

/** Languages and regions offered (any other tag can be set with `hearth-cli settings regional`). */
export const LOCALES = [
  "en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-IE", "en-IN", "en-ZA", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE", "fr-CA", "fr-CH",
  "it-IT", "it-CH", "es-ES", "es-MX", "es-AR", "pt-PT", "pt-BR", "nl-NL", "nl-BE", "sv-SE", "nb-NO", "da-DK", "fi-FI", "is-IS", "pl-PL",
  "cs-CZ", "sk-SK", "hu-HU", "ro-RO", "el-GR", "tr-TR", "uk-UA", "ja-JP", "ko-KR", "zh-CN", "zh-TW", "he-IL", "ar-AE", "hi-IN",
];

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function displayNames(type: "language" | "currency"): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames(["en"], type === "language" ? { type, languageDisplay: "standard" } : { type });
  } catch {
    return null;
  }
}

/** The display name of `code`, or null (engines differ in which codes they accept: WebKit throws
 * on some that V8 names). */
function nameOf(type: "language" | "currency", code: string): string | null {
  try {
    return displayNames(type)?.of(code) ?? null;
  } catch {
    return null;
  }
}

/** "en-GB" → "English (United Kingdom) — en-GB". */
export function localeLabel(tag: string): string {
  const name = nameOf("language", tag);
  return name && name !== tag ? `${name} — ${tag}` : tag;
}

/** `codes` (the back end's list) named for people: "CHF — Swiss Franc"; `current` kept first. */
export function currencyChoices(current: string, codes: string[] = CURRENCIES): { value: string; label: string }[] {
  return [...new Set([current, ...codes].filter(Boolean))].map((c) => {
    const name = nameOf("currency", c);
    return { value: c, label: name && name !== c ? `${c} — ${name}` : c };
  });
}
