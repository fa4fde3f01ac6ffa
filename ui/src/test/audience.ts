// Test data for segments, personas and tiers.
import { vi } from "vitest";
import type { ContactPersona, CoreError, CriteriaField, Persona, Segment, Tier, TierCount } from "../bindings";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

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

export const audienceCommands = {
  criteriaFields: vi.fn(async () => criteriaFields),
  segmentsList: cmd(() => [segment()]),
  segmentsNames: cmd(() => [{ id: "s-1", name: "Customers gone quiet" }]),
  segmentCount: cmd(() => 42),
  segmentCreate: cmd(() => segment({ id: "s-2", name: "New" })),
  segmentUpdate: cmd(() => segment()),
  segmentDelete: cmd(() => null),
  segmentsConversion: cmd(() => [{ segment_id: "s-1", conversion: { leads: 4, converted: 1, rate_percent: 25 } }]),
  segmentMemberIds: cmd(() => ["c-1", "c-2"]),
  personasList: cmd(() => [persona()]),
  personasConversion: cmd(() => [{ persona_id: "p-1", conversion: { leads: 10, converted: 3, rate_percent: 30 } }]),
  personaCreate: cmd(() => persona()),
  personaUpdate: cmd(() => persona()),
  personaDelete: cmd(() => null),
  personasReorder: cmd(() => [persona()]),
  contactPersonaGet: cmd((): ContactPersona => ({ persona: { id: "p-1", name: "Busy café owner" }, by_hand: false })),
  contactPersonaSet: cmd((): ContactPersona => ({ persona: { id: "p-1", name: "Busy café owner" }, by_hand: true })),
  tiersList: cmd(() => [tier(), tier({ id: "b", name: "Subscribed or engaged", follow_up_days: 3, members: 134 }), tier({ id: "c", name: "Everyone else", filter: null, follow_up_days: 7, members: 96 })]),
  tiersConversion: cmd(() => [
    { id: "a" as const, conversion: { leads: 72, converted: 72, rate_percent: 100 } },
    { id: "b" as const, conversion: { leads: 134, converted: 0, rate_percent: 0 } },
    { id: "c" as const, conversion: { leads: 0, converted: 0, rate_percent: null } },
  ]),
  tierPreview: cmd((): TierCount[] => [{ id: "a", members: 50 }, { id: "b", members: 150 }, { id: "c", members: 120 }]),
  tierUpdate: cmd(() => tier()),
  contactTier: cmd((): Tier | null => tier()),
};
