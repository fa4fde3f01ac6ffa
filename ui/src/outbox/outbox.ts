// The outbox in words: each status, what can be done to an e-mail in it, a run's report.
import type { FlushReport, OutboxAction, OutboxCount, OutboxStatus, RunReport } from "../bindings";

export const OUTBOX_STATUSES: OutboxStatus[] = ["queued", "held", "sending", "sent", "failed", "uncertain", "cancelled"];

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: "Queued",
  held: "Needs review",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  uncertain: "Uncertain",
  cancelled: "Cancelled",
};

export const OUTBOX_STATUS_COLORS: Record<OutboxStatus, string> = {
  queued: "blue",
  held: "yellow",
  sending: "cyan",
  sent: "green",
  failed: "red",
  uncertain: "orange",
  cancelled: "gray",
};

/** What each status means, for a tooltip or the message's page. */
export const OUTBOX_STATUS_HINTS: Record<OutboxStatus, string> = {
  queued: "Waiting for its time (your sending rules, the sequence's window) and the network.",
  held: "A merge field had no value for this contact: read it, then send it anyway or cancel it.",
  sending: "Going out now.",
  sent: "The mail server accepted it.",
  failed: "The mail server refused it for good, or it was given up after many tries.",
  uncertain:
    "Hearth stopped while sending this e-mail, so it may or may not have gone out. Look in your mail program's Sent folder: if it is there, mark it as sent; if not, send it again.",
  cancelled: "It will not be sent.",
};

export const ACTION_LABELS: Record<OutboxAction, string> = {
  cancel: "Cancel",
  send_anyway: "Send anyway",
  retry: "Send again",
  mark_sent: "Mark as sent",
};

/** The actions the back end accepts for an e-mail in this status, in the order shown. */
export function outboxActions(status: OutboxStatus): OutboxAction[] {
  switch (status) {
    case "queued":
      return ["cancel"];
    case "held":
      return ["send_anyway", "cancel"];
    case "failed":
      return ["retry"];
    case "uncertain":
      return ["mark_sent", "retry"];
    default:
      return [];
  }
}

export function countOf(counts: OutboxCount[], status: OutboxStatus | null): number {
  if (status === null) return counts.reduce((n, c) => n + c.count, 0);
  return counts.find((c) => c.status === status)?.count ?? 0;
}

/** "3 sent · 1 to try again later", or "Nothing to send right now." */
export function flushWords(f: FlushReport): string {
  const parts: string[] = [];
  if (f.sent) parts.push(`${f.sent} sent`);
  if (f.retrying) parts.push(`${f.retrying} to try again later`);
  if (f.failed) parts.push(`${f.failed} failed`);
  if (f.cancelled) parts.push(`${f.cancelled} not sent (no longer to be contacted)`);
  if (f.uncertain) parts.push(`${f.uncertain} uncertain`);
  return parts.length ? parts.join(" · ") : "Nothing was due to go out right now.";
}

/** What a schedule run did besides sending, in words (empty when nothing). */
export function tickWords(r: RunReport): string {
  const t = r.tick;
  const parts: string[] = [];
  if (t.enrolled) parts.push(`${t.enrolled} enrolled by triggers`);
  if (t.emails_queued) parts.push(`${t.emails_queued} e-mails queued`);
  if (t.emails_held) parts.push(`${t.emails_held} held for review`);
  if (t.steps_due) parts.push(`${t.steps_due} calls or tasks now on Today`);
  if (t.exited) parts.push(`${t.exited} left their sequence`);
  if (t.finished) parts.push(`${t.finished} finished`);
  return parts.join(" · ");
}
