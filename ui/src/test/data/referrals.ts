// Typed data builders for referrals: shared by the Vitest fixtures (src/referrals/testing.ts) and the mock back
// end (scripts/mock/); no test-runner imports.
import type { Referrer, Review } from "../../bindings";

export const review = (over: Partial<Review> = {}): Review => ({
  id: "r-1",
  contact: { id: "c1", name: "Ada Lovelace" },
  platform: "Google",
  rating: 4,
  link: "https://g.page/r/abc",
  body: "Friendly and quick.",
  reviewed_at: "2026-11-20T10:00:00Z",
  ...over,
});

export const referrer = (over: Partial<Referrer> = {}): Referrer => ({
  contact: { id: "c1", name: "Ada Lovelace" },
  referred: [
    { contact: { id: "c2", name: "Bo Berg" }, lifecycle_stage: "retention", customer: true, revenue: [{ currency: "EUR", amount_minor: 120000 }] },
    { contact: { id: "c3", name: "Cy Cole" }, lifecycle_stage: "acquisition", customer: false, revenue: [] },
  ],
  became_customers: 1,
  revenue: [{ currency: "EUR", amount_minor: 120000 }],
  rewards: [{ id: "w-1", referred: { id: "c2", name: "Bo Berg" }, reward: "A free month", status: "owed", given_at: null }],
  ...over,
});
