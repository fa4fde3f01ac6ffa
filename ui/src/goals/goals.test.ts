import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import { formatMoney } from "../lib/money";
import { goal } from "./goalFixtures";
import {
  METRICS, METRIC_KEYS, baselineArgs, deadlineIso, emptyGoalForm, formatGoalValue, goalFieldErrors, goalFormFrom, isMoney,
  parseGoalValue, previewSentence, projectionText, startIso, toGoalInput, toInputText, usualGoalCurrency, type GoalForm,
} from "./goals";

const form = (over: Partial<GoalForm> = {}): GoalForm => ({
  name: "Convert more leads", metric: "conversion_rate", segmentId: null, currency: "EUR", start: "2026-12-01",
  deadline: "2027-06-06", baseline: "12", target: "22", ...over,
});

describe("goal metrics", () => {
  it("knows every metric's unit, range and whether it is money", () => {
    expect(METRIC_KEYS).toHaveLength(9);
    expect(METRICS.conversion_rate).toMatchObject({ label: "Lead conversion rate", unit: "percent", min: 0, max: 100, isTotal: false });
    expect(METRICS.nps).toMatchObject({ unit: "score", min: -100, max: 100 });
    expect(METRICS.new_customers).toMatchObject({ unit: "count", isTotal: true });
    expect(METRIC_KEYS.filter(isMoney)).toEqual(["won_revenue", "average_order_value"]);
  });

  it("formats values by unit", () => {
    expect(formatGoalValue(18.25, "conversion_rate", null)).toBe("18.3%");
    expect(formatGoalValue(125050, "won_revenue", "EUR")).toBe(formatMoney(125050, "EUR"));
    expect(formatGoalValue(1200, "average_order_value", "JPY")).toBe(formatMoney(1200, "JPY"));
    expect(formatGoalValue(41.6, "new_customers", null)).toBe("42");
    expect(formatGoalValue(35, "nps", null)).toBe("+35");
    expect(formatGoalValue(-12.5, "nps", null)).toBe("-12.5");
    expect(formatGoalValue(null, "csat", null)).toBe("—");
  });

  it("turns typed values into stored ones (money in minor units) and back", () => {
    expect(parseGoalValue("1,250.50", "won_revenue", "EUR")).toEqual({ value: 125050 });
    expect(parseGoalValue("1250", "won_revenue", "JPY")).toEqual({ value: 1250 });
    expect(parseGoalValue("12,5 %", "conversion_rate", null)).toEqual({ value: 12.5 });
    expect(parseGoalValue("−20", "nps", null)).toEqual({ value: -20 });
    expect(parseGoalValue("  ", "nps", null)).toBeNull();
    expect(parseGoalValue("abc", "won_revenue", "EUR")).toEqual({ error: "“abc” is not an amount." });
    expect(parseGoalValue("lots", "win_rate", null)).toEqual({ error: "“lots” is not a number." });
    expect(parseGoalValue("120", "conversion_rate", null)).toEqual({ error: "Lead conversion rate goes from 0 to 100." });
    expect(parseGoalValue("-101", "nps", null)).toEqual({ error: "NPS goes from -100 to 100." });
    expect(parseGoalValue("2.5", "new_customers", null)).toEqual({ error: "Use a whole number of customers." });
    expect(parseGoalValue("-5", "won_revenue", "EUR")).toMatchObject({ error: expect.any(String) });
    expect(toInputText(125050, "won_revenue", "EUR")).toBe("1250.50");
    expect(toInputText(12.345, "conversion_rate", null)).toBe("12.3");
    expect(toInputText(null, "conversion_rate", null)).toBe("");
  });
});

describe("goal dates", () => {
  it("puts the start and the deadline on the picked day, both locally and in UTC", () => {
    const s = startIso("2026-12-01");
    const d = deadlineIso("2027-06-06");
    expect(dayjs(s).format("YYYY-MM-DD")).toBe("2026-12-01");
    expect(s.slice(0, 10)).toBe("2026-12-01");
    expect(dayjs(d).format("YYYY-MM-DD")).toBe("2027-06-06");
    expect(d.slice(0, 10)).toBe("2027-06-06");
    expect(Date.parse(d)).toBeGreaterThan(Date.parse(s));
  });

  it("defaults to today and a deadline six months on", () => {
    const f = emptyGoalForm("GBP", new Date(2026, 11, 1, 15, 30));
    expect(f).toMatchObject({ start: "2026-12-01", deadline: "2027-06-01", currency: "GBP", metric: "conversion_rate", baseline: "", target: "" });
  });
});

describe("the goal form", () => {
  it("builds the GoalInput; the currency only for money goals", () => {
    const { input } = toGoalInput(form({ name: "  Convert more leads ", segmentId: "s-1" }));
    expect(input).toEqual({
      name: "Convert more leads", metric: "conversion_rate", segment_id: "s-1", currency: null, baseline: 12, target: 22,
      starts_at: startIso("2026-12-01"), deadline_at: deadlineIso("2027-06-06"),
    });
    const money = toGoalInput(form({ metric: "won_revenue", currency: "gbp", baseline: "", target: "15,000" })).input;
    expect(money).toMatchObject({ metric: "won_revenue", currency: "GBP", baseline: null, target: 1500000 });
  });

  it("says what is wrong before asking the back end", () => {
    const { input, errors } = toGoalInput(form({ name: " ", target: "", deadline: "2026-11-01", metric: "won_revenue", currency: "" }));
    expect(input).toBeNull();
    expect(errors).toEqual({
      name: "Give the goal a name.", target: "Set the target to reach.", deadline_at: "The deadline must come after the start.",
      currency: "A money goal needs its currency (e.g. EUR).",
    });
    expect(toGoalInput(form({ baseline: "150" })).errors).toEqual({ baseline: "Lead conversion rate goes from 0 to 100." });
    expect(toGoalInput(form({ metric: "average_order_value", currency: "EURO" })).errors.currency).toMatch(/three-letter/);
  });

  it("reads a goal back into the form (money in major units)", () => {
    const g = goal({ metric: "won_revenue", currency: "USD", baseline: 1000000, target: 1500000, segment: { id: "s-1", name: "VIP" } });
    expect(goalFormFrom(g, "EUR")).toMatchObject({
      metric: "won_revenue", currency: "USD", segmentId: "s-1", baseline: "10000.00", target: "15000.00",
      start: dayjs(g.starts_at).format("YYYY-MM-DD"), deadline: dayjs(g.deadline_at).format("YYYY-MM-DD"),
    });
  });

  it("gives the baseline's arguments for the form's period", () => {
    expect(baselineArgs(form({ segmentId: "s-1" }))).toEqual(["conversion_rate", "s-1", null, startIso("2026-12-01"), deadlineIso("2027-06-06")]);
    expect(baselineArgs(form({ metric: "won_revenue", currency: "eur" }))?.[2]).toBe("EUR");
    expect(baselineArgs(form({ deadline: "" }))).toBeNull();
  });

  it("reads the goal back as a sentence", () => {
    expect(previewSentence(form(), null)).toBe("Lead conversion rate from 12% to 22% by 6 Jun 2027");
    expect(previewSentence(form({ baseline: "" }), "VIP")).toBe("Lead conversion rate for VIP from its level before the start to 22% by 6 Jun 2027");
    expect(previewSentence(form({ metric: "new_customers", baseline: "25", target: "40" }), null)).toBe("New customers: 40 by 6 Jun 2027 (25 in the period before)");
    expect(previewSentence(form({ target: "" }), null)).toBe("Lead conversion rate from 12% to … by 6 Jun 2027");
  });
});

describe("goals in the list", () => {
  it("projects by the deadline and finds the usual currency", () => {
    expect(projectionText(goal({ deadline_at: deadlineIso("2027-06-01") }))).toBe("projected 21.4% by 1 Jun");
    expect(projectionText(goal({ projected: null }))).toBeNull();
    expect(usualGoalCurrency([goal({ currency: "GBP" }), goal({ currency: "USD" }), goal({ currency: "USD" }), goal()])).toBe("USD");
    expect(usualGoalCurrency([goal()])).toBe("EUR");
  });

  it("keeps the back end's precise words for a value out of range", () => {
    const errors = goalFieldErrors({
      kind: "validation",
      errors: [
        { field: "target", code: "out_of_range", message: "NPS goes from -100 to 100." },
        { field: "baseline", code: "no_data", message: "There is no data before the start to measure a baseline from; type one in." },
        { field: "name", code: "required", message: "" },
      ],
    });
    expect(errors).toEqual({
      target: "NPS goes from -100 to 100.",
      baseline: "There is no data before the start to measure a baseline from; type one in.",
      name: "Name is required.",
    });
    expect(goalFieldErrors(new Error("x"))).toEqual({});
  });
});
