// Test data for tickets and service levels, and their mocked commands (merged into the app's
// mocked bindings by `withCommands`).
import { vi } from "vitest";
import type { CoreError, ServiceLevel, SlaClock, Ticket, TicketDetail, TicketNote } from "../bindings";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
export const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

/** The app's mocked bindings with more commands: `vi.mock("../bindings", () => withCommands(extra))`. */
export async function withCommands(...extra: Record<string, unknown>[]) {
  const { bindings } = await import("../test/fixtures");
  return { ...bindings, commands: Object.assign({}, bindings.commands, ...extra) };
}

const clock = (over: Partial<SlaClock> = {}): SlaClock => ({ due_at: "2026-11-23T12:00:00Z", met_at: null, minutes_left: 80, breached: false, ...over });
export { clock as slaClock };

export const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: "tk-1",
  number: 12,
  subject: "Invoice shows the wrong VAT number",
  description: "The November invoice has last year's VAT number.",
  category: "question",
  priority: "normal",
  status: "open",
  channel: "email",
  contact: { id: "c1", name: "Ada Lovelace" },
  company: null,
  tier: "b",
  opened_at: "2026-11-23T09:00:00Z",
  first_response_at: null,
  solved_at: null,
  closed_at: null,
  first_response: clock(),
  resolution: clock({ due_at: "2026-11-26T09:00:00Z", minutes_left: 4400 }),
  survey_response_id: null,
  ...over,
});

export const note = (over: Partial<TicketNote> = {}): TicketNote => ({
  id: "n-1", body: "Sent the corrected invoice.", public: true, author: "Sam", created_at: "2026-11-23T10:00:00Z", ...over,
});

export const detail = (t: Partial<Ticket> = {}, notes: TicketNote[] = []): TicketDetail => ({ ticket: ticket(t), notes });

export const serviceLevels = (): ServiceLevel[] => [
  { tier: "a", label: "Dedicated, same day", first_response_minutes: 120, resolution_minutes: 480 },
  { tier: "b", label: "Standard, next business day", first_response_minutes: 1440, resolution_minutes: 4320 },
  { tier: "c", label: "Community, within a week", first_response_minutes: 4320, resolution_minutes: 10080 },
];

export const ticketCommands = {
  ticketsList: cmd((): Ticket[] => [ticket()]),
  ticketGet: cmd(() => detail()),
  ticketCreate: cmd(() => detail({ id: "tk-9", number: 13 })),
  ticketUpdate: cmd(() => detail()),
  ticketSetStatus: cmd(() => detail()),
  ticketAddNote: cmd(() => detail()),
  serviceLevels: cmd(serviceLevels),
  serviceLevelSet: cmd(serviceLevels),
  tiersList: cmd(() => []),
};
