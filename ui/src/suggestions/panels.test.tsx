import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands as app, contactDetail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { AtRiskPanel } from "./AtRiskPanel";
import { OpportunitiesPanel, sortSuggestions } from "./OpportunitiesPanel";
import { ProductRulesPanel } from "./ProductRulesPanel";
import { atRisk, crossSell, rule, upsell, suggestionCommands as commands } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("../tickets/testing");
  return t.withCommands((await import("./testing")).suggestionCommands);
});

const list = [
  crossSell({ contact: { id: "c2", name: "Bo Berg" }, expected_value_minor: 54000 }),
  upsell({ expected_value_minor: 120000 }),
  upsell({ contact: { id: "c3", name: "Cy Cole" }, product: { id: "p-max", name: "Max plan" }, expected_value_minor: 30000 }),
];

describe("opportunities", () => {
  let clicked: string[] = [];
  beforeEach(() => {
    vi.clearAllMocks();
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.href); });
    commands.opportunitiesList.mockImplementation(() => ok(list));
  });
  afterEach(() => vi.restoreAllMocks());

  it("lists every customer's suggestions by expected value, with totals, and filters by kind", async () => {
    renderApp(<OpportunitiesPanel />);
    const rows = await screen.findAllByTestId("opportunity-row");
    expect(rows.map((r) => within(r).getAllByRole("link")[0].textContent)).toEqual(["Ada Lovelace", "Bo Berg", "Cy Cole"]);
    expect(within(rows[1]).getByRole("link", { name: "Bo Berg" })).toHaveAttribute("href", "/contacts/c2");
    expect(screen.getByTestId("opportunities-total")).toHaveTextContent(/3 opportunities, worth .*2,040\.00 expected/);
    await userEvent.click(screen.getByRole("radio", { name: "Cross-sell" }));
    expect(screen.getAllByTestId("opportunity-row")).toHaveLength(1);
    expect(screen.getByText("SEO audit")).toBeInTheDocument();
  });

  it("turns a row into a deal, and writes an e-mail to that customer", async () => {
    app.contactGet.mockImplementation(() => ok(contactDetail({ id: "c2", first_name: "Bo", emails: [{ id: "e", email: "bo@example.com", label: null, is_primary: true }] })));
    renderApp(<OpportunitiesPanel />);
    const rows = await screen.findAllByTestId("opportunity-row");
    await userEvent.click(within(rows[1]).getByTestId("suggestion-to-deal"));
    await waitFor(() => expect(commands.suggestionToDeal).toHaveBeenCalledWith("c2", "p-seo", "cross_sell"));
    await userEvent.click(within(rows[1]).getByTestId("suggestion-email"));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(app.contactGet).toHaveBeenCalledWith("c2");
    expect(clicked[0]).toMatch(/^mailto:bo@example\.com\?subject=SEO%20audit/);
  });

  it("sorts by customer name and by kind", () => {
    expect(sortSuggestions(list, "customer").map((s) => s.contact.name)).toEqual(["Ada Lovelace", "Bo Berg", "Cy Cole"]);
    expect(sortSuggestions(list, "kind").map((s) => s.product.name)).toEqual(["Pro plan", "Max plan", "SEO audit"]);
    expect(sortSuggestions(list, "value").map((s) => s.expected_value_minor)).toEqual([120000, 54000, 30000]);
  });
});

describe("customers at risk", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.atRiskList.mockImplementation(() =>
      ok([atRisk(), atRisk({ contact: { id: "c2", name: "Bo Berg" }, lifecycle_stage: "loyalty", reasons: [{ kind: "out_of_touch", text: "Missed the 30-day stay-in-touch rhythm (last in touch 41 days ago)." }], last_order_at: null })]),
    );
  });

  it("shows each customer's reasons with an icon per kind, the last purchase and the rules", async () => {
    renderApp(<AtRiskPanel />);
    const rows = await screen.findAllByTestId("at-risk-row");
    expect(within(rows[0]).getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", "/contacts/c1");
    expect(within(rows[0]).getByText("Customer")).toBeInTheDocument();
    const reasons = within(rows[0]).getAllByTestId("at-risk-reason");
    expect(reasons[0]).toHaveTextContent("No purchase for 95 days; they usually buy every 30 days.");
    expect(within(reasons[0]).getByRole("img", { name: "Overdue purchase" })).toBeInTheDocument();
    expect(within(reasons[1]).getByRole("img", { name: "Unhappy" })).toBeInTheDocument();
    expect(within(rows[1]).getByText("No orders")).toBeInTheDocument();
    expect(within(rows[1]).getByText("Loyal customer")).toBeInTheDocument();
    expect(screen.getByText("How a customer comes to be at risk")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("at-risk-filter-out_of_touch"));
    expect(screen.getAllByTestId("at-risk-row")).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Bo Berg" })).toBeInTheDocument();
  });
});

describe("product rules", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows the counts and the measures of each rule, with their definitions", async () => {
    commands.productRulesList.mockImplementation(() => ok([rule(), rule({ from: { id: "p-seo", name: "SEO audit" }, to: { id: "p-site", name: "Website care plan" }, support: 0.12, confidence: 0.5, lift: 1.666666, from_count: 12, to_count: 10 })]));
    renderApp(<ProductRulesPanel />);
    const rows = await screen.findAllByTestId("product-rule");
    const cells = within(rows[0]).getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual(["Website care plan", "", "SEO audit", "6", "10", "12", "12%", "60%", "2.50"]);
    expect(within(rows[1]).getByText("1.67")).toBeInTheDocument();
    expect(screen.getByTestId("rule-measures")).toHaveTextContent("50 customers who bought something");
    expect(screen.getByTestId("rule-measures")).toHaveTextContent("Confidence: of the customers who own the first");
  });
});
