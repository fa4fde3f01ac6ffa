// Words for consent purposes and states.
import type { Consent, Purpose } from "../bindings";

export const PURPOSES: { value: Purpose; label: string }[] = [
  { value: "marketing_email", label: "Marketing e-mail" },
  { value: "newsletter", label: "Newsletter" },
  { value: "phone_calls", label: "Phone calls" },
  { value: "sms", label: "Text messages (SMS)" },
];

export function purposeLabel(p: Purpose): string {
  return PURPOSES.find((x) => x.value === p)?.label ?? p;
}

/** Purposes with no entry yet, so the card can say "no consent on record". */
export function unrecorded(current: Consent[]): Purpose[] {
  const have = new Set(current.map((c) => c.purpose));
  return PURPOSES.map((p) => p.value).filter((p) => !have.has(p));
}

/** "Text messages (SMS)" → "text messages (SMS)": for labels inside a sentence. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
