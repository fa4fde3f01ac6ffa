import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { OrderInput } from "../bindings";
import { fail, ok } from "../test/fixtures";
import { catalogue, choose, commands, order } from "../test/orders";
import { renderApp } from "../test/render";
import { formatMoney } from "../lib/money";
import { OrderFormModal } from "./OrderFormModal";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

const ada = { id: "c1", name: "Ada Lovelace" };

const pickProduct = (line: number, name: RegExp) => choose(screen.getByTestId(`order-line-product-${line}`), name);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("new order", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.productsList.mockImplementation(() => ok(catalogue()));
    commands.orderCreate.mockImplementation(() => ok(order()));
  });

  it("fills a line from the catalogue, keeps a live total and sends minor units", async () => {
    const onSaved = vi.fn();
    renderApp(<OrderFormModal contact={ada} onClose={() => undefined} onSaved={onSaved} />);
    await screen.findByTestId("order-form");
    // Archived products are not offered.
    await userEvent.click(screen.getByTestId("order-line-product-0"));
    expect(screen.queryByRole("option", { name: /Old hosting/, hidden: true })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("option", { name: /Website Basic/, hidden: true }));
    expect(screen.getByTestId("order-line-name-0")).toHaveValue("Website Basic");
    expect(screen.getByTestId("order-line-price-0")).toHaveValue("49.00");
    type("order-line-quantity-0", "3");
    expect(screen.getByTestId("order-total")).toHaveTextContent(`Total ${formatMoney(14700, "EUR")}`);

    // A free-text line with a discount: 2 × 1,250.50 less 10 % = 2,250.90.
    await userEvent.click(screen.getByTestId("order-add-line"));
    type("order-line-name-1", "Photo shoot");
    type("order-line-quantity-1", "2");
    type("order-line-price-1", "1,250.50");
    type("order-line-discount-1", "10");
    expect(screen.getByTestId("order-line-total-1")).toHaveTextContent(formatMoney(225090, "EUR"));
    expect(screen.getByTestId("order-total")).toHaveTextContent(`Total ${formatMoney(14700 + 225090, "EUR")}`);

    await userEvent.click(screen.getByTestId("order-save"));
    await waitFor(() => expect(commands.orderCreate).toHaveBeenCalledTimes(1));
    const input = commands.orderCreate.mock.calls[0][0] as OrderInput;
    expect(input).toEqual({
      contact_id: "c1", company_id: null, deal_id: null, ordered_at: null, currency: "EUR", note: null,
      lines: [
        { product_id: "p-basic", name: "Website Basic", quantity: 3, unit_price_minor: 4900, discount_percent: 0 },
        { product_id: null, name: "Photo shoot", quantity: 2, unit_price_minor: 125050, discount_percent: 10 },
      ],
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
  });

  it("shows a product in another currency at that line's product", async () => {
    commands.orderCreate.mockImplementationOnce(() => fail({
      kind: "validation",
      errors: [{ field: "lines.0.product_id", code: "mixed_currency", message: "“Website Basic” is priced in EUR, the order in GBP: one order is in one currency." }],
    }));
    renderApp(<OrderFormModal contact={ada} onClose={() => undefined} onSaved={() => undefined} />);
    await screen.findByTestId("order-form");
    await pickProduct(0, /Website Basic/);
    await userEvent.click(screen.getByTestId("order-add-line"));
    await pickProduct(1, /Logo design/);
    // The order took the last product's currency.
    expect(screen.getByTestId("order-currency")).toHaveValue("GBP");
    await userEvent.click(screen.getByTestId("order-save"));
    const line = (await screen.findAllByTestId("order-line"))[0];
    expect(await within(line).findByText(/priced in EUR, the order in GBP/)).toBeInTheDocument();
    expect(within(screen.getAllByTestId("order-line")[1]).queryByText(/priced in/)).not.toBeInTheDocument();
    // Changing that line forgets its error.
    await pickProduct(0, /SEO audit/);
    expect(screen.queryByText(/priced in EUR, the order in GBP/)).not.toBeInTheDocument();
  });

  it("asks who bought it before calling the back end", async () => {
    renderApp(<OrderFormModal onClose={() => undefined} onSaved={() => undefined} />);
    await screen.findByTestId("order-form");
    type("order-line-name-0", "Consulting");
    type("order-line-price-0", "80");
    await userEvent.click(screen.getByTestId("order-save"));
    expect(await screen.findByText("Say who bought it: a contact, a company, or both.")).toBeInTheDocument();
    expect(commands.orderCreate).not.toHaveBeenCalled();
  });
});
