// The conditions language shared by segments, tiers and personas: labels for comparisons, new
// conditions with sensible values, and the server's messages keyed by their place in the tree.
import type { CoreError, CriteriaField, CritOp, Filter, Rule } from "../bindings";
import { coreOf } from "../lib/api";
import { fieldErrors, isCoreError } from "../lib/errors";

export const OP_LABELS: Record<CritOp, string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  not_contains: "doesn't contain",
  starts_with: "starts with",
  any_of: "is any of",
  none_of: "is none of",
  is_set: "is filled in",
  is_empty: "is empty",
  at_least: "is at least",
  at_most: "is at most",
  within_days: "in the last",
  not_within_days: "not in the last",
  is_true: "yes",
  is_false: "no",
};

/** Some comparisons read better in words of the field's kind. */
export function opLabel(field: CriteriaField | undefined, op: CritOp): string {
  if (field?.kind === "days" && op === "is_set") return "ever";
  if (field?.kind === "days" && op === "is_empty") return "never";
  if (field?.kind === "choice" && op === "is_set") return "has one";
  if (field?.kind === "choice" && op === "is_empty") return "has none";
  return OP_LABELS[op];
}

export const takesValues = (op: CritOp) => !["is_set", "is_empty", "is_true", "is_false"].includes(op);

/** A new condition on `field` with its first comparison and a sensible value. */
export function freshCondition(field: CriteriaField): Rule {
  const op = field.ops[0];
  const values = field.kind === "days" ? ["30"] : field.kind === "number" ? ["50"] : [];
  return { type: "condition", field: field.key, op, values };
}

export const emptyFilter = (): Filter => ({ join: "all", rules: [] });

/** Counts the conditions in a filter (groups not counted). */
export function conditionCount(rules: Rule[]): number {
  return rules.reduce((n, r) => n + (r.type === "condition" ? 1 : conditionCount(r.rules)), 0);
}

/** The server's messages for a filter, keyed by their place ("rules.0.values"), with any prefix removed. */
export function filterErrors(err: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isCoreError(err) || (err as CoreError).kind !== "validation") return out;
  for (const e of (err as Extract<CoreError, { kind: "validation" }>).errors) {
    const key = prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field;
    if (!(key in out)) out[key] = e.message;
  }
  return out;
}

/** Every field's message of a refused save: the form's fields and the filter's rows together. */
export function formErrors(thrown: unknown): Record<string, string> {
  const core = coreOf(thrown);
  return { ...fieldErrors(core), ...filterErrors(core) };
}
