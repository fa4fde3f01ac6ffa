import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { contactDetail, ok } from "../test/fixtures";
import { commands, orderSummary, purchases } from "../test/orders";
import { renderApp } from "../test/render";
import { formatDate } from "../lib/dates";
import { formatMoney } from "../lib/money";
import { PurchasesCard } from "./PurchasesCard";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

const card = (props: Parameters<typeof PurchasesCard>[0]) => renderApp(<ModalsProvider><PurchasesCard {...props} /></ModalsProvider>);

describe("purchases card", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.purchasesOf.mockImplementation(() => ok(purchases()));
  });

  it("shows orders, spending per currency, first and last purchase and subscriptions", async () => {
    card({ id: "c1", name: "Ada Lovelace" });
    expect(await screen.findByTestId("purchases-orders")).toHaveTextContent("3");
    expect(commands.purchasesOf).toHaveBeenCalledWith("c1", false);
    const spent = screen.getAllByTestId("purchases-spent-amount").map((e) => e.textContent);
    expect(spent).toEqual([formatMoney(125050, "EUR"), formatMoney(120000, "GBP")]);
    expect(screen.getByTestId("purchases-first")).toHaveTextContent(formatDate("2025-03-02T10:00:00Z"));
    expect(screen.getByTestId("purchases-last")).toHaveTextContent(formatDate("2026-11-20T10:00:00Z"));

    const subs = screen.getAllByTestId("subscription");
    expect(subs[0]).toHaveTextContent("Website Basic");
    expect(subs[0]).toHaveTextContent("Active");
    expect(subs[0]).toHaveTextContent(`renews ${formatDate("2026-12-20T10:00:00Z")}`);
    expect(subs[1]).toHaveTextContent("Cancelled");
    expect(within(subs[1]).queryByTestId("subscription-cancel")).not.toBeInTheDocument();
    await userEvent.click(within(subs[0]).getByTestId("subscription-cancel"));
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(commands.subscriptionCancel).toHaveBeenCalledWith("s-1"));
    await waitFor(() => expect(commands.purchasesOf).toHaveBeenCalledTimes(2));
  });

  it("asks a company's purchases and opens one of the latest orders", async () => {
    card({ id: "k1", company: true, name: "Analytical Engines" });
    const recent = await screen.findAllByTestId("purchases-order");
    expect(commands.purchasesOf).toHaveBeenCalledWith("k1", true);
    expect(recent).toHaveLength(2);
    expect(recent[1]).toHaveTextContent("Logo design");
    expect(recent[1]).toHaveTextContent(formatMoney(120000, "GBP"));
    await userEvent.click(recent[0]);
    expect(await screen.findByTestId("order-detail")).toBeInTheDocument();
    expect(commands.orderGet).toHaveBeenCalledWith("o-1");
  });

  it("shows only the five latest orders until asked for all", async () => {
    const many = Array.from({ length: 8 }, (_, i) => orderSummary({ id: `o-${i}`, number: 20 - i }));
    commands.purchasesOf.mockImplementation(() => ok(purchases({ recent: many })));
    card({ id: "c1", name: "Ada Lovelace" });
    expect(await screen.findAllByTestId("purchases-order")).toHaveLength(5);
    await userEvent.click(screen.getByTestId("purchases-all"));
    expect(screen.getAllByTestId("purchases-order")).toHaveLength(8);
  });

  it("says when there is nothing yet, and starts a new order for this contact", async () => {
    commands.purchasesOf.mockImplementation(() => ok(purchases({ orders: 0, first_at: null, last_at: null, spent: [], subscriptions: [], recent: [] })));
    commands.contactGet.mockImplementation(() => ok(contactDetail({ id: "c1", display_name: "Ada Lovelace" })));
    card({ id: "c1" });
    expect(await screen.findByText("No purchases yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("purchases-new-order"));
    // The name was looked up for the picker.
    expect(await screen.findByTestId("order-contact")).toHaveValue("Ada Lovelace");
    expect(commands.contactGet).toHaveBeenCalledWith("c1");
    expect(screen.getByTestId("order-company")).toHaveValue("");
  });
});
