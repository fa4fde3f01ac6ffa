// Words and numbers for snapshots: why one was taken, its size, what it holds.
import type { Snapshot, SnapshotReason } from "../bindings";
import { formatNumber } from "../lib/numbers";

export const REASON_LABELS: Record<SnapshotReason, string> = {
  scheduled: "Automatic",
  manual: "Backed up by you",
  exit: "When Hearth closed",
  before_migration: "Before an update",
  before_restore: "Before a restore",
};

/** 3.1 MB, 812 KB, 1.2 GB. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

const count = (n: number | null, one: string, many: string) =>
  n === null ? null : `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "320 contacts · 60 companies · 54 deals" (parts the snapshot's schema lacks are left out). */
export function describeCounts(s: Snapshot): string {
  if (s.problem) return "Cannot be read";
  return [count(s.contacts, "contact", "contacts"), count(s.companies, "company", "companies"), count(s.deals, "deal", "deals")]
    .filter((x): x is string => x !== null)
    .join(" · ");
}
