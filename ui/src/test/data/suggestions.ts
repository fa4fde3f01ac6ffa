// Typed data builders for suggestions: shared by the Vitest fixtures (src/suggestions/testing.ts) and the mock back
// end (scripts/mock/); no test-runner imports.
import type { AtRisk, DealDetail, ProductRule, Suggestion } from "../../bindings";

export const rule = (over: Partial<ProductRule> = {}): ProductRule => ({
  from: { id: "p-site", name: "Website care plan" },
  to: { id: "p-seo", name: "SEO audit" },
  both: 6, from_count: 10, to_count: 12, customers: 50,
  support: 0.12, confidence: 0.6, lift: 2.5,
  ...over,
});

export const upsell = (over: Partial<Suggestion> = {}): Suggestion => ({
  kind: "upsell",
  contact: { id: "c1", name: "Ada Lovelace" },
  product: { id: "p-pro", name: "Pro plan" },
  because_of: { id: "p-basic", name: "Basic plan" },
  reason: "Next plan after Basic plan on its upgrade path (1,200 EUR a year more).",
  price_minor: 15000,
  currency: "EUR",
  expected_value_minor: 120000,
  rule: null,
  ...over,
});

export const crossSell = (over: Partial<Suggestion> = {}): Suggestion => ({
  kind: "cross_sell",
  contact: { id: "c1", name: "Ada Lovelace" },
  product: { id: "p-seo", name: "SEO audit" },
  because_of: { id: "p-site", name: "Website care plan" },
  reason: "60% of customers who own Website care plan also own SEO audit (support 12.0%, confidence 60%, lift 2.50).",
  price_minor: 90000,
  currency: "EUR",
  expected_value_minor: 54000,
  rule: rule(),
  ...over,
});

export const deal = (over: Partial<DealDetail> = {}): DealDetail => ({
  id: "d-9", title: "Upgrade to Pro plan — Ada Lovelace", pipeline: { id: "pl-1", name: "Sales" },
  stage: { id: "st-1", pipeline_id: "pl-1", name: "Lead", position: 0, kind: "open", probability: 10, rotting_days: null, deal_count: 1 },
  status: "open", contacts: [{ id: "c1", name: "Ada Lovelace" }], company: null, owner: null, value_minor: 180000, currency: "EUR",
  expected_close: null, probability: 10, probability_overridden: false, source: null, next_step: "Offer the upgrade", lost_reason: null,
  lost_note: null, notes: null, tags: [], lines: [], stage_entered_at: "2026-11-23T10:00:00Z", days_in_stage: 0, closed_at: null,
  attention: { rotting: false, no_next_activity: true }, next_activity_at: null, history: [], version: 1,
  created_at: "2026-11-23T10:00:00Z", updated_at: "2026-11-23T10:00:00Z",
  ...over,
});

export const atRisk = (over: Partial<AtRisk> = {}): AtRisk => ({
  contact: { id: "c1", name: "Ada Lovelace" },
  lifecycle_stage: "retention",
  reasons: [
    { kind: "overdue_purchase", text: "No purchase for 95 days; they usually buy every 30 days." },
    { kind: "unhappy", text: "Latest NPS score is 4." },
  ],
  last_order_at: "2026-08-20T10:00:00Z",
  ...over,
});
