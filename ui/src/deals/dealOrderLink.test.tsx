import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { DealDetail, OrderQuery } from "../bindings";
import { ok } from "../test/fixtures";
import { commands, order, orderSummary } from "../test/orders";
import { renderApp } from "../test/render";
import { DealOrderLink, findDealOrder } from "./DealOrderLink";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

const deal = (over: Partial<DealDetail> = {}) => ({
  id: "d-1", status: "won", closed_at: "2026-11-20T10:00:00Z", contacts: [{ id: "c1", name: "Ada Lovelace" }], company: { id: "k1", name: "Analytical Engines" }, ...over,
}) as DealDetail;

describe("a won deal's order", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ordersList.mockImplementation(() => ok({ items: [orderSummary({ id: "o-9", number: 9 }), orderSummary()], total: 2 }));
    commands.orderGet.mockImplementation((id: unknown) => ok(id === "o-1" ? order() : order({ summary: orderSummary({ id: "o-9", number: 9 }), deal: null })));
  });

  it("looks at the buyer's orders from the moment it was won and finds the one naming the deal", async () => {
    const found = await findDealOrder(deal());
    expect(found?.number).toBe(12);
    const q = commands.ordersList.mock.calls[0][0] as OrderQuery;
    expect(q).toMatchObject({ contact_id: "c1", company_id: null, from: "2026-11-20T09:59:59.000Z", to: "2026-11-20T10:00:01.000Z" });
    expect(commands.orderGet).toHaveBeenCalledWith("o-9");
  });

  it("asks by company without a contact, and finds nothing without a buyer", async () => {
    await findDealOrder(deal({ contacts: [] }));
    expect(commands.ordersList.mock.calls[0][0]).toMatchObject({ contact_id: null, company_id: "k1" });
    expect(await findDealOrder(deal({ contacts: [], company: null }))).toBeNull();
  });

  it("shows “Order N” on a won deal and opens it", async () => {
    renderApp(<DealOrderLink deal={deal()} />);
    await userEvent.click(await screen.findByTestId("deal-order-link"));
    expect(screen.getByTestId("deal-order-link")).toHaveTextContent("Order 12");
    expect(await screen.findByTestId("order-detail")).toBeInTheDocument();
  });

  it("shows nothing for an open deal", async () => {
    renderApp(<DealOrderLink deal={deal({ status: "open", closed_at: null })} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId("deal-order-link")).not.toBeInTheDocument();
    expect(commands.ordersList).not.toHaveBeenCalled();
  });
});
