import { describe, expect, it } from "vitest";
import { emptyDealForm, linesTotal, toDealInput } from "./dealForm";

describe("deal form", () => {
  it("turns the form into the command's input (money in minor units, date only)", () => {
    const f = { ...emptyDealForm("EUR", { id: "c1", name: "Ada" }), title: "  Spring order ", value: "1,250.50", expectedClose: "2026-12-01 00:00:00" };
    const { input, errors } = toDealInput(f);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ title: "Spring order", value_minor: 125050, currency: "EUR", expected_close: "2026-12-01", contact_ids: ["c1"], probability: null });
  });
  it("keeps an own probability only when switched on", () => {
    const f = { ...emptyDealForm("EUR"), title: "x", probability: 35 };
    expect(toDealInput(f).input?.probability).toBeNull();
    expect(toDealInput({ ...f, ownProbability: true }).input?.probability).toBe(35);
  });
  it("names the fields it cannot read, and sends nothing", () => {
    const f = { ...emptyDealForm("EUR"), value: "lots", lines: [] };
    const { input, errors } = toDealInput(f);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["title", "value_minor"]);
  });
  it("totals line items with their discounts", () => {
    const f = { ...emptyDealForm("EUR"), title: "x", lines: [
      { name: "Design", quantity: 2, price: "1500", discount: 10 },
      { name: "Hosting", quantity: 12, price: "25", discount: 0 },
    ] };
    expect(linesTotal(f)).toBe(270000 + 30000);
    expect(toDealInput(f).input?.lines[0]).toEqual({ name: "Design", quantity: 2, unit_price_minor: 150000, discount_percent: 10 });
  });
});
