// The mapping step's logic: where each column goes, saved mappings applied by header name,
// and the words the wizard shows.
import type { ActionCounts, FieldInfo, ImportKind, MatchBy, Mapping, SavedMapping, Target } from "../bindings";
import { formatNumber } from "../lib/numbers";

export const KIND_LABELS: Record<ImportKind, string> = {
  contacts: "Contacts",
  companies: "Companies",
  deals: "Deals",
  activities: "Activities",
  orders: "Orders",
  survey_responses: "Survey answers",
};

/** A Select value for a target: "field:email", "note", "tag" or "ignore". */
export function targetValue(t: Target): string {
  return t.to === "field" ? `field:${t.field}` : t.to;
}

export function targetOf(value: string | null): Target {
  if (!value || value === "ignore") return { to: "ignore" };
  if (value === "note") return { to: "note" };
  if (value === "tag") return { to: "tag" };
  return { to: "field", field: value.slice("field:".length) };
}

export function targetOptions(fields: FieldInfo[]) {
  return [
    { group: "Fields", items: fields.map((f) => ({ value: `field:${f.key}`, label: f.required ? `${f.label} (required)` : f.label })) },
    {
      group: "Other",
      items: [
        { value: "note", label: "Keep in notes" },
        { value: "tag", label: "Keep as tags" },
        { value: "ignore", label: "Don't import" },
      ],
    },
  ];
}

export function setTarget(mapping: Mapping, column: number, target: Target): Mapping {
  return { columns: mapping.columns.map((c) => (c.column === column ? { ...c, target } : c)) };
}

/** A field can take one column: mapping a field here unmaps it from any other column. */
export function assignField(mapping: Mapping, column: number, target: Target): Mapping {
  const cleared =
    target.to === "field"
      ? mapping.columns.map((c) =>
          c.column !== column && c.target.to === "field" && c.target.field === target.field ? { ...c, target: { to: "ignore" } as Target } : c,
        )
      : mapping.columns;
  return setTarget({ columns: cleared }, column, target);
}

const norm = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Applies a saved mapping to this file's columns by header name; unmatched columns keep
 *  their current target. */
export function applySaved(current: Mapping, saved: SavedMapping): Mapping {
  const byHeader = new Map(saved.mapping.columns.map((c) => [norm(c.header), c.target]));
  return {
    columns: current.columns.map((c) => {
      const t = byHeader.get(norm(c.header));
      return t ? { ...c, target: t } : c;
    }),
  };
}

/** Required fields no column fills yet (checked before asking the back end). */
export function missingRequired(mapping: Mapping, fields: FieldInfo[]): FieldInfo[] {
  const mapped = new Set(mapping.columns.flatMap((c) => (c.target.to === "field" ? [c.target.field] : [])));
  // Contacts accept a full name or an e-mail in place of first/last name.
  return fields.filter((f) => f.required && !mapped.has(f.key));
}

export function matchOptions(kind: ImportKind): { value: MatchBy; label: string }[] {
  switch (kind) {
    case "contacts":
      return [
        { value: "email", label: "E-mail" },
        { value: "phone", label: "Phone" },
        { value: "external_id", label: "ID from the other tool" },
      ];
    case "companies":
      return [
        { value: "domain", label: "Website domain (or name)" },
        { value: "external_id", label: "ID from the other tool" },
      ];
    case "deals":
      return [{ value: "external_id", label: "ID from the other tool" }];
    case "orders":
      return [{ value: "external_id", label: "Order number (imported before)" }];
    case "activities":
    case "survey_responses":
      return [];
  }
}

export function defaultMatchBy(kind: ImportKind): MatchBy[] {
  return matchOptions(kind).map((o) => o.value);
}

/** What undoing an import does, in words, for the confirmation. */
export function undoText(kind: ImportKind, c: ActionCounts): string {
  switch (kind) {
    case "orders":
      return `The orders from its ${formatNumber(c.create)} new rows are deleted with their lines and subscriptions, those from its ${formatNumber(c.update)} updated rows get their earlier values back, and purchase figures and lifecycle stages follow.`;
    case "survey_responses":
      return `Its ${formatNumber(c.create)} answers are deleted with the tickets and tasks they set off.`;
    default:
      return `The ${formatNumber(c.create)} records it created go to the trash and the ${formatNumber(c.update)} it updated get their earlier values back.`;
  }
}

/** Whether records of this kind can carry tags. */
export function takesTags(kind: ImportKind): boolean {
  return kind !== "orders" && kind !== "survey_responses";
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "12 new, 3 updates, 1 duplicate skipped, 2 rejected". */
export function countsText(c: ActionCounts): string {
  const parts = [
    c.create ? `${formatNumber(c.create)} new` : null,
    c.update ? plural(c.update, "update", "updates") : null,
    c.skip ? `${plural(c.skip, "duplicate", "duplicates")} skipped` : null,
    c.reject ? `${formatNumber(c.reject)} rejected` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing to import";
}

export function importable(c: ActionCounts): number {
  return c.create + c.update;
}

/** Progress 0–100 from bytes read. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}
