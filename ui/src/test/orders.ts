// Mocked commands for products, orders, purchases and onboarding, added to the shared fixtures
// (tests use `vi.mock("../bindings", … import("../test/orders") …)`); the data builders live in ./data/orders.ts.
import { vi } from "vitest";
import { waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CoreError } from "../bindings";
import { catalogue, checklist, onboarding, order, orderSummary, product, purchaseRules, purchases } from "./data/orders";
import { commands as shared, events } from "./fixtures";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

export * from "./data/orders";

export const orderCommands = {
  productsList: cmd(catalogue),
  productCreate: cmd(() => product()),
  productUpdate: cmd(() => product()),
  productSetArchived: cmd(() => product()),
  ordersList: cmd(() => ({ items: [orderSummary()], total: 1 })),
  orderGet: cmd(() => order()),
  orderCreate: cmd(() => order()),
  orderRefund: cmd(() => order()),
  orderDelete: cmd(() => null),
  subscriptionCancel: cmd(() => null),
  purchasesOf: cmd(() => purchases()),
  purchaseRulesGet: cmd(() => purchaseRules()),
  purchaseRulesSet: cmd(() => purchaseRules()),
  onboardingTemplates: cmd(() => [checklist()]),
  onboardingTemplateCreate: cmd(() => checklist()),
  onboardingTemplateUpdate: cmd(() => checklist()),
  onboardingTemplateDelete: cmd(() => null),
  onboardingsOfContact: cmd(() => [onboarding()]),
};

export const commands = { ...shared, ...orderCommands };

/** What `vi.mock("../bindings", …)` returns. */
export const bindings = { commands, events };

/** Opens a Select/MultiSelect and picks an option from its own list (other lists may be in the page too). */
export async function choose(input: HTMLElement, name: string | RegExp): Promise<void> {
  await userEvent.click(input);
  const list = await waitFor(() => {
    const el = document.getElementById(input.getAttribute("aria-controls") ?? "");
    if (!el) throw new Error("the list did not open");
    return el;
  });
  await userEvent.click(await within(list).findByRole("option", { name, hidden: true }));
}
