import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import type { OrderQuery } from "../bindings";
import { fail, ok } from "../test/fixtures";
import { commands, order, orderSummary } from "../test/orders";
import { currentPath, renderApp } from "../test/render";
import { formatMoney } from "../lib/money";
import { OrdersPanel } from "./OrdersPanel";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

const panel = () => renderApp(<ModalsProvider><OrdersPanel /></ModalsProvider>);
const lastQuery = () => commands.ordersList.mock.calls.at(-1)![0] as OrderQuery;

async function openFirstOrder() {
  panel();
  await userEvent.click((await screen.findAllByTestId("order-row"))[0]);
  return screen.findByTestId("order-detail");
}

describe("orders", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ordersList.mockImplementation(() => ok({
      items: [
        orderSummary(),
        orderSummary({ id: "o-2", number: 11, status: "partly_refunded", refunded_minor: 5000, contact: null, company: { id: "k2", name: "Babbage & Co" } }),
      ],
      total: 2,
    }));
    commands.orderGet.mockImplementation(() => ok(order()));
  });

  it("lists orders with their customer, items, total, status in words and refunds", async () => {
    panel();
    const rows = await screen.findAllByTestId("order-row");
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByText("12")).toBeInTheDocument();
    expect(first.getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", "/contacts/c1");
    expect(first.getByRole("link", { name: "Analytical Engines" })).toHaveAttribute("href", "/companies/k1");
    expect(first.getByText("Website Basic, SEO audit")).toBeInTheDocument();
    expect(first.getByText(formatMoney(39900, "EUR"))).toBeInTheDocument();
    expect(first.getByTestId("order-status")).toHaveTextContent("Paid");
    const second = within(rows[1]);
    expect(second.getByTestId("order-status")).toHaveTextContent("Partly refunded");
    expect(second.getByText(formatMoney(5000, "EUR"))).toBeInTheDocument();
    expect(second.getByRole("link", { name: "Babbage & Co" })).toBeInTheDocument();
    expect(lastQuery()).toEqual({ contact_id: null, company_id: null, status: null, from: null, to: null, offset: 0, limit: 25 });
  });

  it("filters by status and pages through many orders", async () => {
    commands.ordersList.mockImplementation(() => ok({ items: [orderSummary()], total: 60 }));
    panel();
    await screen.findAllByTestId("order-row");
    expect(screen.getByTestId("orders-count")).toHaveTextContent("1–25 of 60 orders");
    await userEvent.click(screen.getByRole("button", { name: "2" }));
    await waitFor(() => expect(lastQuery().offset).toBe(25));
    expect(screen.getByTestId("orders-count")).toHaveTextContent("26–50 of 60 orders");

    await userEvent.click(screen.getByTestId("orders-status"));
    await userEvent.click(await screen.findByRole("option", { name: "Refunded", hidden: true }));
    // A new filter starts again at the first page.
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: "refunded", offset: 0 }));
  });

  it("opens an order with its lines, subscription, deal and note", async () => {
    const detail = await openFirstOrder();
    expect(within(detail).getByText("SEO audit")).toBeInTheDocument();
    expect(within(detail).getByText(`1 × ${formatMoney(35000, "EUR")}`)).toBeInTheDocument();
    expect(within(detail).getByTestId("subscription")).toHaveTextContent("Website Basic");
    expect(within(detail).getByTestId("subscription")).toHaveTextContent("Active");
    expect(within(detail).getByTestId("order-deal")).toHaveAttribute("href", "/deals/d-1");
    expect(within(detail).getByTestId("order-note")).toHaveTextContent("From the won deal “New website”.");
    expect(commands.orderGet).toHaveBeenCalledWith("o-1");
    // Following the deal's link leaves the drawer closed behind.
    await userEvent.click(within(detail).getByTestId("order-deal"));
    await waitFor(() => expect(currentPath).toBe("/deals/d-1"));
    await waitFor(() => expect(screen.queryByTestId("order-detail")).not.toBeInTheDocument());
  });

  it("shows the back end's refusal of a refund over what was paid under the amount", async () => {
    commands.orderRefund.mockImplementationOnce(() => fail({
      kind: "validation",
      errors: [{ field: "amount_minor", code: "over_paid", message: "Order 12 has 399.00 EUR left to refund; 500.00 is more than was paid." }],
    }));
    await openFirstOrder();
    await userEvent.click(screen.getByTestId("order-refund"));
    const amount = await screen.findByTestId("refund-amount");
    expect(amount).toHaveValue("399.00");
    fireEvent.change(amount, { target: { value: "500" } });
    fireEvent.change(screen.getByTestId("refund-reason"), { target: { value: "Training day cancelled" } });
    await userEvent.click(screen.getByTestId("refund-save"));
    await waitFor(() => expect(commands.orderRefund).toHaveBeenCalledWith("o-1", 50000, "Training day cancelled"));
    expect(await within(screen.getByTestId("refund-form")).findByText("Order 12 has 399.00 EUR left to refund; 500.00 is more than was paid.")).toBeInTheDocument();
  });

  it("records a refund and shows the refunded amount", async () => {
    const refunded = () => ok(order({ summary: orderSummary({ status: "partly_refunded", refunded_minor: 4900 }) }));
    commands.orderRefund.mockImplementationOnce(refunded);
    await openFirstOrder();
    expect(screen.queryByTestId("order-refunded")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("order-refund"));
    fireEvent.change(await screen.findByTestId("refund-amount"), { target: { value: "49" } });
    commands.orderGet.mockImplementation(refunded);
    await userEvent.click(screen.getByTestId("refund-save"));
    await waitFor(() => expect(commands.orderRefund).toHaveBeenCalledWith("o-1", 4900, null));
    expect(await screen.findByTestId("order-refunded")).toHaveTextContent(formatMoney(4900, "EUR"));
  });

  it("cancels a subscription and deletes an order, each after asking", async () => {
    const detail = await openFirstOrder();
    await userEvent.click(within(detail).getByTestId("subscription-cancel"));
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(commands.subscriptionCancel).toHaveBeenCalledWith("s-1"));

    await userEvent.click(screen.getByTestId("order-delete"));
    expect(await screen.findByText(/Delete order 12\?/)).toBeInTheDocument();
    expect(commands.orderDelete).not.toHaveBeenCalled();
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(commands.orderDelete).toHaveBeenCalledWith("o-1"));
  });
});
