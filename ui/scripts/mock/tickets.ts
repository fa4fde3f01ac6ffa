// Fake support tickets for the mock back end: a queue with clocks running, met and breached, some
// solved and closed ones, and a conversation on each (built with the Vitest fixtures' builders).
import type { CoreError, EntityRef, SlaClock, Ticket, TicketDetail, TicketInput, TicketNote, TicketQuery, TicketStatus } from "../../src/bindings";
import { note, serviceLevels, slaClock, ticket } from "../../src/test/data/tickets";
import { contacts } from "./data";

type Args = Record<string, unknown>;
const fail = (e: CoreError) => e;
const MIN = 60_000;
const now = Date.now();
const at = (minutesFromNow: number) => new Date(now + minutesFromNow * MIN).toISOString();
const person = (i: number): EntityRef => ({ id: contacts[i].id, name: contacts[i].display_name });
const companyOf = (i: number): EntityRef | null => contacts[i].company;

/** A clock due `due` minutes from now (negative: overdue), met `met` minutes from now when given. */
function clock(due: number, met: number | null = null): SlaClock {
  return slaClock({ due_at: at(due), met_at: met === null ? null : at(met), minutes_left: met === null ? due : null, breached: met === null ? due < 0 : met > due });
}

type Seed = [subject: string, over: Partial<Ticket>, openedMinutesAgo: number, notes: [string, boolean, string | null, number][]];
const SEEDS: Seed[] = [
  ["Card payment declined at checkout", { priority: "urgent", status: "new", category: "technical", channel: "phone", tier: "a",
    description: "Their customers' cards are declined at the last step of the shop's checkout since this morning; two different cards tried." }, 95,
    [["Asked the payment provider for the decline code; waiting on their answer before calling back.", false, "Aisha", 30]]],
  ["Invoice shows the wrong VAT number", { priority: "high", status: "open", category: "question", tier: "b", description: "The November invoice still has last year's VAT number; their accountant needs a corrected one." }, 26 * 60,
    [["Thanks for flagging this — I'm checking with accounts and will send a corrected invoice today.", true, "Hannah", 20 * 60], ["Accounts say the VAT number changed in October; the template still has the old one.", false, "Hannah", 6 * 60]]],
  ["Can't log in to the booking page", { priority: "normal", status: "open", category: "technical", channel: "chat", description: "The booking page says the password is wrong, even after a reset." }, 5 * 60, []],
  ["Question about the spring menu shoot", { priority: "low", status: "waiting", category: "question", channel: "email" }, 2 * 24 * 60 + 5 * 60,
    [["We can do the 14th or the 16th — which suits you better?", true, "Marco", 2 * 24 * 60]]],
  ["Quarterly check-in", { priority: "normal", status: "new", category: "success", channel: "in_person", tier: "a" }, 40, []],
  ["Logo files in the wrong colour profile", { priority: "high", status: "open", category: "technical", channel: "web" }, 4 * 24 * 60,
    [["Sorry about that — new CMYK files are on their way.", true, "Aisha", 3 * 24 * 60]]],
  ["Receipt for the October order", { priority: "low", status: "solved", category: "question" }, 9 * 24 * 60,
    [["Here is the receipt, attached as a PDF.", true, "Hannah", 8 * 24 * 60]]],
  ["Unhappy with the delivery time", { priority: "normal", status: "closed", category: "success", survey_response_id: "sv-3" }, 20 * 24 * 60,
    [["I'm sorry it took so long; we've moved you to the express queue.", true, "Marco", 19 * 24 * 60], ["Customer happy with the answer.", false, "Marco", 18 * 24 * 60]]],
];

const first = (t: Seed) => t[3].find(([, pub]) => pub);
const tickets: Ticket[] = SEEDS.map((s, i) => {
  const [subject, over, ago] = s;
  const opened = -ago;
  const reply = first(s);
  const ended = over.status === "solved" || over.status === "closed" ? opened + 2 * 24 * 60 : null;
  const fr = over.tier === "a" ? 120 : 1440;
  const res = over.tier === "a" ? 480 : 4320;
  return ticket({
    id: `tk-${i + 1}`, number: 101 + i, subject, description: null,
    contact: person(i * 7 + 3), company: companyOf(i * 7 + 3), opened_at: at(opened),
    first_response_at: reply ? at(-reply[3]) : null, solved_at: ended === null ? null : at(ended), closed_at: over.status === "closed" && ended !== null ? at(ended + 60) : null,
    first_response: clock(opened + fr, reply ? -reply[3] : null), resolution: clock(opened + res, ended), tier: "b", ...over,
  });
});
const notes = new Map<string, TicketNote[]>(SEEDS.map((s, i) => [
  tickets[i].id, s[3].map(([body, pub, author, ago], k) => note({ id: `tn-${i}-${k}`, body, public: pub, author, created_at: at(-ago) })),
]));

const OPEN: TicketStatus[] = ["new", "open", "waiting"];
const RANK = { urgent: 0, high: 1, normal: 2, low: 3 };
const detailOf = (t: Ticket): TicketDetail => ({ ticket: t, notes: notes.get(t.id) ?? [] });
function get(id: string): Ticket {
  const t = tickets.find((x) => x.id === id);
  if (!t) throw fail({ kind: "not_found", entity: "ticket", id });
  return t;
}
function fromInput(t: Ticket, input: TicketInput): Ticket {
  const c = contacts.find((x) => x.id === input.contact_id);
  return {
    ...t, subject: input.subject, description: input.description, category: input.category, priority: input.priority, channel: input.channel,
    contact: c ? { id: c.id, name: c.display_name } : null, company: c?.company ?? null,
  };
}

export function handleTickets(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "tickets_list": {
      const q = a.query as TicketQuery;
      const rows = tickets.filter((t) =>
        (!q.queue || OPEN.includes(t.status)) && (!q.status || t.status === q.status) &&
        (!q.contact_id || t.contact?.id === q.contact_id) && (!q.company_id || t.company?.id === q.company_id));
      rows.sort(q.queue
        ? (x, y) => RANK[x.priority] - RANK[y.priority] || (x.resolution.minutes_left ?? 0) - (y.resolution.minutes_left ?? 0)
        : (x, y) => y.opened_at.localeCompare(x.opened_at));
      return rows.slice(0, q.limit ?? rows.length);
    }
    case "ticket_get":
      return detailOf(get(a.id as string));
    case "ticket_create": {
      const t = fromInput(ticket({ id: `tk-${tickets.length + 1}`, number: 101 + tickets.length, status: "new", opened_at: at(0), first_response: clock(1440), resolution: clock(4320) }), a.input as TicketInput);
      tickets.unshift(t);
      return detailOf(t);
    }
    case "ticket_update": {
      const t = get(a.id as string);
      Object.assign(t, fromInput(t, a.input as TicketInput));
      return detailOf(t);
    }
    case "ticket_set_status": {
      const t = get(a.id as string);
      t.status = a.status as TicketStatus;
      if (t.status === "solved") t.solved_at = at(0);
      return detailOf(t);
    }
    case "ticket_add_note": {
      const t = get(a.id as string);
      const list = notes.get(t.id) ?? [];
      list.push(note({ id: `tn-new-${list.length}`, body: a.body as string, public: a.reply as boolean, author: "Hannah", created_at: at(0) }));
      notes.set(t.id, list);
      if (a.reply && !t.first_response_at) t.first_response_at = at(0);
      return detailOf(t);
    }
    case "service_levels":
      return serviceLevels();
    default:
      return undefined;
  }
}
