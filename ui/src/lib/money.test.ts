import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, minorToInput, parseMoney } from "./money";

describe("money", () => {
  it("knows minor-unit digits", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
  });
  it("parses what people type into minor units", () => {
    expect(parseMoney("1250", "EUR")).toBe(125000);
    expect(parseMoney("1,250.50", "EUR")).toBe(125050);
    expect(parseMoney("1.250,5", "EUR")).toBe(125050);
    expect(parseMoney("1,250", "EUR")).toBe(125000);
    expect(parseMoney("12.5", "EUR")).toBe(1250);
    expect(parseMoney("1 200", "JPY")).toBe(1200);
    expect(parseMoney("abc", "EUR")).toBeNull();
    expect(parseMoney("1.234", "JPY")).toBe(1234);
    expect(parseMoney("", "EUR")).toBeNull();
  });
  it("formats and round-trips", () => {
    expect(formatMoney(125050, "EUR")).toMatch(/1,250\.50/);
    expect(minorToInput(125050, "EUR")).toBe("1250.50");
    expect(parseMoney(minorToInput(99, "EUR"), "EUR")).toBe(99);
  });
});
