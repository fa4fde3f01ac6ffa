import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fail, ok } from "../test/fixtures";
import { commands, purchaseRules } from "../test/orders";
import { renderApp } from "../test/render";
import { PurchaseRulesSettings } from "./PurchaseRulesSettings";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

describe("purchases and lifecycle settings", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.purchaseRulesGet.mockImplementation(() => ok(purchaseRules()));
    commands.purchaseRulesSet.mockImplementation(() => ok(purchaseRules({ loyal_after_orders: 3, orders_from_won_deals: false })));
  });

  it("shows the rules and saves the changes", async () => {
    renderApp(<PurchaseRulesSettings />);
    const count = await screen.findByTestId("loyal-after-orders");
    expect(count).toHaveValue("2");
    expect(screen.getByRole("switch", { name: "A customer whose referral buys becomes loyal" })).toBeChecked();
    fireEvent.change(count, { target: { value: "3" } });
    await userEvent.click(screen.getByRole("switch", { name: /Winning a deal creates its order/ }));
    await userEvent.click(screen.getByTestId("purchase-rules-save"));
    await waitFor(() => expect(commands.purchaseRulesSet).toHaveBeenCalledWith({ loyal_after_orders: 3, loyal_on_referral: true, orders_from_won_deals: false }));
  });

  it("refuses one order as loyalty, and shows the back end's refusal at the count", async () => {
    renderApp(<PurchaseRulesSettings />);
    fireEvent.change(await screen.findByTestId("loyal-after-orders"), { target: { value: "1" } });
    await userEvent.click(screen.getByTestId("purchase-rules-save"));
    expect(await screen.findByTestId("loyal-after-error")).toHaveTextContent("2 orders or more");
    expect(commands.purchaseRulesSet).not.toHaveBeenCalled();

    commands.purchaseRulesSet.mockImplementationOnce(() => fail({ kind: "validation", errors: [{ field: "loyal_after_orders", code: "out_of_range", message: "At most 1,000 orders." }] }));
    fireEvent.change(screen.getByTestId("loyal-after-orders"), { target: { value: "5000" } });
    await userEvent.click(screen.getByTestId("purchase-rules-save"));
    await waitFor(() => expect(commands.purchaseRulesSet).toHaveBeenCalled());
    expect(await screen.findByTestId("loyal-after-error")).toBeInTheDocument();
  });
});
