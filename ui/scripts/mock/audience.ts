// Fake segments, personas and priority tiers for the mock back end: a few of each with members
// and conversion rates, and a contact's tier and persona (built with the Vitest fixtures' builders).
import type { ContactPersona, Filter, Persona, PersonaConversion, Segment, SegmentConversion, Tier, TierConversion, TierCount } from "../../src/bindings";
import { criteriaFields, persona, segment, tier } from "../../src/test/data/audience";

type Args = Record<string, unknown>;

const stage = (values: string[]): Filter["rules"][number] => ({ type: "condition", field: "stage", op: "any_of", values });

const segments: Segment[] = [
  segment(),
  segment({ id: "s-2", name: "Hot leads", description: "Score 70 or more, not customers yet", members: 214,
    filter: { join: "all", rules: [{ type: "condition", field: "score", op: "at_least", values: ["70"] }, stage(["reach"])] } }),
  segment({ id: "s-3", name: "New this month", description: null, members: 37,
    filter: { join: "all", rules: [{ type: "condition", field: "last_touch", op: "within_days", values: ["30"] }] } }),
  segment({ id: "s-4", name: "Priority A", description: "Whoever the tiers put first", members: 0,
    filter: { join: "any", rules: [{ type: "condition", field: "tier", op: "any_of", values: ["a"] }] } }),
];

const personas: Persona[] = [
  persona(),
  persona({ id: "p-2", name: "Growing studio", description: "Five to twenty people, busy season in spring", goals: "Win bigger clients",
    pain_points: "Chasing invoices", channels: ["email"], position: 1, members: 41, by_hand: 0 }),
  persona({ id: "p-3", name: "Local shop", description: null, goals: null, pain_points: null, channels: [], position: 2, members: 0, by_hand: 0 }),
];

const tiers: Tier[] = [
  tier(),
  tier({ id: "b", name: "Subscribed or engaged", description: "Warm leads and recent replies", follow_up_days: 3, support_level: "Next working day", members: 134,
    filter: { join: "any", rules: [{ type: "condition", field: "score", op: "at_least", values: ["40"] }, { type: "condition", field: "last_touch", op: "within_days", values: ["30"] }] } }),
  tier({ id: "c", name: "Everyone else", description: null, filter: null, follow_up_days: 7, support_level: "Within the week", members: 96 }),
];

const rate = (leads: number, converted: number) => ({ leads, converted, rate_percent: leads ? Math.round((1000 * converted) / leads) / 10 : null });

export function handleAudience(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "criteria_fields":
      return criteriaFields;
    case "segments_list":
      return segments;
    case "segments_names":
      return segments.map((s) => ({ id: s.id, name: s.name }));
    case "segment_count":
      return 42;
    case "segment_member_ids":
      return [];
    case "segments_conversion":
      return segments.map((s, i): SegmentConversion => ({ segment_id: s.id, conversion: rate(s.members, [2, 31, 5, 0][i] ?? 0) }));
    case "personas_list":
      return personas;
    case "personas_conversion":
      return personas.map((p, i): PersonaConversion => ({ persona_id: p.id, conversion: rate(p.members, [3, 9, 0][i] ?? 0) }));
    case "tiers_list":
      return tiers;
    case "tiers_conversion":
      return tiers.map((t, i): TierConversion => ({ id: t.id, conversion: rate(t.members, [90, 12, 4][i] ?? 0) }));
    case "tier_preview":
      return tiers.map((t): TierCount => ({ id: t.id, members: t.members }));
    case "contact_tier":
      return a.contactId ? tiers[1] : null;
    case "contact_persona_get":
      return { persona: { id: personas[0].id, name: personas[0].name }, by_hand: false } satisfies ContactPersona;
    default:
      return undefined;
  }
}
