// Template text helpers: inserting a merge field where the cursor is, and advice for fields a
// contact has no value for.

/** `insert` replaces the selection [start, end) of `text`; the cursor goes after it. */
export function insertAt(text: string, start: number | null, end: number | null, insert: string): { text: string; cursor: number } {
  const s = Math.max(0, Math.min(start ?? text.length, text.length));
  const e = Math.max(s, Math.min(end ?? s, text.length));
  return { text: text.slice(0, s) + insert + text.slice(e), cursor: s + insert.length };
}

export const placeholder = (key: string) => `{{${key}}}`;

/** What a built-in field holds, as a noun ("Ana has no company"). */
const NOUNS: Record<string, string> = {
  first_name: "first name",
  last_name: "last name",
  full_name: "name",
  email: "e-mail address",
  title: "job title",
  company: "company",
  city: "city",
  country: "country",
};

/** A fallback that reads well in most e-mails. */
const FALLBACKS: Record<string, string> = {
  first_name: "there",
  full_name: "there",
  company: "your team",
  title: "your role",
  city: "your area",
  country: "your country",
};

/** The first word of a name ("Ana Costa" → "Ana"), or "This contact". */
export function firstName(name: string | null | undefined): string {
  const n = (name ?? "").trim().split(/\s+/)[0];
  return n || "This contact";
}

/**
 * One sentence per field the contact has no value for:
 * "Ana has no company: add a fallback like {{company|your team}}."
 */
export function missingAdvice(name: string | null | undefined, missing: string[], labels: Record<string, string> = {}): string[] {
  const who = firstName(name);
  return missing.map((key) => {
    if (key === "owner_name") return "Your name is not set (Settings → Your name): the e-mail would leave it empty.";
    if (key === "signature") return "Your signature is empty (Settings → E-mail): add one, or a fallback like {{signature|The team}}.";
    const noun = NOUNS[key];
    const fallback = FALLBACKS[key] ?? "…";
    if (!noun) {
      const label = labels[key] ?? key;
      return `{{${key}}} (${label}) has no value: fill it in (Settings → Custom merge fields) or add a fallback like {{${key}|${fallback}}}.`;
    }
    return `${who} has no ${noun}: add a fallback like {{${key}|${fallback}}}.`;
  });
}
