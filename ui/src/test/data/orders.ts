// Typed data builders for products, orders, subscriptions, purchases and onboarding: shared by the
// Vitest fixtures (src/test/orders.ts) and the mock back end (scripts/mock/); no test-runner imports.
import type { Onboarding, OnboardingTemplate, Order, OrderSummary, Product, PurchaseRules, PurchaseSummary, Subscription } from "../../bindings";

export const product = (over: Partial<Product> = {}): Product => ({
  id: "p-basic", sku: "WEB-BASIC", name: "Website Basic", description: null, category: "Websites", interval: "month",
  price_minor: 4900, currency: "EUR", upgrade_to: null, addons: [], archived: false, updated_at: "2026-11-20T10:00:00Z", ...over,
});

export const catalogue = (): Product[] => [
  product({ upgrade_to: { id: "p-pro", name: "Website Pro" }, addons: [{ id: "p-seo", name: "SEO audit" }] }),
  product({ id: "p-pro", sku: "WEB-PRO", name: "Website Pro", price_minor: 9900 }),
  product({ id: "p-seo", sku: "SEO-1", name: "SEO audit", category: "Services", interval: null, price_minor: 35000 }),
  product({ id: "p-logo", sku: "LOGO-GBP", name: "Logo design", category: "Branding", interval: null, price_minor: 120000, currency: "GBP" }),
  product({ id: "p-old", sku: "OLD-1", name: "Old hosting", category: "Hosting", interval: "year", price_minor: 12000, archived: true }),
];

export const orderSummary = (over: Partial<OrderSummary> = {}): OrderSummary => ({
  id: "o-1", number: 12, contact: { id: "c1", name: "Ada Lovelace" }, company: { id: "k1", name: "Analytical Engines" },
  ordered_at: "2026-11-20T10:00:00Z", status: "paid", currency: "EUR", total_minor: 39900, refunded_minor: 0,
  items: "Website Basic, SEO audit", ...over,
});

export const subscription = (over: Partial<Subscription> = {}): Subscription => ({
  id: "s-1", product: { id: "p-basic", name: "Website Basic" }, order_id: "o-1", contact: { id: "c1", name: "Ada Lovelace" },
  started_at: "2026-11-20T10:00:00Z", renews_at: "2026-12-20T10:00:00Z", cancelled_at: null, interval: "month",
  price_minor: 4900, currency: "EUR", ...over,
});

export const order = (over: Partial<Order> = {}): Order => ({
  summary: orderSummary(),
  deal: { id: "d-1", name: "New website" },
  note: "From the won deal “New website”.",
  lines: [
    { id: "l-1", product: { id: "p-basic", name: "Website Basic" }, name: "Website Basic", quantity: 1, unit_price_minor: 4900, discount_percent: 0, total_minor: 4900 },
    { id: "l-2", product: { id: "p-seo", name: "SEO audit" }, name: "SEO audit", quantity: 1, unit_price_minor: 35000, discount_percent: 0, total_minor: 35000 },
  ],
  subscriptions: [subscription()],
  ...over,
});

export const purchases = (over: Partial<PurchaseSummary> = {}): PurchaseSummary => ({
  orders: 3, first_at: "2025-03-02T10:00:00Z", last_at: "2026-11-20T10:00:00Z",
  spent: [{ currency: "EUR", amount_minor: 125050 }, { currency: "GBP", amount_minor: 120000 }],
  subscriptions: [subscription(), subscription({ id: "s-2", product: { id: "p-old", name: "Old hosting" }, renews_at: null, cancelled_at: "2026-06-01T10:00:00Z", interval: "year" })],
  recent: [orderSummary(), orderSummary({ id: "o-2", number: 9, currency: "GBP", total_minor: 120000, items: "Logo design", ordered_at: "2025-03-02T10:00:00Z" })],
  ...over,
});

export const onboarding = (over: Partial<Onboarding> = {}): Onboarding => ({
  id: "ob-1", name: "Website launch", contact: { id: "c1", name: "Ada Lovelace" }, order_id: "o-1", started_at: "2026-11-01T10:00:00Z",
  steps: [
    { activity_id: "a-1", title: "Welcome call", due_at: "2026-11-01T10:00:00Z", done_at: "2026-11-01T12:00:00Z" },
    { activity_id: "a-2", title: "Collect the content", due_at: "2026-11-04T10:00:00Z", done_at: "2026-11-05T12:00:00Z" },
    { activity_id: "a-3", title: "Design review", due_at: "2026-11-08T10:00:00Z", done_at: "2026-11-09T12:00:00Z" },
    { activity_id: "a-4", title: "Training session", due_at: "2026-11-15T10:00:00Z", done_at: null },
    { activity_id: "a-5", title: "First check-in", due_at: "2099-12-01T10:00:00Z", done_at: null },
  ],
  done: 3, overdue: 1, ...over,
});

export const checklist = (over: Partial<OnboardingTemplate> = {}): OnboardingTemplate => ({
  id: "t-1", name: "Website launch", product: { id: "p-basic", name: "Website Basic" }, tier: null, active: true,
  items: [{ title: "Welcome call", offset_days: 0 }, { title: "Training session", offset_days: 14 }], ...over,
});

export const purchaseRules = (over: Partial<PurchaseRules> = {}): PurchaseRules => ({
  loyal_after_orders: 2, loyal_on_referral: true, orders_from_won_deals: true, ...over,
});
