// Plausible fake data for looking at the UI without the Rust back end (dev only).
import type { Activity, ActivityKind, CompanyDetail, ContactDetail, LeadSource, LifecycleStage, SizeBand } from "../../src/bindings";

let seed = 42;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)];
const FIRST = ["Ada", "Ben", "Chloé", "Dev", "Elena", "Finn", "Grace", "Hugo", "Isla", "Jonas", "Kemi", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe"];
const LAST = ["Okafor", "Lindqvist", "Moreau", "Patel", "García", "Nakamura", "O'Brien", "Schmidt", "Rossi", "Kowalski", "Haddad", "Nguyen", "Fischer", "Costa", "Murphy", "Ivanova"];
const TITLES = ["Owner", "Marketing lead", "Founder", "Office manager", "Head of sales", "Creative director", null, "Operations"];
const INDUSTRIES = ["Hospitality", "Retail", "Architecture", "Healthcare", "Food & drink", "Fitness", "Legal", "Education"];
const WORDS = ["Juniper", "Copper", "Harbour", "Meadow", "Lantern", "Northwind", "Saffron", "Bramble", "Atlas", "Willow", "Orchard", "Pebble"];
const KINDS = ["Bakery", "Studio", "Dental", "Bistro", "Fitness", "Partners", "Books", "Yoga", "Florist", "Coffee"];
const CITIES: [string, string][] = [["Bristol", "United Kingdom"], ["Leeds", "United Kingdom"], ["Dublin", "Ireland"], ["Lyon", "France"], ["Porto", "Portugal"]];
const OWNERS = ["Hannah", "Marco", "Aisha"];
const TAGS = ["vip", "newsletter", "website", "branding", "print", "event-2025", "slow-payer"];
const STAGES: LifecycleStage[] = ["reach", "acquisition", "conversion", "retention", "loyalty"];
const SIZES: SizeBand[] = ["1", "2-10", "11-50", "51-200"];
const now = Date.now();
const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const id = (p: string, i: number) => `${p}-${String(i).padStart(5, "0")}`;

export const leadSources: LeadSource[] = [
  { id: "ls-1", name: "Website", is_referral: false, archived: false, position: 1, contact_count: 0 },
  { id: "ls-2", name: "Referral", is_referral: true, archived: false, position: 2, contact_count: 0 },
  { id: "ls-3", name: "Instagram", is_referral: false, archived: false, position: 3, contact_count: 0 },
  { id: "ls-4", name: "Trade fair", is_referral: false, archived: false, position: 4, contact_count: 0 },
  { id: "ls-5", name: "Cold outreach", is_referral: false, archived: true, position: 5, contact_count: 0 },
];

export const companies: CompanyDetail[] = Array.from({ length: 60 }, (_, i) => {
  const name = `${pick(WORDS)} ${pick(KINDS)}`;
  const [city, country] = pick(CITIES);
  const created = now - (200 + rnd() * 400) * day;
  return {
    id: id("co", i), name, domain: `${name.toLowerCase().replace(/[^a-z]+/g, "")}.com`, industry: pick(INDUSTRIES),
    size_band: pick(SIZES), phone: "+441174960" + String(100 + i), phone_formatted: "+44 117 496 0" + String(100 + i),
    owner: pick(OWNERS), address: { street: `${1 + i} High Street`, city, region: null, postal_code: "BS1 4DJ", country },
    notes: i % 3 === 0 ? "Long-standing client; prefers e-mail." : null, tags: rnd() > 0.6 ? [pick(TAGS)] : [],
    contact_count: 0, contacts: [], created_at: iso(created), updated_at: iso(created + rnd() * 100 * day),
  };
});

export const contacts: ContactDetail[] = Array.from({ length: 320 }, (_, i) => {
  const first = pick(FIRST);
  const last = pick(LAST);
  const co = rnd() > 0.15 ? pick(companies) : null;
  const stage = pick(STAGES);
  const src = pick(leadSources.slice(0, 4));
  const created = now - (30 + rnd() * 500) * day;
  const email = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "") + `@${co?.domain ?? "mail.com"}`;
  return {
    id: id("ct", i), first_name: first, last_name: last, display_name: `${first} ${last}`, title: pick(TITLES),
    company: co ? { id: co.id, name: co.name } : null,
    emails: [{ id: `e${i}`, email, label: "work", is_primary: true }],
    phones: rnd() > 0.3 ? [{ id: `p${i}`, phone: `+4477009${String(i).padStart(5, "0")}`, formatted: `+44 7700 9${String(i).padStart(5, "0")}`, label: "mobile", is_primary: true }] : [],
    address: { street: null, city: co?.address.city ?? null, region: null, postal_code: null, country: co?.address.country ?? null },
    time_zone: "Europe/London", owner: pick(OWNERS), notes: i % 4 === 0 ? "Met at the spring market. Interested in a new logo and shop signage." : null,
    tags: rnd() > 0.5 ? [pick(TAGS), pick(TAGS)].filter((t, j, a) => a.indexOf(t) === j) : [],
    lifecycle_stage: stage,
    lifecycle_history: STAGES.slice(0, STAGES.indexOf(stage) + 1).map((s, j) => ({ from_stage: j === 0 ? null : STAGES[j - 1], to_stage: s, changed_at: iso(created + j * 20 * day) })),
    lead_source: { id: src.id, name: src.name, is_referral: src.is_referral }, referred_by: null, referrals: [],
    do_not_contact: i % 37 === 5, last_contacted_at: rnd() > 0.2 ? iso(now - rnd() * 60 * day) : null,
    next_follow_up_at: rnd() > 0.5 ? iso(now + (rnd() * 30 - 8) * day) : null,
    created_at: iso(created), updated_at: iso(created + 5 * day),
  };
});

const SUBJECTS: Record<ActivityKind, string[]> = {
  call: ["Intro call", "Follow-up on quote", "Checked in about the launch"],
  email: ["Sent proposal", "Shared logo drafts", "Invoice reminder"],
  meeting: ["Brand workshop", "Coffee catch-up", "Site visit"],
  note: ["Prefers mornings", "Budget approved for Q3"],
  task: ["Send revised quote", "Call about signage", "Prepare moodboard", "Book photo shoot"],
};

export const activities: Activity[] = [];
contacts.forEach((c, i) => {
  const n = i < 40 ? 6 : 2;
  for (let k = 0; k < n; k++) {
    const kind = pick<ActivityKind>(["call", "email", "meeting", "note", "task"]);
    const when = now - rnd() * 120 * day;
    const due = kind === "task" ? now + (rnd() * 12 - 4) * day : null;
    activities.push({
      id: id(`a${i}`, k), kind, subject: pick(SUBJECTS[kind]), body: rnd() > 0.5 ? "Talked through timings and next steps. They want a draft before the end of the month." : null,
      contact: { id: c.id, name: c.display_name }, company: c.company, deal: null, occurred_at: iso(due ?? when), due_at: due ? iso(due) : null,
      completed_at: kind === "task" && rnd() > 0.7 ? iso(now) : null, duration_minutes: kind === "call" ? 15 : kind === "meeting" ? 60 : null,
      outcome: kind === "call" ? "Connected" : null, created_at: iso(when),
    });
  }
});
