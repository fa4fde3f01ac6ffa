// Typed data builders for tickets and service levels: shared by the Vitest fixtures
// (src/tickets/testing.ts) and the mock back end (scripts/mock/); no test-runner imports.
import type { ServiceLevel, SlaClock, Ticket, TicketDetail, TicketNote } from "../../bindings";

export const slaClock = (over: Partial<SlaClock> = {}): SlaClock => ({ due_at: "2026-11-23T12:00:00Z", met_at: null, minutes_left: 80, breached: false, ...over });

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
  first_response: slaClock(),
  resolution: slaClock({ due_at: "2026-11-26T09:00:00Z", minutes_left: 4400 }),
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
