// Fake after-the-sale data for the mock back end: opportunities to sell more, customers at risk,
// product rules, referrals, reviews and survey scores (built with the Vitest fixtures' builders).
import type { AtRisk, EntityRef, RiskReason, Suggestion, SurveyResponse } from "../../src/bindings";
import { referrer, review } from "../../src/test/data/referrals";
import { atRisk, crossSell, rule, upsell } from "../../src/test/data/suggestions";
import { response } from "../../src/test/data/surveys";
import { contacts } from "./data";

type Args = Record<string, unknown>;
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY).toISOString();
const person = (i: number): EntityRef => ({ id: contacts[i].id, name: contacts[i].display_name });

const rules = [
  rule({ from: { id: "p-basic", name: "Website Basic" }, to: { id: "p-seo", name: "SEO audit" } }),
  rule({ from: { id: "p-logo", name: "Logo design" }, to: { id: "p-basic", name: "Website Basic" }, both: 4, from_count: 9, to_count: 14, support: 0.08, confidence: 0.44, lift: 1.6 }),
  rule({ from: { id: "p-seo", name: "SEO audit" }, to: { id: "p-pro", name: "Website Pro" }, both: 3, from_count: 11, to_count: 6, support: 0.06, confidence: 0.27, lift: 2.25 }),
];

const opportunities: Suggestion[] = [
  upsell({ contact: person(2), product: { id: "p-pro", name: "Website Pro" }, because_of: { id: "p-basic", name: "Website Basic" }, reason: "Next plan after Website Basic on its upgrade path (600 EUR a year more).", price_minor: 9900, expected_value_minor: 71280 }),
  crossSell({ contact: person(13), product: { id: "p-seo", name: "SEO audit" }, because_of: { id: "p-basic", name: "Website Basic" }, price_minor: 35000, expected_value_minor: 21000, rule: rules[0] }),
  crossSell({ contact: person(24), product: { id: "p-basic", name: "Website Basic" }, because_of: { id: "p-logo", name: "Logo design" }, reason: "44% of customers who own Logo design also own Website Basic (support 8.0%, confidence 44%, lift 1.60).", price_minor: 4900, expected_value_minor: 25870, rule: rules[1] }),
  upsell({ contact: person(35), product: { id: "p-pro", name: "Website Pro" }, because_of: { id: "p-basic", name: "Website Basic" }, reason: "Next plan after Website Basic on its upgrade path (600 EUR a year more).", price_minor: 9900, expected_value_minor: 71280 }),
];

const REASONS: RiskReason[][] = [
  [{ kind: "overdue_purchase", text: "No purchase for 95 days; they usually buy every 30 days." }, { kind: "unhappy", text: "Latest NPS score is 4." }],
  [{ kind: "cancelled", text: "Cancelled Website Basic 12 days ago." }],
  [{ kind: "breaching_tickets", text: "Ticket #106 is past its resolution target." }],
  [{ kind: "out_of_touch", text: "No contact for 74 days (their tier asks for every 30)." }],
];
const risks: AtRisk[] = REASONS.map((reasons, i) => atRisk({
  contact: person(i * 9 + 5), lifecycle_stage: i % 2 ? "loyalty" : "retention", reasons, last_order_at: i === 3 ? null : at(-(95 - i * 20)),
}));

const surveys: SurveyResponse[] = [
  response({ id: "sv-1", contact: person(1), score: 10, comment: "Brilliant work on our new site.", answered_at: at(-2), follow_up: "Asked for a review" }),
  response({ id: "sv-2", contact: person(8), kind: "csat", score: 4, comment: null, source: "email", answered_at: at(-6) }),
  response({ id: "sv-3", contact: person(52), score: 4, comment: "The delivery took far too long.", source: "email", answered_at: at(-21), ticket_id: "tk-8", follow_up: "Opened ticket 108" }),
  response({ id: "sv-4", contact: person(17), score: 8, comment: null, answered_at: at(-30) }),
];

export function handleCustomers(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "opportunities_list":
      return opportunities;
    case "suggestions_for":
      return opportunities.filter((s) => s.contact.id === a.contactId);
    case "product_rules_list":
      return rules;
    case "at_risk_list":
      return risks;
    case "rhythm_get":
      return null;
    case "referrers_list":
      return [referrer({
        contact: person(6),
        referred: [
          { contact: person(30), lifecycle_stage: "retention", customer: true, revenue: [{ currency: "EUR", amount_minor: 118800 }] },
          { contact: person(31), lifecycle_stage: "acquisition", customer: false, revenue: [] },
        ],
        revenue: [{ currency: "EUR", amount_minor: 118800 }],
        rewards: [{ id: "rw-1", referred: person(30), reward: "A free month", status: "owed", given_at: null }],
      })];
    case "reviews_list": {
      const all = [
        review({ id: "rv-1", contact: person(1), reviewed_at: at(-1) }),
        review({ id: "rv-2", contact: person(17), platform: "Trustpilot", rating: 5, link: null, body: "Lovely people, great results.", reviewed_at: at(-25) }),
      ];
      return all.filter((r) => !a.contactId || r.contact?.id === a.contactId);
    }
    case "surveys_list":
      return surveys.filter((s) => !a.kind || s.kind === a.kind);
    case "survey_scores": {
      const mine = surveys.filter((s) => s.contact?.id === a.contactId);
      return { nps: mine.find((s) => s.kind === "nps")?.score ?? null, csat: mine.find((s) => s.kind === "csat")?.score ?? null, responses: mine };
    }
    case "survey_rules_get":
      return { on_low: "ticket", on_high: "review_request" };
    default:
      return undefined;
  }
}
