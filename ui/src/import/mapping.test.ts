import { describe, expect, it } from "vitest";
import type { FieldInfo, Mapping, SavedMapping } from "../bindings";
import { applySaved, assignField, countsText, defaultMatchBy, missingRequired, percent, takesTags, targetOf, targetValue, undoText } from "./mapping";

const mapping: Mapping = {
  columns: [
    { column: 0, header: "E-mail Address", target: { to: "field", field: "email" } },
    { column: 1, header: "Given Name", target: { to: "ignore" } },
    { column: 2, header: "Categories", target: { to: "ignore" } },
  ],
};

describe("import mapping", () => {
  it("round-trips targets through select values", () => {
    for (const t of [{ to: "field", field: "email" }, { to: "note" }, { to: "tag" }, { to: "ignore" }] as const) {
      expect(targetOf(targetValue(t))).toEqual(t);
    }
    expect(targetOf(null)).toEqual({ to: "ignore" });
  });

  it("moves a field to the column it was last given to", () => {
    const m = assignField(mapping, 1, { to: "field", field: "email" });
    expect(m.columns[0].target).toEqual({ to: "ignore" });
    expect(m.columns[1].target).toEqual({ to: "field", field: "email" });
  });

  it("applies a saved mapping by header name, ignoring case and punctuation", () => {
    const saved: SavedMapping = {
      id: "1", kind: "contacts", name: "Outlook", updated_at: "2026-11-23T10:00:00Z",
      mapping: { columns: [
        { column: 7, header: "given name", target: { to: "field", field: "first_name" } },
        { column: 9, header: "CATEGORIES", target: { to: "tag" } },
      ] },
    };
    const m = applySaved(mapping, saved);
    expect(m.columns.map((c) => c.target)).toEqual([
      { to: "field", field: "email" },
      { to: "field", field: "first_name" },
      { to: "tag" },
    ]);
  });

  it("lists required fields without a column", () => {
    const fields: FieldInfo[] = [
      { key: "name", label: "Name", required: true, hint: null },
      { key: "email", label: "E-mail", required: false, hint: null },
    ];
    expect(missingRequired(mapping, fields).map((f) => f.key)).toEqual(["name"]);
  });

  it("describes counts and progress", () => {
    expect(countsText({ create: 12, update: 1, skip: 2, reject: 0 })).toBe("12 new, 1 update, 2 duplicates skipped");
    expect(countsText({ create: 0, update: 0, skip: 0, reject: 0 })).toBe("nothing to import");
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, 0)).toBe(0);
  });

  it("orders match by their number, carry no tags and are deleted on undo", () => {
    expect(defaultMatchBy("orders")).toEqual(["external_id"]);
    expect(defaultMatchBy("survey_responses")).toEqual([]);
    expect(takesTags("orders")).toBe(false);
    expect(takesTags("contacts")).toBe(true);
    expect(undoText("orders", { create: 3, update: 1, skip: 0, reject: 0 })).toContain("deleted with their lines and subscriptions");
    expect(undoText("contacts", { create: 3, update: 1, skip: 0, reject: 0 })).toContain("go to the trash");
  });
});
