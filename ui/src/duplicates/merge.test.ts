import { describe, expect, it } from "vitest";
import type { MergeCandidates } from "../bindings";
import { defaultChoices, differing, toMergeInput } from "./merge";

const c: MergeCandidates = {
  kind: "contact",
  records: [
    { id: "a", name: "Jon Smith", subtitle: null, created_at: "2026-01-01T00:00:00Z" },
    { id: "b", name: "Jonathan Smith", subtitle: null, created_at: "2026-02-01T00:00:00Z" },
  ],
  fields: [
    { field: "first_name", label: "First name", values: ["Jon", "Jonathan"] },
    { field: "title", label: "Title", values: [null, "Owner"] },
    { field: "last_name", label: "Last name", values: ["Smith", "Smith"] },
  ],
  linked: ["3 activities", "1 deal"],
};

describe("merge choices", () => {
  it("keeps the survivor's values and fills its gaps from the others", () => {
    expect(defaultChoices(c, 0)).toEqual({ first_name: 0, title: 1, last_name: 0 });
    expect(defaultChoices(c, 1)).toEqual({ first_name: 1, title: 1, last_name: 1 });
  });

  it("asks only about fields that differ", () => {
    expect(differing(c).map((f) => f.field)).toEqual(["first_name", "title"]);
  });

  it("sends only the values taken from other records", () => {
    expect(toMergeInput(c, 0, { first_name: 1, title: 1, last_name: 0 })).toEqual({
      kind: "contact",
      survivor_id: "a",
      merged_ids: ["b"],
      choices: [
        { field: "first_name", from_id: "b" },
        { field: "title", from_id: "b" },
      ],
    });
  });
});
