// Typed data builders for segments, personas and tiers: shared by the Vitest fixtures
// (src/test/audience.ts) and the mock back end (scripts/mock/); no test-runner imports.
import type { CriteriaField, Persona, Segment, Tier } from "../../bindings";

export const criteriaFields: CriteriaField[] = [
  { key: "first_name", label: "First name", group: "Contact", kind: "text", ops: ["is", "is_not", "contains", "is_set"], source: null, choices: [], unit: null },
  {
    key: "stage", label: "Lifecycle stage", group: "Contact", kind: "choice", ops: ["any_of", "none_of"], source: "fixed",
    choices: [{ value: "reach", label: "New lead" }, { value: "retention", label: "Customer" }], unit: null,
  },
  { key: "score", label: "Lead score", group: "Score", kind: "number", ops: ["at_least", "at_most"], source: null, choices: [], unit: "points" },
  { key: "last_touch", label: "Last contacted", group: "Activity", kind: "days", ops: ["within_days", "not_within_days"], source: null, choices: [], unit: null },
  { key: "tier", label: "Priority tier", group: "Score", kind: "choice", ops: ["any_of"], source: "fixed", choices: [{ value: "a", label: "A" }], unit: null },
];

export const segment = (over: Partial<Segment> = {}): Segment => ({
  id: "s-1",
  name: "Customers gone quiet",
  description: "Nobody called them in 90 days",
  filter: { join: "all", rules: [{ type: "condition", field: "stage", op: "any_of", values: ["retention"] }, { type: "condition", field: "last_touch", op: "not_within_days", values: ["90"] }] },
  members: 8,
  ...over,
});

export const persona = (over: Partial<Persona> = {}): Persona => ({
  id: "p-1", name: "Busy café owner", description: "Up at 6", goals: "Regulars", pain_points: "No time", channels: ["phone", "in_person"],
  filter: null, position: 0, members: 12, by_hand: 2, ...over,
});

export const tier = (over: Partial<Tier> = {}): Tier => ({
  id: "a", name: "Past and repeat buyers", description: "Customers", filter: { join: "any", rules: [{ type: "condition", field: "stage", op: "any_of", values: ["retention"] }] },
  follow_up_days: 1, support_level: "Dedicated, same day", members: 90, ...over,
});
