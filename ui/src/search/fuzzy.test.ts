import { describe, expect, it } from "vitest";
import { fold, fuzzyFilter, fuzzyScore } from "./fuzzy";

describe("fuzzy matching", () => {
  it("matches the query's letters in order, ignoring case and spaces", () => {
    expect(fuzzyScore("cohort", "Open report: Cohort retention")).not.toBeNull();
    expect(fuzzyScore("new con", "New contact")).not.toBeNull();
    expect(fuzzyScore("NWCT", "New contact")).not.toBeNull();
  });

  it("excludes texts that do not contain the letters in order", () => {
    expect(fuzzyScore("xyz", "New contact")).toBeNull();
    expect(fuzzyScore("tcaw", "New contact")).toBeNull();
    expect(fuzzyScore("contacts!", "Contacts")).toBeNull();
    expect(fuzzyFilter("zzz", ["Contacts", "Companies"], (s) => s)).toEqual([]);
  });

  it("ignores diacritics on both sides", () => {
    expect(fold("Île-de-France Café")).toBe("ile-de-france cafe");
    expect(fuzzyScore("cafe", "Café Ré")).not.toBeNull();
    expect(fuzzyScore("reseau", "Réseau")).not.toBeNull();
    expect(fuzzyScore("réseau", "Reseau")).not.toBeNull();
  });

  it("prefers word starts and consecutive letters", () => {
    expect(fuzzyScore("cr", "Cohort retention")!).toBeGreaterThan(fuzzyScore("cr", "Secret notess")!);
    expect(fuzzyScore("nc", "New contact")!).toBeGreaterThan(fuzzyScore("nc", "Sunce actnew")!);
    expect(fuzzyScore("ret", "retain")!).toBeGreaterThan(fuzzyScore("ret", "rebate")!);
  });

  it("sorts by score, best first, and keeps ties in order", () => {
    const items = ["Go to Companies", "Go to Contacts", "New contact", "Open report: Lost reasons"];
    expect(fuzzyFilter("new con", items, (s) => s)[0]).toBe("New contact");
    expect(fuzzyFilter("contacts", items, (s) => s)).toEqual(["Go to Contacts"]);
    expect(fuzzyFilter("", ["b", "a"], (s) => s)).toEqual(["b", "a"]);
  });
});
