// History in words: "Edited contact Anna Berg", field values as the rest of the app shows them.
import type { ActionKind, FieldChange, HistoryAction, HistoryChange } from "../bindings";
import { formatDateTime } from "../lib/dates";
import { formatMoney } from "../lib/money";
import { STAGE_LABELS, isStage } from "../lib/stages";

const NOUNS: Record<string, string> = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
  activities: "activity",
  pipelines: "pipeline",
  lead_sources: "lead source",
  lost_reasons: "lost reason",
  tags: "tag",
};

const VERBS: Record<ActionKind, string> = {
  create: "Created",
  update: "Edited",
  delete: "Deleted",
  restore: "Restored",
  stage_move: "Moved",
  merge: "Merged into",
  import: "Imported",
  bulk: "Changed",
  undo: "Undid a change to",
  erase: "Erased a contact's personal data",
};

/** One line for an action: "Edited contact Anna Berg". */
export function sentence(a: Pick<HistoryAction, "kind" | "entity" | "subject">): string {
  if (a.kind === "erase") return VERBS.erase;
  if (a.kind === "undo" && a.entity === "imports") return `Undid the import of ${a.subject}`;
  const noun = ["create", "update", "delete", "restore", "stage_move"].includes(a.kind) ? (NOUNS[a.entity ?? ""] ?? "") : "";
  return [VERBS[a.kind], noun, a.subject].filter((p) => p !== "").join(" ");
}

/** Where the record an action was about is shown in the app, if anywhere. */
export function recordLink(a: Pick<HistoryAction, "entity" | "record_id" | "kind">): string | null {
  if (!a.record_id || a.kind === "erase") return null;
  switch (a.entity) {
    case "contacts":
      return `/contacts/${a.record_id}`;
    case "companies":
      return `/companies/${a.record_id}`;
    case "deals":
      return `/deals/${a.record_id}`;
    default:
      return null;
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** A field's value as the app shows it elsewhere (money, dates, stages). */
export function showValue(f: Pick<FieldChange, "field">, value: string | null, change: Pick<HistoryChange, "currency">): string {
  if (value === null || value === "") return "–";
  if (f.field.endsWith("_minor") && change.currency) {
    const n = Number(value);
    if (Number.isFinite(n)) return formatMoney(n, change.currency);
  }
  if (f.field === "lifecycle_stage" && isStage(value)) return STAGE_LABELS[value];
  if (ISO.test(value)) return formatDateTime(value.replace(" ", "T"));
  return value;
}

export const CHANGE_VERBS: Record<HistoryChange["kind"], string> = {
  added: "Added",
  changed: "Changed",
  removed: "Removed",
};
