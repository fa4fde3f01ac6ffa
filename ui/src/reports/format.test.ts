import { describe, expect, it } from "vitest";
import { deltaOf, formatValue, lowerIsBetter, periodWords } from "./format";

describe("formatValue", () => {
  it("shows counts as plain integers, grouped only from 1,000 up", () => {
    expect(formatValue(31, "count")).toBe("31");
    expect(formatValue(999, "count")).toBe("999");
    expect(formatValue(30.6, "count")).toBe("31");
    expect(formatValue(1234, "count")).toBe("1,234");
    expect(formatValue(0, "count")).toBe("0");
  });
  it("shows percent with %, days with d, numbers with up to two decimals", () => {
    expect(formatValue(42.5, "percent")).toBe("42.5%");
    expect(formatValue(40, "percent")).toBe("40%");
    expect(formatValue(12, "days")).toBe("12 d");
    expect(formatValue(3.25, "days")).toBe("3.3 d");
    expect(formatValue(1.456, "number")).toBe("1.46");
  });
  it("shows a score signed", () => {
    expect(formatValue(32, "score")).toBe("+32");
    expect(formatValue(-10, "score")).toBe("−10");
    expect(formatValue(0, "score")).toBe("0");
  });
  it("shows money from minor units in the currency", () => {
    expect(formatValue(125050, "money", "EUR")).toMatch(/€1,250\.50/);
    expect(formatValue(1200, "money", "JPY")).toMatch(/1,200/);
    expect(formatValue(125050, "money", "EUR")).not.toMatch(/125,050/);
  });
  it("shows a dash for nothing", () => {
    expect(formatValue(null, "percent")).toBe("—");
    expect(formatValue(undefined, "money", "EUR")).toBe("—");
  });
});

describe("deltaOf", () => {
  const f = { key: "new_customers", unit: "count" as const, currency: null };
  it("gives counts the absolute and the relative change, a rise in green", () => {
    expect(deltaOf({ ...f, value: 31, previous: 25 })).toEqual({ direction: "up", color: "green", text: "▲ 6 (+24%)" });
    expect(deltaOf({ ...f, value: 20, previous: 25 })).toEqual({ direction: "down", color: "red", text: "▼ 5 (−20%)" });
  });
  it("gives no relative change from zero", () => {
    expect(deltaOf({ ...f, value: 4, previous: 0 }).text).toBe("▲ 4");
  });
  it("gives percent changes in points", () => {
    expect(deltaOf({ key: "win_rate", unit: "percent", currency: null, value: 45.5, previous: 40 }).text).toBe("▲ 5.5 pts");
  });
  it("gives money in the currency with the relative change", () => {
    const d = deltaOf({ key: "revenue_eur", unit: "money", currency: "EUR", value: 150000, previous: 100000 });
    expect(d.color).toBe("green");
    expect(d.text).toMatch(/^▲ €500\.00 \(\+50%\)$/);
  });
  it("treats churn and losses as lower is better", () => {
    expect(deltaOf({ key: "churn", unit: "percent", currency: null, value: 5, previous: 3 })).toMatchObject({ direction: "up", color: "red" });
    expect(deltaOf({ key: "lost", unit: "count", currency: null, value: 2, previous: 6 })).toMatchObject({ direction: "down", color: "green" });
    expect(lowerIsBetter("sales_cycle", "days")).toBe(true);
    expect(lowerIsBetter("win_rate", "percent")).toBe(false);
  });
  it("says no change, or nothing, when there is nothing to compare", () => {
    expect(deltaOf({ ...f, value: 3, previous: 3 })).toEqual({ direction: "flat", color: "gray", text: "no change" });
    expect(deltaOf({ key: "csat", unit: "percent", currency: null, value: 80.01, previous: 80.02 }).text).toBe("no change");
    expect(deltaOf({ ...f, value: 3, previous: null })).toEqual({ direction: "flat", color: "gray", text: null });
    expect(deltaOf({ ...f, value: null, previous: 3 }).text).toBeNull();
  });
});

describe("periodWords", () => {
  const now = new Date(2026, 8, 10);
  it("names the days a half-open period covers", () => {
    const p = { from: new Date(2026, 5, 8).toISOString(), to: new Date(2026, 8, 7).toISOString() };
    expect(periodWords(p, now)).toBe("Jun 8 – Sep 6");
  });
  it("adds years for another year or one that spans two", () => {
    const p = { from: new Date(2025, 11, 1).toISOString(), to: new Date(2026, 0, 1).toISOString() };
    expect(periodWords(p, now)).toBe("Dec 1, 2025 – Dec 31, 2025");
    const day = { from: new Date(2026, 2, 3).toISOString(), to: new Date(2026, 2, 4).toISOString() };
    expect(periodWords(day, now)).toBe("Mar 3");
    const q = { from: new Date(2025, 10, 1).toISOString(), to: new Date(2026, 1, 1).toISOString() };
    expect(periodWords(q, now)).toBe("Nov 1, 2025 – Jan 31, 2026");
  });
});
