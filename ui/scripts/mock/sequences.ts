// Fake sequences, e-mail templates, enrolments, broadcasts, due steps and the outbox for the mock
// back end (built with the Vitest fixtures' builders in src/test/data/sequences.ts).
import type {
  Broadcast, BroadcastPreview, CoreError, DueStep, Enrolment, EnrolmentAction, EnrolmentStatus, EntityRef, OutboxItem, OutboxPage, OutboxStatus,
  Sequence, SequenceInput, SequenceReport, SequenceSummary, Step, Template,
} from "../../src/bindings";
import { dueStep, enrolment, mergeFields, outboxItem, sequence, template } from "../../src/test/data/sequences";
import { contacts } from "./data";

type Args = Record<string, unknown>;
const fail = (e: CoreError) => e;
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY).toISOString();
const person = (i: number): EntityRef => ({ id: contacts[i].id, name: contacts[i].display_name });

const templates: Template[] = [
  template({ id: "tpl-1", name: "Welcome", subject: "Welcome, {{first_name|there}}", used_by: 2, updated_at: at(-40) }),
  template({ id: "tpl-2", name: "Gentle follow-up", subject: "Any questions, {{first_name}}?", body: "Hi {{first_name}},\n\nJust checking in.", used_by: 1, updated_at: at(-12) }),
  template({ id: "tpl-3", name: "Follow-up, shorter", subject: "Quick question", body: "Hi {{first_name}}, one quick question.", used_by: 1, updated_at: at(-12) }),
  template({ id: "tpl-4", name: "We miss you", subject: "It's been a while, {{first_name}}", body: "Hi {{first_name}},\n\nHere is 10% off your next order.", used_by: 1, updated_at: at(-90) }),
  template({ id: "tpl-5", name: "Spring newsletter", subject: "What's new this spring", body: "Hi {{first_name}},\n\nOur spring news.", fields: ["first_name"], used_by: 0, updated_at: at(-5) }),
];
const ref = (t: Template): EntityRef => ({ id: t.id, name: t.name });
const step = (id: string, over: Partial<Step>): Step => ({ id, kind: "email", delay_days: 0, business_days: true, template: null, template_b: null, title: null, instructions: null, ...over });

const sequences: Sequence[] = [
  sequence({
    id: "sq-1", name: "Welcome new leads", description: "For every new lead from the website.", updated_at: at(-3),
    window: { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60 },
    steps: [
      step("sp-1", { template: ref(templates[0]) }),
      step("sp-2", { delay_days: 3, template: ref(templates[1]), template_b: ref(templates[2]) }),
      step("sp-3", { kind: "call", delay_days: 2, title: "Check in", instructions: "Ask what they need and offer a short call." }),
      step("sp-4", { kind: "wait", delay_days: 5 }),
      step("sp-5", { kind: "task", delay_days: 0, title: "Send the brochure", instructions: "Post the printed brochure if they asked for it." }),
    ],
    triggers: [{ id: "tr-1", kind: "lead_source", value: "ls-1", label: "New lead from Website", since: at(-60) }],
    counts: { active: 6, paused: 1, finished: 9, exited: 3 },
  }),
  sequence({
    id: "sq-2", name: "Win back quiet customers", status: "paused", updated_at: at(-20),
    steps: [step("sp-6", { template: ref(templates[3]) }), step("sp-7", { kind: "call", delay_days: 7, title: "Personal call" })],
    counts: { active: 0, paused: 4, finished: 12, exited: 2 },
  }),
  sequence({ id: "sq-3", name: "Event follow-up 2025", status: "archived", steps: [step("sp-8", { template: ref(templates[1]) })], counts: { active: 0, paused: 0, finished: 31, exited: 5 }, updated_at: at(-200) }),
];
const summaryOf = (s: Sequence): SequenceSummary => ({
  id: s.id, name: s.name, description: s.description, status: s.status, steps: s.steps.length, triggers: s.triggers.length, counts: s.counts, updated_at: s.updated_at,
});

const NEXT = ["E-mail: Gentle follow-up", "Call: Check in (waiting on Today)", "E-mail: Welcome", null];
const STATUSES: [EnrolmentStatus, string | null][] = [["active", null], ["active", null], ["paused", null], ["finished", null], ["exited", "Replied"], ["active", null], ["exited", "Became a customer"]];
const enrolments: Enrolment[] = sequences.flatMap((s, k) => STATUSES.slice(0, k === 0 ? 7 : 3).map(([status, exit], i) => enrolment({
  id: `en-${k}-${i}`, sequence: { id: s.id, name: s.name }, contact: person(k * 20 + i * 3 + 1), status, exit_reason: exit,
  steps_done: status === "finished" ? s.steps.length : Math.min(i % 3 + 1, s.steps.length), steps_total: s.steps.length,
  next_step: status === "active" || status === "paused" ? NEXT[i % NEXT.length] : null, next_due_at: status === "active" && i % 2 === 0 ? at(i + 1) : null,
  enrolled_by: i % 2 ? "By hand" : "Trigger: New lead from Website", enrolled_at: at(-10 - i * 3), ended_at: status === "finished" || status === "exited" ? at(-i) : null,
})));

function report(s: Sequence): SequenceReport {
  const steps = s.steps.flatMap((st, i) => (st.template_b ? ["a", "b"] : [null]).map((variant) => {
    const reached = Math.max(2, 19 - i * 4) / (variant ? 2 : 1);
    const done = st.kind === "wait" ? 0 : Math.round(reached * 0.8);
    const replied = st.kind === "email" ? Math.round(done * (variant === "b" ? 0.3 : 0.2)) : 0;
    const converted = Math.round(done * 0.1);
    return {
      step_id: st.id, position: i + 1, kind: st.kind, variant, template: variant === "b" ? st.template_b?.name ?? null : st.template?.name ?? st.title,
      reached: Math.round(reached), done, skipped: Math.round(reached) - done, replied, converted,
      reply_rate: done ? replied / done : null, conversion_rate: done ? converted / done : null,
    };
  }));
  return { sequence_id: s.id, steps, enrolled: s.counts.active + s.counts.paused + s.counts.finished + s.counts.exited, replied: 4, converted: 2 };
}

const due: DueStep[] = [
  dueStep({ id: "ds-1", enrolment_id: "en-0-1", sequence: { id: "sq-1", name: "Welcome new leads" }, contact: person(4), kind: "call", title: "Check in", instructions: "Ask what they need and offer a short call.", due_at: at(-0.1), phone: contacts[4].phones[0]?.formatted ?? null, position: 3, steps_total: 5 }),
  dueStep({ id: "ds-2", enrolment_id: "en-0-5", sequence: { id: "sq-1", name: "Welcome new leads" }, contact: person(16), kind: "task", title: "Send the brochure", instructions: null, due_at: at(-1), phone: null, position: 5, steps_total: 5 }),
];

const OUTBOX: [OutboxStatus, string | null][] = [["queued", null], ["queued", null], ["sent", null], ["sent", null], ["failed", "550 mailbox unavailable"], ["held", "Outside the quiet hours"]];
const outbox: OutboxItem[] = OUTBOX.map(([status, error], i) => {
  const c = contacts[i * 5 + 2];
  return outboxItem({
    id: `ob-${i}`, contact: { id: c.id, name: c.display_name }, to_address: c.emails[0]?.email ?? "someone@example.com", subject: `Welcome, ${c.first_name}`, status,
    attempts: status === "failed" ? 3 : status === "sent" ? 1 : 0, send_after: at(status === "queued" ? 0.2 : -i), last_error: error,
    created_at: at(-i - 0.5), sent_at: status === "sent" ? at(-i) : null,
  });
});

const broadcasts: Broadcast[] = [
  { id: "bc-1", name: "Spring newsletter", template: ref(templates[4]), segment: { id: "sg-1", name: "Newsletter subscribers" }, purpose: "newsletter", status: "draft", queued: 0, skipped: 0, sent_at: null, created_at: at(-2) },
  { id: "bc-2", name: "Autumn offer", template: ref(templates[3]), segment: { id: "sg-2", name: "Customers gone quiet" }, purpose: "marketing_email", status: "sent", queued: 48, skipped: 5, sent_at: at(-60), created_at: at(-61) },
];

function getSequence(id: string): Sequence {
  const s = sequences.find((x) => x.id === id);
  if (!s) throw fail({ kind: "not_found", entity: "sequence", id });
  return s;
}

export function handleSequences(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "sequences_list":
      return sequences.map(summaryOf);
    case "sequence_names":
      return sequences.filter((s) => s.status !== "archived").map((s) => ({ id: s.id, name: s.name }));
    case "sequence_get":
      return getSequence(a.id as string);
    case "sequence_report":
      return report(getSequence(a.id as string));
    case "sequence_update": {
      const s = getSequence(a.id as string);
      const input = a.input as SequenceInput;
      const byId = new Map(templates.map((t) => [t.id, ref(t)]));
      Object.assign(s, {
        name: input.name, description: input.description, status: input.status, window: input.window, exits: input.exits, updated_at: at(0),
        steps: input.steps.map((x, i) => step(x.id ?? `sp-new-${i}`, {
          kind: x.kind, delay_days: x.delay_days, business_days: x.business_days, title: x.title, instructions: x.instructions,
          template: byId.get(x.template_id ?? "") ?? null, template_b: byId.get(x.template_b_id ?? "") ?? null,
        })),
      });
      return s;
    }
    case "templates_list":
      return templates;
    case "merge_fields_all":
      return mergeFields;
    case "enrolments_list":
      return enrolments.filter((e) => (!a.contactId || e.contact.id === a.contactId) && (!a.sequenceId || e.sequence.id === a.sequenceId) && (!a.status || e.status === a.status));
    case "enrolment_set": {
      const e = enrolments.find((x) => x.id === a.id);
      if (!e) throw fail({ kind: "not_found", entity: "enrolment", id: String(a.id) });
      const action = a.action as EnrolmentAction;
      e.status = action === "pause" ? "paused" : action === "resume" ? "active" : "exited";
      if (action === "stop") Object.assign(e, { exit_reason: "Stopped by hand", ended_at: at(0), next_step: null, next_due_at: null });
      return e;
    }
    case "sequence_steps_due":
      return due.filter((d) => !a.contactId || d.contact.id === a.contactId);
    case "sequence_step_complete":
    case "sequence_step_skip": {
      const i = due.findIndex((d) => d.id === a.id);
      if (i >= 0) due.splice(i, 1);
      return null;
    }
    case "outbox_list": {
      const items = outbox.filter((o) => (!a.status || o.status === a.status) && (!a.contactId || o.contact?.id === a.contactId));
      const counts = [...new Set(outbox.map((o) => o.status))].map((status) => ({ status, count: outbox.filter((o) => o.status === status).length }));
      const page: OutboxPage = { items, counts };
      return page;
    }
    case "broadcasts_list":
      return broadcasts;
    case "broadcast_preview": {
      const p: BroadcastPreview = { members: 57, will_send: 51, do_not_contact: 2, no_address: 3, no_consent: 1, missing: [], last_at: at(-60) };
      return p;
    }
    default:
      return undefined;
  }
}
