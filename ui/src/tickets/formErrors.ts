// Field errors for the after-sale forms (tickets, service levels, surveys, reviews, rewards).
// Like lib/errors' fieldErrors, but where the back end's own words say more than the generic
// sentence ("A NPS score is from 0 to 10 (11 given).", "Say who asked: a contact or a company.")
// they are shown as they come.
import type { FieldError } from "../bindings";
import { fieldErrorMessage, isCoreError } from "../lib/errors";
import { coreOf } from "../lib/api";

const GENERIC = new Set(["This field is required."]);
const OWN_WORDS = new Set(["out_of_range", "required", "not_found", "invalid_link", "before_response", "closed", "not_referred"]);

export function messageFor(e: FieldError): string {
  if (OWN_WORDS.has(e.code) && e.message && !GENERIC.has(e.message)) return e.message;
  return fieldErrorMessage(e);
}

/** Errors keyed by field; the first error per field wins. */
export function formErrors(err: unknown): Record<string, string> {
  const core = coreOf(err);
  const out: Record<string, string> = {};
  if (!isCoreError(core) || core.kind !== "validation") return out;
  for (const e of core.errors) if (!(e.field in out)) out[e.field] = messageFor(e);
  return out;
}

/** One sentence for an error that belongs to no field shown (a status change refused…). */
export function problemOf(err: unknown): string | null {
  const core = coreOf(err);
  if (isCoreError(core) && core.kind === "validation" && core.errors.length > 0) return core.errors.map(messageFor).join(" ");
  return null;
}
