// The merge dialog's logic: which record survives and, field by field, whose value is kept.
import type { FieldChoice, MergeCandidates, MergeInput } from "../bindings";

/** field → index of the record whose value is kept. */
export type Choices = Record<string, number>;

/** The survivor's value wherever it has one, else the first record that has one. */
export function defaultChoices(c: MergeCandidates, survivor: number): Choices {
  const out: Choices = {};
  for (const f of c.fields) {
    const own = f.values[survivor];
    out[f.field] = own !== null && own !== "" ? survivor : Math.max(0, f.values.findIndex((v) => v !== null && v !== ""));
  }
  return out;
}

/** Fields whose values differ between records (the only ones worth asking about). */
export function differing(c: MergeCandidates) {
  return c.fields.filter((f) => new Set(f.values.map((v) => v ?? "")).size > 1);
}

export function toMergeInput(c: MergeCandidates, survivor: number, choices: Choices): MergeInput {
  const ids = c.records.map((r) => r.id);
  const picks: FieldChoice[] = Object.entries(choices)
    .filter(([, i]) => i !== survivor && ids[i] !== undefined)
    .map(([field, i]) => ({ field, from_id: ids[i] }));
  return { kind: c.kind, survivor_id: ids[survivor], merged_ids: ids.filter((_, i) => i !== survivor), choices: picks };
}

export const REASON_LABELS = {
  same_email: "Same e-mail",
  same_phone: "Same phone",
  similar_name: "Similar name",
  same_domain: "Same website domain",
} as const;

export function confidenceColor(c: number): string {
  return c >= 90 ? "red" : c >= 75 ? "orange" : "yellow";
}
