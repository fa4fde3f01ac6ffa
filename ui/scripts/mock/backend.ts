// A fake IPC back end answering the generated commands from in-memory data (dev only).
import type { CompanyQuery, ContactDetail, ContactInput, ContactQuery, CoreError, RegionalInput, SearchHit, TimelineQuery, TodayQuery } from "../../src/bindings";
import { activities, companies, contacts, leadSources } from "./data";
import { handleAudience } from "./audience";
import { handleCustomers } from "./customers";
import { handleDeals } from "./deals";
import { handleOrders } from "./orders";
import { handleSequences } from "./sequences";
import { handleTickets } from "./tickets";

type Args = Record<string, unknown>;
const err = (e: CoreError) => e;
let onboarding = new URLSearchParams(location.search).has("onboarding");
let regional: RegionalInput = { currency: "EUR", locale: "en-GB", date_order: "day_month_year", clock: "h24", week_start: "monday" };

function page<T>(rows: T[], offset: number, limit: number | null) {
  return { rows: rows.slice(offset, offset + (limit ?? 100)), total: rows.length, offset };
}

function rowOf(c: ContactDetail) {
  return {
    id: c.id, display_name: c.display_name, title: c.title, company: c.company, primary_email: c.emails[0]?.email ?? null,
    primary_phone: c.phones[0]?.formatted ?? null, lifecycle_stage: c.lifecycle_stage, lead_source: c.lead_source?.name ?? null,
    owner: c.owner, tags: c.tags, do_not_contact: c.do_not_contact, last_contacted_at: c.last_contacted_at,
    next_follow_up_at: c.next_follow_up_at, created_at: c.created_at, updated_at: c.updated_at,
  };
}

function validate(input: ContactInput): void {
  const errors = [];
  if (!input.first_name.trim()) errors.push({ field: "first_name", code: "required", message: "required" });
  input.emails.forEach((e, i) => {
    if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(e.email)) errors.push({ field: `emails.${i}.email`, code: "invalid_email", message: "invalid e-mail" });
  });
  if (errors.length) throw err({ kind: "validation", errors });
}

function fromInput(id: string, input: ContactInput, old?: ContactDetail): ContactDetail {
  const co = companies.find((c) => c.id === input.company_id);
  const src = leadSources.find((s) => s.id === input.lead_source_id);
  const t = new Date().toISOString();
  return {
    ...(old ?? contacts[0]), id, first_name: input.first_name, last_name: input.last_name,
    display_name: `${input.first_name} ${input.last_name}`.trim(), title: input.title, company: co ? { id: co.id, name: co.name } : null,
    emails: input.emails.map((e, i) => ({ ...e, id: `${id}-e${i}` })),
    phones: input.phones.map((p, i) => ({ ...p, id: `${id}-p${i}`, formatted: p.phone })), address: input.address,
    time_zone: input.time_zone, owner: input.owner, notes: input.notes, tags: input.tags, lifecycle_stage: input.lifecycle_stage,
    lead_source: src ? { id: src.id, name: src.name, is_referral: src.is_referral } : null, do_not_contact: input.do_not_contact,
    lifecycle_history: old?.lifecycle_history ?? [], referrals: old?.referrals ?? [], referred_by: null,
    created_at: old?.created_at ?? t, updated_at: t, last_contacted_at: old?.last_contacted_at ?? null, next_follow_up_at: old?.next_follow_up_at ?? null,
  };
}

const getContact = (id: string) => {
  const c = contacts.find((x) => x.id === id);
  if (!c) throw err({ kind: "not_found", entity: "contact", id });
  return c;
};

export function handle(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "app_status":
      return { needs_onboarding: onboarding, demo_loaded: true, contact_count: contacts.length, company_count: companies.length, schema_version: 3, version: "0.1.0" };
    case "demo_load":
      onboarding = false;
      return new Promise((r) => setTimeout(() => r({ contacts: 320, companies: 60, activities: activities.length }), 800));
    case "start_empty":
      onboarding = false;
      return handle("app_status", {});
    case "contacts_list": {
      const q = a.query as ContactQuery;
      const f = q.filter;
      let rows = contacts.filter((c) =>
        (!f.text || c.display_name.toLowerCase().includes(f.text.toLowerCase())) && (!f.stage || c.lifecycle_stage === f.stage) &&
        (!f.tag || c.tags.includes(f.tag)) && (!f.owner || c.owner === f.owner) && (!f.company_id || c.company?.id === f.company_id) &&
        (!f.lead_source_id || c.lead_source?.id === f.lead_source_id));
      rows = [...rows].sort((x, y) => x.display_name.localeCompare(y.display_name) * (q.direction === "asc" ? 1 : -1));
      return page(rows.map(rowOf), q.offset, q.limit);
    }
    case "contact_get":
      return getContact(a.id as string);
    case "contact_create": {
      validate(a.input as ContactInput);
      const c = fromInput(`ct-new-${contacts.length}`, a.input as ContactInput);
      contacts.unshift(c);
      return c;
    }
    case "contact_update": {
      validate(a.input as ContactInput);
      const old = getContact(a.id as string);
      const c = fromInput(old.id, a.input as ContactInput, old);
      contacts[contacts.indexOf(old)] = c;
      return c;
    }
    case "contact_set_stage": {
      const c = getContact(a.id as string);
      c.lifecycle_history = [...c.lifecycle_history, { from_stage: c.lifecycle_stage, to_stage: a.stage as ContactDetail["lifecycle_stage"], changed_at: new Date().toISOString() }];
      c.lifecycle_stage = a.stage as ContactDetail["lifecycle_stage"];
      return { ...c };
    }
    case "contact_delete":
    case "company_delete":
    case "activity_delete":
      return null;
    case "contact_restore":
      return getContact(a.id as string);
    case "companies_list": {
      const q = a.query as CompanyQuery;
      const rows = companies.filter((c) => (!q.text || c.name.toLowerCase().includes(q.text.toLowerCase())) && (!q.industry || c.industry === q.industry));
      return page(rows.map((c) => ({ ...c, city: c.address.city, country: c.address.country, contact_count: contacts.filter((x) => x.company?.id === c.id).length })), q.offset, q.limit);
    }
    case "company_get": {
      const c = companies.find((x) => x.id === a.id);
      if (!c) throw err({ kind: "not_found", entity: "company", id: a.id as string });
      const people = contacts.filter((x) => x.company?.id === c.id);
      return { ...c, contact_count: people.length, contacts: people.slice(0, 10).map(rowOf) };
    }
    case "industries_list":
      return [...new Set(companies.map((c) => c.industry))].sort();
    case "timeline": {
      const q = a.query as TimelineQuery;
      const items = activities
        .filter((x) => (q.contact_id ? x.contact?.id === q.contact_id : x.company?.id === q.company_id))
        .sort((x, y) => y.occurred_at.localeCompare(x.occurred_at));
      const lim = q.limit ?? 20;
      return { items: items.slice(q.offset, q.offset + lim), has_more: items.length > q.offset + lim };
    }
    case "activity_create": {
      const input = a.input as Record<string, unknown>;
      if (!input.subject) throw err({ kind: "validation", errors: [{ field: "subject", code: "required", message: "required" }] });
      const c = contacts.find((x) => x.id === input.contact_id);
      const t = new Date().toISOString();
      const act = { ...activities[0], ...input, id: `a-new-${activities.length}`, contact: c ? { id: c.id, name: c.display_name } : null, company: null, occurred_at: (input.occurred_at as string) ?? t, completed_at: null, created_at: t };
      activities.unshift(act as (typeof activities)[0]);
      return act;
    }
    case "activity_set_done": {
      const x = activities.find((y) => y.id === a.id);
      if (x) x.completed_at = a.done ? new Date().toISOString() : null;
      return x;
    }
    case "today": {
      const q = a.query as TodayQuery;
      const tasks = activities.filter((x) => x.kind === "task" && x.due_at).sort((x, y) => (x.due_at ?? "").localeCompare(y.due_at ?? ""));
      const week = new Date(Date.parse(q.day_end) + 7 * 86_400_000).toISOString();
      return {
        overdue: tasks.filter((x) => !x.completed_at && (x.due_at ?? "") < q.day_start).slice(0, 6),
        due_today: tasks.filter((x) => (x.due_at ?? "") >= q.day_start && (x.due_at ?? "") < q.day_end),
        upcoming: tasks.filter((x) => !x.completed_at && (x.due_at ?? "") >= q.day_end && (x.due_at ?? "") < week).slice(0, 8),
      };
    }
    case "search": {
      const t = (a.text as string).toLowerCase();
      const hits: SearchHit[] = [
        ...contacts.filter((c) => c.display_name.toLowerCase().includes(t)).map((c) => ({ kind: "contact" as const, id: c.id, title: c.display_name, subtitle: [c.company?.name, c.emails[0]?.email].filter(Boolean).join(" · ") })),
        ...companies.filter((c) => c.name.toLowerCase().includes(t)).map((c) => ({ kind: "company" as const, id: c.id, title: c.name, subtitle: [c.domain, c.address.city].filter(Boolean).join(" · ") })),
      ];
      return hits.slice(0, (a.limit as number) ?? 20);
    }
    case "lead_sources_list":
      return leadSources.map((s) => ({ ...s, contact_count: contacts.filter((c) => c.lead_source?.id === s.id).length }));
    case "lead_source_delete":
      throw err({ kind: "conflict", message: "this lead source is used by 12 contacts; archive it instead" });
    case "tags_list":
      return [...new Set(contacts.flatMap((c) => c.tags))].sort().map((name) => ({ name, contacts: contacts.filter((c) => c.tags.includes(name)).length, companies: companies.filter((c) => c.tags.includes(name)).length }));
    case "owners_list":
      return ["Aisha", "Hannah", "Marco"];
    case "regional_get":
      return { chosen: regional, saved: true };
    case "regional_set":
      regional = a.input as RegionalInput;
      return { chosen: regional, saved: true };
    case "regional_currencies":
      return ["CAD", "CHF", "EUR", "GBP", "JPY", "USD"];
    case "data_folder_get":
      return { folder: "/home/hannah/.local/share/app.hearthcrm.desktop", database: "/home/hannah/.local/share/app.hearthcrm.desktop/hearth.db", default_folder: "/home/hannah/.local/share/app.hearthcrm.desktop", uses_default: true, movable: true, size_bytes: 3_084_288 };
    default: {
      for (const more of [handleDeals, handleTickets, handleSequences, handleOrders, handleCustomers, handleAudience]) {
        const r = more(cmd, a);
        if (r !== undefined) return r;
      }
      throw err({ kind: "storage", message: `mock does not know ${cmd}` });
    }
  }
}
