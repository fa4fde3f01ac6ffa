import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router-dom";
import { ok } from "../test/fixtures";
import { commands, orderSummary } from "../test/orders";
import { renderApp } from "../test/render";
import { MAIN_NAV, COMING } from "../app/nav";
import { CustomersPage } from "./CustomersPage";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);
// The other panels are someone else's screens: stand-ins show which one a tab renders.
vi.mock("../suggestions/AtRiskPanel", () => ({ AtRiskPanel: () => <div data-testid="at-risk-panel" /> }));
vi.mock("../suggestions/OpportunitiesPanel", () => ({ OpportunitiesPanel: () => <div data-testid="opportunities-panel" /> }));
vi.mock("../suggestions/ProductRulesPanel", () => ({ ProductRulesPanel: () => <div data-testid="product-rules-panel" /> }));
vi.mock("../referrals/ReferralsPanel", () => ({ ReferralsPanel: () => <div data-testid="referrals-panel" /> }));
vi.mock("../referrals/ReviewsPanel", () => ({ ReviewsPanel: () => <div data-testid="reviews-panel" /> }));
vi.mock("../surveys/SurveysPanel", () => ({ SurveysPanel: () => <div data-testid="surveys-panel" /> }));

let search = "";
function SearchSpy() {
  search = useLocation().search;
  return null;
}

const page = (path: string) => renderApp(<Routes><Route path="/customers" element={<><CustomersPage /><SearchSpy /></>} /></Routes>, path);

describe("customers screen", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ordersList.mockImplementation(() => ok({ items: [orderSummary()], total: 1 }));
  });

  it("is in the sidebar after Pipeline, followed by Support, and no longer 'coming'", () => {
    const paths = MAIN_NAV.map((i) => i.path);
    expect(paths.slice(paths.indexOf("/pipeline"), paths.indexOf("/pipeline") + 3)).toEqual(["/pipeline", "/customers", "/tickets"]);
    expect(MAIN_NAV.find((i) => i.path === "/customers")).toMatchObject({ label: "Customers", testId: "nav-customers" });
    expect(MAIN_NAV.find((i) => i.path === "/tickets")).toMatchObject({ label: "Support", testId: "nav-support" });
    expect(COMING.some((i) => i.path === "/customers")).toBe(false);
  });

  it("opens on Orders, and switching tabs keeps the tab in ?tab=", async () => {
    page("/customers");
    expect(await screen.findByTestId("orders-panel")).toBeInTheDocument();
    expect(screen.getByTestId("tab-orders")).toHaveAttribute("aria-selected", "true");
    await userEvent.click(screen.getByTestId("tab-at-risk"));
    await waitFor(() => expect(search).toBe("?tab=at-risk"));
    expect(screen.getByTestId("tab-at-risk")).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("at-risk-panel")).toBeInTheDocument();
    expect(screen.queryByTestId("orders-panel")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("tab-orders"));
    await waitFor(() => expect(search).toBe(""));
    expect(await screen.findByTestId("orders-panel")).toBeInTheDocument();
  });

  it("opens the tab a link names", async () => {
    page("/customers?tab=reviews");
    expect(await screen.findByTestId("tab-reviews")).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("reviews-panel")).toBeInTheDocument();
    expect(screen.queryByTestId("orders-panel")).not.toBeInTheDocument();
    expect(commands.ordersList).not.toHaveBeenCalled();
  });

  it("falls back to Orders for a tab it does not know", async () => {
    page("/customers?tab=nonsense");
    expect(await screen.findByTestId("orders-panel")).toBeInTheDocument();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(
      ["Orders", "Opportunities", "At risk", "Referrals", "Reviews", "Surveys", "Product rules"],
    );
  });
});
