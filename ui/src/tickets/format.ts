// Tickets in words: statuses, priorities, categories, channels, and the service-level clocks
// ("First response due in 1 h 20 min", "Resolution overdue by 2 h").
import type { SlaClock, Ticket, TicketCategory, TicketChannel, TicketPriority, TicketStatus } from "../bindings";

export const TICKET_STATUSES: TicketStatus[] = ["new", "open", "waiting", "solved", "closed"];
export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  waiting: "Waiting on customer",
  solved: "Solved",
  closed: "Closed",
};
export const STATUS_COLORS: Record<TicketStatus, string> = { new: "blue", open: "ember", waiting: "yellow", solved: "teal", closed: "gray" };

export const PRIORITIES: TicketPriority[] = ["low", "normal", "high", "urgent"];
export const PRIORITY_LABELS: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };
export const PRIORITY_COLORS: Record<TicketPriority, string> = { low: "gray", normal: "blue", high: "orange", urgent: "red" };

export const CATEGORIES: TicketCategory[] = ["question", "technical", "success"];
export const CATEGORY_LABELS: Record<TicketCategory, string> = { question: "Question", technical: "Technical", success: "Success / check-in" };

export const CHANNELS: TicketChannel[] = ["email", "phone", "chat", "in_person", "web"];
export const CHANNEL_LABELS: Record<TicketChannel, string> = { email: "E-mail", phone: "Phone", chat: "Chat", in_person: "In person", web: "Web form" };

export const options = <T extends string>(values: T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

/** "1 h 20 min", "45 min", "3 days 4 h". */
export function durationWords(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 1) return "less than a minute";
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const d = Math.floor(m / (24 * 60));
  const h = Math.floor((m % (24 * 60)) / 60);
  return `${d} ${d === 1 ? "day" : "days"}${h ? ` ${h} h` : ""}`;
}

export type ClockState = "none" | "due" | "soon" | "overdue" | "met" | "met_late";

/** Within this many minutes a target is "due soon" (shown in orange, with a clock icon). */
export const SOON_MINUTES = 60;

export function clockState(c: SlaClock): ClockState {
  if (!c.due_at) return "none";
  if (c.met_at) return c.breached ? "met_late" : "met";
  const left = c.minutes_left ?? 0;
  if (left < 0 || c.breached) return "overdue";
  return left <= SOON_MINUTES ? "soon" : "due";
}

/** "due in 1 h 20 min", "overdue by 2 h", "met", "met 35 min late", "no target". */
export function clockWords(c: SlaClock): string {
  const state = clockState(c);
  switch (state) {
    case "none":
      return "no target";
    case "met":
      return "met in time";
    case "met_late": {
      const late = c.met_at && c.due_at ? (Date.parse(c.met_at) - Date.parse(c.due_at)) / 60000 : 0;
      return late >= 1 ? `met ${durationWords(late)} late` : "met late";
    }
    case "overdue":
      return `overdue by ${durationWords(c.minutes_left ?? 0)}`;
    default:
      return `due in ${durationWords(c.minutes_left ?? 0)}`;
  }
}

export const CLOCK_NAMES = { first_response: "First response", resolution: "Resolution" } as const;
export type ClockName = keyof typeof CLOCK_NAMES;

/** The target that matters now: the first response until it is met, then the resolution; for a
 * finished ticket, the one that was missed (if one was). */
export function pendingClock(t: Ticket): ClockName {
  if (t.first_response.due_at && !t.first_response.met_at) return "first_response";
  if (!isOpen(t) && t.first_response.breached && !t.resolution.breached) return "first_response";
  return "resolution";
}

export const isBreached = (t: Ticket) => t.first_response.breached || t.resolution.breached;
export const isOpen = (t: Ticket) => t.status === "new" || t.status === "open" || t.status === "waiting";

/** Who asked: the contact, else the company. */
export function customerOf(t: Ticket): { name: string; to: string } | null {
  if (t.contact) return { name: t.contact.name, to: `/contacts/${t.contact.id}` };
  if (t.company) return { name: t.company.name, to: `/companies/${t.company.id}` };
  return null;
}

export const ticketLabel = (t: Pick<Ticket, "number">) => `#${t.number}`;
