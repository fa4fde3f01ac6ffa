import { describe, expect, it } from "vitest";
import { catalogue } from "../test/orders";
import { usualCurrency } from "../products/format";
import { emptyOrderForm, lineTotal, orderTotal, orderedAt, toOrderInput, withProduct, type OrderForm } from "./orderForm";

const ada = { id: "c1", name: "Ada Lovelace" };

describe("order form", () => {
  it("rounds a line's total half up to the minor unit, like the back end", () => {
    expect(lineTotal(3, 333, 10)).toBe(899); // 899.1
    expect(lineTotal(1, 5, 50)).toBe(3); // 2.5 → 3
    expect(lineTotal(2, 4900, 0)).toBe(9800);
    expect(lineTotal(1, 4900, 100)).toBe(0);
    // Large amounts stay exact (no float on the way): 1000 × 999,999.99 less 33 %.
    expect(lineTotal(1000, 99_999_999, 33)).toBe(66_999_999_330);
    expect(lineTotal(7, 1_234_567, 17)).toBe(7_172_834); // 7,172,834.27
  });

  it("adds the lines up and gives no total while an amount cannot be read", () => {
    const f: OrderForm = {
      ...emptyOrderForm({ currency: "EUR", contact: ada, today: "2026-11-23" }),
      lines: [
        { productId: null, name: "Setup", quantity: 2, price: "1,250.50", discount: 10 },
        { productId: null, name: "Hosting", quantity: "3", price: "9.99", discount: 0 },
      ],
    };
    expect(orderTotal(f)).toBe(225090 + 2997);
    expect(orderTotal({ ...f, lines: [{ ...f.lines[0], price: "abc" }] })).toBeNull();
    expect(orderTotal({ ...f, lines: [{ ...f.lines[0], discount: 101 }] })).toBeNull();
  });

  it("takes a catalogue product's name, price and currency", () => {
    const [, , seo, logo] = catalogue();
    let f = emptyOrderForm({ currency: "EUR", contact: ada });
    f = withProduct(f, 0, logo);
    expect(f.currency).toBe("GBP");
    expect(f.lines[0]).toMatchObject({ productId: "p-logo", name: "Logo design", price: "1200.00" });
    f = withProduct(f, 0, seo);
    expect(f.currency).toBe("EUR");
    expect(f.lines[0]).toMatchObject({ productId: "p-seo", name: "SEO audit", price: "350.00" });
    f = withProduct(f, 0, null);
    expect(f.lines[0]).toMatchObject({ productId: null, name: "SEO audit" });
  });

  it("defaults to the currency most of the live catalogue is priced in", () => {
    expect(usualCurrency(catalogue())).toBe("EUR");
    expect(usualCurrency([])).toBe("EUR");
    expect(usualCurrency(catalogue().filter((p) => p.currency === "GBP"))).toBe("GBP");
  });

  it("sends integer minor units, today as now and another day as that local day", () => {
    const f: OrderForm = {
      ...emptyOrderForm({ currency: "JPY", contact: ada, today: "2026-11-23" }),
      lines: [{ productId: null, name: " Tea set ", quantity: 2, price: "1,200", discount: 5 }],
      note: "  ",
    };
    const { input } = toOrderInput(f, "2026-11-23");
    expect(input).toEqual({
      contact_id: "c1", company_id: null, deal_id: null, ordered_at: null, currency: "JPY",
      lines: [{ product_id: null, name: "Tea set", quantity: 2, unit_price_minor: 1200, discount_percent: 5 }], note: null,
    });
    const earlier = toOrderInput({ ...f, date: "2026-11-02" }, "2026-11-23").input!;
    const d = new Date(earlier.ordered_at!);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2026, 11, 2]);
    expect(orderedAt("2026-11-23", "2026-11-23")).toBeNull();
  });

  it("names what is missing before asking the back end", () => {
    const f: OrderForm = { ...emptyOrderForm({ today: "2026-11-23" }), lines: [{ productId: null, name: "", quantity: 0, price: "x", discount: 0 }] };
    const { input, errors } = toOrderInput(f, "2026-11-23");
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["contact_id", "lines.0.name", "lines.0.quantity", "lines.0.unit_price_minor"]);
  });
});
