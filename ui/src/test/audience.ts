// Test data for segments, personas and tiers.
import { vi } from "vitest";
import type { ContactPersona, CoreError, Tier, TierCount } from "../bindings";
import { criteriaFields, persona, segment, tier } from "./data/audience";

export { criteriaFields, persona, segment, tier };

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

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
